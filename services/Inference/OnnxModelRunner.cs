using Microsoft.ML.OnnxRuntime;
using Returns.Models;

namespace Returns.Inference;

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

    /// <summary>Loads the model a card describes and checks that the graph takes the card's input and gives its output.</summary>
    /// <exception cref="ModelUnavailableException">The file is not a model ONNX Runtime can load, or its shapes are not the card's.</exception>
    public static OnnxModelRunner Load(ModelCard card, string modelPath, int intraOpThreads = 0)
    {
        OnnxModelRunner runner;
        try
        {
            runner = new OnnxModelRunner(File.ReadAllBytes(modelPath), card.Input.Name, card.OutputName,
                [3, card.Input.Height, card.Input.Width], intraOpThreads);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelUnavailableException(card.Version, $"ONNX Runtime cannot load {modelPath}: {e.Message}");
        }
        if ((runner.ShapeMismatch(card) ?? runner.ProbeMismatch(card)) is { } mismatch)
        {
            runner.Dispose();
            throw new ModelUnavailableException(card.Version, mismatch);
        }
        return runner;
    }

    private string? ShapeMismatch(ModelCard card)
    {
        if (!session.InputMetadata.TryGetValue(inputName, out var input))
            return $"the graph has no input '{inputName}' (it has {string.Join(", ", session.InputMetadata.Keys)})";
        if (!session.OutputMetadata.ContainsKey(outputNames[0]))
            return $"the graph has no output '{outputNames[0]}'";
        var dimensions = input.Dimensions;
        // The batch dimension is dynamic; each other one is dynamic (-1) or the card's [3, H, W].
        return dimensions.Length == 4 && dimensions.Skip(1).Zip(sampleShape).All(d => d.First < 0 || d.First == d.Second)
            ? null
            : $"the graph's input is [{string.Join(", ", dimensions)}], the card says [N, {string.Join(", ", sampleShape)}]";
    }

    /// <summary>One blank sample through the graph: it must run and give one score per label of the card.</summary>
    private string? ProbeMismatch(ModelCard card)
    {
        try
        {
            Run(new float[card.Input.TensorLength], 1, out var width);
            return width == card.Labels.Count ? null : $"the graph gives {width} scores, the card names {card.Labels.Count} labels";
        }
        catch (OnnxRuntimeException e)
        {
            return $"the graph does not run on the card's input [1, 3, {card.Input.Height}, {card.Input.Width}]: {e.Message}";
        }
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
