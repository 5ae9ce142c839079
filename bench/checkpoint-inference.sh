#!/usr/bin/env bash
# A checkpoint's inference on the convolutional fast path: 3,000 MNIST rows in chunks of 250
# through the NCHW pass (training's layout, which inference used before) and the channels-last
# pass ConvNetwork runs now, alternating, one thread, medians of the repeats; then each step of
# both passes alone (CPU ms over the 12 chunks).
# Usage: bench/checkpoint-inference.sh [archs=lenet,lenet-bn,allcnn] [repeats=7]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
uptime
java -Xmx2g -Dpredspace.cores=1 -cp "$cp" org.predspace.training.engine.CheckpointInferenceBench "${1:-lenet,lenet-bn,allcnn}" "${2:-7}" 2>/dev/null
uptime
