#!/usr/bin/env bash
# The Hessian's 100 leading eigenvalues and its spectral density on a trained LeNet-5 at n = 500
# (FisherBench's checkpoint and samples, P = 44,426): PredSpace's engine (spectra: Lanczos on
# finite-difference Hessian-vector products, DL4J gradient passes in double on one worker per
# core) against PyTorch (the same Lanczos on exact double-backprop products, float64), on one
# thread and on as many as the engine uses. Each computation in a process of its own, so peak
# RSS (VmHWM) is its own; engine and peer alternate, repeat after repeat, and the medians are
# compared. Needs Debian's python3-torch.
# Usage: bench/hessian-bench.sh [repeats] [what...]   (what: hessian density; default both)
#   shorter runs, the same in both: STEPS=N  at most N Lanczos steps (hessian; fewer than the k = 100
#   leading then converge), N steps per vector (density, default 100); DENSITY_VECTORS=N (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-1}
shift || true
whats=${*:-hessian density}
vectors=${DENSITY_VECTORS:-5}
steps=${STEPS:-0}
dir=target/bench-fisher
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
mkdir -p "$dir"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
java -Xmx2g -cp "$cp" org.predspace.bench.FisherBench prepare "$dir" | grep -v WARN
cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)
field() { awk -v k="$2" 'index($0, k " ") == 1 {print $NF}' "$1" | tail -1; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
for what in $whats; do
  out=target/hessian-bench-$what
  rm -f "$out"-*.txt
  for r in $(seq 1 "$repeats"); do
    echo "== $what, repeat $r of $repeats: $(uptime)"
    # the engine with its default heap, as a user runs it: the bound is the code's, not -Xmx's
    java -Dvectors="$vectors" -Dsteps="$steps" -cp "$cp" org.predspace.bench.FisherBench "$what" "$dir" 1 | grep -v WARN | tee -a "$out-engine.txt"
    TORCH_THREADS=1 DENSITY_VECTORS=$vectors STEPS=$steps /usr/bin/python3 bench/torch_hessian_lanczos.py "$dir" "$what" \
      | tee -a "$out-torch1.txt"
    OMP_NUM_THREADS=$cores TORCH_THREADS=$cores DENSITY_VECTORS=$vectors STEPS=$steps \
      /usr/bin/python3 bench/torch_hessian_lanczos.py "$dir" "$what" | tee -a "$out-torch$cores.txt"
  done
  engine=$(awk -v k="engine ${what}_seconds" 'index($0, k " ") == 1 {print $NF}' "$out-engine.txt" | median)
  engine_mb=$(awk -v k="engine $what peak_rss_mb" 'index($0, k " ") == 1 {print $NF}' "$out-engine.txt" | sort -g | tail -1)
  engine_n=$(field "$out-engine.txt" "engine $what products")
  for threads in 1 "$cores"; do
    f=$out-torch$threads.txt
    torch=$(awk -v k="torch ${what}_seconds" 'index($0, k " ") == 1 {print $NF}' "$f" | median)
    torch_mb=$(awk -v k="torch $what peak_rss_mb" 'index($0, k " ") == 1 {print $NF}' "$f" | sort -g | tail -1)
    awk -v w="$what" -v e="$engine" -v t="$torch" -v em="$engine_mb" -v tm="$torch_mb" -v th="$threads" -v c="$cores" \
        -v en="$engine_n" -v tn="$(field "$f" "torch $what products")" -v r="$repeats" 'BEGIN {
      printf "%s, median of %d: engine (%d workers) %.1f s for %d products (%.2f s each), pytorch (%d threads) %.1f s for %d (%.2f s each); ratio engine/pytorch %.2f per run, %.2f per product; peak RSS MB: engine %d, pytorch %d\n",
        w, r, c, e, en, e / en, th, t, tn, t / tn, e / t, (e / en) / (t / tn), em, tm }'
  done
done
