#!/usr/bin/env bash
# True Fisher spectrum of a trained LeNet-5 at n = 500 (5,000 x 5,000 Gram matrix): PredSpace's
# engine (FisherSpectrum: DL4J per-sample gradients in double, G in float, K by dsyrk in double,
# LAPACKE dsyevd) against PyTorch (functorch vmap(jacrev) in float64, G G^T, eigvalsh) on the same
# weights and the same probe samples, one thread each, in one run. Also checks that both give the
# same eigenvalues. Needs Debian's python3-torch and libopenblas0-pthread.
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
# measured in a JVM of its own so VmHWM is the spectrum's; the heap needs little (G and K live
# off-heap), so a small -Xmx keeps the garbage collector from growing it
java -Xmx512m -XX:MaxDirectMemorySize=2g -cp "$cp" org.predspace.bench.FisherBench measure "$dir" "$repeats" | tee target/bench-fisher-engine.txt
/usr/bin/python3 bench/torch_fisher.py "$dir" "$repeats" | tee target/bench-fisher-torch.txt
engine=$(awk '/^engine fisher_seconds/ {print $3}' target/bench-fisher-engine.txt)
torch=$(awk '/^torch fisher_seconds/ {print $3}' target/bench-fisher-torch.txt)
engine_mb=$(awk '/^engine peak_rss_mb/ {print $3}' target/bench-fisher-engine.txt)
torch_mb=$(awk '/^torch peak_rss_mb/ {print $3}' target/bench-fisher-torch.txt)
awk -v e="$engine" -v t="$torch" -v em="$engine_mb" -v tm="$torch_mb" 'BEGIN {
  printf "median seconds: engine %.1f, pytorch %.1f, ratio engine/pytorch %.2f; peak RSS MB: engine %d, pytorch %d\n", e, t, e / t, em, tm }'
