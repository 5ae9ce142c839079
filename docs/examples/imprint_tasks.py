#!/usr/bin/env python3
"""Trains a small MLP on two tasks of the bundled digits and writes runs with imprinted predictions (docs/import.md).

    python3 docs/examples/imprint_tasks.py OUT_DIR                     # torch if installed, else numpy
    python3 docs/examples/imprint_tasks.py OUT_DIR --backend numpy     # or --backend torch
    python3 docs/examples/imprint_tasks.py OUT_DIR --arrays DIR        # and the loose arrays, for `predspace import`

Each task (default: `all`, the ten digits, and `even-odd`, two groups) gets a run folder
OUT_DIR/TASK. Its head predicts the task's own classes on the task's probe; its imprinted
predictions (docs/science.md, "The space of tasks") are over all ten digits on one shared probe,
so the runs of both tasks meet in one picture:

    java -jar target/predspace.jar embed --imprinted OUT_DIR/all OUT_DIR/even-odd

Imprinting, at every checkpoint: phi(x) is the network's penultimate features (the hidden layer
after its ReLU); the prototype of digit c is the mean of phi over the prototype samples of digit
c (a class-balanced split of the training data that is not the probe); and
p(c | x) = softmax over c of -||phi(x) - mu_c||^2, computed in float64 with the maximum subtracted.

Both backends train the same network from the same initial weights on the same minibatches in
float64, so they write the same numbers (to about 1e-12); the torch one computes the gradients,
features, prototypes and imprinted predictions with torch, the numpy one by hand.
"""
import argparse
import gzip
import os

import numpy as np

from write_run import scores, softmax, write_run

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "digits", "digits.csv.gz")
CLASSES = 10
# A task is a list of groups of digits: each group is one label of the task, in order; digits in
# no group are left out of its training data. The names are PredSpace's presets for the digits and
# the texts their canonical task syntax (docs/tasks.md).
TASKS = {
    "all": ([[c] for c in range(CLASSES)], "all"),
    "even-odd": ([[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]], "groups:0,2,4,6,8/1,3,5,7,9"),
    "digits-0-4": ([[0], [1], [2], [3], [4]], "classes:0,1,2,3,4"),
}
PROBE_PER_CLASS, PROTOTYPES_PER_CLASS, HELD_OUT_PER_CLASS = 20, 20, 15
HIDDEN, BATCH, LEARNING_RATE, SEED = 32, 32, 0.1, 0
RECORD = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
PROBE_ID = "digits-shared-probe-200-seed0"
PROTOTYPES_ID = "digits-prototypes-200-seed0"


def load_digits():
    """The 1797 8x8 digits: pixels scaled to [0, 1], labels 0..9."""
    with gzip.open(DIGITS, "rt") as f:
        table = np.loadtxt(f, delimiter=",")
    return table[:, :-1] / 16.0, table[:, -1].astype(np.int64)


def splits(y, rng):
    """Class-balanced index sets: the shared probe and the prototype samples (both from the
    training data, disjoint), the held-out probe, and the training data (everything but held-out)."""
    probe, prototypes, held_out = [], [], []
    for c in range(CLASSES):
        idx = rng.permutation(np.flatnonzero(y == c))
        a, b = PROBE_PER_CLASS, PROBE_PER_CLASS + PROTOTYPES_PER_CLASS
        probe.append(idx[:a])
        prototypes.append(idx[a:b])
        held_out.append(idx[b:b + HELD_OUT_PER_CLASS])
    held_out = np.sort(np.concatenate(held_out))
    train = np.setdiff1d(np.arange(len(y)), held_out)
    return np.sort(np.concatenate(probe)), np.sort(np.concatenate(prototypes)), held_out, train


def task_labels(groups):
    """label[digit] = the task's label of that digit, or -1 when the task leaves it out."""
    label = np.full(CLASSES, -1)
    for g, digits in enumerate(groups):
        label[digits] = g
    return label


def initial_weights(k, rng):
    """He-uniform first layer, Glorot-uniform head, zero biases: (W1, b1, W2, b2) in float64."""
    w1 = rng.uniform(-1, 1, (64, HIDDEN)) * np.sqrt(6 / 64)
    w2 = rng.uniform(-1, 1, (HIDDEN, k)) * np.sqrt(6 / (HIDDEN + k))
    return [w1, np.zeros(HIDDEN), w2, np.zeros(k)]


def imprint_numpy(phi, mu):
    """p(c | x) = softmax_c(-||phi(x) - mu_c||^2), in float64 with the maximum subtracted."""
    d2 = ((phi[:, None, :] - mu[None, :, :]) ** 2).sum(-1)
    return softmax(-d2)


class NumpyMlp:
    def __init__(self, weights):
        self.w1, self.b1, self.w2, self.b2 = [w.copy() for w in weights]

    def features(self, x):
        return np.maximum(x @ self.w1 + self.b1, 0)

    def predict(self, x):
        return softmax(self.features(x) @ self.w2 + self.b2)

    def step(self, x, y):
        """One SGD step on the mean cross-entropy of the batch."""
        h = self.features(x)
        g = (softmax(h @ self.w2 + self.b2) - np.eye(self.w2.shape[1])[y]) / len(y)
        gh = (g @ self.w2.T) * (h > 0)
        self.w2 -= LEARNING_RATE * h.T @ g
        self.b2 -= LEARNING_RATE * g.sum(0)
        self.w1 -= LEARNING_RATE * x.T @ gh
        self.b1 -= LEARNING_RATE * gh.sum(0)

    def imprint(self, x, prototype_x, prototype_y):
        phi, proto = self.features(x), self.features(prototype_x)
        mu = np.stack([proto[prototype_y == c].mean(0) for c in range(CLASSES)])
        return imprint_numpy(phi, mu)


class TorchMlp:
    def __init__(self, weights):
        import torch
        self.torch = torch
        w1, b1, w2, b2 = [torch.tensor(w, dtype=torch.float64) for w in weights]
        self.body = torch.nn.Sequential(torch.nn.Linear(64, HIDDEN), torch.nn.ReLU()).double()
        self.head = torch.nn.Linear(HIDDEN, w2.shape[1]).double()
        with torch.no_grad():  # nn.Linear keeps weights as (out, in)
            self.body[0].weight.copy_(w1.T)
            self.body[0].bias.copy_(b1)
            self.head.weight.copy_(w2.T)
            self.head.bias.copy_(b2)
        params = list(self.body.parameters()) + list(self.head.parameters())
        self.optimizer = torch.optim.SGD(params, lr=LEARNING_RATE)

    def _t(self, a):
        return self.torch.as_tensor(a, dtype=self.torch.float64)

    def features(self, x):
        with self.torch.no_grad():
            return self.body(self._t(x)).numpy()

    def predict(self, x):
        with self.torch.no_grad():
            return self.torch.softmax(self.head(self.body(self._t(x))), dim=-1).numpy()

    def step(self, x, y):
        loss = self.torch.nn.functional.cross_entropy(self.head(self.body(self._t(x))), self.torch.as_tensor(y))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()

    def imprint(self, x, prototype_x, prototype_y):
        torch = self.torch
        with torch.no_grad():
            phi, proto = self.body(self._t(x)), self.body(self._t(prototype_x))
            labels = torch.as_tensor(prototype_y)
            counts = torch.bincount(labels, minlength=CLASSES).to(torch.float64)
            mu = torch.zeros(CLASSES, phi.shape[1], dtype=torch.float64).index_add_(0, labels, proto) / counts[:, None]
            d2 = ((phi[:, None, :] - mu[None, :, :]) ** 2).sum(-1)
            return torch.softmax(-d2, dim=-1).numpy()  # softmax subtracts the maximum itself


def train_task(name, x, y, sets, backend):
    """Trains on one task; returns what a run folder and an import need."""
    probe, prototypes, held_out, train = sets
    groups, text = TASKS[name]
    label = task_labels(groups)
    k = len(groups)
    train = train[label[y[train]] >= 0]
    head_probe, head_held_out = probe[label[y[probe]] >= 0], held_out[label[y[held_out]] >= 0]
    rng = np.random.default_rng(SEED)
    model = (TorchMlp if backend == "torch" else NumpyMlp)(initial_weights(k, rng))
    order = np.zeros(0, dtype=np.int64)
    out = {"head": [], "head_held_out": [], "imprinted": [], "imprinted_held_out": [], "metrics": []}
    for step in range(RECORD[-1] + 1):
        if step in RECORD:  # before the update: step 0 is the initialisation
            p, p_test = model.predict(x[head_probe]), model.predict(x[head_held_out])
            out["head"].append(p)
            out["head_held_out"].append(p_test)
            out["imprinted"].append(model.imprint(x[probe], x[prototypes], y[prototypes]))
            out["imprinted_held_out"].append(model.imprint(x[held_out], x[prototypes], y[prototypes]))
            loss, acc = scores(p, label[y[head_probe]])
            test_loss, test_acc = scores(p_test, label[y[head_held_out]])
            out["metrics"].append({"step": step, "epoch": step * BATCH / len(train), "train_loss": loss,
                                   "train_accuracy": acc, "test_loss": test_loss, "test_accuracy": test_acc})
        if step == RECORD[-1]:
            break
        if len(order) < BATCH:
            order = np.concatenate([order, rng.permutation(train)])
        batch, order = order[:BATCH], order[BATCH:]
        model.step(x[batch], label[y[batch]])
    spec = {"dataset": "digits", "architecture": "mlp-64-%d-%d" % (HIDDEN, k), "optimizer": "sgd",
            "learning_rate": LEARNING_RATE, "batch_size": BATCH, "seed": SEED, "backend": backend}
    if text != "all":  # recorded as `train --task` records it: the canonical text and the preset's name
        spec["task"] = text
        spec["task_preset"] = name
    out.update(name=name, spec=spec, head_labels=label[y[head_probe]], head_held_out_labels=label[y[head_held_out]],
               head_probe_id="digits-%s-probe-%d-seed0" % (name, len(head_probe)),
               phi_probe=model.features(x[probe]), phi_prototypes=model.features(x[prototypes]))
    return out


def write(run, folder, y, sets):
    probe, prototypes, held_out, _ = sets
    imprint = {"probe_id": PROBE_ID, "labels": y[probe], "predictions": np.stack(run["imprinted"]),
               "test_labels": y[held_out], "test_predictions": np.stack(run["imprinted_held_out"]),
               "prototypes": {"id": PROTOTYPES_ID, "size": len(prototypes), "split": "train"}}
    write_run(folder, "digits mlp " + run["name"], run["head_probe_id"], run["head_labels"], RECORD,
              np.stack(run["head"]), run["metrics"], run["head_held_out_labels"], np.stack(run["head_held_out"]),
              spec=run["spec"], imprint=imprint)


def save_arrays(run, folder, y, sets):
    """The loose arrays `predspace import` takes (docs/import.md), float64 as computed, and the last
    checkpoint's features with the prototype labels, so the imprinting can be checked elsewhere."""
    probe, prototypes, held_out, _ = sets
    os.makedirs(folder, exist_ok=True)
    arrays = {"predictions": np.stack(run["head"]), "labels": run["head_labels"], "steps": np.array(RECORD),
              "held_out_predictions": np.stack(run["head_held_out"]), "held_out_labels": run["head_held_out_labels"],
              "imprinted_predictions": np.stack(run["imprinted"]), "imprinted_labels": y[probe],
              "imprinted_held_out_predictions": np.stack(run["imprinted_held_out"]),
              "imprinted_held_out_labels": y[held_out], "features_probe": run["phi_probe"],
              "features_prototypes": run["phi_prototypes"], "prototype_labels": y[prototypes]}
    for file, array in arrays.items():
        np.save(os.path.join(folder, file + ".npy"), array)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder for the run folders, one per task (each must not exist, or be empty)")
    parser.add_argument("--backend", choices=["auto", "torch", "numpy"], default="auto",
                        help="torch or numpy; auto: torch if it imports (default)")
    parser.add_argument("--tasks", default="all,even-odd", help="comma-separated, of: " + ", ".join(TASKS))
    parser.add_argument("--arrays", help="also save each task's loose arrays in DIR/TASK, for `predspace import`")
    args = parser.parse_args()
    backend = args.backend
    if backend == "auto":
        try:
            import torch  # noqa: F401
            backend = "torch"
        except ImportError:
            backend = "numpy"
    tasks = args.tasks.split(",")
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        parser.error("unknown task %s; known: %s" % (", ".join(unknown), ", ".join(TASKS)))
    x, y = load_digits()
    sets = splits(y, np.random.default_rng(SEED))
    for name in tasks:
        run = train_task(name, x, y, sets, backend)
        write(run, os.path.join(args.out, name), y, sets)
        if args.arrays:
            save_arrays(run, os.path.join(args.arrays, name), y, sets)
        head, imprinted = run["metrics"][-1]["train_accuracy"], scores(run["imprinted"][-1], y[sets[0]])[1]
        print("%s (%s): step %d, head accuracy %.3f on its %d-class probe, imprinted accuracy %.3f on all %d digits"
              % (name, backend, RECORD[-1], head, len(TASKS[name][0]), imprinted, CLASSES))


if __name__ == "__main__":
    main()
