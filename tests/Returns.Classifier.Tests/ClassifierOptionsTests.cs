namespace Returns.Classifier.Tests;

public sealed class ClassifierOptionsTests
{
    [Fact]
    public void Unset_intra_op_threads_share_the_cores_this_process_may_use_among_concurrent_batches_and_a_set_value_is_kept()
    {
        Assert.Equal(Environment.ProcessorCount, new ClassifierOptions { ConcurrentBatches = 1 }.EffectiveIntraOpThreads);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), new ClassifierOptions { ConcurrentBatches = 2 }.EffectiveIntraOpThreads);
        Assert.Equal(1, new ClassifierOptions { ConcurrentBatches = Environment.ProcessorCount + 1 }.EffectiveIntraOpThreads);
        Assert.Equal(3, new ClassifierOptions { IntraOpThreads = 3 }.EffectiveIntraOpThreads);
    }
}
