#!/usr/bin/env bash
# A 25 x 25 random filter-normalised plane (`predspace landscape --plane random`) for the MLP
# (784-256-256-10) and for LeNet-5 on 1,000 train probe samples of Fashion-MNIST, against the same
# grid computed by PyTorch (bench/torch_landscape.py, float64 like the engine) from the files the
# command wrote (same weights, same directions, same cells) and the same samples, in one run.
# The engine scores one model per core (one network copy each); PyTorch gets as many threads.
# Prints each wall time, the load average, and the ratio PyTorch / engine (above 1: the engine is
# faster). Targets (issue 19): MLP within 10 s, LeNet within 2 minutes, ratio at least 1.
# The runs are trained once (1,000 images, 2 epochs) into target/bench-landscape and reused.
# Usage: bench/landscape-bench.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-1}
dir=target/bench-landscape
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
mkdir -p "$dir"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
cores=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)
predspace() { java -cp "$cp" org.predspace.Main "$@"; }
for arch in mlp lenet; do
  if [ ! -f "$dir/$arch/run.json" ]; then
    predspace train --dataset fashion --arch "$arch" --train-size 1000 --probe-size 1000 --epochs 2 --batch 32 \
      --snapshots sparse --name "$arch" --out "$dir" >/dev/null
  fi
done
java -cp "$cp" org.predspace.bench.LandscapeBench samples "$dir/mlp" 1000 "$dir/samples"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
declare -A engine torch
for arch in mlp lenet; do
  times=()
  for ((r = 0; r < repeats; r++)); do
    start=$(date +%s.%N)
    predspace landscape "$dir/$arch" --plane random --grid 25 --seed 0 --samples 1000 --out "$dir/$arch-plane.csv" 2>/dev/null \
      | tee "$dir/$arch-engine.txt"
    end=$(date +%s.%N)
    grid=$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' "$dir/$arch-engine.txt")
    echo "engine $arch grid ${grid} s, whole command (JVM start, data, directions, files) $(echo "$end - $start" | bc) s"
    times+=("$grid")
  done
  engine[$arch]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  OMP_NUM_THREADS=$cores TORCH_THREADS=$cores \
    /usr/bin/python3 bench/torch_landscape.py "$arch" "$dir/$arch-plane.csv" "$dir/samples" "$repeats" | tee "$dir/$arch-torch.txt"
  torch[$arch]=$(awk '$3 == "plane_seconds" {print $4}' "$dir/$arch-torch.txt")
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
for arch in mlp lenet; do
  awk -v a="$arch" -v e="${engine[$arch]}" -v t="${torch[$arch]}" -v c="$cores" 'BEGIN {
    printf "%s 25 x 25 plane, 1000 samples, median s: engine (%d workers) %.2f, pytorch (%d threads) %.2f, ratio pytorch/engine %.2f\n", a, c, e, c, t, t / e }'
done
