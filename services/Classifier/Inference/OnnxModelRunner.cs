using Microsoft.ML.OnnxRuntime;

namespace Returns.Classifier.Inference;

/// <summary>Owns one long-lived ONNX Runtime session; Run is thread-safe, as the session is.</summary>
public sealed class OnnxModelRunner : IDisposable
{
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly string[] outputNames;
    private readonly long[] sampleShape;

    public OnnxModelRunner(byte[] model, string inputName, string outputName, long[] sampleShape, int intraOpThreads = 0)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        session = new InferenceSession(model, options);
        this.inputName = inputName;
        outputNames = [outputName];
        this.sampleShape = sampleShape;
    }

    /// <summary>Runs <paramref name="count"/> samples laid out back to back in <paramref name="input"/> and returns
    /// the output, <c>count × outputWidth</c> floats.</summary>
    public float[] Run(float[] input, int count, out int outputWidth) => Run(input, count, out outputWidth, out _);

    public float[] Run(float[] input, int count, out int outputWidth, out long[] outputShape)
    {
        long[] shape = [count, .. sampleShape];
        var sampleLength = (int)sampleShape.Aggregate(1L, (a, b) => a * b);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            input.AsMemory(0, count * sampleLength), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [inputValue], outputNames);
        var output = outputs[0];
        outputShape = output.GetTensorTypeAndShape().Shape;
        outputWidth = (int)outputShape[^1];
        return output.GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
