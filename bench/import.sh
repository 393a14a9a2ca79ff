#!/usr/bin/env bash
# Subscriber import benchmark (issue 5): 1,000,000 CSV rows into a fresh SQLite file, on one core,
# and 250,000 rows for comparison, both in a 128 MB heap to show memory does not grow with the file.
#   bash bench/import.sh      # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/paperboy.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
for n in 250000 1000000; do
  taskset -c 0 java -Xmx128m -XX:+UseSerialGC -cp "$jar" bench/ImportBench.java "$n"
done
