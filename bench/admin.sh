#!/usr/bin/env bash
# Admin page benchmark (issue 23): READERS readers (default 1,000,000) synthesised in the embedded
# SQLite file by one recursive-CTE INSERT, then `paperboy serve` with the admin pages, and the time
# of whole pages over HTTP: the dashboard (`/admin`, 30 days of statistics), then reader-list pages,
# the first page and one deep in the list (keyset, below the middle id) for no filter, a status, a
# topic, a frequency and a topic, the search "bob" (one address in a thousand) and a search matching
# nobody (the whole table read). Checks its set-up (the reader count, the dashboard's confirmed
# readers) and that every page answers in under 1 s (exit 1 otherwise).
#   bash bench/admin.sh [READERS]
# The web server runs with the Debian package's JVM options (-XX:+UseSerialGC).
set -euo pipefail
cd "$(dirname "$0")/.."
readers=${1:-1000000}
jar=${JAR:-target/paperboy.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
log=$(mktemp)
cat > "$log.xml" <<'XML'
<configuration><root level="OFF"/></configuration>
XML
java -XX:+UseSerialGC -Dlogback.configurationFile="$log.xml" -cp "$jar" bench/AdminBench.java "$readers" "$jar"
status=$?
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$log" "$log.xml"
exit $status
