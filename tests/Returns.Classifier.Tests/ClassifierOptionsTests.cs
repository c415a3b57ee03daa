namespace Returns.Classifier.Tests;

public sealed class ClassifierOptionsTests
{
    [Fact]
    public void Unset_intra_op_threads_are_one_per_core_this_process_may_use_and_a_set_value_is_kept()
    {
        Assert.Equal(Environment.ProcessorCount, new ClassifierOptions().EffectiveIntraOpThreads);
        Assert.Equal(3, new ClassifierOptions { IntraOpThreads = 3 }.EffectiveIntraOpThreads);
    }
}
