"""Seeded arrays and their scikit-learn metrics, for EvaluationTests' parity test.

Usage: metrics_parity.py OUTPUT.json

Writes one JSON object: per case the input arrays and the values sklearn.metrics computes for every key that
`workbench evaluate` reports (classification binary and multiclass, regression with zero targets, anomaly scores
with ties). precision_at_k has no sklearn function; it is computed here from its definition (top-k by score,
ties at the cut by expectation) with numpy, independently of the Swift code.
"""
import json
import sys

import numpy as np
from sklearn import metrics as m
from sklearn.preprocessing import label_binarize


def classification(rng, n, classes, positive=None):
    k = len(classes)
    truth = rng.choice(classes, size=n)
    # Probabilities that lean towards the truth, rounded to 3 digits so that scores tie.
    raw = rng.dirichlet(np.ones(k), size=n)
    raw[np.arange(n), [classes.index(t) for t in truth]] += rng.uniform(0, 1.5, size=n)
    proba = np.round(raw / raw.sum(axis=1, keepdims=True), 3)
    proba = proba / proba.sum(axis=1, keepdims=True)
    predicted = np.array(classes)[proba.argmax(axis=1)]
    out = {"truth": truth.tolist(), "probabilities": proba.tolist(), "classes": classes}
    labels = classes
    if k == 2:
        column = classes.index(positive)
        scores = proba[:, column]
        out["positive"] = positive
        expected = {
            "precision": m.precision_score(truth, predicted, pos_label=positive, zero_division=0),
            "recall": m.recall_score(truth, predicted, pos_label=positive, zero_division=0),
            "f1": m.f1_score(truth, predicted, pos_label=positive, zero_division=0),
            "roc_auc": m.roc_auc_score(truth == positive, scores),
            "average_precision": m.average_precision_score(truth, scores, pos_label=positive),
            "brier_score": m.brier_score_loss(truth, scores, pos_label=positive),
        }
    else:
        expected = {
            "precision": m.precision_score(truth, predicted, labels=labels, average="macro", zero_division=0),
            "recall": m.recall_score(truth, predicted, labels=labels, average="macro", zero_division=0),
            "f1": m.f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
            "roc_auc": m.roc_auc_score(truth, proba, multi_class="ovr", average="macro", labels=labels),
            "average_precision": m.average_precision_score(
                label_binarize(truth, classes=labels), proba, average="macro"),
            "brier_score": m.brier_score_loss(truth, proba, labels=labels),
        }
    p, r, f, s = m.precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    expected.update({
        "accuracy": m.accuracy_score(truth, predicted),
        "balanced_accuracy": m.balanced_accuracy_score(truth, predicted),
        "log_loss": m.log_loss(truth, proba, labels=labels),
        "confusion_matrix": m.confusion_matrix(truth, predicted, labels=labels).tolist(),
        "per_class": [{"class": c, "precision": p[i], "recall": r[i], "f1": f[i], "support": int(s[i])}
                      for i, c in enumerate(labels)],
    })
    out["expected"] = {key: (float(v) if isinstance(v, (np.floating, float)) else v) for key, v in expected.items()}
    return out


def regression(rng, n):
    truth = np.round(rng.normal(10, 5, size=n), 2)
    truth[rng.choice(n, size=n // 10, replace=False)] = 0.0  # zero targets exercise MAPE's epsilon
    predicted = truth + rng.normal(0, 2, size=n)
    return {
        "truth": truth.tolist(), "predictions": predicted.tolist(),
        "expected": {
            "mae": m.mean_absolute_error(truth, predicted),
            "rmse": m.root_mean_squared_error(truth, predicted),
            "r2": m.r2_score(truth, predicted),
            "mape": m.mean_absolute_percentage_error(truth, predicted),
        },
    }


def precision_at_k(truth, scores):
    k = int(truth.sum())
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_truth = scores[order], truth[order]
    cut = sorted_scores[k - 1]
    above = sorted_scores > cut
    tied = sorted_scores == cut
    places = k - above.sum()
    hits = sorted_truth[above].sum() + places * sorted_truth[tied].sum() / tied.sum()
    return hits / k


def anomaly(rng, n):
    truth = (rng.uniform(size=n) < 0.08).astype(int)
    scores = np.round(0.5 + 0.1 * rng.normal(size=n) + 0.15 * truth, 2)  # 2 digits: many ties
    return {
        "truth": truth.tolist(), "scores": scores.tolist(),
        "expected": {
            "roc_auc": m.roc_auc_score(truth, scores),
            "average_precision": m.average_precision_score(truth, scores),
            "precision_at_k": float(precision_at_k(truth, scores)),
            "k": int(truth.sum()),
        },
    }


def main():
    rng = np.random.default_rng(20261206)
    cases = {
        "binary": classification(rng, 500, [0, 1], positive=1),
        "binary_other_labels": classification(rng, 300, [3, 7], positive=3),
        "multiclass": classification(rng, 600, [0, 1, 2, 5]),
        "regression": regression(rng, 400),
        "anomaly": anomaly(rng, 800),
    }
    with open(sys.argv[1], "w") as file:
        json.dump(cases, file)


if __name__ == "__main__":
    main()
