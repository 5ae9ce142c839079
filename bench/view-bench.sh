#!/usr/bin/env bash
# Frame time of the 3D view while it rotates: the shared marker mesh the explorer uses against a
# naive scene with one Sphere node and one material per point, same points, same run, under Xvfb
# with Mesa's llvmpipe (what CI and a VM have; a real GPU is far faster for both). Pulses are
# uncapped so each frame's time is its rendering cost. Prints medians and the naive/mesh ratio.
# Needs xvfb-run (apt-get install xvfb xauth libgl1-mesa-dri libgtk-3-0).
# Usage: bench/view-bench.sh [counts...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-10000 100000}")
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
out=target/bench-view.txt
xvfb-run -a -s "-screen 0 1280x1024x24" java -Xmx4g -Dprism.forceGPU=true -Djavafx.animation.fullspeed=true \
  -cp "$cp" org.predspace.ui.view3d.View3dBench\$Launcher ${counts[@]} 2>/dev/null | tee "$out"
awk '/^mesh/ {split($2,a,"="); split($4,m,"="); mesh[a[2]]=m[2]}
     /^spheres/ {split($2,a,"="); split($4,m,"="); sph[a[2]]=m[2]}
     END {for (n in mesh) printf "points %s: median frame mesh %.1f ms, spheres %.1f ms, ratio spheres/mesh %.1f\n", n, mesh[n], sph[n], sph[n]/mesh[n]}' "$out"
