"""Rebuilds the float MobileNetV2 that the ONNX model zoo quantised to int8, as a torchvision module.

The int8 file is the only ImageNet MobileNetV2 this machine has. Its 52 QLinearConv nodes appear in the same
order as torchvision's conv layers; batch norm is already folded into each conv, so every BatchNorm2d becomes
an identity and every conv gets the folded bias. Weights are dequantised as (q - zero_point) * scale.
"""
import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper
from torchvision.models import mobilenet_v2


def _initializers(model):
    return {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


def _dequantised_convs(path):
    model = onnx.load(path)
    init = _initializers(model)
    convs = []
    for node in model.graph.node:
        if node.op_type != "QLinearConv":
            continue
        x_scale = init[node.input[1]].astype(np.float64)
        w_q, w_scale, w_zp = init[node.input[3]], init[node.input[4]], init[node.input[5]]
        w_scale = w_scale.astype(np.float64).reshape(-1, *([1] * (w_q.ndim - 1)))
        w_zp = w_zp.astype(np.float64).reshape(-1, *([1] * (w_q.ndim - 1)))
        weight = (w_q.astype(np.float64) - w_zp) * w_scale
        bias = None
        if len(node.input) > 8:
            b_q = init[node.input[8]].astype(np.float64)
            bias = b_q * x_scale * w_scale.reshape(-1)
        group = next((a.i for a in node.attribute if a.name == "group"), 1)
        convs.append((weight.astype(np.float32), None if bias is None else bias.astype(np.float32), group))
    matmul = next(n for n in model.graph.node if n.op_type == "QLinearMatMul")
    return convs, (model, init, matmul)


def _fold_batch_norms(module):
    for name, child in module.named_children():
        if isinstance(child, nn.BatchNorm2d):
            setattr(module, name, nn.Identity())
        else:
            _fold_batch_norms(child)


def imagenet_mobilenet_v2(onnx_path):
    """torchvision's MobileNetV2 (BN folded, so no BatchNorm layers) carrying the int8 file's weights."""
    net = mobilenet_v2(weights=None)
    _fold_batch_norms(net)
    convs = [m for m in net.features.modules() if isinstance(m, nn.Conv2d)]
    quantised, _ = _dequantised_convs(onnx_path)
    if len(convs) != len(quantised):
        raise ValueError(f"{len(quantised)} convs in the ONNX file, {len(convs)} in torchvision's MobileNetV2")
    for conv, (weight, bias, group) in zip(convs, quantised):
        if tuple(conv.weight.shape) != weight.shape or conv.groups != group:
            raise ValueError(f"shape mismatch: {tuple(conv.weight.shape)} vs {weight.shape}")
        conv.weight.data = torch.from_numpy(weight)
        conv.bias = nn.Parameter(torch.from_numpy(bias if bias is not None else np.zeros(weight.shape[0], np.float32)))
    return net
