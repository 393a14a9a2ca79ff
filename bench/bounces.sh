#!/usr/bin/env bash
# Bounce processing benchmark (issue 12): 100,000 returned mails (this repository's MTA fixtures,
# one recipient each, 1 in 50 a reader) from a maildir into a fresh SQLite file, on one core, in a
# 128 MB heap; prints mails/s, peak heap and the ratio to parsing the same mails without a database.
#   bash bench/bounces.sh [N]     # from the repository root; N defaults to 100000
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/paperboy.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
taskset -c 0 java -Xmx128m -XX:+UseSerialGC -cp "$jar" bench/BounceBench.java "${1:-100000}"
