"""Step 2 of training: fine-tune the whole MobileNetV2 in float, cross-fitted, and export a float ONNX graph.

Reads what `extract` wrote (manifest.json, fit.npy: augmented views of every train photo through the serving
preprocessor, view 0 being exactly what serving feeds; parity.npy), then:
  1. k-fold over the photos (stratified, seeded): a model per fold, trained the same way on the other folds, scores
     the fold it never saw. Together they give an out-of-fold prediction for every train photo;
  2. the temperature and the review threshold are fitted on those out-of-fold predictions (all of train, not one
     small split), the way scikit-learn's CalibratedClassifierCV(ensemble=False) calibrates;
  3. the model that ships is trained the same way on every photo and exported in float: no int8 kernel, so every
     x86-64 processor computes the same probabilities.
Writes model.onnx (output `probabilities` = softmax(logits / T)) and training.json. A rerun with the same --work
resumes: each fold's predictions and the final weights are kept as they finish.
"""
import argparse
import json
import os
import random
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import helper, numpy_helper

from backbone import imagenet_mobilenet_v2
from calibration import expected_calibration_error, fit_temperature, risk_coverage, threshold_for_accuracy


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True, help="the folder `extract` wrote")
    p.add_argument("--backbone", required=True, help="the int8 ImageNet MobileNetV2 whose dequantised weights training starts from")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--folds", type=int, default=5, help="k of the k-fold that gives every train photo an out-of-fold prediction")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-4, help="AdamW peak learning rate of the pretrained blocks (the new head gets 10x)")
    p.add_argument("--weight-decay", type=float, default=0.05)
    p.add_argument("--label-smoothing", type=float, default=0.0, help="0: smoothing blurs which predictions are safe to accept unreviewed")
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--jitter", type=float, default=0.15, help="random brightness and contrast change, as a fraction")
    p.add_argument("--target-accuracy", type=float, default=0.97, help="accuracy wanted on what staff do not review")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args()


def seed_everything(seed, threads):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)


class Classifier(nn.Module):
    """torchvision's MobileNetV2 features carrying the zoo's dequantised weights, global average pooling, a new head."""

    def __init__(self, backbone_path, classes, dropout):
        super().__init__()
        self.features = imagenet_mobilenet_v2(backbone_path).features
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(1280, classes))

    def forward(self, images):
        return self.head(self.features(images).mean((2, 3)))


class Views:
    """fit.npy as photos × views: view 0 is the whole photo as serving sees it, the others are augmented."""

    def __init__(self, path, views, jitter):
        self.data = np.load(path, mmap_mode="r")
        self.views = views
        self.jitter = jitter

    def whole(self, photos):
        return torch.from_numpy(self.data[np.asarray(photos) * self.views].astype(np.float32))

    def augmented(self, photos, generator):
        picks = torch.randint(0, self.views, (len(photos),), generator=generator).numpy()
        rows = np.asarray(photos) * self.views + picks
        order = np.argsort(rows)  # memory-mapped reads in file order
        x = torch.empty((len(rows), *self.data.shape[1:]), dtype=torch.float32)
        x[torch.from_numpy(order)] = torch.from_numpy(self.data[rows[order]].astype(np.float32))
        if self.jitter > 0:
            n = len(rows)
            contrast = 1 + (torch.rand(n, 1, 1, 1, generator=generator) * 2 - 1) * self.jitter
            brightness = (torch.rand(n, 1, 1, 1, generator=generator) * 2 - 1) * self.jitter * 2
            x = x * contrast + brightness
        return x


def train(views, photos, labels, args, seed, on_epoch=None):
    """Trains a fresh classifier on `photos`; on_epoch(epoch, model) is called after each epoch."""
    torch.manual_seed(seed)
    model = Classifier(args.backbone, int(labels.max()) + 1, args.dropout).to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW([
        {"params": model.features.parameters(), "lr": args.lr},
        {"params": model.head.parameters(), "lr": args.lr * 10},
    ], weight_decay=args.weight_decay)
    steps = args.epochs * -(-len(photos) // args.batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[args.lr, args.lr * 10], total_steps=steps, pct_start=0.2)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    generator = torch.Generator().manual_seed(seed)
    photos = np.asarray(photos)
    targets = torch.from_numpy(labels).long()
    for epoch in range(args.epochs):
        model.train()
        started, total, correct, seen = time.time(), 0.0, 0, 0
        for batch in torch.randperm(len(photos), generator=generator).split(args.batch):
            chosen = photos[batch.numpy()]
            x = views.augmented(chosen, generator).contiguous(memory_format=torch.channels_last)
            y = targets[chosen]
            optimizer.zero_grad()
            logits = model(x)
            loss = loss_fn(logits, y)
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(y)
        line = f"  epoch {epoch + 1}: loss {total / seen:.4f}, fit {correct / seen:.2%} ({time.time() - started:.0f} s, {seen / (time.time() - started):.1f} photos/s)"
        if on_epoch:
            line += on_epoch(epoch + 1, model)
        print(line, flush=True)
    return model


def logits_of(model, tensors, batch=64):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(tensors[i:i + batch].contiguous(memory_format=torch.channels_last))
                          for i in range(0, len(tensors), batch)]).numpy()


def softmax(logits, temperature=1.0):
    z = logits / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def stratified_folds(labels, folds, seed):
    """fold[i] for every photo: each class dealt round-robin over the folds after a seeded shuffle."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(labels), dtype=int)
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        rng.shuffle(members)
        fold[members] = np.arange(len(members)) % folds
    return fold


def out_of_fold_logits(views, labels, args):
    fold = stratified_folds(labels, args.folds, args.seed)
    oof = np.zeros((len(labels), int(labels.max()) + 1), dtype=np.float32)
    curves = []
    for k in range(args.folds):
        kept = f"{args.work}/fold-{k}.npz"
        held, fitted = np.flatnonzero(fold == k), np.flatnonzero(fold != k)
        if os.path.exists(kept):
            saved = np.load(kept)
            oof[held], curve = saved["logits"], json.loads(str(saved["curve"]))
            print(f"fold {k + 1}/{args.folds}: kept from an earlier run", flush=True)
        else:
            print(f"fold {k + 1}/{args.folds}: fit {len(fitted)} photos, score {len(held)}", flush=True)
            curve = []
            held_images = views.whole(held)

            def score(epoch, model):
                accuracy = float((logits_of(model, held_images).argmax(1) == labels[held]).mean())
                curve.append({"epoch": epoch, "outOfFoldAccuracy": round(accuracy, 4)})
                return f", out of fold {accuracy:.2%}"

            model = train(views, fitted, labels, args, args.seed + 1 + k, score)
            oof[held] = logits_of(model, held_images)
            np.savez(kept, logits=oof[held], curve=json.dumps(curve))
        curves.append(curve)
    return oof, curves


def export(model, size, classes, temperature, path):
    model = model.to(memory_format=torch.contiguous_format).eval()
    raw = path + ".logits.onnx"
    torch.onnx.export(model, torch.zeros(1, 3, size, size), raw, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, opset_version=12)
    graph_model = onnx.load(raw)
    os.remove(raw)
    graph = graph_model.graph
    graph.initializer.append(numpy_helper.from_array(np.array(temperature, dtype=np.float32), "temperature"))
    graph.node.append(helper.make_node("Div", ["logits", "temperature"], ["calibrated_logits"], name="calibrate"))
    graph.node.append(helper.make_node("Softmax", ["calibrated_logits"], ["probabilities"], name="softmax", axis=1))
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("probabilities", onnx.TensorProto.FLOAT, ["N", classes]))
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, path)


def final_model(views, labels, args):
    kept = f"{args.work}/final.pt"
    model = Classifier(args.backbone, int(labels.max()) + 1, args.dropout).to(memory_format=torch.channels_last)
    if os.path.exists(kept):
        print("final model: kept from an earlier run", flush=True)
        model.load_state_dict(torch.load(kept))
        return model
    print(f"final model: fit all {len(labels)} photos", flush=True)
    model = train(views, np.arange(len(labels)), labels, args, args.seed)
    torch.save(model.state_dict(), kept)
    return model


def calibration_figures(logits, labels, temperature, threshold, target):
    before, after = softmax(logits), softmax(logits, temperature)
    confidence, correct = after.max(1), after.argmax(1) == labels
    accepted = confidence >= threshold
    return {
        "images": int(len(labels)),
        "accuracy": round(float(correct.mean()), 4),
        "temperature": round(float(temperature), 4),
        "calibrationErrorBefore": round(expected_calibration_error(before.max(1), before.argmax(1) == labels), 4),
        "calibrationErrorAfter": round(expected_calibration_error(confidence, correct), 4),
        "targetAccuracy": target,
        "reviewThreshold": round(float(threshold), 4),
        "reviewCoverage": round(float(accepted.mean()), 4),
        "reviewAccuracy": round(float(correct[accepted].mean()), 4),
        "riskCoverage": risk_coverage(confidence, correct),
    }


def threshold_stability(logits, labels, temperature, target, seed, draws=200):
    """The review threshold refitted on bootstrap resamples of the out-of-fold predictions: how much it would move
    on another draw of photos of the same kind."""
    rng = np.random.default_rng(seed)
    after = softmax(logits, temperature)
    confidence, correct = after.max(1), after.argmax(1) == labels
    thresholds = []
    for _ in range(draws):
        pick = rng.integers(0, len(labels), len(labels))
        thresholds.append(threshold_for_accuracy(confidence[pick], correct[pick], target))
    low, high = np.percentile(thresholds, [5, 95])
    return {"draws": draws, "threshold5th": round(float(low), 4), "threshold95th": round(float(high), 4),
            "coverageAt95th": round(float((confidence >= high).mean()), 4)}


def main():
    args = parse_args()
    seed_everything(args.seed, args.threads)
    started = time.time()
    manifest = json.load(open(f"{args.work}/manifest.json"))
    labels = np.array(manifest["fitLabels"])
    views = Views(f"{args.work}/fit.npy", manifest["viewsPerImage"], args.jitter)
    size = manifest["input"]["width"]
    classes = len(manifest["labels"])
    print(f"{len(labels)} photos × {views.views} views at {size} px, {args.folds}-fold out-of-fold then the final model, "
          f"{args.epochs} epochs each", flush=True)

    oof, curves = out_of_fold_logits(views, labels, args)
    temperature = fit_temperature(oof, labels)
    after = softmax(oof, temperature)
    threshold = threshold_for_accuracy(after.max(1), after.argmax(1) == labels, args.target_accuracy)
    held_out = calibration_figures(oof, labels, temperature, threshold, args.target_accuracy)
    held_out["method"] = f"{args.folds}-fold out-of-fold predictions over all {len(labels)} train photos"
    held_out["curve"] = curves
    held_out["thresholdStability"] = threshold_stability(oof, labels, temperature, args.target_accuracy, args.seed)
    print(f"out of fold: accuracy {held_out['accuracy']:.2%}, T={temperature:.3f}, ECE {held_out['calibrationErrorBefore']:.3f} -> "
          f"{held_out['calibrationErrorAfter']:.3f}, threshold {threshold:.3f} accepts {held_out['reviewCoverage']:.1%} "
          f"at {held_out['reviewAccuracy']:.2%}", flush=True)

    model = final_model(views, labels, args)
    export(model, size, classes, temperature, f"{args.work}/model.onnx")
    parity = torch.from_numpy(np.load(f"{args.work}/parity.npy").astype(np.float32))
    parity_probabilities = softmax(logits_of(model, parity), temperature)
    result = {
        "heldOut": held_out,
        "hyperparameters": {k: str(v) for k, v in vars(args).items() if k not in ("work", "backbone", "threads")},
        "tail": f"the whole MobileNetV2 (features[0:19]) fine-tuned in float from the dequantised int8 weights, "
                f"global average pooling, dropout {args.dropout}, Linear(1280→{classes}); temperature {temperature:.3f}",
        "parity": [{"file": f, "probabilities": [round(float(p), 6) for p in row]} for f, row in zip(manifest["parity"], parity_probabilities)],
        "seconds": round(time.time() - started, 1),
    }
    json.dump(result, open(f"{args.work}/training.json", "w"), indent=2)


if __name__ == "__main__":
    main()
