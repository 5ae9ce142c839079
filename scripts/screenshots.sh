#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: opens the sample runs (sample-runs/, or RUNS_DIR; without
# either it trains a small digits sweep once into target/screenshot-runs) in the real main window
# under Xvfb and photographs the main window (light and dark), a selected checkpoint with its
# spectrum, and the compare panel (runs and configurations); and the render command's figure of the same runs.
# Needs xvfb-run (apt-get install xvfb xauth libgl1-mesa-dri libgtk-3-0).
# Usage: scripts/screenshots.sh [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o package -DskipTests
runs=${1:-sample-runs}
[ -d "$runs" ] || runs=target/screenshot-runs
if [ ! -d "$runs" ]; then
  OMP_NUM_THREADS=1 java -jar target/predspace.jar train --dataset=digits --arch=linear,mlp --optimizer=sgd,adam \
    --lr=0.05 --seed=1,2 --epochs=6 --batch=32 --width=64 --probe-size=300 --checkpoints=40 --snapshots=all --out="$runs"
fi
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx4g -Dprism.forceGPU=true -cp "$cp" \
  'org.predspace.ui.ScreenshotTour$Launcher' "$runs" docs/screenshots 2>&1 | grep -v '^SLF4J'
# the figure the render command draws (README, "Figures"): the same picture, offscreen
xvfb-run -a -s "-screen 0 1600x1000x24" java -jar target/predspace.jar render "$runs" \
  --out docs/screenshots/render-sample-runs.png --pose=-22,-20,1900
