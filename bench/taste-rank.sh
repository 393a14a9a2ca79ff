#!/usr/bin/env bash
# Issue 22's cost: rank() a reader without and with votes, on the largest arXiv day of ../shared/arxiv
# (980 papers) and on a Hugging Face day of ../shared/samples, with the Debian package's JVM options.
#   bash bench/taste-rank.sh [READERS]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${JAR:-target/paperboy.jar}
java_opts=${JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
[ -f "$jar" ] || mvn -B -q package -DskipTests
quiet='-Dlogback.configurationFile=src/test/resources/logback-test.xml'
if [ -d ../shared/arxiv ]; then
  echo "arXiv day 2025-05-21 (votes from 2025-05-07):"
  java $java_opts $quiet -cp "$jar" bench/TasteRankBench.java ../shared/arxiv/2025-05-21.xml ../shared/arxiv/2025-05-07.xml "${1:-20000}"
fi
if [ -d ../shared/samples/hf-daily ]; then
  echo "Hugging Face day 2026-06-02 (votes from 2026-06-01):"
  java $java_opts $quiet -cp "$jar" bench/TasteRankBench.java ../shared/samples/hf-daily/2026-06-02.json ../shared/samples/hf-daily/2026-06-01.json "${1:-20000}"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
