#!/usr/bin/env bash
# Benchmark of the prediction-space geometry (see src/test/java/org/predspace/bench/InpcaBench.java).
# Usage: bench/inpca-bench.sh [section ...]
#   full        whole processes, alternating, 3 rounds: the JVM (start, read the .npy, square roots,
#               distances, InPCA eigenpairs) against python + numpy (bench/inpca_reference.py): tiled
#               float32 and float64 with one OpenBLAS thread (float32 is the fastest numpy), tiled
#               float32 with OpenBLAS's default threads, and the issue's form (whole m x m products
#               per batch of 8 samples, float32, default threads), on the same m = 2,000, N = 2,000,
#               C = 10 file; wall and CPU time of each process, medians, ratios, eigenvalues
#               compared, and where the JVM's time went. JAVA_OPTS is passed to that JVM, e.g.
#               JAVA_OPTS="--add-modules jdk.incubator.vector" bench/inpca-bench.sh full
#               BASELINE_CP, if set, is the class path of another build (e.g. the previous commit's
#               target/classes:target/test-classes plus dependencies): its InpcaBench process runs in
#               each round too ("java-baseline"), for before/after figures from one run
#   numpy       the numpy forms side by side, one process each: tiled and the earlier whole-matrix
#               batches, with OpenBLAS's default threads and with one
#   peak        OpenBLAS sgemm/dgemm multiply-adds per second and the distance kernel's share of them
#   live landmark distortion   in-JVM sections (see InpcaBench)
# Default: full peak live landmark distortion.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
PYTHON=${PYTHON:-python3}
ROUNDS=${ROUNDS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
PROBS=target/bench/probs-2000.npy
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(full peak live landmark distortion)
OUT=$(mktemp -d /tmp/inpca-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

data() { [ -f "$PROBS" ] || java -cp "$CP" org.predspace.bench.InpcaBench data >/dev/null; }

# timed NAME COMMAND...: runs one process, keeps its JSON (stdout) and "wall user sys" (GNU time).
timed() {
    local name=$1; shift
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$OUT/$name.time" "$@" > "$OUT/$name.json" 2> "$OUT/$name.err" \
        || { echo "$name failed:"; cat "$OUT/$name.err"; exit 1; }
    read -r wall user sys < "$OUT/$name.time"
    echo "$load" > "$OUT/$name.load"
    printf '  %-28s wall %7.2f s  CPU %7.2f s  (load average before: %s)\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$load"
}

summary() {
    "$PYTHON" - "$OUT" "$@" <<'PY'
import json, statistics, sys, pathlib
out = pathlib.Path(sys.argv[1]); names = sys.argv[2:]
def runs(name):
    for f in sorted(out.glob(name + ".r*.time")):
        wall, user, sys_ = map(float, f.read_text().split())
        yield wall, user + sys_, json.loads(f.with_suffix(".json").read_text())
table = {n: list(runs(n)) for n in names}
med = {n: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)) for n, rs in table.items()}
ref = names[0]
cpu_parts = ["cpu_read_and_sqrt_s", "cpu_distances_s", "cpu_eigensolve_s"]
for n in names:
    if not all(p in table[n][0][2]["timings"] for p in cpu_parts):
        continue
    parts = {p: statistics.median(r[2]["timings"][p] for r in table[n]) for p in cpu_parts + ["jvm_start_s"]}
    print(f"{n} CPU inside, medians: read and square roots {parts['cpu_read_and_sqrt_s']:.2f} s, distances "
          f"{parts['cpu_distances_s']:.2f} s, centring and eigenpairs {parts['cpu_eigensolve_s']:.2f} s; "
          f"JVM start to main {parts['jvm_start_s']:.2f} s wall")
for n in names:
    wall, cpu = med[n]
    inner = statistics.median(r[2]["timings"]["total_s"] for r in table[n])
    line = f"{n:28s} median of {len(table[n])}: wall {wall:7.2f} s, CPU {cpu:7.2f} s (inside: {inner:6.2f} s)"
    if n != ref:
        line += f"  -> {ref} is {wall / med[ref][0]:.1f}x faster in wall time, {cpu / med[ref][1]:.1f}x in CPU time"
    print(line)
lam = table[ref][0][2]["eigenvalues"]
for n in names[1:]:
    other = table[n][0][2]["eigenvalues"]
    worst = max(abs(a - b) for a, b in zip(lam, other)) / abs(lam[0])
    dsum = abs(table[n][0][2]["distance_checksum"] - table[ref][0][2]["distance_checksum"]) / table[ref][0][2]["distance_checksum"]
    print(f"  {n}: eigenvalues agree with {ref} to {worst:.1e} of lambda_1; sum of distances to {dsum:.1e}")
print("java eigenvalues:", ", ".join(f"{x:.4g}" for x in lam))
PY
}

for s in "${sections[@]}"; do
    case "$s" in
    full)
        data
        echo "== full InPCA, whole processes: m = 2,000, N = 2,000, C = 10, $(nproc) cores; $ROUNDS rounds, alternating"
        echo "   $(uptime)"
        echo "   java: $(java -version 2>&1 | head -1); JAVA_OPTS: ${JAVA_OPTS:-(none)}; numpy: $("$PYTHON" -c 'import numpy; print(numpy.__version__)') ($PYTHON)"
        for r in $(seq 1 "$ROUNDS"); do
            # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
            timed "java.r$r" java $JAVA_OPTS -cp "$CP" org.predspace.bench.InpcaBench process "$PROBS"
            if [ -n "${BASELINE_CP:-}" ]; then
                # shellcheck disable=SC2086
                timed "java-baseline.r$r" java $JAVA_OPTS -cp "$BASELINE_CP" org.predspace.bench.InpcaBench process "$PROBS"
            fi
            # numpy is fastest with one OpenBLAS thread (section numpy): its small products
            # gain nothing from a second thread, and the threads' waiting costs CPU
            timed "numpy-float32-1thread.r$r" env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
                "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype float32 --no-coordinates
            timed "numpy-float64-1thread.r$r" env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
                "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype float64 --no-coordinates
            timed "numpy-float32.r$r" "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype float32 --no-coordinates
            # the form issue 22 measured (34.6 s): whole m x m products per batch of 8 samples
            timed "numpy-issue-form.r$r" "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype float32 --no-coordinates \
                --tile 0 --batch 8
        done
        echo "   $(uptime)"
        summary java ${BASELINE_CP:+java-baseline} numpy-float32-1thread numpy-float64-1thread numpy-float32 numpy-issue-form
        ;;
    numpy)
        data
        echo "== numpy forms, one process each, m = 2,000, N = 2,000, C = 10; $(uptime)"
        for threads in default 1; do
            for form in "--tile 128 --batch 16" "--tile 0 --batch 8"; do
                for dtype in float32 float64; do
                    name="$(echo "$form" | tr -d ' -')-$dtype-threads-$threads.r1"
                    if [ $threads = default ]; then
                        timed "$name" "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype $dtype --no-coordinates $form
                    else
                        timed "$name" env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PYTHON" bench/inpca_reference.py "$PROBS" --dtype $dtype --no-coordinates $form
                    fi
                done
            done
        done
        echo "   $(uptime)"
        ;;
    peak) java -cp "$CP" org.predspace.bench.InpcaBench peak 1000 ;;
    live|landmark|distortion)
        # Each section in its own JVM with the 4 GB heap the landmark path is meant to fit in.
        java -Xmx4g -cp "$CP" org.predspace.bench.InpcaBench "$s" ;;
    *) echo "unknown section $s (full numpy peak live landmark distortion)"; exit 2 ;;
    esac
done
