"""Recomputes the plane (or line) that `predspace landscape` wrote, with numpy alone, for an MLP
without batch norm: docs/landscape.md explains the files. Prints, per grid cell (per point of a
line), its coordinates, the train loss and accuracy computed here and the loss in the CSV.

Usage: landscape_mlp.py FILE.csv X.npy Y.npy SIZES
  FILE.csv    the table `predspace landscape --out FILE.csv` wrote (FILE.directions.npy beside it)
  X.npy       the probe samples, float [n, inputs], as the network takes them
  Y.npy       their labels, integers [n]
  SIZES       the layer widths, e.g. 784,256,256,10 (inputs, hidden..., classes)
"""
import csv, sys
import numpy as np


def layers(theta, sizes):
    """Cuts DL4J's flat parameter vector into (W [in, out], b) per dense layer: W column-major, then b."""
    at, out = 0, []
    for n_in, n_out in zip(sizes, sizes[1:]):
        w = theta[at:at + n_in * n_out].reshape((n_in, n_out), order='F')
        at += n_in * n_out
        out.append((w, theta[at:at + n_out]))
        at += n_out
    if at != len(theta):
        sys.exit(f"the layer widths {sizes} make {at} parameters, the directions have {len(theta)}")
    return out


def loss_and_accuracy(theta, sizes, x, y):
    h = x
    for k, (w, b) in enumerate(layers(theta, sizes)):
        h = h @ w + b
        if k < len(sizes) - 2:
            h = np.maximum(h, 0)                    # ReLU on hidden layers, softmax on the output
    p = np.exp(h - h.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    # PredSpace's loss, as metrics.csv records it: each probability floored at 1e-15 before the log
    return -np.log(np.maximum(p[np.arange(len(y)), y], 1e-15)).mean(), (p.argmax(axis=1) == y).mean()


def main():
    table, xs, ys, sizes = sys.argv[1], sys.argv[2], sys.argv[3], [int(s) for s in sys.argv[4].split(',')]
    origin, dx, dy = np.load(table[:-len('.csv')] + '.directions.npy')
    x, y = np.load(xs).astype(np.float64), np.load(ys).astype(int)
    for row in csv.DictReader(open(table)):
        if 'a' in row:                              # a line: theta(a) = origin + a d_x
            a, b = float(row['a']), 0.0
        elif row['point'] == 'grid':                # a plane's cell: origin + x d_x + y d_y
            a, b = float(row['x']), float(row['y'])
        else:
            continue                                # a checkpoint placed on the plane
        loss, accuracy = loss_and_accuracy(origin + a * dx + b * dy, sizes, x, y)
        print(a, b, repr(float(loss)), repr(float(accuracy)), row['train_loss'])


if __name__ == '__main__':
    main()
