"""Held-out metrics: macro-F1, per-label precision/recall/F1, confusion matrix, calibration error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support


def expected_calibration_error(proba: np.ndarray, y_true: Sequence, labels: Sequence,
                               bins: int = 10) -> float:
    """Top-label ECE with equal-width bins: mean |confidence − accuracy| weighted by bin size.

    >>> round(expected_calibration_error(np.array([[0.9, 0.1], [0.2, 0.8]]), ["a", "b"], ["a", "b"]), 3)
    0.15
    """
    proba = np.asarray(proba, dtype=float)
    if len(proba) == 0:
        return 0.0
    confidence = proba.max(axis=1)
    predicted = np.asarray(labels, dtype=object)[proba.argmax(axis=1)]
    correct = predicted == np.asarray(y_true, dtype=object)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        in_bin = which == b
        if in_bin.any():
            ece += in_bin.mean() * abs(confidence[in_bin].mean() - correct[in_bin].mean())
    return float(ece)


@dataclass(frozen=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """What `znak train` and `znak evaluate` print and the manifest keeps."""

    name: str
    n: int
    labels: list[str]
    accuracy: float
    macro_f1: float
    ece: float
    per_label: dict[str, LabelScores]
    confusion: list[list[int]]  # rows: true label, columns: predicted, in `labels` order

    def to_dict(self) -> dict:
        return asdict(self)

    def format(self) -> str:
        width = max(len(label) for label in self.labels) + 2
        lines = [
            f"{self.name}: {self.n} текстов",
            f"  macro-F1 {self.macro_f1:.3f}   accuracy {self.accuracy:.3f}   ECE {self.ece:.3f}",
            f"  {'метка':<{width}}precision  recall   F1     n",
        ]
        for label, s in self.per_label.items():
            lines.append(f"  {label:<{width}}{s.precision:9.3f}{s.recall:8.3f}{s.f1:7.3f}{s.support:6d}")
        lines.append("  матрица ошибок (строки — истинная метка, столбцы — предсказанная):")
        lines.append("  " + " " * width + "".join(f"{label[:8]:>9}" for label in self.labels))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"  {label:<{width}}" + "".join(f"{v:9d}" for v in row))
        return "\n".join(lines)


def evaluate_predictions(name: str, y_true: Sequence, proba: np.ndarray,
                         labels: Sequence) -> Report:
    """Score probabilities (columns in `labels` order) against true labels."""
    labels = list(labels)
    y_true = [str(v) for v in y_true]
    names = [str(v) for v in labels]
    predicted = [names[i] for i in np.asarray(proba).argmax(axis=1)] if len(y_true) else []
    p, r, f, s = precision_recall_fscore_support(y_true, predicted, labels=names, zero_division=0)
    return Report(
        name=name,
        n=len(y_true),
        labels=names,
        accuracy=float(np.mean([a == b for a, b in zip(y_true, predicted, strict=True)])) if y_true else 0.0,
        macro_f1=float(f1_score(y_true, predicted, labels=names, average="macro", zero_division=0)),
        ece=expected_calibration_error(proba, y_true, names),
        per_label={n: LabelScores(float(pi), float(ri), float(fi), int(si))
                   for n, pi, ri, fi, si in zip(names, p, r, f, s, strict=True)},
        confusion=confusion_matrix(y_true, predicted, labels=names).tolist() if y_true else [],
    )


def evaluate_model(model, texts: Sequence[str], y_true: Sequence, name: str) -> Report:
    """Score a fitted :class:`~model.classifier.TextModel` on labelled texts it has not seen."""
    return evaluate_predictions(name, y_true, model.predict_proba(list(texts)), model.labels)
