#!/usr/bin/env bash
# Times `lianhu due` and `lianhu score` on a street-scale demo: 30,000 households, five years of
# visits. Prints the median, min and max wall time over RUNS runs per format.
# Usage: scripts/bench-due.sh [DIR] [RUNS]   (DIR keeps the demo database)
set -euo pipefail
dir=${1:-/tmp/lianhu-bench}
runs=${2:-7}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/lianhu
mkdir -p "$dir"
export LIANHU_DB=$dir/street.db LIANHU_TODAY=2026-11-22
if [ ! -s "$LIANHU_DB" ]; then
    start=$(date +%s.%N)
    "$bin" demo --households 30000 --years 5 --force
    echo "demo build: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
"$bin" due >/dev/null # first open runs any pending migration
for format in text json csv; do
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$bin" due --format "$format" >/dev/null
        echo "$(date +%s.%N) - $start" | bc
    done | sort -n | awk -v f="$format" '{t[NR] = $1} END {printf "due --format %s: median %.3f s, min %.3f, max %.3f (%d runs)\n", f, t[int((NR + 1) / 2)], t[1], t[NR], NR}'
done
# One quarter's scores for every village: the current quarter and the one
# before (each also computes the year's earlier quarters for warnings).
for quarter in 2026Q3 2026Q4; do
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$bin" score --quarter "$quarter" >/dev/null
        echo "$(date +%s.%N) - $start" | bc
    done | sort -n | awk -v q="$quarter" '{t[NR] = $1} END {printf "score --quarter %s: median %.3f s, min %.3f, max %.3f (%d runs)\n", q, t[int((NR + 1) / 2)], t[1], t[NR], NR}'
done
