#!/usr/bin/env bash
# Convolutional training against PyTorch, one thread each, on the bundled 20k MNIST subset.
# 1. Whole process, the issue's job: `predspace train --dataset mnist --arch <arch> --epochs 2
#    --checkpoints 30` as a user runs it (JVM start, data, network, 312 steps of batch 128 with Adam,
#    30 checkpoints with probe, test-probe and prototype predictions and a parameter snapshot each,
#    run files, the final 3,000-sample test evaluation) against bench/torch_conv_train.py doing the
#    same training and writing the same checkpoints. Wall time and process CPU time (user + sys).
# 2. The training step alone (TrainingThroughput / torch_conv_train.py --steps), CPU ms per step.
# The programs alternate for several rounds and the medians are over every round, so a busy spell
# on a shared machine hits both alike; `uptime` is printed each round.
# Usage: bench/conv-throughput.sh [arch=lenet] [rounds=3] [steps=100] [repeats=3] [engine=engine|dl4j]
# Before/after: BASELINE_CP=<classpath of another build> adds that build's whole process to every
# round, alternating with the two above (e.g. target/classes of an older commit, compiled elsewhere,
# followed by this build's dependency classpath: `$(cat target/bench.classpath)`).
set -euo pipefail
cd "$(dirname "$0")/.."
arch=${1:-lenet}
rounds=${2:-3}
steps=${3:-100}
repeats=${4:-3}
kind=${5:-engine}
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=target/conv-bench-$arch.txt
: > "$log"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# Whether two sweeps' run folders hold the same bytes, run.json apart from its times and process id.
same_run() {
  local differ=0 n=0 f
  while read -r f; do
    n=$((n + 1))
    if [[ $f == */run.json ]]; then
      cmp -s <(grep -Ev '"(created|finished|heartbeat|process_started|pid)"' "$1/$f") \
             <(grep -Ev '"(created|finished|heartbeat|process_started|pid)"' "$2/$f") || { echo "  differs: $f"; differ=1; }
    else
      cmp -s "$1/$f" "$2/$f" || { echo "  differs: $f"; differ=1; }
    fi
  done < <(cd "$1" && find . -type f | sort)
  [ "$(cd "$1" && find . -type f | sort)" == "$(cd "$2" && find . -type f | sort)" ] || { echo "  the file lists differ"; differ=1; }
  echo "  run folders against the baseline: $n files, $([ $differ = 0 ] && echo identical || echo DIFFERENT)"
}
for round in $(seq "$rounds"); do
  echo "round $round of $rounds: $(uptime)"
  rm -rf "$work"/*
  /usr/bin/time -f "predspace whole wall %e cpu %U %S" -a -o "$log" \
    java -XX:MaxRAMPercentage=50 -Dpredspace.cores=1 -cp "$cp" org.predspace.Main train --dataset mnist --arch "$arch" \
      --epochs 2 --checkpoints 30 --jobs 1 --out "$work/predspace" > "$work/predspace.log" 2>&1
  grep -h "finished" "$work/predspace.log" | tail -1
  if [ -n "${BASELINE_CP:-}" ]; then
    /usr/bin/time -f "baseline whole wall %e cpu %U %S" -a -o "$log" \
      java -XX:MaxRAMPercentage=50 -Dpredspace.cores=1 -cp "$BASELINE_CP" org.predspace.Main train --dataset mnist --arch "$arch" \
        --epochs 2 --checkpoints 30 --jobs 1 --out "$work/baseline" > "$work/baseline.log" 2>&1
    tail -1 "$log"
    same_run "$work/predspace" "$work/baseline"
  fi
  /usr/bin/time -f "torch whole wall %e cpu %U %S" -a -o "$log" \
    /usr/bin/python3 bench/torch_conv_train.py "$arch" "$work/torch" | tee -a "$log"
  tail -2 "$log" | grep whole
  java -Xmx2g -cp "$cp" org.predspace.bench.TrainingThroughput "$steps" "$repeats" "$kind" "$arch" 2>/dev/null | grep repeat | tee -a "$log"
  /usr/bin/python3 bench/torch_conv_train.py "$arch" --steps "$steps" "$repeats" | tee -a "$log"
done
med() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pw=$(awk '/^predspace whole/ { print $4 }' "$log" | med)
pc=$(awk '/^predspace whole/ { print $6 + $7 }' "$log" | med)
tw=$(awk '/^torch whole/ { print $4 }' "$log" | med)
tc=$(awk '/^torch whole/ { print $6 + $7 }' "$log" | med)
es=$(awk '$1 != "torch" && /repeat/ { for (i = 2; i <= NF; i++) if ($i == "cpu") print $(i + 1) }' "$log" | med)
ts=$(awk '$1 == "torch" && /repeat/ { for (i = 2; i <= NF; i++) if ($i == "cpu") print $(i + 1) }' "$log" | med)
impl=$(grep -o '"implementation" : "[^"]*"' "$work"/predspace/*/run.json | head -1)
echo "$arch, medians over $rounds rounds ($impl):"
echo "  whole process: predspace wall ${pw} s cpu ${pc} s, pytorch wall ${tw} s cpu ${tc} s;" \
  "pytorch/predspace wall $(echo "scale=2; $tw / $pw" | bc), cpu $(echo "scale=2; $tc / $pc" | bc)"
if [ -n "${BASELINE_CP:-}" ]; then
  bw=$(awk '/^baseline whole/ { print $4 }' "$log" | med)
  bc=$(awk '/^baseline whole/ { print $6 + $7 }' "$log" | med)
  echo "  baseline (BASELINE_CP) whole process: wall ${bw} s cpu ${bc} s; baseline/predspace wall $(echo "scale=2; $bw / $pw" | bc), cpu $(echo "scale=2; $bc / $pc" | bc)"
fi
echo "  training step: $kind cpu ${es} ms/step, pytorch cpu ${ts} ms/step; pytorch/$kind $(echo "scale=2; $ts / $es" | bc)"
