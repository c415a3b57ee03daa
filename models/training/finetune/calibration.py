"""Calibration figures on held-out predictions: temperature, calibration error, risk-coverage, review threshold."""
import numpy as np
import torch


def fit_temperature(logits, labels):
    """The T > 0 that minimises the negative log-likelihood of softmax(logits / T) (Guo et al., 2017)."""
    z = torch.from_numpy(logits).double()
    y = torch.from_numpy(labels).long()
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200)

    def closure():
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(z / log_t.exp(), y)
        loss.backward()
        return loss

    optimizer.step(closure)
    return float(log_t.exp())


def expected_calibration_error(confidence, correct, bins=15):
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by how many predictions fall in each."""
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def risk_coverage(confidence, correct, coverages=(0.5, 0.6, 0.7, 0.8, 0.9, 1.0)):
    """Accuracy of the most confident share of predictions, and the confidence at which that share starts."""
    order = np.argsort(-confidence, kind="stable")
    rows = []
    for coverage in coverages:
        kept = order[:max(1, int(round(coverage * len(order))))]
        rows.append({"coverage": coverage, "accuracy": round(float(correct[kept].mean()), 4),
                     "minConfidence": round(float(confidence[kept].min()), 4)})
    return rows


def threshold_for_accuracy(confidence, correct, target):
    """The lowest confidence threshold whose accepted share (confidence >= threshold) is at least `target` accurate:
    the widest coverage at that risk, the usual rule for selective classification."""
    order = np.argsort(-confidence, kind="stable")
    hits = np.cumsum(correct[order])
    accepted = np.arange(1, len(order) + 1)
    meets = hits / accepted >= target
    last = 0
    for i in range(len(order)):
        if meets[i]:
            last = i
    return float(confidence[order[last]])
