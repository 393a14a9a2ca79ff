#!/usr/bin/env bash
# Ranking and rendering benchmark (issues 3 and 4), on one core:
#   classify 10,000 papers; rank them for 10,000 subscribers with 300 distinct preference sets;
#   render those subscribers' personalised digests (each distinct digest rendered once).
#   bash bench/pipeline.sh     # from the repository root
# Papers: the seeds plus, when present, ../shared/samples/hf-daily, replicated to 10,000.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${JAR:-target/paperboy.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
sources=(seeds)
[ -d ../shared/samples/hf-daily ] && sources+=(../shared/samples/hf-daily)
taskset -c 0 java -Xmx1g -XX:+UseSerialGC -cp "$jar" bench/PipelineBench.java 10000 10000 300 "${sources[@]}"
