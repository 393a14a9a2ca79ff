#!/usr/bin/env bash
# Planning benchmark (issue 11): 100,000 confirmed readers over 300 preference sets planned into the
# outbox of the embedded SQLite file, then (when PAPERBOY_TEST_PG_URL is set) into PostgreSQL.
# Prints the "planned N messages in S s (R a second)" line of the run. Target: 50,000 rows/s.
#   bash bench/plan.sh [READERS]
#   VOTERS=0.1 bash bench/plan.sh 100000    # a tenth of the readers have voted (10 votes each)
# Runs with the Debian package's JVM options (JAVA_OPTS, default "-XX:+UseSerialGC";
# JAVA_OPTS= bash bench/plan.sh for the JVM's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
readers=${1:-100000}
jar=${JAR:-target/paperboy.jar}
java_opts=${JAVA_OPTS--XX:+UseSerialGC}
[ -f "$jar" ] || mvn -B -q package -DskipTests
log=$(mktemp)
cat > "$log.xml" <<'XML'
<configuration><appender name="O" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%msg%n</pattern></encoder></appender>
<logger name="org.paperboy.delivery.DeliveryRun" level="INFO"/><root level="OFF"><appender-ref ref="O"/></root></configuration>
XML
echo "JVM options: ${java_opts:-(defaults)}"
echo "SQLite:"
java $java_opts -Dvoters="${VOTERS:-0}" -Dlogback.configurationFile="$log.xml" -cp "$jar" bench/PlanBench.java "$readers" | grep -E "planned|inserted|voters"
if [ -n "${PAPERBOY_TEST_PG_URL:-}" ]; then
  base=${PAPERBOY_TEST_PG_URL%%\?*}
  psql "postgresql://${base#jdbc:postgresql://}?user=postgres" -qc "DROP SCHEMA IF EXISTS planbench CASCADE; CREATE SCHEMA planbench" 2>/dev/null
  echo "PostgreSQL:"
  java $java_opts -Dlogback.configurationFile="$log.xml" -cp "$jar" bench/PlanBench.java "$readers" \
    "$PAPERBOY_TEST_PG_URL&currentSchema=planbench" | grep -E "planned|inserted"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$log" "$log.xml"
