#!/usr/bin/env bash
# Ingestion benchmark (issue 2): MB/s, entries/s and peak heap, on one core.
#   bash bench/ingest.sh            # from the repository root, after `mvn -B package -DskipTests`
# Inputs: the real sample days in ../shared/samples/hf-daily (skipped when absent) and a
# synthetic ~100 MB seed page made by repeating the bodies of the layout-1 seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/paperboy.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
work=bench/work
mkdir -p "$work"
synthetic="$work/synthetic-100mb.txt"
if [ ! -f "$synthetic" ]; then
  # the header of 000 (up to its page date), then the paper blocks of 000-002 over and over
  head -n 11 seeds/000_*.txt > "$synthetic"
  bodies=$(mktemp)
  for f in seeds/00[012]_*.txt; do tail -n +12 "$f"; printf '\n\n'; done > "$bodies"
  while [ "$(stat -c %s "$synthetic")" -lt 100000000 ]; do cat "$bodies" >> "$synthetic"; done
  rm -f "$bodies"
fi
run() { taskset -c 0 java -Xmx${HEAP:-64m} -XX:+UseSerialGC -cp "$jar" bench/IngestBench.java "$@"; }
run "seeds (5 files)" seeds
if [ -d ../shared/samples/hf-daily ]; then
  run "hf-daily samples (44 days)" ../shared/samples/hf-daily
fi
run "synthetic seed page" "$synthetic"
