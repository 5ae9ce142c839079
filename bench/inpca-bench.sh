#!/usr/bin/env bash
# Benchmark of the prediction-space geometry (see src/test/java/org/predspace/bench/InpcaBench.java).
# Usage: bench/inpca-bench.sh [section ...]   sections: full live landmark distortion (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(full live landmark distortion)
for s in "${sections[@]}"; do
    # Each section in its own JVM with the 4 GB heap the landmark path is meant to fit in.
    java -Xmx4g -cp "$CP" org.predspace.bench.InpcaBench "$s"
done
