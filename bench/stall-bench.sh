#!/usr/bin/env bash
# Longest JavaFX-thread stall (gap between pulses) while the picture rotates: first with nothing
# training (the peer), then while two MLP runs train on the MNIST subset in the engine's pool and
# feed the live picture. Prints both and their ratio; and, for each phase, which frames reached
# the X screen (bench/screen_probe.py reads back a pixel each pulse paints its number into: frames
# shown, the longest time the screen did not change, pulse-to-screen time). Under Xvfb (apt-get
# install xvfb xauth libgl1-mesa-dri libgtk-3-0; python3 for the probe).
# Usage: bench/stall-bench.sh [dataset]   (default: mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
export OMP_NUM_THREADS=1
xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx4g -Dprism.forceGPU=true ${BENCH_OPTS:-} \
  -cp "$cp" 'org.predspace.ui.LiveStallBench$Launcher' "${1:-mnist}" 2>target/bench-stall.err | grep -v '^SLF4J' | tee target/bench-stall.txt
