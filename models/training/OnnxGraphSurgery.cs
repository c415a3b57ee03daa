using System.Runtime.InteropServices;
using Google.Protobuf;
using Returns.Training.Onnx;

namespace Returns.Training;

/// <summary>
/// Cuts the ImageNet classifier off the int8 MobileNetV2 and exposes its pooled 1280-d features as float,
/// then appends the trained head. The backbone's tail is
/// QLinearGlobalAveragePool → Reshape → QLinearMatMul → QLinearAdd → DequantizeLinear(output).
/// </summary>
public static class OnnxGraphSurgery
{
    public const string FeaturesName = "features";
    private const string PooledQuantized = "472_quantized";
    private const string PooledScale = "464_scale";
    private const string PooledZeroPoint = "464_zero_point";

    public static ModelProto FeatureExtractor(byte[] backbone)
    {
        var model = ModelProto.Parser.ParseFrom(backbone);
        var graph = model.Graph;
        if (!graph.Node.Any(n => n.Output.Contains(PooledQuantized)))
            throw new InvalidDataException($"backbone has no '{PooledQuantized}' tensor: not the expected MobileNetV2-12-int8");

        var imagenetOutput = graph.Output.Single().Name;
        var dropped = graph.Node
            .Where(n => n.Input.Any(IsImageNetClassifier) || n.Output.Contains(imagenetOutput))
            .ToList();
        foreach (var node in dropped)
            graph.Node.Remove(node);
        var consumed = graph.Node.SelectMany(n => n.Input).ToHashSet();
        var unused = graph.Initializer.Where(t => !consumed.Contains(t.Name)).ToList();
        foreach (var tensor in unused)
            graph.Initializer.Remove(tensor);

        // The backbone is fully convolutional: free the spatial input size, and drop shape hints computed for 224.
        FreeSpatialInput(graph);

        graph.Node.Add(Node("DequantizeLinear", "dequantize_features", [PooledQuantized, PooledScale, PooledZeroPoint], [FeaturesName]));
        graph.Output.Clear();
        graph.Output.Add(FloatOutput(FeaturesName, 1280));
        return model;
    }

    public const string TrunkName = "trunk";

    /// <summary>
    /// Keeps the int8 backbone up to the output of torchvision's <c>features[lastBlock]</c> and exposes it as float
    /// [N,C,h,w]; the blocks after it are fine-tuned in float and appended back. A block is its QLinearConv nodes
    /// (1 for features[0] and [18], 2 for [1], 3 for the others) plus the QLinearAdd of its residual, if any.
    /// </summary>
    public static ModelProto Trunk(byte[] backbone, int lastBlock)
    {
        var model = ModelProto.Parser.ParseFrom(backbone);
        var graph = model.Graph;
        var convs = graph.Node.Where(n => n.OpType == "QLinearConv").ToList();
        var lastConv = convs[(lastBlock == 0 ? 1 : 3 * lastBlock) - 1];
        var residual = graph.Node.SingleOrDefault(n => n.OpType == "QLinearAdd" && n.Input.Contains(lastConv.Output[0]));
        // QLinearConv: (x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp); QLinearAdd: (a, a_s, a_zp, b, b_s, b_zp, c_s, c_zp)
        var (output, scale, zeroPoint) = residual is null
            ? (lastConv.Output[0], lastConv.Input[6], lastConv.Input[7])
            : (residual.Output[0], residual.Input[6], residual.Input[7]);

        var needed = new HashSet<string> { output };
        var kept = new List<NodeProto>();
        foreach (var node in graph.Node.Reverse())
        {
            if (!node.Output.Any(needed.Contains))
                continue;
            kept.Add(node);
            needed.UnionWith(node.Input);
        }
        kept.Reverse();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        var unused = graph.Initializer.Where(t => !needed.Contains(t.Name)).ToList();
        foreach (var tensor in unused)
            graph.Initializer.Remove(tensor);
        FreeSpatialInput(graph);
        graph.Node.Add(Node("DequantizeLinear", "dequantize_trunk", [output, scale, zeroPoint], [TrunkName]));
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto { Name = TrunkName, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        return model;
    }

    private static void FreeSpatialInput(GraphProto graph)
    {
        var inputDims = graph.Input.Single(i => i.Name == "input").Type.TensorType.Shape.Dim;
        inputDims[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
        inputDims[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
        graph.ValueInfo.Clear();
    }

    private static bool IsImageNetClassifier(string tensor) => tensor.StartsWith("classifier.", StringComparison.Ordinal);

    /// <summary>Appends probabilities = Softmax(features · Wᵀ + b) to the feature extractor.</summary>
    public static ModelProto WithLinearHead(ModelProto featureExtractor, float[] weights, float[] bias, string outputName)
    {
        var model = featureExtractor.Clone();
        var graph = model.Graph;
        var classes = bias.Length;
        var features = weights.Length / classes;
        graph.Initializer.Add(FloatTensor("head.weight", [classes, features], weights));
        graph.Initializer.Add(FloatTensor("head.bias", [classes], bias));
        graph.Node.Add(Node("Gemm", "head_gemm", [FeaturesName, "head.weight", "head.bias"], ["logits"],
            new AttributeProto { Name = "transB", I = 1, Type = 2 }));
        graph.Node.Add(Node("Softmax", "head_softmax", ["logits"], [outputName],
            new AttributeProto { Name = "axis", I = 1, Type = 2 }));
        graph.Output.Clear();
        graph.Output.Add(FloatOutput(outputName, classes));
        return model;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name, Domain = "" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = 1, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static ValueInfoProto FloatOutput(string name, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } },
        };
    }
}
