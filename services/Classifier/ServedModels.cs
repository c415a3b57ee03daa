namespace Returns.Classifier;

/// <summary>What this worker serves: production, and the candidate in shadow if any, each in its own slot.</summary>
public sealed class ServedModels(ModelSlot production, ModelSlot shadow) : IDisposable
{
    public ModelSlot Production { get; } = production;
    public ModelSlot Shadow { get; } = shadow;

    public void Dispose()
    {
        Production.Dispose();
        Shadow.Dispose();
    }
}
