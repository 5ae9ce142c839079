"""PyTorch peer of TrainingThroughput: the same MLP 784-128-10, batch 128, Adam(1e-3),
on the same bundled MNIST subset, one thread (the engine also trains on one core per run).
Prints "torch samples_per_s <median>"."""
import gzip, struct, sys, time
import numpy as np
import torch

def read_idx(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    magic, = struct.unpack('>i', raw[:4])
    ndim = magic & 0xff
    dims = struct.unpack('>' + 'i' * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = torch.tensor(read_idx('assets/mnist/train-images-idx3-ubyte.gz').reshape(-1, 784) / 255.0, dtype=torch.float32)
    y = torch.tensor(read_idx('assets/mnist/train-labels-idx1-ubyte.gz').astype(np.int64))
    net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    gen = np.random.default_rng(0)
    order = gen.permutation(n)
    cursor = [0]

    def step():
        nonlocal order
        if cursor[0] + 128 > n:
            order = gen.permutation(n)
            cursor[0] = 0
        idx = torch.from_numpy(order[cursor[0]:cursor[0] + 128])
        cursor[0] += 128
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(200):
        step()
    rates = []
    for r in range(repeats):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        for _ in range(steps):
            step()
        sec = time.perf_counter() - t0
        cpu = time.thread_time() - c0
        rates.append(steps * 128 / sec)
        print(f"torch repeat {r}: {rates[-1]:.0f} samples/s ({sec * 1000 / steps:.2f} ms/step, cpu {cpu * 1000 / steps:.2f} ms/step)")
    print(f"torch samples_per_s {sorted(rates)[repeats // 2]:.0f}")

if __name__ == '__main__':
    main()
