using MassTransit;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The registry consumer on the test harness, with the real models: which slot each action moves, and that an
/// action it does not know, a late redelivery or a version it cannot load never changes what it serves.</summary>
public sealed class ModelRegistryChangedConsumerTests : IAsyncLifetime
{
    private readonly ClassifierHarness classifier = new();

    public async ValueTask InitializeAsync() => await classifier.StartAsync();

    public ValueTask DisposeAsync() => classifier.DisposeAsync();

    [Fact]
    public async Task A_promotion_swaps_production_and_a_rollback_swaps_it_back()
    {
        await PublishAsync(classifier.Change(ModelRegistryAction.Promote, ModelsCopy.Previous));
        Assert.Equal(ModelsCopy.Previous, classifier.Served.Production.Identity?.Version);

        await PublishAsync(classifier.Change(ModelRegistryAction.Rollback, ModelsCopy.Production));
        Assert.Equal(ModelsCopy.Production, classifier.Served.Production.Identity?.Version);
        Assert.Null(classifier.Served.Shadow.Identity);
    }

    [Fact]
    public async Task A_shadow_change_fills_the_shadow_slot_and_its_end_empties_it_without_touching_production()
    {
        await PublishAsync(classifier.Change(ModelRegistryAction.Shadow, ModelsCopy.Previous));
        Assert.Equal(ModelsCopy.Previous, classifier.Served.Shadow.Identity?.Version);

        await PublishAsync(classifier.Change(ModelRegistryAction.EndShadow, ModelsCopy.Previous));
        Assert.Null(classifier.Served.Shadow.Identity);
        Assert.Equal(ModelsCopy.Production, classifier.Served.Production.Identity?.Version);
    }

    [Fact]
    public async Task A_change_ordered_before_the_last_one_applied_is_a_late_redelivery_and_changes_nothing()
    {
        var late = classifier.Change(ModelRegistryAction.Rollback, ModelsCopy.Production);
        await PublishAsync(classifier.Change(ModelRegistryAction.Promote, ModelsCopy.Previous) with { At = late.At.AddMinutes(1) });

        await PublishAsync(late);

        Assert.Equal(ModelsCopy.Previous, classifier.Served.Production.Identity?.Version);
    }

    [Fact]
    public async Task An_action_the_contract_does_not_list_is_refused_with_its_reason_and_never_taken_for_a_promotion()
    {
        var unknown = classifier.Change((ModelRegistryAction)42, ModelsCopy.Previous);

        await classifier.Harness.Bus.Publish(unknown, TestContext.Current.CancellationToken);

        Assert.True(await classifier.Harness.Published.Any<Fault<ModelRegistryChanged>>(TestContext.Current.CancellationToken));
        var refused = classifier.Harness.Consumed.Select<ModelRegistryChanged>().Single();
        Assert.Contains("not a registry action", refused.Exception?.Message);
        Assert.Equal(ModelsCopy.Production, classifier.Served.Production.Identity?.Version);
    }

    [Fact]
    public async Task A_version_whose_file_is_not_the_one_its_card_names_is_refused_and_production_goes_on()
    {
        await PublishAsync(classifier.Change(ModelRegistryAction.Promote, ModelsCopy.Previous) with { Sha256 = new string('a', 64) });

        Assert.Equal(ModelsCopy.Production, classifier.Served.Production.Identity?.Version);
        Assert.Equal(ModelsCopy.Previous, classifier.Served.Production.Refused?.Version);
    }

    private async Task PublishAsync(ModelRegistryChanged change)
    {
        var consumed = classifier.Harness.Consumed.Select<ModelRegistryChanged>().Count();
        await classifier.Harness.Bus.Publish(change, TestContext.Current.CancellationToken);
        await ClassifierHarness.UntilAsync(() => classifier.Harness.Consumed.Select<ModelRegistryChanged>().Count() > consumed, "the change to be consumed");
        Assert.Null(classifier.Harness.Consumed.Select<ModelRegistryChanged>().Last().Exception);
    }
}
