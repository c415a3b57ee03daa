using Returns.Training.Onnx;

namespace Returns.Training;

/// <summary>Cuts the int8 MobileNetV2 into the frozen trunk that serving keeps in int8 and fine-tuning builds on.</summary>
public static class OnnxGraphSurgery
{
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

        // The backbone is fully convolutional: free the spatial input size, and drop shape hints computed for 224.
        var inputDims = graph.Input.Single(i => i.Name == "input").Type.TensorType.Shape.Dim;
        inputDims[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
        inputDims[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
        graph.ValueInfo.Clear();

        graph.Node.Add(Node("DequantizeLinear", "dequantize_trunk", [output, scale, zeroPoint], [TrunkName]));
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto { Name = TrunkName, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        return model;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = op, Name = name, Domain = "" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
