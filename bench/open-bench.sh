#!/usr/bin/env bash
# How long the explorer takes to draw the sample runs in full after its window appears: 5 cold
# starts (a fresh JavaCPP cache folder each, so the native libraries are unpacked as on a first
# start) and 5 warm starts (a cache filled by one untimed start first), each with the runs
# opened as one job (this build) and, as the peer in the same run, one task and one distance row
# per run as before (-Dpredspace.openRunsOneByOne=true). Starts alternate between the two and
# between cold and warm, so load from other work on the machine falls on all four. Prints each start, the medians, the ratio
# and the load average. Under Xvfb (apt-get install xvfb xauth libgl1-mesa-dri libgtk-3-0
# imagemagick xdotool).
#
# "Drawn in full" is the app's own signal (-Dpredspace.openProbe=N, see
# org.predspace.ui.OpenProbe): the frame the 3D view drew holds every checkpoint of all N runs,
# placed by an exact eigendecomposition, with the geodesic placed in that basis.
# "Window appears" is the window's WINDOW_SHOWN event. Once the signal comes, the X screen is
# captured (target/open-bench/*.png) until the middle of the window (the 3D view) holds
# coloured points (over 1 % of its pixels saturated): "on screen: yes+N ms" says how long after
# the signal (capturing takes 0.2-0.5 s itself), "no" that they did not show within 10 s.
#
# Usage: bench/open-bench.sh [starts per kind (5)] [run folder (sample-runs)]
#   BENCH_MODES="bulk oneByOne" (default) or just "bulk"; BENCH_KINDS="cold warm" (default);
#   BENCH_TIMEOUT seconds per start (240); BENCH_OPTS more JVM options for every start. Each start's log goes to target/open-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."

# One start, run inside xvfb-run (DISPLAY set): prints "<window shown to drawn in full, ms>
# <launch to drawn in full, ms> <on screen: yes|no>", or "- - no" if it did not draw in full in time.
one_start() {
  local mode=$1 cache=$2 log=$3 extra=()
  [ "$mode" = oneByOne ] && extra=(-Dpredspace.openRunsOneByOne=true)
  rm -f "$log" "${log%.log}.png"   # a log left by an earlier run must not answer for this one
  : >"$log"
  local t0; t0=$(date +%s%3N)
  OMP_NUM_THREADS=1 java -Xmx4g -Dprism.forceGPU=true -Dorg.bytedeco.javacpp.cachedir="$cache" \
    -Dpredspace.openProbe="$OB_EXPECTED" -Dpredspace.samples="$OB_SAMPLES" -Dpredspace.runs="$OB_WORK/trained" \
    ${BENCH_OPTS:-} "${extra[@]}" -cp "$OB_CP" org.predspace.Main 2>"$log" >/dev/null &
  local pid=$!
  local deadline=$(( $(date +%s) + OB_TIMEOUT ))
  while ! grep -q 'predspace-probe drawn-in-full' "$log"; do
    if ! kill -0 $pid 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
      echo "- - no"; return
    fi
    sleep 0.05
  done
  # the X screen, captured until the points show there (up to 10 s): "yes +N ms" after the signal
  local screen="no" win signalled; signalled=$(date +%s%3N)
  win=$(xdotool search --onlyvisible --name '^PredSpace' 2>/dev/null | head -1 || true)
  if [ -n "$win" ]; then
    local X Y WIDTH HEIGHT SCREEN WINDOW share
    eval "$(xdotool getwindowgeometry --shell "$win")"
    while [ $(( $(date +%s%3N) - signalled )) -lt 10000 ]; do
      # the middle of the window is the 3D view: coloured (saturated) pixels there are the points
      # (813 points cover about 2.5 % of it; the red label of a time-like axis alone about 0.3 %)
      import -window root "${log%.log}.png" 2>/dev/null || true
      share=$(convert "${log%.log}.png" -crop "$((WIDTH * 3 / 10))x$((HEIGHT / 2))+$((X + WIDTH * 35 / 100))+$((Y + HEIGHT / 4))" \
        +repage -colorspace HSL -channel G -separate +channel -threshold 35% -format '%[fx:mean]' info: 2>/dev/null || echo 0)
      echo "on-screen coloured share $share" >>"$log"
      if awk -v s="$share" 'BEGIN { exit !(s > 0.01) }'; then
        screen="yes+$(( $(date +%s%3N) - signalled ))ms"
        break
      fi
      sleep 0.2
    done
  fi
  kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  local shown drawn
  shown=$(sed -n 's/.*predspace-probe window-shown at=\([0-9]*\).*/\1/p' "$log" | head -1)
  drawn=$(sed -n 's/.*predspace-probe drawn-in-full .* at=\([0-9]*\).*/\1/p' "$log" | head -1)
  echo "$((drawn - shown)) $((drawn - t0)) $screen"
}

if [ "${1:-}" = --one-start ]; then   # xvfb-run is a sh script: it drops exported bash functions
  one_start "$2" "$3" "$4"
  exit 0
fi

n=${1:-5}
samples=$(realpath "${2:-sample-runs}")
modes=${BENCH_MODES:-bulk oneByOne}
kinds=${BENCH_KINDS:-cold warm}
expected=$(find "$samples" -mindepth 2 -maxdepth 2 -name run.json | wc -l)
[ "$expected" -gt 0 ] || { echo "open-bench: no runs in $samples" >&2; exit 2; }
mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/open-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes"   # the build measured, whatever is compiled meanwhile
export OB_CP="$work/classes:$(cat target/bench.classpath)" OB_EXPECTED=$expected OB_SAMPLES=$samples \
  OB_WORK=$work OB_TIMEOUT=${BENCH_TIMEOUT:-240}
self="$(pwd)/bench/open-bench.sh"
start() { xvfb-run -a -s "-screen 0 1600x1000x24" "$self" --one-start "$@"; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "open-bench: $expected runs in $samples, $n starts per kind and mode, $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
warm_cache="$work/warm-cache"
[[ " $kinds " == *" warm "* ]] && start bulk "$warm_cache" "$work/fill.log" >/dev/null
mkdir -p target/open-bench
declare -A window launch
for i in $(seq 1 "$n"); do
  for kind in $kinds; do
    for mode in $modes; do
      cache=$warm_cache
      [ "$kind" = cold ] && cache="$work/cold-cache"
      log="target/open-bench/$kind-$mode-$i.log"
      read -r w l screen < <(start "$mode" "$cache" "$log")
      [ "$kind" = cold ] && rm -rf "$cache"
      printf '%-5s %-9s #%d  window to drawn in full %7s ms   launch to drawn %7s ms   on screen: %-10s   load %s\n' \
        "$kind" "$mode" "$i" "$w" "$l" "$screen" "$(cut -d' ' -f1 /proc/loadavg)"
      if [ "$w" != "-" ]; then
        window[$kind-$mode]+="$w "
        launch[$kind-$mode]+="$l "
      fi
    done
  done
done
echo
echo "medians of the starts that drew in full (window appearing to drawn; launch to drawn):"
for kind in $kinds; do
  for mode in $modes; do
    w=$(tr ' ' '\n' <<<"${window[$kind-$mode]:-}" | grep . | median || echo -)
    l=$(tr ' ' '\n' <<<"${launch[$kind-$mode]:-}" | grep . | median || echo -)
    printf '  %-5s %-9s %7s ms   %7s ms   (%d of %d starts)\n' "$kind" "$mode" "$w" "$l" \
      "$(wc -w <<<"${window[$kind-$mode]:-}")" "$n"
  done
  if [[ " $modes " == *" bulk "* && " $modes " == *" oneByOne "* ]]; then
    b=$(tr ' ' '\n' <<<"${window[$kind-bulk]:-}" | grep . | median || echo -)
    o=$(tr ' ' '\n' <<<"${window[$kind-oneByOne]:-}" | grep . | median || echo -)
    if [[ "$b" =~ ^[0-9]+$ && "$o" =~ ^[0-9]+$ && "$b" -gt 0 ]]; then
      awk -v b="$b" -v o="$o" -v k="$kind" 'BEGIN { printf "  %s: one job draws in full %.1fx sooner than one task per run\n", k, o / b }'
    fi
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)   (logs: target/open-bench/)"
