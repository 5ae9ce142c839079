#!/usr/bin/env python3
"""Independent numpy reference for PredSpace's prediction-space geometry.

Written from docs/docs/science.md sections 2-4 (not a port of the Java code), as plainly as numpy
allows, so that it can check the Java results and serve as the speed baseline:

  BC_n(u, v) = sum_c sqrt(p_u) sqrt(p_v)          batched matmuls over tiles of the upper triangle
  d_B(u, v)  = -(1/N) sum_n log max(BC_n, eps)     eps = 1e-6
  W          = -(1/2) L D L                        double centring
  eigh(W), order by |lambda|, x_ik = V_ik sqrt|lambda_k|
  S_k        = 1 - sqrt(1 - sum_{i<=k} lambda_i^2 / sum_i lambda_i^2)
  progress   = argmin_t d_B(P, gamma(t)) on the ignorance-to-truth geodesic (optional;
               a grid of 2001 t, then golden section)

Of the plain vectorised forms measured on the bench machine (numpy 2.4 and 1.24, float32 and
float64, m = 500 and 2,000, N = 2,000, C = 10: whole m x m products per batch of 8 or 64
samples, one m x m product per sample, tiles of 128, 256 or 512 checkpoints with batches of 16,
8 or 4 samples), tiles of 128 x 128 with batches of 16 are the fastest, in float32: the
coefficients of a batch (1 MB) stay in cache through clip, log and sum, and only the upper
triangle is computed. Whole m x m products spend their time moving 16 MB per sample through
memory, and their small products cost far more CPU with OpenBLAS's threads than with one
(bench/README.md, "Geometry: distances and InPCA").

Input: a .npy of shape (m, N, C) with softmax probabilities (float32 or float64).
Output: JSON on stdout (eigenvalues, coordinates, stress, timings, progress if --labels).
Timings are wall-clock, plus the process CPU time (all threads): on a shared machine the CPU
time is the steadier figure.
Works with numpy 1.x and 2.x.
"""
import argparse
import json
import time

import numpy as np

EPS = 1e-6


def bhattacharyya_matrix(probs, dtype, batch, tile):
    """d_B over tiles of the upper triangle: (batch, tile, C) @ (batch, C, tile) products per
    block of samples, so that the coefficients of a block (batch x tile x tile) stay in cache
    through the clip, log and sum that follow; the lower triangle is the transpose."""
    m, n, _ = probs.shape
    roots = np.ascontiguousarray(np.sqrt(probs.astype(dtype)).transpose(1, 0, 2))  # (N, m, C)
    d = np.zeros((m, m), dtype=np.float64)
    for i0 in range(0, m, tile):
        for j0 in range(i0, m, tile):
            a = roots[:, i0:i0 + tile]
            b = roots[:, j0:j0 + tile]
            acc = np.zeros((a.shape[1], b.shape[1]), dtype=np.float64)
            for start in range(0, n, batch):
                bc = np.matmul(a[start:start + batch], b[start:start + batch].transpose(0, 2, 1))
                np.maximum(bc, EPS, out=bc)
                np.log(bc, out=bc)
                acc -= bc.sum(axis=0, dtype=np.float64)
            d[i0:i0 + tile, j0:j0 + tile] = acc
            d[j0:j0 + tile, i0:i0 + tile] = acc.T
    return d / n


def bhattacharyya_matrix_batched(probs, dtype, batch):
    """The earlier peer: whole m x m products per block of samples (batch x m x m floats, far
    out of cache at m = 2,000), kept to show what the tiling gains (--tile 0)."""
    m, n, _ = probs.shape
    roots = np.sqrt(probs.astype(dtype))
    d = np.zeros((m, m), dtype=np.float64)
    for start in range(0, n, batch):
        block = np.ascontiguousarray(roots[:, start:start + batch, :].transpose(1, 0, 2))  # (b, m, C)
        bc = np.matmul(block, block.transpose(0, 2, 1))  # (b, m, m)
        np.clip(bc, EPS, None, out=bc)
        d -= np.log(bc).sum(axis=0, dtype=np.float64)
    return d / n


def inpca(d, axes):
    w = -0.5 * (d - d.mean(axis=0)[None, :] - d.mean(axis=1)[:, None] + d.mean())
    lam, vec = np.linalg.eigh(w)
    order = np.argsort(-np.abs(lam), kind="stable")
    lam = lam[order]
    vec = vec[:, order]
    coords = vec[:, :axes] * np.sqrt(np.abs(lam[:axes]))[None, :]
    total = np.sum(lam ** 2)
    stress = 1 - np.sqrt(np.clip(1 - np.cumsum(lam[:axes] ** 2) / total, 0, None))
    return lam, coords, stress, total


def progress(probs, labels, tol=1e-7):
    """argmin over t in [0, 1] of d_B(P, gamma(t)): a fine grid, then golden section in its bracket."""
    m, n, c = probs.shape
    theta = np.arccos(1 / np.sqrt(c))
    roots = np.sqrt(probs.astype(np.float64))
    u = roots.sum(axis=2) / np.sqrt(c)                 # overlap with sqrt(P0), per sample
    v = roots[:, np.arange(n), labels]                 # overlap with sqrt(P*), per sample
    grid = np.linspace(0, 1, 2001)
    wa = np.sin((1 - grid) * theta) / np.sin(theta)
    wb = np.sin(grid * theta) / np.sin(theta)

    def dist(i, t):
        bc = (np.sin((1 - t) * theta) * u[i] + np.sin(t * theta) * v[i]) / np.sin(theta)
        return -np.mean(np.log(np.clip(bc, EPS, None)))

    out = []
    golden = (np.sqrt(5) - 1) / 2
    for i in range(m):
        curve = -np.log(np.clip(wa[:, None] * u[i][None, :] + wb[:, None] * v[i][None, :], EPS, None)).mean(axis=1)
        best = int(np.argmin(curve))
        lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
        x1, x2 = hi - golden * (hi - lo), lo + golden * (hi - lo)
        f1, f2 = dist(i, x1), dist(i, x2)
        while hi - lo > tol:
            if f1 <= f2:
                hi, x2, f2 = x2, x1, f1
                x1 = hi - golden * (hi - lo)
                f1 = dist(i, x1)
            else:
                lo, x1, f1 = x1, x2, f2
                x2 = lo + golden * (hi - lo)
                f2 = dist(i, x2)
        t = 0.5 * (lo + hi)
        out.append(float(grid[best]) if curve[best] < dist(i, t) else float(t))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probs", help=".npy of shape (m, N, C)")
    parser.add_argument("--axes", type=int, default=10)
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                        help="precision of the per-sample matmuls and logs")
    parser.add_argument("--batch", type=int, default=16, help="samples per matmul batch")
    parser.add_argument("--tile", type=int, default=128,
                        help="checkpoints per tile side (0: whole m x m products per batch, the earlier peer)")
    parser.add_argument("--labels", help=".npy of int labels (N,), to compute progress")
    parser.add_argument("--no-coordinates", action="store_true", help="omit coordinates from the output")
    args = parser.parse_args()

    probs = np.load(args.probs)
    t0, c0 = time.perf_counter(), time.process_time()
    if args.tile > 0:
        d = bhattacharyya_matrix(probs, np.dtype(args.dtype), args.batch, args.tile)
    else:
        d = bhattacharyya_matrix_batched(probs, np.dtype(args.dtype), args.batch)
    t1, c1 = time.perf_counter(), time.process_time()
    lam, coords, stress, total = inpca(d, args.axes)
    t2, c2 = time.perf_counter(), time.process_time()
    result = {
        "numpy": np.__version__,
        "shape": list(probs.shape),
        "dtype": args.dtype,
        "tile": args.tile,
        "batch": args.batch,
        "eigenvalues": lam[:args.axes].tolist(),
        "stress": stress.tolist(),
        "frobenius_squared": float(total),
        "distance_checksum": float(d.sum()),
        "timings": {"distances_s": t1 - t0, "eigensolve_s": t2 - t1, "total_s": t2 - t0,
                    "cpu_total_s": c2 - c0},
    }
    if not args.no_coordinates:
        result["coordinates"] = coords.tolist()
    if args.labels:
        result["progress"] = progress(probs, np.load(args.labels).astype(np.int64))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
