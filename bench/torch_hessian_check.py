"""Exact reference for the project's Hessian figures (bench/README.md "Hessian check"): at a run's
last parameter snapshot, on the train probe samples the spectrum command and RunSharpness use
(x.npy, y.npy exported by `HessianCheck samples`), in float64 with PyTorch's double backprop:
  - the top 10 eigenvalues of the Hessian of the mean cross-entropy (Lanczos on exact H v products),
  - the top 10 of its Gauss-Newton part G = 1/n sum_i J_i^T (diag p_i - p_i p_i^T) J_i (exact G v),
  - optionally, for the project's finite-difference products H_h v (`HessianCheck products`,
    SAMPLES_DIR/v.npy and hv_H.npy): their relative error against the exact H v and the Rayleigh
    quotients v.H_h v / v.v against the exact one.
The network is evaluated as a function of the flat parameter vector in DL4J's order (docs/landscape.md:
per layer, dense W [in, out] column-major then b; convolution b then W [out, in, kh, kw] row-major),
so eigenvectors and products are in the order the engine uses. The loss is the plain mean
cross-entropy (the 1e-15 floor of the engine's reported loss has no derivative where it does not bind).
Prototype of a fix (--fd-steps H...): Lanczos on central differences of exact gradients, as
spectra/HessianVectorProduct forms them, once with the network's own ReLU masks and max-pool winners
at w +- h v (the engine's products) and once with them frozen at w (the network is then smooth in
the parameters and its Hessian is the exact one almost everywhere); and the Gauss-Newton products
as landscape.GaussNewtonProduct forms them (probabilities differenced at the same steps).
Usage: torch_hessian_check.py RUN_DIR SAMPLES_DIR [--step S|last] [--lanczos 100] [--fd-steps H ...]"""
import argparse, glob, json, os, re, time
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(int(os.environ.get('TORCH_THREADS', '1')))


def network(spec):
    """forward(theta, x) -> logits for the run's architecture, theta in DL4J's flat order."""
    arch = spec['architecture']
    if arch == 'mlp':
        sizes = [784] + [spec['width']] * spec['hidden_layers'] + [10]
        convs, dense = [], list(zip(sizes, sizes[1:]))
    elif arch == 'lenet':
        convs, dense = [(1, 6, 5), (6, 16, 5)], [(256, 120), (120, 84), (84, 10)]
    else:
        raise SystemExit(f"architecture {arch} is not checked here (mlp, lenet)")
    count = sum(o + o * i * k * k for i, o, k in convs) + sum(i * o + o for i, o in dense)

    def forward(theta, x, pattern=None):
        """Logits and the activation pattern (ReLU masks, max-pool winners) they were computed with;
        given a pattern, that pattern is used instead of the one theta would give (a smooth network)."""
        at, made, k = 0, [], 0
        def take(n):
            nonlocal at
            at += n
            return theta[at - n:at]
        def relu(z):
            nonlocal k
            mask = (z > 0).to(z.dtype) if pattern is None else pattern[k]
            made.append(mask)
            k += 1
            return z * mask
        def pool(z):
            nonlocal k
            if pattern is None:
                _, winners = F.max_pool2d(z, 2, return_indices=True)
            else:
                winners = pattern[k]
            made.append(winners)
            k += 1
            return z.flatten(2).gather(2, winners.flatten(2)).reshape(winners.shape)
        if convs:
            x = x.reshape(-1, 1, 28, 28)            # DL4J convolutionalFlat: row-major C x H x W
            for i, o, kh in convs:
                b = take(o)
                w = take(o * i * kh * kh).reshape(o, i, kh, kh)
                x = pool(relu(F.conv2d(x, w, b)))   # Truncate mode: no padding
            x = x.flatten(1)
        for j, (i, o) in enumerate(dense):
            w = take(i * o).reshape(o, i)           # column-major [in, out] is row-major [out, in]
            x = F.linear(x, w, take(o))
            if j < len(dense) - 1:
                x = relu(x)
        assert at == theta.numel()
        return x, made
    return forward, count


def lanczos(apply, p, steps, k, seed=0):
    """Top k Ritz values of a symmetric operator by Lanczos with full re-orthogonalisation, and
    their true residuals |A y - theta y| (k more products: the tridiagonal's bound underflows to 0
    on these well-separated outliers, which proves less than a direct check)."""
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(p, generator=g)
    q /= q.norm()
    Q, alpha, beta = [q], [], []
    for j in range(steps):
        w = apply(Q[-1])
        a = torch.dot(w, Q[-1]).item()
        alpha.append(a)
        w = w - a * Q[-1] - (beta[-1] * Q[-2] if beta else 0)
        basis = torch.stack(Q)
        for _ in range(2):
            w = w - basis.T @ (basis @ w)
        b = w.norm().item()
        if j == steps - 1 or b < 1e-12:
            break
        beta.append(b)
        Q.append(w / b)
    T = np.diag(alpha) + np.diag(beta[:len(alpha) - 1], 1) + np.diag(beta[:len(alpha) - 1], -1)
    values, vectors = np.linalg.eigh(T)
    order = np.argsort(values)[::-1][:k]
    top = values[order]
    ritz = torch.stack(Q[:len(alpha)]).T @ torch.from_numpy(vectors[:, order])
    residuals = np.array([(apply(ritz[:, i]) - top[i] * ritz[:, i]).norm().item() for i in range(len(top))])
    return top, residuals, len(alpha)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('run')
    ap.add_argument('samples')
    ap.add_argument('--step', default='last')
    ap.add_argument('--lanczos', type=int, default=100, help='Lanczos steps of the exact spectra')
    ap.add_argument('--fd-steps', type=float, nargs='*', default=[],
                    help='prototype: top eigenvalues of central-difference H v at these steps, live and frozen pattern')
    ap.add_argument('--fd-lanczos', type=int, default=40)
    a = ap.parse_args()
    run, samples, step, steps = a.run, a.samples, a.step, a.lanczos
    spec = json.load(open(os.path.join(run, 'run.json')))['spec']
    snaps = sorted(glob.glob(os.path.join(run, 'params', 'step_*.npy')), key=lambda f: int(re.findall(r'\d+', os.path.basename(f))[0]))
    snap = snaps[-1] if step == 'last' else os.path.join(run, 'params', f'step_{step}.npy')
    theta0 = torch.from_numpy(np.load(snap).astype(np.float64))
    x = torch.from_numpy(np.load(os.path.join(samples, 'x.npy')).astype(np.float64))
    y = torch.from_numpy(np.load(os.path.join(samples, 'y.npy')))
    forward, count = network(spec)
    assert count == theta0.numel(), (count, theta0.numel())
    n = len(y)
    theta = theta0.clone().requires_grad_(True)
    logits, pattern = forward(theta, x)
    loss = F.cross_entropy(logits, y)
    grad, = torch.autograd.grad(loss, theta, create_graph=True)
    print(f"{spec['architecture']} {os.path.basename(snap)}: P {count}, n {n}, loss {loss.item():.6f}, |grad| {grad.norm().item():.4g}")

    def hessian(v):
        hv, = torch.autograd.grad(grad, theta, v, retain_graph=True)
        return hv

    p = torch.softmax(logits, 1).detach()
    u = torch.zeros_like(logits, requires_grad=True)
    jt_u, = torch.autograd.grad(logits, theta, u, create_graph=True)   # J^T u, linear in u

    def gauss_newton(v):
        jv, = torch.autograd.grad(jt_u, u, v, retain_graph=True)       # J v by the double-vjp trick
        m = (p * jv - p * (p * jv).sum(1, keepdim=True)) / n           # (diag p - p p^T) J v / n
        gv, = torch.autograd.grad(logits, theta, m, retain_graph=True)
        return gv

    for name, op in (('hessian', hessian), ('gauss_newton', gauss_newton)):
        t0 = time.perf_counter()
        values, residuals, used = lanczos(op, count, steps, 10)
        print(f"torch {name} top10 ({used} Lanczos steps, {time.perf_counter() - t0:.1f} s): "
              + ' '.join(f'{v:.10g}' for v in values))
        print(f"torch {name} residuals |A y - theta y|: " + ' '.join(f'{r:.1e}' for r in residuals))

    def gradient(w, frozen):
        w = w.detach().requires_grad_(True)
        out, _ = forward(w, x, pattern if frozen else None)
        g, = torch.autograd.grad(F.cross_entropy(out, y), w)
        return g

    for h in a.fd_steps:
        for frozen in (False, True):
            def central(v):  # the engine's product: the step along the unit direction is h
                d = h / v.norm()
                return (gradient(theta0 + d * v, frozen) - gradient(theta0 - d * v, frozen)) / (2 * d)
            values, residuals, used = lanczos(central, count, a.fd_lanczos, 3)
            print(f"torch central differences h {h:g} ({'frozen' if frozen else 'live'} pattern, {used} Lanczos steps): top3 "
                  + ' '.join(f'{v:.10g}' for v in values))

        def probability_differences(v):  # landscape.GaussNewtonProduct: only probabilities differenced, then J^T at w
            d = h / v.norm()
            with torch.no_grad():
                du = (torch.softmax(forward(theta0 + d * v, x)[0], 1) - torch.softmax(forward(theta0 - d * v, x)[0], 1)) / (2 * d)
            gv, = torch.autograd.grad(logits, theta, du / n, retain_graph=True)
            return gv
        values, residuals, used = lanczos(probability_differences, count, a.fd_lanczos, 3)
        print(f"torch Gauss-Newton by probability differences h {h:g} ({used} Lanczos steps): top3 "
              + ' '.join(f'{v:.10g}' for v in values))

    v_file = os.path.join(samples, 'v.npy')
    if os.path.exists(v_file):
        v = torch.from_numpy(np.load(v_file))
        exact = hessian(v)
        vv = torch.dot(v, v).item()
        print(f"exact H v: Rayleigh v.Hv/v.v {torch.dot(v, exact).item() / vv:.8g}, |Hv| {exact.norm().item():.6g}")
        gv = gauss_newton(v)
        print(f"exact G v: Rayleigh {torch.dot(v, gv).item() / vv:.8g}, |Gv - Hv|/|Hv| {(gv - exact).norm().item() / exact.norm().item():.3g}")
        for f in sorted(glob.glob(os.path.join(samples, 'hv_*.npy')), key=lambda f: -float(f[f.rindex('hv_') + 3:-4])):
            h = f[f.rindex('hv_') + 3:-4]
            fd = torch.from_numpy(np.load(f))
            print(f"java H v step {h}: relative error {(fd - exact).norm().item() / exact.norm().item():.3g}, "
                  f"Rayleigh {torch.dot(v, fd).item() / vv:.8g}")


if __name__ == '__main__':
    main()
