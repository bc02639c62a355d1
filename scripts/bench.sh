#!/usr/bin/env bash
# The street-scale benchmark: scripts/bench.sh [DIR] [RUNS]
# Builds the release binary and the benchmark, then runs it (see examples/bench.rs).
# DIR keeps the 30,000-household demo database between runs (default /tmp/lianhu-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bins --examples
exec target/release/examples/bench "${1:-/tmp/lianhu-bench}" "${2:-7}"
