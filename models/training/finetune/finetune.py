"""Step 2 of training: fine-tune the last MobileNetV2 blocks and a new head on the frozen trunk's feature maps.

Reads what `extract` wrote (manifest.json, fit.npy, validation.npy, parity.npy, trunk.onnx), trains in float
with PyTorch (seeded, CPU), fits a temperature on the held-out part, and writes:
  model.onnx      the int8 trunk + the fine-tuned float tail, output `probabilities` = softmax(logits / T)
  training.json   held-out figures (accuracy, calibration before/after, risk-coverage, review threshold) and the
                  parity probabilities that serving must reproduce
"""
import argparse
import json
import math
import random
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import compose, helper, numpy_helper

from backbone import imagenet_mobilenet_v2
from calibration import expected_calibration_error, fit_temperature, risk_coverage, threshold_for_accuracy


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True, help="the folder `extract` wrote")
    p.add_argument("--backbone", required=True, help="the int8 ImageNet MobileNetV2 the tail's weights start from")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=5e-4, help="AdamW learning rate of the tail (the new head gets 4x)")
    p.add_argument("--weight-decay", type=float, default=0.05)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--target-accuracy", type=float, default=0.97, help="accuracy wanted on what staff do not review")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args()


def seed_everything(seed, threads):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)


class Tail(nn.Module):
    """torchvision features[first:] of MobileNetV2, global average pooling and a new linear head."""

    def __init__(self, backbone_path, first_block, classes, dropout):
        super().__init__()
        net = imagenet_mobilenet_v2(backbone_path)
        self.blocks = nn.Sequential(*net.features[first_block:])
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(1280, classes))

    def forward(self, maps):
        return self.head(self.blocks(maps).mean((2, 3)))


def train(tail, maps, labels, views, args):
    head_params = list(tail.head.parameters())
    optimizer = torch.optim.AdamW([
        {"params": tail.blocks.parameters(), "lr": args.lr},
        {"params": head_params, "lr": args.lr * 4},
    ], weight_decay=args.weight_decay)
    images = len(labels)
    steps_per_epoch = math.ceil(images * views / args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=[args.lr, args.lr * 4], total_steps=args.epochs * steps_per_epoch, pct_start=0.15)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    generator = torch.Generator().manual_seed(args.seed)
    targets = torch.from_numpy(np.repeat(labels, views)).long()
    for epoch in range(args.epochs):
        tail.train()
        started, total, correct, seen = time.time(), 0.0, 0, 0
        for batch in torch.randperm(images * views, generator=generator).split(args.batch):
            x = torch.from_numpy(maps[batch.numpy()].astype(np.float32))
            y = targets[batch]
            optimizer.zero_grad()
            logits = tail(x)
            loss = loss_fn(logits, y)
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(y)
        yield epoch, total / seen, correct / seen, time.time() - started


def logits_of(tail, maps, batch=128):
    tail.eval()
    with torch.no_grad():
        return torch.cat([tail(torch.from_numpy(maps[i:i + batch].astype(np.float32))) for i in range(0, len(maps), batch)]).numpy()


def softmax(logits, temperature=1.0):
    z = logits / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def export(tail, work, maps_shape, temperature, path):
    tail.eval()
    tail_path = f"{work}/tail.onnx"
    torch.onnx.export(tail, torch.zeros(1, *maps_shape[1:]), tail_path, input_names=["tail_in"], output_names=["logits"],
                      dynamic_axes={"tail_in": {0: "N", 2: "h", 3: "w"}, "logits": {0: "N"}}, opset_version=12)
    trunk = onnx.load(f"{work}/trunk.onnx")
    tail_model = onnx.load(tail_path)
    tail_model.ir_version = trunk.ir_version
    merged = compose.merge_models(trunk, tail_model, io_map=[("trunk", "tail_in")])
    graph = merged.graph
    graph.initializer.append(numpy_helper.from_array(np.array(temperature, dtype=np.float32), "temperature"))
    graph.node.append(helper.make_node("Div", ["logits", "temperature"], ["calibrated_logits"], name="calibrate"))
    graph.node.append(helper.make_node("Softmax", ["calibrated_logits"], ["probabilities"], name="softmax", axis=1))
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("probabilities", onnx.TensorProto.FLOAT, ["N", tail.head[1].out_features]))
    onnx.checker.check_model(merged)
    onnx.save(merged, path)


def main():
    args = parse_args()
    seed_everything(args.seed, args.threads)
    started = time.time()
    manifest = json.load(open(f"{args.work}/manifest.json"))
    fit = np.load(f"{args.work}/fit.npy")
    validation = np.load(f"{args.work}/validation.npy")
    parity = np.load(f"{args.work}/parity.npy")
    fit_labels = np.array(manifest["fitLabels"])
    validation_labels = np.array(manifest["validationLabels"])
    views = manifest["viewsPerImage"]
    classes = len(manifest["labels"])
    print(f"fit {fit.shape} ({views} views of {len(fit_labels)} photos), held out {validation.shape}", flush=True)

    tail = Tail(args.backbone, manifest["trunkBlock"] + 1, classes, args.dropout)
    curve = []
    for epoch, loss, accuracy, seconds in train(tail, fit, fit_labels, views, args):
        held_out = float((logits_of(tail, validation).argmax(1) == validation_labels).mean())
        curve.append({"epoch": epoch + 1, "loss": round(loss, 4), "fitAccuracy": round(accuracy, 4), "heldOutAccuracy": round(held_out, 4)})
        print(f"epoch {epoch + 1}: loss {loss:.4f}, fit {accuracy:.2%}, held out {held_out:.2%} ({seconds:.0f} s)", flush=True)

    logits = logits_of(tail, validation)
    temperature = fit_temperature(logits, validation_labels)
    before, after = softmax(logits), softmax(logits, temperature)
    correct = after.argmax(1) == validation_labels
    threshold = threshold_for_accuracy(after.max(1), correct, args.target_accuracy)
    export(tail, args.work, fit.shape, temperature, f"{args.work}/model.onnx")

    parity_probabilities = softmax(logits_of(tail, parity), temperature)
    result = {
        "heldOut": {
            "images": int(len(validation_labels)),
            "accuracy": round(float(correct.mean()), 4),
            "temperature": round(float(temperature), 4),
            "calibrationErrorBefore": round(expected_calibration_error(before.max(1), before.argmax(1) == validation_labels), 4),
            "calibrationErrorAfter": round(expected_calibration_error(after.max(1), correct), 4),
            "targetAccuracy": args.target_accuracy,
            "reviewThreshold": round(float(threshold), 4),
            "reviewCoverage": round(float((after.max(1) >= threshold).mean()), 4),
            "reviewAccuracy": round(float(correct[after.max(1) >= threshold].mean()), 4),
            "riskCoverage": risk_coverage(after.max(1), correct),
            "curve": curve,
        },
        "hyperparameters": {k: str(v) for k, v in vars(args).items() if k not in ("work", "backbone", "threads")},
        "tail": f"MobileNetV2 features[{manifest['trunkBlock'] + 1}:] fine-tuned in float from the dequantised int8 weights, "
                f"global average pooling, dropout {args.dropout}, Linear(1280→{classes}); temperature {temperature:.3f}",
        "parity": [{"file": f, "probabilities": [round(float(p), 6) for p in row]} for f, row in zip(manifest["parity"], parity_probabilities)],
        "seconds": round(time.time() - started, 1),
    }
    json.dump(result, open(f"{args.work}/training.json", "w"), indent=2)
    print(f"held out: accuracy {correct.mean():.2%}, T={temperature:.3f}, ECE {result['heldOut']['calibrationErrorBefore']:.3f} -> "
          f"{result['heldOut']['calibrationErrorAfter']:.3f}, threshold {threshold:.3f} for {args.target_accuracy:.0%}", flush=True)


if __name__ == "__main__":
    main()
