"""PyTorch peer of `predspace train --dataset mnist --arch lenet|allcnn --epochs 2 --checkpoints 30`:
the same job as a whole process, one thread. Same network (PredSpace's LeNet-5 with unpadded
convolutions on 28x28, or its allcnn: 3x3 convs with batch norm and ReLU, two of them strided,
a 1x1 conv, global average pool), Adam(1e-3), batch 128, 2 epochs of the bundled 20k MNIST
subset, the same 30 log-spaced checkpoints. At each checkpoint, like a PredSpace run: predictions
on a 1,000-sample training probe and a 1,000-sample test probe with their penultimate features
(chunks of 250, inference mode), the features of 1,000 prototype samples whose class means
imprint predictions on both probes, probe losses and accuracies, and a parameter snapshot; the
predictions go to growing .npy files, the snapshot to params/step_N.npy, the metrics to
metrics.csv; at the end the whole 3,000-sample test split is evaluated.
Usage: torch_conv_train.py lenet|allcnn OUT_DIR   (prints "torch <arch> steps <n> train_cpu_ms_per_step <x>")
       torch_conv_train.py lenet|allcnn --steps STEPS REPEATS   (the training step alone, as TrainingThroughput
       times it: "torch (<arch>) repeat <r>: <rate> samples/s (<wall> ms/step, cpu <cpu> ms/step)")"""
import math, os, struct, sys, time
import numpy as np
import torch
import torch.nn as nn
from torch_mlp_throughput import read_idx   # the MLP peer's IDX reader (bench/ is on sys.path)

CHUNK = 250

def lenet():
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))

def allcnn():
    def block(cin, cout, k, stride):
        # "same" padding as DL4J computes it for odd kernels: k // 2 (ceil(28 / 2) = 14 = floor((28 + 2 - 3) / 2) + 1)
        return [nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1), nn.ReLU()]
    return nn.Sequential(*block(1, 16, 3, 1), *block(16, 16, 3, 2), *block(16, 32, 3, 1), *block(32, 32, 3, 2),
                         *block(32, 32, 1, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10))

def log_spaced(total, target):
    """CheckpointSchedule.logSpaced."""
    s = [0] * target
    for i in range(1, target):
        s[i] = max(round(math.exp(math.log(total) * (i - 1) / (target - 2))), s[i - 1] + 1)
    s[target - 1] = total
    i = target - 2
    while i > 0 and s[i] >= s[i + 1]:
        s[i] = s[i + 1] - 1
        i -= 1
    return s

def balanced(labels, n, gen, exclude=None):
    idx = np.arange(len(labels))
    if exclude is not None:
        idx = np.setdiff1d(idx, exclude)
    per = n // 10
    return np.concatenate([gen.choice(idx[labels[idx] == c], per, replace=False) for c in range(10)])

class Growing:
    """A [checkpoints, rows, cols] float32 .npy file whose rows are appended and whose header is rewritten."""
    def __init__(self, path, rows, cols):
        self.path, self.rows, self.cols, self.count = path, rows, cols, 0
        self.f = open(path, 'wb')
        self.header()

    def header(self):
        h = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d, %d), }" % (self.count, self.rows, self.cols)
        h = h + ' ' * (118 - len(h)) + '\n'
        self.f.seek(0)
        self.f.write(b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h.encode())

    def append(self, a):
        self.f.seek(0, 2)
        self.f.write(np.ascontiguousarray(a, dtype=np.float32).tobytes())
        self.count += 1
        self.header()
        self.f.flush()

def step_rate(arch, steps, repeats):
    """The training step alone on the MNIST subset, after a warm-up, like TrainingThroughput."""
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = torch.tensor(read_idx('assets/mnist/train-images-idx3-ubyte.gz').reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    y = torch.from_numpy(read_idx('assets/mnist/train-labels-idx1-ubyte.gz').astype(np.int64))
    net = lenet() if arch == 'lenet' else allcnn()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    gen = np.random.default_rng(0)
    order, cursor = gen.permutation(x.shape[0]), 0

    def step():
        nonlocal order, cursor
        if cursor + 128 > x.shape[0]:
            order, cursor = gen.permutation(x.shape[0]), 0
        idx = torch.from_numpy(order[cursor:cursor + 128])
        cursor += 128
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
        return loss.item()

    end = time.perf_counter() + 4
    while time.perf_counter() < end:
        step()
    for r in range(repeats):
        t0, c0 = time.perf_counter(), time.thread_time()
        for _ in range(steps):
            step()
        sec, cpu = time.perf_counter() - t0, time.thread_time() - c0
        print(f"torch ({arch}) repeat {r}: {steps * 128 / sec:.0f} samples/s ({sec * 1000 / steps:.2f} ms/step, cpu {cpu * 1000 / steps:.2f} ms/step)")

def main():
    if sys.argv[2] == '--steps':
        step_rate(sys.argv[1], int(sys.argv[3]), int(sys.argv[4]))
        return
    arch, out = sys.argv[1], sys.argv[2]
    torch.set_num_threads(1)
    torch.manual_seed(0)
    gen = np.random.default_rng(0)
    images = read_idx('assets/mnist/train-images-idx3-ubyte.gz')
    labels = read_idx('assets/mnist/train-labels-idx1-ubyte.gz').astype(np.int64)
    test_images = read_idx('assets/mnist/t10k-images-idx3-ubyte.gz')
    test_labels = read_idx('assets/mnist/t10k-labels-idx1-ubyte.gz').astype(np.int64)
    x = torch.tensor(images.reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    y = torch.from_numpy(labels)
    xt = torch.tensor(test_images.reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32)
    yt = torch.from_numpy(test_labels)
    probe = balanced(labels, 1000, gen)
    test_probe = balanced(test_labels, 1000, gen)
    prototypes = balanced(labels, 1000, gen, exclude=probe)

    net = lenet() if arch == 'lenet' else allcnn()
    body, head = net[:-1], net[-1]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n, batch, epochs = x.shape[0], 128, 2
    steps_per_epoch = n // batch
    total = steps_per_epoch * epochs
    schedule = set(log_spaced(total, 30))

    os.makedirs(os.path.join(out, 'params'), exist_ok=True)
    os.makedirs(os.path.join(out, 'imprinted'), exist_ok=True)
    np.save(os.path.join(out, 'labels.npy'), labels[probe].astype(np.int32))
    np.save(os.path.join(out, 'test_labels.npy'), test_labels[test_probe].astype(np.int32))
    files = {k: Growing(os.path.join(out, k), 1000, 10) for k in
             ('predictions.npy', 'test_predictions.npy', 'imprinted/predictions.npy', 'imprinted/test_predictions.npy')}
    metrics = open(os.path.join(out, 'metrics.csv'), 'w')
    metrics.write('step,epoch,train_loss,train_accuracy,test_loss,test_accuracy\n')

    def outputs(xs):
        probs, feats = [], []
        for s in range(0, xs.shape[0], CHUNK):
            f = body(xs[s:s + CHUNK])
            feats.append(f)
            probs.append(torch.softmax(head(f), 1))
        return torch.cat(probs), torch.cat(feats)

    def summary(p, labels_):
        return (-torch.log(p[torch.arange(len(labels_)), labels_].clamp_min(1e-10)).mean().item(),
                (p.argmax(1) == labels_).float().mean().item())

    def checkpoint(step):
        net.eval()
        with torch.no_grad():
            p, f = outputs(x[probe])
            pt, ft = outputs(xt[test_probe])
            _, fp = outputs(x[prototypes])
            protos = torch.stack([fp[y[prototypes] == c].mean(0) for c in range(10)])
            imprinted = torch.softmax(f @ protos.T, 1), torch.softmax(ft @ protos.T, 1)
            params = torch.cat([q.detach().reshape(-1) for q in net.parameters()]).numpy()
        net.train()
        for k, a in zip(files, (p, pt) + imprinted):
            files[k].append(a.numpy())
        np.save(os.path.join(out, 'params', 'step_%d.npy' % step), params)
        tl, ta = summary(p, y[probe])
        vl, va = summary(pt, yt[test_probe])
        metrics.write('%d,%r,%r,%r,%r,%r\n' % (step, step / steps_per_epoch, tl, ta, vl, va))
        metrics.flush()

    train_cpu = 0.0
    step = 0
    for epoch in range(epochs):
        order = torch.from_numpy(gen.permutation(n))
        for b in range(steps_per_epoch):
            if step in schedule:
                checkpoint(step)
            c0 = time.thread_time()
            idx = order[b * batch:(b + 1) * batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            loss.item()
            train_cpu += time.thread_time() - c0
            step += 1
    checkpoint(step)
    net.eval()
    with torch.no_grad():
        p, _ = outputs(xt)
    print('torch %s test accuracy %.4f' % (arch, summary(p, yt)[1]))
    print('torch %s steps %d train_cpu_ms_per_step %.2f' % (arch, step, train_cpu * 1000 / step))

if __name__ == '__main__':
    main()
