#!/usr/bin/env bash
# What picking a point costs per mouse move in the real 3D view (PickBench): the nearest drawn
# point within 8 px from the cached screen positions, against projecting every point again on
# each move (what the cache saves; it happens only after the camera or the picture changed).
# Prints medians in microseconds, the ratio, and the load average.
# Needs xvfb-run (apt-get install xvfb xauth libgl1-mesa-dri libgtk-3-0).
# Usage: bench/pick-bench.sh [runs] [checkpoints]   (default: 60 50, i.e. 3000 points)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
uptime
xvfb-run -a -s "-screen 0 1280x1024x24" java -Xmx4g -Dprism.forceGPU=true \
  -cp "$cp" org.predspace.ui.view3d.PickBench\$Launcher "${1:-60}" "${2:-50}" 2>/dev/null | grep '^points='
uptime
