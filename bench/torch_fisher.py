"""PyTorch peer of FisherBench: the true Fisher spectrum of the same LeNet (weights exported by
FisherBench prepare, in DL4J's layout) on the same 500 probe samples, by the same Gram trick in
float64: per-sample Jacobians of log-softmax by functorch (vmap over jacrev), G = sqrt(p/n) J
(5000 x 44426), K = G G^T, eigvalsh(K). Checks first that torch computes the same predictions.
Prints "torch fisher_seconds <median>", "torch peak_rss_mb <VmHWM>", and how far its eigenvalues
are from the engine's (eig_engine.npy, when present). Threads: TORCH_THREADS (default 1).
Usage: torch_fisher.py DIR [repeats]"""
import os, resource, sys, time
import numpy as np
import torch
import torch.nn.functional as F
from functorch import make_functional, vmap, jacrev

THREADS = int(os.environ.get('TORCH_THREADS', '1'))
torch.set_num_threads(THREADS)
torch.set_default_dtype(torch.float64)


class LeNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5)    # DL4J ConvolutionMode.Truncate: no padding on 28 x 28
        self.conv2 = torch.nn.Conv2d(6, 16, 5)
        self.fc1 = torch.nn.Linear(256, 120)
        self.fc2 = torch.nn.Linear(120, 84)
        self.out = torch.nn.Linear(84, 10)

    def forward(self, x):
        x = x.reshape(-1, 1, 28, 28)                       # DL4J convolutionalFlat: row-major C x H x W
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(1)                                   # [c, h, w] order, as DL4J's CnnToFeedForward
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.out(x)


def load(d):
    net = LeNet()
    p = lambda n: torch.from_numpy(np.load(os.path.join(d, 'params', n + '.npy')))
    with torch.no_grad():
        for name in ('conv1', 'conv2'):
            getattr(net, name).weight.copy_(p(name + '_W'))           # [out, in, kh, kw] in both
            getattr(net, name).bias.copy_(p(name + '_b').reshape(-1))
        for name in ('fc1', 'fc2', 'out'):
            getattr(net, name).weight.copy_(p(name + '_W').T)         # DL4J dense W is [in, out]
            getattr(net, name).bias.copy_(p(name + '_b').reshape(-1))
    return net


def load_checked(d):
    """The network and the samples (x.npy), once torch has computed the engine's predictions (p.npy)."""
    net = load(d)
    x = torch.from_numpy(np.load(os.path.join(d, 'x.npy'))).to(torch.float64)
    with torch.no_grad():
        gap = np.abs(F.softmax(net(x), dim=1).numpy() - np.load(os.path.join(d, 'p.npy'))).max()
    print(f"torch predictions vs engine: max |difference| {gap:.2e} on {x.shape[0]} samples")
    if gap > 1e-9:
        sys.exit("torch did not rebuild the same network; not timing")
    return net, x


def fisher_eigenvalues(net, x, chunk=50):
    n = x.shape[0]
    fmodel, params = make_functional(net)
    logp = lambda ps, xi: F.log_softmax(fmodel(ps, xi.unsqueeze(0)), dim=1)[0]
    rows = []
    for s in range(0, n, chunk):
        xb = x[s:s + chunk]
        with torch.no_grad():
            p = F.softmax(net(xb), dim=1)                               # [b, C]
        jac = vmap(jacrev(logp), in_dims=(None, 0))(params, xb)        # per parameter [b, C, ...]
        j = torch.cat([t.detach().reshape(t.shape[0], t.shape[1], -1) for t in jac], dim=2)  # [b, C, P]
        rows.append((j * (p / n).sqrt().unsqueeze(2)).reshape(-1, j.shape[2]))
    g = torch.cat(rows)                                                 # [nC, P]
    k = g @ g.T
    return torch.linalg.eigvalsh(k).flip(0).numpy(), g.shape


def main():
    d = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    net, x = load_checked(d)
    times = []
    for r in range(repeats):
        t0 = time.perf_counter()
        eig, shape = fisher_eigenvalues(net, x)
        times.append(time.perf_counter() - t0)
        print(f"torch repeat {r}: {times[-1]:.1f} s (G {shape[0]} x {shape[1]}, {THREADS} threads)")
    top = eig[0]
    above = eig[eig > 1e-12 * top]
    print(f"torch decades {np.log10(top / above.min()):.2f} (largest {top:.4g}, {above.size} above 1e-12 of it)")
    ref = os.path.join(d, 'eig_engine.npy')
    if os.path.exists(ref):
        e = np.load(ref)
        for lo in (1e-4, 1e-8, 1e-10):
            m = e > lo * e[0]
            print(f"engine vs torch, eigenvalues above {lo:.0e} of the largest ({m.sum()}): "
                  f"max relative difference {np.max(np.abs(e[m] - eig[m]) / e[m]):.2e}")
    print(f"torch fisher_seconds {sorted(times)[len(times) // 2]:.2f}")
    print(f"torch peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")


if __name__ == '__main__':
    main()
