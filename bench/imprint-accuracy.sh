#!/usr/bin/env bash
# Imprinted accuracy against the head's own accuracy for networks trained on the full task,
# on the same probes (for the full task the shared probes are the head's own): Fashion-MNIST MLP
# and LeNet on the sample runs' data (train size 1000, probe 200), and a digits MLP. Reads the
# run folders with numpy; prints both accuracies at the first and last checkpoint.
# Usage: bench/imprint-accuracy.sh [epochs] [seeds]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-20}
seeds=${2:-0,1,2}
mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
out=target/imprint-accuracy
rm -rf "$out"
uptime
common=(--optimizer adam --lr 0.002 --batch 32 --epochs "$epochs" --seed "$seeds" --checkpoints 10 --snapshots none --out "$out")
java -Xmx4g -cp "$cp" org.predspace.Main train --dataset fashion --arch mlp,lenet --train-size 1000 --probe-size 200 "${common[@]}" >/dev/null
java -Xmx4g -cp "$cp" org.predspace.Main train --dataset digits --arch mlp --probe-size 200 "${common[@]}" >/dev/null
/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
import numpy as np

def acc(p, y):
    return float((p.argmax(axis=1) == y).mean())

root = sys.argv[1]
print(f"{'run':40s} {'ckpt':>4s} {'head':>6s} {'imprt':>6s} {'diff':>6s} | held out: {'head':>6s} {'imprt':>6s} {'diff':>6s}")
diffs, test_diffs = [], []
for name in sorted(os.listdir(root)):
    d = os.path.join(root, name)
    meta = json.load(open(os.path.join(d, "run.json")))
    assert meta["imprint"]["probe"]["id"] == meta["probe"]["id"], "full task: the shared probe is the head's own"
    T = len(np.load(os.path.join(d, "steps.npy")))
    y, yt = np.load(os.path.join(d, "labels.npy")), np.load(os.path.join(d, "test_labels.npy"))
    iy, iyt = np.load(os.path.join(d, "imprinted/labels.npy")), np.load(os.path.join(d, "imprinted/test_labels.npy"))
    p, pt = np.load(os.path.join(d, "predictions.npy"))[:T], np.load(os.path.join(d, "test_predictions.npy"))[:T]
    q, qt = np.load(os.path.join(d, "imprinted/predictions.npy"))[:T], np.load(os.path.join(d, "imprinted/test_predictions.npy"))[:T]
    for t in (0, T - 1):
        a, b, at, bt = acc(p[t], y), acc(q[t], iy), acc(pt[t], yt), acc(qt[t], iyt)
        print(f"{name:40s} {t:4d} {a:6.3f} {b:6.3f} {b - a:+6.3f} |           {at:6.3f} {bt:6.3f} {bt - at:+6.3f}")
    diffs.append(b - a); test_diffs.append(bt - at)
print(f"last checkpoint, imprinted - head accuracy: training probe mean {np.mean(diffs):+.3f} "
      f"(range {min(diffs):+.3f} .. {max(diffs):+.3f}); held-out probe mean {np.mean(test_diffs):+.3f} "
      f"(range {min(test_diffs):+.3f} .. {max(test_diffs):+.3f})")
PY
uptime
