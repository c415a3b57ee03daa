using MassTransit;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The shadow's consumer on the test harness, with the real models: with a candidate in shadow every usable copy
/// gets a shadow outcome from the candidate beside production's; without one the copies are dropped.</summary>
public sealed class ShadowImageReceivedConsumerTests
{
    [Fact]
    public async Task With_a_candidate_in_shadow_each_image_gets_its_shadow_outcome_from_the_candidate_and_its_outcome_from_production()
    {
        await using var classifier = new ClassifierHarness(registry => registry.SetShadow(ModelsCopy.Previous, "tests", "try it", DateTimeOffset.UtcNow));
        await classifier.StartAsync();
        var images = new[] { await classifier.ReceivedAsync(0), await classifier.ReceivedAsync(1) };

        foreach (var image in images)
            await classifier.Harness.Bus.Publish(image, TestContext.Current.CancellationToken);

        await ClassifierHarness.UntilAsync(() => classifier.Harness.Published.Select<ImageShadowClassified>().Count() == 2
            && classifier.Harness.Published.Select<ImageClassified>().Count() == 2, "two shadow outcomes and two outcomes");
        var shadow = classifier.Harness.Published.Select<ImageShadowClassified>().Select(m => m.Context.Message).ToArray();
        Assert.Equal(images.Select(i => i.ImageId).Order(), shadow.Select(s => s.ImageId).Order());
        Assert.All(shadow, s => Assert.Equal(ModelsCopy.Previous, s.Model.Version));
        Assert.All(classifier.Harness.Published.Select<ImageClassified>(), c => Assert.Equal(ModelsCopy.Production, c.Context.Message.Model.Version));
    }

    [Fact]
    public async Task An_image_whose_bytes_are_gone_is_left_out_of_the_shadow_and_rejected_by_production_alone()
    {
        await using var classifier = new ClassifierHarness(registry => registry.SetShadow(ModelsCopy.Previous, "tests", "try it", DateTimeOffset.UtcNow));
        await classifier.StartAsync();
        var kept = await classifier.ReceivedAsync(0);
        var gone = await classifier.ReceivedAsync(1) with { ImageId = new string('d', 64), Image = new Images.ClaimCheck.ClaimCheckReference(new string('d', 64)) };

        await classifier.Harness.Bus.Publish(kept, TestContext.Current.CancellationToken);
        await classifier.Harness.Bus.Publish(gone, TestContext.Current.CancellationToken);

        await ClassifierHarness.UntilAsync(() => classifier.Harness.Published.Select<ImageRejected>().Any()
            && classifier.Harness.Published.Select<ImageShadowClassified>().Any(), "production's rejection and the shadow's outcome");
        await Task.Delay(1500, TestContext.Current.CancellationToken); // longer than a batch waits: a second shadow outcome would be here
        Assert.Equal(kept.ImageId, classifier.Harness.Published.Select<ImageShadowClassified>().Single().Context.Message.ImageId);
        Assert.Equal(gone.ImageId, classifier.Harness.Published.Select<ImageRejected>().Single().Context.Message.ImageId);
        Assert.False(classifier.Harness.Published.Select<Fault>().Any());
    }

    [Fact]
    public async Task Without_a_candidate_in_shadow_the_copies_are_acknowledged_and_dropped()
    {
        await using var classifier = new ClassifierHarness();
        await classifier.StartAsync();

        await classifier.Harness.Bus.Publish(await classifier.ReceivedAsync(0), TestContext.Current.CancellationToken);

        await ClassifierHarness.UntilAsync(() => classifier.Harness.Published.Select<ImageClassified>().Any(), "production's outcome");
        await Task.Delay(1500, TestContext.Current.CancellationToken); // longer than a batch waits
        Assert.Empty(classifier.Harness.Published.Select<ImageShadowClassified>());
        Assert.False(classifier.Harness.Published.Select<Fault>().Any());
    }
}
