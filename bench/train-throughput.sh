#!/usr/bin/env bash
# Training throughput: PredSpace's engine (its dense fast path for this MLP) and DL4J itself
# against PyTorch, same MLP 784-128-10, batch 128, Adam, same MNIST subset, same machine,
# one thread each, each in its own process. The three programs alternate for several rounds and the medians
# are taken over every repeat of every round, so a busy spell on a shared machine hits all
# three alike rather than whichever happened to run during it.
# Needs Debian's python3-torch with an optimised BLAS: apt-get install python3-torch libopenblas0-pthread
# (without OpenBLAS, Debian's torch falls back to the reference BLAS and is ~12x slower).
# Usage: bench/train-throughput.sh [steps] [repeats] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-300}
repeats=${2:-5}
rounds=${3:-3}
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
: > target/bench-engine.txt
: > target/bench-torch.txt
for round in $(seq "$rounds"); do
  echo "round $round of $rounds"
  # engine and PyTorch back to back, the comparison that matters; DL4J (slow) after them
  java -Xmx2g -cp "$cp" org.predspace.bench.TrainingThroughput "$steps" "$repeats" engine | tee -a target/bench-engine.txt
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_mlp_throughput.py "$steps" "$repeats" | tee -a target/bench-torch.txt
  java -Xmx2g -cp "$cp" org.predspace.bench.TrainingThroughput "$steps" "$repeats" dl4j | tee -a target/bench-engine.txt
done
# median samples/s over the "<name> ... repeat N: <rate> samples/s" lines starting with $1
median() {
  awk -v name="$1" '$1 == name && /repeat/ { for (i = 2; i <= NF; i++) if ($i == "samples/s") print $(i - 1) }' "$2" |
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# median CPU ms/step (the "cpu <x> ms/step" field) of $1's repeats: what the step costs when
# other processes steal no time from it
median_cpu() {
  awk -v name="$1" '$1 == name && /repeat/ { for (i = 2; i <= NF; i++) if ($i == "cpu") print $(i + 1) }' "$2" |
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
engine=$(median engine target/bench-engine.txt)
dl4j=$(median dl4j target/bench-engine.txt)
torch=$(median torch target/bench-torch.txt)
awk -v e="$engine" -v d="$dl4j" -v t="$torch" -v n=$((rounds * repeats)) 'BEGIN {
  printf "median samples/s over %d repeats: engine %d (%.2f ms/step), dl4j %d (%.2f ms/step), pytorch %d (%.2f ms/step)\n", n, e, 128000 / e, d, 128000 / d, t, 128000 / t
  printf "ratio engine/pytorch %.2f, dl4j/pytorch %.2f, engine/dl4j %.1f\n", e / t, d / t, e / d }'
echo "median CPU ms/step: engine $(median_cpu engine target/bench-engine.txt), dl4j $(median_cpu dl4j target/bench-engine.txt), pytorch $(median_cpu torch target/bench-torch.txt)"
