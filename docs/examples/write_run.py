#!/usr/bin/env python3
"""Writes a PredSpace run folder with numpy alone (docs/import.md, docs/run-format.md).

    python3 docs/examples/write_run.py OUT_DIR               # the example run, written directly
    python3 docs/examples/write_run.py OUT_DIR --arrays DIR  # and its loose arrays, for `predspace import`

`write_run` is the part to copy into your own training code. The example around it trains
softmax regression by full-batch gradient descent (learning rate 1, weights starting at zero,
so the first checkpoint is exactly uniform: "ignorance") on 24 points in the plane, three
classes of 8 with the outermost point of each class mislabelled, and records the softmax
outputs on those 24 points (the probe) and on 12 held-out points at steps 0, 1, 2, 4, ..., 128.
Nothing is random: every machine writes the same numbers, and PredSpace's tests recompute them.
"""
import argparse
import csv
import json
import os

import numpy as np

METRIC_COLUMNS = ["step", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy"]


def checked(labels, predictions, T=None):
    """labels as int64 and predictions as float32, refused unless labels are (N,) in [0, C) and
    predictions (T, N, C) softmax rows."""
    labels = np.asarray(labels, dtype=np.int64)
    predictions = np.ascontiguousarray(predictions, dtype=np.float32)
    assert predictions.ndim == 3 and T in (None, len(predictions)), "predictions must be (T, N, C)"
    N, C = predictions.shape[1:]
    assert labels.shape == (N,) and 0 <= labels.min() and labels.max() < C, "labels must be (N,) in [0, C)"
    assert np.all(predictions >= 0) and np.allclose(predictions.sum(-1), 1, atol=1e-3), "rows must be softmax outputs"
    return labels, predictions


def write_run(folder, name, probe_id, labels, steps, predictions, metrics=(), test_labels=None,
              test_predictions=None, spec=None, status="finished", imprint=None):
    """Writes a finished run: labels [N] ints in [0, C); steps [T] strictly increasing ints;
    predictions [T, N, C] softmax rows; metrics, dicts with "step" and any of the other
    METRIC_COLUMNS ("train" = on the probe, "test" = on the held-out probe); test_labels [M] and
    test_predictions [T, M, C] together or not at all. imprint: None, or the imprinted predictions
    over the full problem's classes on a shared probe (docs/run-format.md), a dict with "probe_id",
    "labels" [N'], "predictions" [T, N', C'], "prototypes" ({"id", "size", "split"} of the samples
    the class prototypes were averaged over) and optionally "test_labels" and "test_predictions".
    Refuses a folder that is not empty."""
    labels, predictions = checked(labels, predictions)
    steps = np.asarray(steps, dtype=np.int64)
    T, N, C = predictions.shape
    assert steps.shape == (T,) and np.all(np.diff(steps) > 0), "steps must be (T,), strictly increasing"
    os.makedirs(folder, exist_ok=True)
    if os.listdir(folder):
        raise FileExistsError(folder + " is not empty")

    def save(prefix, labels, predictions, test_labels, test_predictions):
        np.save(os.path.join(folder, prefix + "labels.npy"), labels)
        np.save(os.path.join(folder, prefix + "predictions.npy"), predictions)
        if test_labels is not None:
            test_labels, test_predictions = checked(test_labels, test_predictions, len(predictions))
            np.save(os.path.join(folder, prefix + "test_labels.npy"), test_labels)
            np.save(os.path.join(folder, prefix + "test_predictions.npy"), test_predictions)

    save("", labels, predictions, test_labels, test_predictions)
    manifest = {"format": "predspace-run", "version": 1, "name": name, "classes": int(C),
                "probe": {"id": probe_id, "size": int(N), "split": "train"},
                "status": status, "spec": spec or {}}
    if imprint is not None:
        i_labels, i_predictions = checked(imprint["labels"], imprint["predictions"], T)
        os.makedirs(os.path.join(folder, "imprinted"))
        save("imprinted/", i_labels, i_predictions, imprint.get("test_labels"), imprint.get("test_predictions"))
        manifest["imprint"] = {"classes": int(i_predictions.shape[2]),
                               "probe": {"id": imprint["probe_id"], "size": len(i_labels), "split": "train"},
                               "prototypes": dict(imprint["prototypes"])}
    with open(os.path.join(folder, "metrics.csv"), "w", newline="") as f:
        out = csv.DictWriter(f, METRIC_COLUMNS, restval="", lineterminator="\n")
        out.writeheader()
        out.writerows(metrics)
    np.save(os.path.join(folder, "steps.npy"), steps)  # the commit record: T checkpoints exist
    with open(os.path.join(folder, "run.json"), "w") as f:  # last: a folder with run.json has every file it promises
        json.dump(manifest, f, indent=2)


STEPS = [0, 1, 2, 4, 8, 16, 32, 64, 128]
CLASSES = 3


def points(count, phase):
    """count points, class i % 3 on arm 2*pi*class/3, wobbling by 0.35 sin(k + phase), radius 0.5 + 0.1 k."""
    i = np.arange(count)
    y = i % CLASSES
    k = i // CLASSES
    angle = 2 * np.pi * y / CLASSES + 0.35 * np.sin(k + phase)
    radius = 0.5 + 0.1 * k
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), y


def softmax(logits):
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def scores(p, y):
    """Mean cross-entropy and accuracy (first most probable class) of rows p against labels y."""
    return float(-np.log(p[np.arange(len(y)), y]).mean()), float((p.argmax(axis=-1) == y).mean())


def train_example():
    x, y = points(24, 0.0)
    y = np.where(np.arange(24) // CLASSES == 7, (y + 1) % CLASSES, y)  # the outermost of each class mislabelled
    x_test, y_test = points(12, 0.5)
    w, b = np.zeros((2, CLASSES)), np.zeros(CLASSES)
    onehot = np.eye(CLASSES)[y]
    probe, held_out, metrics = [], [], []
    for step in range(STEPS[-1] + 1):
        if step in STEPS:  # a checkpoint: softmax outputs on the fixed probe and held-out sets
            p, p_test = softmax(x @ w + b), softmax(x_test @ w + b)
            probe.append(p)
            held_out.append(p_test)
            loss, acc = scores(p, y)
            test_loss, test_acc = scores(p_test, y_test)
            metrics.append({"step": step, "epoch": step, "train_loss": loss, "train_accuracy": acc,
                            "test_loss": test_loss, "test_accuracy": test_acc})
        g = (softmax(x @ w + b) - onehot) / len(y)  # gradient of the mean cross-entropy by the logits
        w, b = w - 1.0 * (x.T @ g), b - 1.0 * g.sum(axis=0)
    return y, np.stack(probe), y_test, np.stack(held_out), metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="run folder to write (must not exist, or be empty)")
    parser.add_argument("--arrays", help="also save the loose arrays here, for `predspace import`")
    args = parser.parse_args()
    y, probe, y_test, held_out, metrics = train_example()
    write_run(args.out, "three arms (numpy)", "three-arms-24", y, STEPS, probe, metrics, y_test, held_out,
              spec={"dataset": "three-arms", "architecture": "softmax-regression", "optimizer": "gd",
                    "learning_rate": 1.0, "batch_size": 24})
    if args.arrays:
        os.makedirs(args.arrays, exist_ok=True)
        for file, array in [("predictions.npy", probe), ("labels.npy", y), ("steps.npy", np.array(STEPS)),
                            ("held_out_predictions.npy", held_out), ("held_out_labels.npy", y_test)]:
            np.save(os.path.join(args.arrays, file), array)  # float64 and int64, as computed


if __name__ == "__main__":
    main()
