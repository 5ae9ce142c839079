#!/usr/bin/env bash
# Training throughput: PredSpace's engine (its dense fast path for this MLP) and DL4J itself
# against PyTorch, same MLP 784-128-10, batch 128, Adam, same MNIST subset, same machine,
# one thread each, in one run.
# Needs Debian's python3-torch with an optimised BLAS: apt-get install python3-torch libopenblas0-pthread
# (without OpenBLAS, Debian's torch falls back to the reference BLAS and is ~12x slower). Usage: bench/train-throughput.sh [steps] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-300}
repeats=${2:-5}
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -Xmx2g -cp "$cp" org.predspace.bench.TrainingThroughput "$steps" "$repeats" | tee target/bench-engine.txt
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_mlp_throughput.py "$steps" "$repeats" | tee target/bench-torch.txt
engine=$(awk '/^engine samples_per_s/ {print $3}' target/bench-engine.txt)
dl4j=$(awk '/^dl4j samples_per_s/ {print $3}' target/bench-engine.txt)
torch=$(awk '/^torch samples_per_s/ {print $3}' target/bench-torch.txt)
awk -v e="$engine" -v d="$dl4j" -v t="$torch" 'BEGIN { printf "median samples/s: engine %d, dl4j %d, pytorch %d, ratio engine/pytorch %.2f, dl4j/pytorch %.2f\n", e, d, t, e / t, d / t }'
