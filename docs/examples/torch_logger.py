#!/usr/bin/env python3
"""Logs a PyTorch training run into a PredSpace run folder as it trains (docs/import.md, section 4).

    python3 docs/examples/torch_logger.py OUT_DIR [--steps 300] [--every 10]   # the example (needs torch)

and, while it runs, in the explorer: File > Follow folder... on OUT_DIR's parent, or
`predspace gui --follow PARENT`. Each checkpoint appears in the picture once it is committed.

The two parts:

* `RunLogger` (numpy only): writes the run format of docs/run-format.md incrementally and
  crash-safely. A checkpoint is committed by the header of steps.npy, written last: rows are
  appended after the committed ones, fsync'ed, and only then is each array's header rewritten
  in place with the new row count; run.json is replaced by rename. A process killed at any
  instant leaves a run that opens with every checkpoint committed before it.
* `softmax_outputs` and `main` (PyTorch): the model's softmax outputs on the fixed probe, and
  an example loop. torch is imported only there, so `from torch_logger import RunLogger`
  works where only numpy is installed.
"""
import argparse
import io
import json
import os
import socket
import threading
from datetime import datetime, timezone

import numpy as np

METRIC_COLUMNS = ["step", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy"]
# The .npy header block is sized for any row count, so rewriting it never moves the data (as PredSpace's own writer).
_LARGEST_ROW_COUNT = 2 ** 63 - 1
# How often run.json's heartbeat is renewed while the run is running (PredSpace's own writer: 30 s too).
HEARTBEAT_SECONDS = 30


def _npy_header(descr, shape, block=None):
    """An .npy 1.0 header for `shape`, padded with spaces to `block` bytes (default: the size that
    fits any first dimension, a multiple of 64)."""
    def text(s):
        return "{'descr': '%s', 'fortran_order': False, 'shape': %r, }" % (descr, tuple(int(d) for d in s))
    if block is None:
        longest = len(text((_LARGEST_ROW_COUNT,) + tuple(shape[1:]))) + 1  # + "\n"
        block = -(-(10 + longest) // 64) * 64
    body = text(shape)
    body += " " * (block - 10 - len(body) - 1) + "\n"
    return b"\x93NUMPY\x01\x00" + (block - 10).to_bytes(2, "little") + body.encode("latin1")


def _fsync_dir(folder):
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path, data):
    """Writes `data` to a hidden temp file beside `path`, fsyncs it, renames it over `path`."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(folder)


def _npy_bytes(array):
    out = io.BytesIO()
    np.save(out, np.ascontiguousarray(array))
    return out.getvalue()


class _GrowingArray:
    """An .npy file whose first dimension grows: rows are written after the declared data, then the header."""

    def __init__(self, path, row_shape, dtype):
        self.row_shape, self.dtype, self.rows = tuple(row_shape), np.dtype(dtype), 0
        self.header = _npy_header(self.dtype.str, (0,) + self.row_shape)
        self.block = len(self.header)
        self.row_bytes = int(np.prod(self.row_shape, dtype=np.int64)) * self.dtype.itemsize
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        os.pwrite(self.fd, self.header, 0)
        os.fsync(self.fd)

    def append(self, row):
        row = np.asarray(row, dtype=self.dtype)
        assert row.shape == self.row_shape, f"expected a row of shape {self.row_shape}, got {row.shape}"
        # after the declared rows, not at the end of the file: a killed append may have left bytes there
        os.pwrite(self.fd, row.tobytes(), self.block + self.rows * self.row_bytes)
        os.fsync(self.fd)
        # one write of under a page: the kernel completes it or does not start it
        os.pwrite(self.fd, _npy_header(self.dtype.str, (self.rows + 1,) + self.row_shape, self.block), 0)
        os.fsync(self.fd)
        self.rows += 1

    def close(self):
        os.close(self.fd)


class RunLogger:
    """Writes one run folder as training goes (docs/run-format.md): `log` one checkpoint at a time,
    then `finish`. As a context manager it finishes with "failed" (and the error) when the loop raises,
    and "cancelled" on Ctrl-C.

    folder: created, or an existing empty folder. labels: the probe's labels [N], ints in [0, classes).
    probe_id: names the probe set; runs are drawn together only when their ids agree.
    test_labels: the held-out probe's labels [M], or None. spec: any JSON object (architecture,
    optimizer, learning rate, ...)."""

    def __init__(self, folder, name, probe_id, labels, classes, test_labels=None, spec=None):
        labels = np.asarray(labels, dtype=np.int64)
        assert labels.ndim == 1 and labels.min() >= 0 and labels.max() < classes, "labels must be [N] in [0, classes)"
        os.makedirs(folder, exist_ok=True)
        if os.listdir(folder):
            raise FileExistsError(folder + " is not empty")
        self.folder, self.classes, self.last_step, self.finished = folder, int(classes), None, False
        self.manifest = {"format": "predspace-run", "version": 1, "name": name, "classes": self.classes,
                         "probe": {"id": probe_id, "size": len(labels), "split": "train"}, "status": "running",
                         "created": _now(), "spec": spec or {}, "summary": {},
                         # who writes it: a reader tells a live writer from a dead one by the pid on this
                         # host, elsewhere by the heartbeat's age (docs/run-format.md, the writer block)
                         "writer": {"host": socket.gethostname(), "pid": os.getpid(), "heartbeat": _now(),
                                    "heartbeat_seconds": HEARTBEAT_SECONDS}}
        self._lock = threading.Lock()  # run.json is rewritten by the heartbeat thread and by finish
        path = lambda f: os.path.join(folder, f)
        _atomic_write(path("labels.npy"), _npy_bytes(labels))
        self.predictions = _GrowingArray(path("predictions.npy"), (len(labels), classes), np.float32)
        self.test = None
        if test_labels is not None:
            test_labels = np.asarray(test_labels, dtype=np.int64)
            assert test_labels.ndim == 1 and test_labels.min() >= 0 and test_labels.max() < classes
            _atomic_write(path("test_labels.npy"), _npy_bytes(test_labels))
            self.test = _GrowingArray(path("test_predictions.npy"), (len(test_labels), classes), np.float32)
        self.metrics = os.open(path("metrics.csv"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        self.metrics_end = os.pwrite(self.metrics, (",".join(METRIC_COLUMNS) + "\n").encode(), 0)
        os.fsync(self.metrics)
        self.steps = _GrowingArray(path("steps.npy"), (), np.int64)
        self._write_manifest()  # last: a folder with run.json has every file it promises
        self._stop = threading.Event()
        threading.Thread(target=self._beat, name="run-logger-heartbeat", daemon=True).start()

    def _beat(self):
        """Renews the heartbeat while the run is running: a long step between checkpoints is not a dead writer."""
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._lock:
                if self.finished:
                    return
                self.manifest["writer"]["heartbeat"] = _now()
                self._write_manifest()

    def log(self, step, predictions, test_predictions=None, metrics=None, parameters=None):
        """Commits one checkpoint. predictions: softmax outputs on the probe [N, classes];
        test_predictions: on the held-out probe [M, classes] (required when test_labels were given);
        metrics: a dict of any of METRIC_COLUMNS but step ("train" = on the probe); parameters: an
        optional flat parameter vector, saved as params/step_<step>.npy. Everything is checked
        before anything is written."""
        step = int(step)
        assert not self.finished, "the run is finished"
        assert self.last_step is None or step > self.last_step, f"step {step} does not follow {self.last_step}"
        rows = self._checked(predictions, self.predictions.row_shape, "predictions")
        test_rows = None
        if self.test is not None or test_predictions is not None:
            assert self.test is not None, "this run has no held-out probe (no test_labels were given)"
            assert test_predictions is not None, "this run has a held-out probe: give test_predictions"
            test_rows = self._checked(test_predictions, self.test.row_shape, "test_predictions")
        line = dict(metrics or {}, step=step)
        unknown = set(line) - set(METRIC_COLUMNS)
        assert not unknown, f"unknown metrics {sorted(unknown)}; the columns are {METRIC_COLUMNS}"
        if parameters is not None:
            os.makedirs(os.path.join(self.folder, "params"), exist_ok=True)
            flat = np.ascontiguousarray(np.asarray(parameters, dtype=np.float32).reshape(-1))
            assert np.all(np.isfinite(flat)), "parameters must be finite"
            _atomic_write(os.path.join(self.folder, "params", f"step_{step}.npy"), _npy_bytes(flat))
        self.predictions.append(rows)
        if test_rows is not None:
            self.test.append(test_rows)
        text = ",".join([str(step)] + [_cell(line.get(c)) for c in METRIC_COLUMNS[1:]]) + "\n"
        self.metrics_end += os.pwrite(self.metrics, text.encode(), self.metrics_end)
        os.fsync(self.metrics)
        self.steps.append(np.int64(step))  # the commit
        self.last_step = step

    def finish(self, status="finished", summary=None):
        """Records how the run ended ("finished", "cancelled", "diverged" or "failed"; for failed,
        summary={"reason": ...} says why) by replacing run.json."""
        with self._lock:
            if self.finished:
                return
            self.finished = True
            self._stop.set()
            for f in (self.predictions, self.test, self.steps):
                if f is not None:
                    f.close()
            os.close(self.metrics)
            self.manifest.update(status=status, finished=_now(), summary=dict(summary or {}))
            self.manifest["writer"]["heartbeat"] = self.manifest["finished"]
            self._write_manifest()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is None:
            self.finish("finished")
        elif issubclass(kind, KeyboardInterrupt):
            self.finish("cancelled")
        else:
            self.finish("failed", {"reason": f"{kind.__name__}: {error}"})
        return False

    def _write_manifest(self):
        _atomic_write(os.path.join(self.folder, "run.json"), json.dumps(self.manifest, indent=2).encode())

    @staticmethod
    def _checked(p, shape, what):
        p = np.asarray(p, dtype=np.float64)
        assert p.shape == shape, f"{what} must have shape {shape}, got {p.shape}"
        assert np.all(np.isfinite(p)) and np.all(p >= 0), f"{what} must be finite probabilities"
        assert np.allclose(p.sum(-1), 1, atol=1e-3), f"{what}: each row must sum to 1 (softmax outputs)"
        return p.astype(np.float32)


def _cell(v):
    return "" if v is None else repr(float(v))


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ---- PyTorch ---------------------------------------------------------------------------------

def softmax_outputs(model, x, batch=500):
    """The model's softmax outputs on x in evaluation mode (dropout off, batch norm on its running
    statistics), as float64 numpy [len(x), classes]; the model's mode is restored."""
    import torch
    was_training = model.training
    model.eval()
    with torch.no_grad():
        p = torch.cat([torch.softmax(model(b).double(), dim=-1) for b in x.split(batch)])
    model.train(was_training)
    return p.cpu().numpy()


def main():
    import torch
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="run folder to write (must not exist, or be empty)")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--every", type=int, default=10, help="steps between checkpoints")
    args = parser.parse_args()
    torch.manual_seed(0)
    # three Gaussian blobs in 8 dimensions: a training set, a fixed probe from it, a held-out probe
    centres = torch.randn(3, 8) * 2
    def blobs(n):
        y = torch.arange(n) % 3
        return centres[y] + torch.randn(n, 8), y
    x, y = blobs(3000)
    x_test, y_test = blobs(300)
    probe_x, probe_y = x[:300], y[:300]
    model = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.ReLU(), torch.nn.Linear(32, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    spec = {"dataset": "blobs-8d", "architecture": "mlp", "optimizer": "sgd", "learning_rate": 0.05, "batch_size": 64}

    def score(p, labels):
        return float(-np.log(p[np.arange(len(labels)), labels] + 1e-15).mean()), float((p.argmax(1) == labels).mean())

    with RunLogger(args.out, "torch blobs mlp", "blobs-8d-train-300", probe_y.numpy(), 3, y_test.numpy(), spec) as log:
        for step in range(args.steps + 1):
            if step % args.every == 0:
                p, p_test = softmax_outputs(model, probe_x), softmax_outputs(model, x_test)
                loss, acc = score(p, probe_y.numpy())
                test_loss, test_acc = score(p_test, y_test.numpy())
                log.log(step, p, p_test, {"epoch": step * 64 / len(x), "train_loss": loss, "train_accuracy": acc,
                                          "test_loss": test_loss, "test_accuracy": test_acc})
            batch = torch.randint(0, len(x), (64,))
            loss = torch.nn.functional.cross_entropy(model(x[batch]), y[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    main()
