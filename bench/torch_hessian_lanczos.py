"""PyTorch peer of FisherBench hessian / density (bench/hessian-bench.sh): the same LeNet (weights
exported by FisherBench prepare, in DL4J's layout), the same 500 samples, the same Lanczos, with
exact Hessian-vector products by double backprop in float64 (the gradient of the mean
cross-entropy is formed once with create_graph=True, and each product is one
torch.autograd.grad of it against v, as PyHessian does).
  hessian: the k = 100 largest eigenvalues, Lanczos with full re-orthogonalisation (twice) from a
           Rademacher start, stopping as spectra/HessianSpectrum does: checked every 10 steps once
           there are k, stop when the k leading Ritz values have residual bound |beta_m s_mj| at
           most 1e-6 of the largest |Ritz value|; at most max(4k, k + 200) = 400 steps.
  density: stochastic Lanczos quadrature as spectra/SpectralDensity: 5 Rademacher vectors x 100
           steps, nodes and weights.
Prints "torch <what>_seconds <median>", "torch <what> products N", "torch <what> peak_rss_mb <VmHWM>",
the top eigenvalues (or the node range), and compares them with the engine's
(DIR/eig_hessian_engine.npy, DIR/nodes_density_engine.npy, written by FisherBench) when present.
Threads: TORCH_THREADS (default 1). Shorter runs: STEPS (at most this many Lanczos steps, per vector for
the density), DENSITY_VECTORS, as FisherBench's -Dsteps and -Dvectors.
Usage: torch_hessian_lanczos.py DIR hessian|density [repeats]"""
import os, resource, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_fisher import load_checked   # the same LeNet, from DL4J's layout, checked against p.npy

THREADS = int(os.environ.get('TORCH_THREADS', '1'))
torch.set_num_threads(THREADS)
torch.set_default_dtype(torch.float64)
K, TOL = 100, 1e-6
DENSITY_VECTORS = int(os.environ.get('DENSITY_VECTORS', '5'))
STEPS = int(os.environ.get('STEPS', '0'))      # > 0: at most this many Lanczos steps (hessian), per vector (density)
DENSITY_STEPS = STEPS or 100


class HessianProducts:
    """Exact H v of the mean cross-entropy by double backprop; counts the products."""
    def __init__(self, net, x, y):
        self.params = [p for p in net.parameters()]
        loss = F.cross_entropy(net(x), y)
        self.grads = torch.autograd.grad(loss, self.params, create_graph=True)
        self.dimension = sum(p.numel() for p in self.params)
        self.count = 0

    def __call__(self, v):
        self.count += 1
        parts, at = [], 0
        for p in self.params:
            parts.append(v[at:at + p.numel()].view_as(p))
            at += p.numel()
        hv = torch.autograd.grad(self.grads, self.params, grad_outputs=parts, retain_graph=True)
        return torch.cat([h.reshape(-1) for h in hv])


def lanczos(apply, start, steps, stop=None):
    """Full re-orthogonalisation twice, as spectra/Lanczos; stop(alpha, beta, m) checked every 10 steps."""
    p = start.numel()
    q = torch.zeros(steps, p)
    alpha, beta = np.zeros(steps), np.zeros(steps)
    v = start / start.norm()
    m = 0
    while m < steps:
        q[m] = v
        w = apply(v)
        alpha[m] = float(w @ v)
        for _ in range(2):
            w -= q[:m + 1].T @ (q[:m + 1] @ w)
        b = float(w.norm())
        beta[m] = b
        m += 1
        if m == steps or b <= 1e-12 * max(np.abs(alpha[:m]).max(), 1e-300):
            break
        v = w / b
        if stop is not None and m % 10 == 0 and stop(alpha[:m], beta[:m], m):
            break
    return alpha[:m], beta[:m]


def ritz(alpha, beta):
    """Ritz values largest first, eigenvectors of T as columns in the same order, residual bounds."""
    t = np.diag(alpha) + np.diag(beta[:-1], 1) + np.diag(beta[:-1], -1)
    values, vectors = np.linalg.eigh(t)
    values, vectors = values[::-1], vectors[:, ::-1]
    return values, vectors, np.abs(beta[-1] * vectors[-1, :])


def converged_top(alpha, beta, k):
    values, _, res = ritz(alpha, beta)
    limit = TOL * max(abs(values[0]), abs(values[-1]))
    top = 0
    while top < min(k, values.size) and res[top] <= limit:
        top += 1
    return top, values


def rademacher(p, gen):
    return torch.randint(0, 2, (p,), generator=gen).to(torch.float64) * 2 - 1


def hessian(h, seed):
    gen = torch.Generator().manual_seed(seed)
    steps = min(h.dimension, max(4 * K, K + 200), STEPS or h.dimension)
    alpha, beta = lanczos(h, rademacher(h.dimension, gen), steps,
                          lambda a, b, m: m >= K and converged_top(a, b, K)[0] >= K)
    top, values = converged_top(alpha, beta, K)
    return values[:top], alpha.size


def density(h, seed):
    gen = torch.Generator().manual_seed(seed)
    nodes, weights = [], []
    for _ in range(DENSITY_VECTORS):
        alpha, beta = lanczos(h, rademacher(h.dimension, gen), DENSITY_STEPS)
        values, vectors, _ = ritz(alpha, beta)
        nodes.append(values)
        weights.append(vectors[0, :] ** 2 / DENSITY_VECTORS)
    return np.concatenate(nodes), np.concatenate(weights)


def main():
    d, what = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    net, x = load_checked(d)
    y = torch.from_numpy(np.load(os.path.join(d, 'y.npy'))).to(torch.int64)
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        c0 = time.process_time()
        h = HessianProducts(net, x, y)
        if what == 'hessian':
            result, steps = hessian(h, r)
            summary = f"{result.size} eigenvalues, {result[0]:.4g} to {result[-1]:.4g}"
        else:
            result, weights = density(h, r)
            summary = f"nodes {result.min():.4g} to {result.max():.4g}"
        times.append(time.perf_counter() - t0)
        print(f"torch {what} repeat {r}: {times[-1]:.1f} s, process CPU {time.process_time() - c0:.1f} s "
              f"({summary}, {h.count} products, {times[-1] / h.count:.3f} s each, {THREADS} threads)")
    if what == 'hessian':
        print("torch top 10:", " ".join(f"{e:.4f}" for e in result[:10]))
        ref = os.path.join(d, 'eig_hessian_engine.npy')
        if os.path.exists(ref):
            e = np.load(ref)
            print("engine top 10:", " ".join(f"{v:.4f}" for v in e[:10]))
            n = min(e.size, result.size)
            rel = np.abs(e[:n] - result[:n]) / np.abs(result[:n])
            print(f"engine vs torch, the {n} leading: median relative difference {np.median(rel):.2e}, "
                  f"largest {rel.max():.2e} (at {int(rel.argmax()) + 1}); last ({n}th): engine {e[n - 1]:.4f}, torch {result[n - 1]:.4f}")
    else:
        print(f"torch density largest node {result.max():.4f}, smallest {result.min():.4f}")
        ref = os.path.join(d, 'nodes_density_engine.npy')
        if os.path.exists(ref):
            e = np.load(ref)
            print(f"engine density largest node {e.max():.4f}, smallest {e.min():.4f}")
    print(f"torch {what} products {h.count}")
    print(f"torch {what}_seconds {sorted(times)[len(times) // 2]:.2f}")
    print(f"torch {what} peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")


if __name__ == '__main__':
    main()
