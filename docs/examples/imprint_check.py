"""Recomputes a run's imprinted predictions at one checkpoint with numpy alone, from the
network's penultimate features (docs/run-format.md, "Imprinted predictions"; docs/science.md,
the space of tasks), and prints how far the recorded ones are from them.

    mu_c     = mean of the features of the prototype samples of class c, for every class c
    p(c | x) = softmax_c( -||phi(x) - mu_c||^2 )

Usage: imprint_check.py RUN_DIR CHECKPOINT PROTOTYPE_FEATURES.npy PROTOTYPE_LABELS.npy PROBE_FEATURES.npy
  RUN_DIR                 a run folder with imprinted/ (run.json has an "imprint" block)
  CHECKPOINT              index t of the checkpoint (0 .. T-1)
  PROTOTYPE_FEATURES.npy  features of the prototype samples at that checkpoint, float [n, width]
  PROTOTYPE_LABELS.npy    their labels in the full problem, integers [n]
  PROBE_FEATURES.npy      features of the shared probe's samples, in its order, float [N, width]

Prints "max_abs_difference D" (recorded against recomputed probabilities) and
"accuracy A" (of the recomputed predictions against imprinted/labels.npy).
"""
import json, os, sys
import numpy as np


def imprint(proto_features, proto_labels, features, classes):
    """Class prototypes, then the softmax of minus squared distances, in float64 with the max subtracted."""
    proto_features = proto_features.astype(np.float64)
    counts = np.bincount(proto_labels, minlength=classes)
    if (counts == 0).any():
        sys.exit(f"no prototype samples of classes {np.flatnonzero(counts == 0).tolist()}")
    mu = np.zeros((classes, proto_features.shape[1]))
    np.add.at(mu, proto_labels, proto_features)
    mu /= counts[:, None]
    phi = features.astype(np.float64)
    logits = -((phi[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def main(run_dir, t, proto_features, proto_labels, probe_features):
    with open(os.path.join(run_dir, "run.json"), encoding="utf-8") as f:
        info = json.load(f).get("imprint")
    if info is None:
        sys.exit(f"{run_dir}: run.json has no imprint block, so the run has no imprinted predictions")
    classes = info["classes"]
    committed = len(np.load(os.path.join(run_dir, "steps.npy")))   # rows past it are not committed
    recorded = np.load(os.path.join(run_dir, "imprinted", "predictions.npy"))[:committed]
    labels = np.load(os.path.join(run_dir, "imprinted", "labels.npy"))
    if not 0 <= t < committed:
        sys.exit(f"checkpoint {t} is outside 0..{committed - 1}")
    p = imprint(np.load(proto_features), np.load(proto_labels), np.load(probe_features), classes)
    if p.shape != recorded[t].shape:
        sys.exit(f"recomputed {p.shape} but the run recorded {recorded[t].shape} at checkpoint {t}")
    print(f"max_abs_difference {np.abs(p - recorded[t].astype(np.float64)).max():.3e}")
    print(f"accuracy {(p.argmax(axis=1) == labels).mean():.6f}")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), *sys.argv[3:])
