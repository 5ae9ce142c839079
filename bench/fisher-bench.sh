#!/usr/bin/env bash
# True Fisher spectrum of a trained LeNet-5 at n = 500 (5,000 x 5,000 Gram matrix): PredSpace's
# engine (FisherSpectrum: DL4J per-sample gradients in double on one worker per core, G in float,
# K by dsyrk in double and eigenvalues by dsyev_2stage, OpenBLAS on all cores for those two calls)
# against PyTorch (functorch vmap(jacrev) in float64, G G^T, eigvalsh) on the same weights and the
# same probe samples, in one run: PyTorch once on one thread (the earlier comparison) and once on
# as many threads as the engine uses. Also checks that both give the same eigenvalues. Needs
# Debian's python3-torch and libopenblas0-pthread.
# Usage: bench/fisher-bench.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
dir=target/bench-fisher
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
mkdir -p "$dir"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
java -Xmx2g -cp "$cp" org.predspace.bench.FisherBench prepare "$dir"
cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)
# measured in a JVM of its own, with the default heap, so VmHWM is the spectrum's (G and K live
# off-heap; the gradient loop keeps the heap small itself, see HeapBound)
java -XX:MaxDirectMemorySize=2g -cp "$cp" org.predspace.bench.FisherBench measure "$dir" "$repeats" | tee target/bench-fisher-engine.txt
TORCH_THREADS=1 /usr/bin/python3 bench/torch_fisher.py "$dir" "$repeats" | tee target/bench-fisher-torch.txt
OMP_NUM_THREADS=$cores OPENBLAS_NUM_THREADS=$cores TORCH_THREADS=$cores \
  /usr/bin/python3 bench/torch_fisher.py "$dir" "$repeats" | tee target/bench-fisher-torch-all.txt
field() { awk -v k="$2" '$1 == k || $1 " " $2 == k {print $NF}' "$1" | tail -1; }
engine=$(field target/bench-fisher-engine.txt "engine fisher_seconds")
engine_mb=$(field target/bench-fisher-engine.txt "engine peak_rss_mb")
for f in target/bench-fisher-torch.txt target/bench-fisher-torch-all.txt; do
  threads=$([ "$f" = target/bench-fisher-torch.txt ] && echo 1 || echo "$cores")
  awk -v e="$engine" -v t="$(field $f "torch fisher_seconds")" -v em="$engine_mb" -v tm="$(field $f "torch peak_rss_mb")" -v th="$threads" -v c="$cores" 'BEGIN {
    printf "median seconds: engine (%d cores) %.1f, pytorch (%d threads) %.1f, ratio engine/pytorch %.2f; peak RSS MB: engine %d, pytorch %d\n", c, e, th, t, e / t, em, tm }'
done
