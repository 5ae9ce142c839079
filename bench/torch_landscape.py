"""PyTorch peer of bench/landscape-bench.sh: the same 25 x 25 plane as `predspace landscape
--plane random`, from the files that command writes (FILE.directions.npy: rows origin, d_x,
d_y in DL4J's flat parameter order; FILE.csv: the grid's x, y and the engine's losses) and the
same probe samples (x.npy, y.npy exported by LandscapeBench). float64 like the engine, so the
losses must agree to 1e-6. Each cell: theta = origin + x d_x + y d_y, copied into the network,
one forward pass over all samples, the mean cross-entropy as the engine defines it (each
probability floored at 1e-15).
Prints "torch plane_seconds S" (median of the repeats) and the largest loss difference.
Threads: TORCH_THREADS (default 1).
Usage: torch_landscape.py mlp|lenet FILE.csv SAMPLES_DIR [repeats]"""
import csv, os, statistics, sys, time
import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get('TORCH_THREADS', '1')))
torch.set_default_dtype(torch.float64)
FLOOR = 1e-15


class MLP(torch.nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))

    def forward(self, x):
        for k, layer in enumerate(self.layers):
            x = layer(x)
            if k < len(self.layers) - 1:
                x = F.relu(x)
        return x


class LeNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5)    # DL4J ConvolutionMode.Truncate on 28 x 28: no padding
        self.conv2 = torch.nn.Conv2d(6, 16, 5)
        self.layers = torch.nn.ModuleList([torch.nn.Linear(256, 120), torch.nn.Linear(120, 84), torch.nn.Linear(84, 10)])

    def forward(self, x):
        x = x.reshape(-1, 1, 28, 28)                 # DL4J convolutionalFlat: row-major C x H x W
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.flatten(1)                             # [c, h, w], as DL4J's CnnToFeedForward
        for k, layer in enumerate(self.layers):
            x = layer(x)
            if k < 2:
                x = F.relu(x)
        return x


def unflatten(net, theta):
    """DL4J's flat order (docs/landscape.md): per layer, dense W [in, out] column-major then b;
    convolution b then W [out, in, kh, kw] row-major."""
    at = 0
    def take(n):
        nonlocal at
        v = theta[at:at + n]
        at += n
        return v
    with torch.no_grad():
        convs = [m for m in net.modules() if isinstance(m, torch.nn.Conv2d)]
        dense = [m for m in net.modules() if isinstance(m, torch.nn.Linear)]
        for c in convs:
            c.bias.copy_(take(c.bias.numel()))
            c.weight.copy_(take(c.weight.numel()).reshape(c.weight.shape))
        for d in dense:
            n_out, n_in = d.weight.shape
            # column-major [in, out] is row-major [out, in]: torch's own weight layout
            d.weight.copy_(take(n_in * n_out).reshape(n_out, n_in))
            d.bias.copy_(take(n_out))
    assert at == theta.numel(), (at, theta.numel())


def main():
    arch, table, samples = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    origin, dx, dy = torch.from_numpy(np.load(table[:-4] + '.directions.npy'))
    x = torch.from_numpy(np.load(os.path.join(samples, 'x.npy')).astype(np.float64))
    y = torch.from_numpy(np.load(os.path.join(samples, 'y.npy')))
    cells = [(float(r['x']), float(r['y']), float(r['train_loss'])) for r in csv.DictReader(open(table)) if r['point'] == 'grid']
    net = MLP([x.shape[1], 256, 256, 10]) if arch == 'mlp' else LeNet()
    net.eval()
    times, losses = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        losses = []
        with torch.no_grad():
            for cx, cy, _ in cells:
                unflatten(net, origin + cx * dx + cy * dy)
                out = net(x)
                # the engine's loss: mean -log p_y with p_y floored at 1e-15 (ProbeScore, as metrics.csv records it)
                p = torch.softmax(out, dim=1)[torch.arange(len(y)), y]
                losses.append(-torch.log(torch.clamp(p, min=FLOOR)).mean().item())
        times.append(time.perf_counter() - start)
        print(f"torch {arch} plane {len(cells)} models on {x.shape[0]} samples: {times[-1]:.2f} s", flush=True)
    worst = max(abs(a - c[2]) for a, c in zip(losses, cells))
    print(f"torch {arch} largest_loss_difference {worst:.3g}")
    print(f"torch {arch} plane_seconds {statistics.median(times):.3f}")


if __name__ == '__main__':
    main()
