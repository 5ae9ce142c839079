#!/usr/bin/env bash
# What imprinted predictions add to each checkpoint: the imprinted rows (features of the
# prototype samples and of both shared probes, then the prototypes and softmax of minus squared
# distances) against the head's evaluation on its training and held-out probes, which every
# checkpoint already does, and one training step for scale. One thread, medians of the repeats.
# Usage: bench/imprint-cost.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-15}
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
uptime
# the sample runs' shape (train size 1000, probe 200, batch 32, 992 steps, 20 checkpoints), then
# the full sets with the defaults (probe 1000, batch 128, 5 epochs, 60 checkpoints)
for config in "fashion mlp 1000 200 32 992 20" "fashion lenet 1000 200 32 992 20" "fashion allcnn 1000 200 32 992 20" \
              "fashion mlp 0 1000 128 785 60" "digits mlp 0 1000 128 60 60"; do
  # shellcheck disable=SC2086
  java -Xmx2g -cp "$cp" org.predspace.training.ImprintCostBench $config "$repeats"
done
uptime
