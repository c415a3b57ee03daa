using Microsoft.Extensions.Diagnostics.HealthChecks;
using Returns.Classifier.Inference;

namespace Returns.Classifier;

/// <summary>Ready once the ONNX session is loaded (resolving the classifier loads it and checks the file's hash).</summary>
public sealed class ModelHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var model = ((ImageClassifier)services.GetService(typeof(ImageClassifier))!).Identity;
            return Task.FromResult(HealthCheckResult.Healthy($"{model.Name} {model.Version} loaded"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the model could not be loaded", e));
        }
    }
}
