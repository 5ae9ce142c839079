#!/usr/bin/env bash
# What the explorer pays per checkpoint of a followed run (another process wrote and committed it;
# the follower reads its new rows from disk and adds it to the pictures) against a checkpoint of a
# run trained in the app (the same add, predictions already in memory), in one session whose
# pictures hold the same m points for both: one checkpoint of each per round, alternating.
# Also what polling an idle followed run costs. Prints medians of wall and thread CPU time, the
# ratio, and the load average before and after (org.predspace.session.FollowBench).
# Usage: bench/follow-bench.sh [N (1000)] [C (10)] [checkpoints already in the picture (400)] [rounds (40)]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench.classpath)"
uptime
OMP_NUM_THREADS=1 java -Xmx4g -cp "$cp" org.predspace.session.FollowBench "${1:-1000}" "${2:-10}" "${3:-400}" "${4:-40}" 2>/dev/null
uptime
