#!/usr/bin/env bash
# Two configurations of bench/stall-bench.sh, alternating on the same machine in the same run,
# and the medians of each over the runs: the way to compare a change against its peer on a
# noisy two-core machine. Usage:
#   bench/stall-compare.sh RUNS "JVM options A" "JVM options B" [extra BENCH_OPTS for both]
# e.g. bench/stall-compare.sh 4 "-Dpredspace.pinDrawable=false" "" "-Dbench.openFirst=sample-runs"
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:?runs}; a=${2-}; b=${3-}; both=${4-}
out=target/stall-compare; mkdir -p "$out"; rm -f "$out"/*.txt
for i in $(seq 1 "$runs"); do
  for side in A B; do
    opts=$([ "$side" = A ] && echo "$a" || echo "$b")
    BENCH_OPTS="$opts $both" bench/stall-bench.sh >"$out/$side-$i.txt" 2>&1 || { echo "run $side $i failed"; tail -5 "$out/$side-$i.txt"; exit 1; }
    echo "$side $i [$opts]: $(grep -E '^longest stall' "$out/$side-$i.txt")"
  done
done
python3 - "$out" "$runs" "$a" "$b" <<'EOF'
import re, sys, statistics, glob
out, runs, opts = sys.argv[1], int(sys.argv[2]), {'A': sys.argv[3], 'B': sys.argv[4]}
def field(line, name):
    m = re.search(name + r'=([\d.]+)', line)
    return float(m.group(1)) if m else float('nan')
res = {}
for side in 'AB':
    rows = []
    for i in range(1, runs + 1):
        txt = open(f'{out}/{side}-{i}.txt').read()
        t = [l for l in txt.splitlines() if l.startswith('training ')][0]
        row = {k: field(t, k) for k in ('median_ms', 'p99_ms', 'max_ms', 'over_100ms', 'frames')}
        sc = [l for l in txt.splitlines() if l.startswith('screen training ')]
        sc = sc[0] if sc else ''
        row.update({k: field(sc, k) for k in ('frames_shown', 'longest_unchanged_ms', 'lag_median_ms', 'probe_blind_max_ms')})
        rows.append(row)
    res[side] = rows
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    print(f"{side} [{opts[side] or 'default'}]: training median frame {med['median_ms']:.1f} ms, "
          f"p99 {med['p99_ms']:.1f} ms, longest stall {med['max_ms']:.0f} ms "
          f"(runs: {', '.join('%.0f' % r['max_ms'] for r in rows)}), frames over 100 ms {med['over_100ms']:.0f} of {med['frames']:.0f}")
    print(f"  on the X screen: frames shown {med['frames_shown']:.0f}, longest unchanged {med['longest_unchanged_ms']:.0f} ms "
          f"(runs: {', '.join('%.0f' % r['longest_unchanged_ms'] for r in rows)}), pulse-to-screen median {med['lag_median_ms']:.0f} ms, "
          f"probe blind at most {med['probe_blind_max_ms']:.0f} ms")
ma = statistics.median(r['max_ms'] for r in res['A']); mb = statistics.median(r['max_ms'] for r in res['B'])
fa = statistics.median(r['median_ms'] for r in res['A']); fb = statistics.median(r['median_ms'] for r in res['B'])
ua = statistics.median(r['longest_unchanged_ms'] for r in res['A']); ub = statistics.median(r['longest_unchanged_ms'] for r in res['B'])
print(f"ratio A/B: longest stall {ma / mb:.2f}, median frame {fa / fb:.2f}, longest unchanged screen {ua / ub:.2f}")
EOF
