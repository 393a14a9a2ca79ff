#!/usr/bin/env bash
# Delivery benchmark (issues 6 and 11): send the seeds' digest to N subscribers with 300 distinct
# preference sets through Postfix's smtp-sink on loopback, then have smtp-source send as many
# messages of the same average size over the same number of reused connections (-d -s 4) into the
# same sink. Prints the time of each phase of the send (start, load, plan, send, stop; render is
# the time spent rendering and encoding inside the send, over all sender threads), CPU per message
# and the ratio to smtp-source for the sending phase and for the whole run, the peak heap and the
# live set (three full collections asked for with jcmd while the send runs).
# Needs Debian's postfix package (smtp-sink, smtp-source) and, for postgres, psql.
#   bash bench/delivery.sh [N] [embedded|postgres] ...     e.g. bash bench/delivery.sh 20000 embedded 100000 postgres
#   VOTERS=0.1 bash bench/delivery.sh 100000 embedded      # a tenth of the readers voted (embedded database only)
# With no arguments: 20,000 and 100,000 readers on both databases. PostgreSQL: PAPERBOY_BENCH_PG
# (default postgresql://postgres@127.0.0.1:55432), database paperboy_bench, dropped and created per run.
# The send runs with -Xmx256m and the Debian package's JVM options (JAVA_OPTS, default
# "-XX:+UseSerialGC"; JAVA_OPTS= bench/delivery.sh ... for the JVM's defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
connections=4
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
jar=$(realpath "${JAR:-target/paperboy.jar}")
# the send runs with the JVM options the Debian package runs it with; JAVA_OPTS= (empty) for the JVM's defaults
java_opts=${JAVA_OPTS--XX:+UseSerialGC}
pg=${PAPERBOY_BENCH_PG:-postgresql://postgres@127.0.0.1:55432}
[ -f "$jar" ] || mvn -B -q package -DskipTests
for tool in smtp-sink smtp-source ss /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install postfix iproute2 time)" >&2; exit 1; }
done
base=$root/bench/work/delivery
rm -rf "$base"; mkdir -p "$base"
sink=""
trap '[ -n "$sink" ] && kill "$sink" 2>/dev/null || true' EXIT

# a port nobody listens on, then smtp-sink on it; fail loudly unless it is smtp-sink that listens there
start_sink() {
  local tries=0
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -Hltn "sport = :$port" | grep -q . || break
    ((++tries < 50)) || { echo "bench: no free port found" >&2; exit 1; }
  done
  smtp-sink -u nobody 127.0.0.1:$port 1000 & sink=$!
  for _ in $(seq 100); do
    ss -Hltnp "sport = :$port" | grep -q "pid=$sink," && return 0
    kill -0 "$sink" 2>/dev/null || { echo "bench: smtp-sink did not start on 127.0.0.1:$port" >&2; exit 1; }
    sleep 0.05
  done
  echo "bench: something other than smtp-sink (pid $sink) holds 127.0.0.1:$port: $(ss -Hltnp "sport = :$port")" >&2
  exit 1
}

# a full collection when the send is a quarter, half and three quarters done, so the GC log shows
# the live set itself (a young collection's "after" still holds old garbage not yet collected)
live_probe() {   # pid of the timed send, readers
  local timer=$1 n=$2 next=1 jvm="" sent
  while kill -0 "$timer" 2>/dev/null && [ $next -le 3 ]; do
    [ -n "$jvm" ] || jvm=$(pgrep -P "$timer" java || true)
    sent=$(grep -oE '^sent [0-9]+' send.err 2>/dev/null | tail -n 1 | cut -d' ' -f2) || sent=
    if [ -n "$jvm" ] && [ -n "$sent" ] && [ "$sent" -ge $((n * next / 4)) ]; then
      jcmd "$jvm" GC.run >/dev/null 2>&1 || true
      next=$((next + 1))
    fi
    sleep 1
  done
}



# the average size of a message: 300 readers (one per preference set) written to the outbox folder
mkdir -p "$base/sample"
subscribers 300 > "$base/sample/subscribers.csv"
bench_config "" 587 "" > "$base/sample/outbox.yaml"
(cd "$base/sample" && java -jar "$jar" subscribers import subscribers.csv --status confirmed -c outbox.yaml >/dev/null \
  && java -jar "$jar" send --date 2026-11-20 --preview "" -c outbox.yaml "$root/seeds" >/dev/null)
avg=$(find "$base/sample/outbox" -name '*.eml' -printf '%s\n' | awk '{s += $1} END {printf "%d", s / NR}')
[ "$avg" -gt 0 ]

# VOTERS=0.1: every tenth reader has voted 10 times (7 More, 3 Fewer) on papers of the day's digest (issue 22),
# so their digests are ranked, rendered and encoded for them alone; embedded database only
add_votes() {   # SQLite file
  local every papers
  every=$(awk -v v="$VOTERS" 'BEGIN { printf "%d", 1 / v + 0.5 }')
  papers=$(sqlite3 "$base/sample/data/paperboy.db" "SELECT paper_id FROM paper ORDER BY paper_id LIMIT 40" | paste -sd' ' -)
  [ -n "$papers" ] || { echo "bench: the sample run kept no papers to vote on" >&2; exit 1; }
  { echo "BEGIN;"
    sqlite3 "$1" "SELECT id FROM subscriber WHERE id % $every = 0" | awk -v papers="$papers" '
      BEGIN { n = split(papers, p, " ") }
      { for (j = 0; j < 10; j++) printf "INSERT INTO vote (subscriber_id, paper_id, direction, voted_at) VALUES (%d, \x27%s\x27, %d, 1795089600000);\n", $1, p[1 + ($1 * 7 + j * 4) % n], j < 7 ? 1 : -1 }'
    echo "COMMIT;"; } | sqlite3 "$1"
  echo "voters: $(sqlite3 "$1" "SELECT COUNT(DISTINCT subscriber_id) || ' readers, ' || COUNT(*) || ' votes' FROM vote")"
}

run() {   # readers, database
  local n=$1 db=$2 work=$base/$1-$2 url=""
  mkdir -p "$work"; cd "$work"
  if [ "$db" = postgres ]; then
    psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS paperboy_bench" -c "CREATE DATABASE paperboy_bench" >/dev/null
    url="jdbc:${pg/postgresql:\/\/postgres@/postgresql://}/paperboy_bench?user=postgres"
  fi
  subscribers "$n" > subscribers.csv
  start_sink
  bench_config 127.0.0.1 "$port" "$url" > smtp.yaml
  java -jar "$jar" subscribers import subscribers.csv --status confirmed -c smtp.yaml >/dev/null
  if [ "${VOTERS:-0}" != 0 ] && [ "$db" = embedded ]; then add_votes data/paperboy.db; fi
  local launched ended loadavg
  loadavg=$(cut -d' ' -f1 /proc/loadavg)
  launched=$(date +%s%3N)
  /usr/bin/time -f "%U %S" -o time.txt java -Xmx256m -Xlog:gc:file=gc.log -Dlogback.configurationFile="$root/bench/timings-logback.xml" $java_opts -jar "$jar" \
    send --date 2026-11-20 --preview "" -c smtp.yaml "$root/seeds" > send.out 2> send.err &
  local timer=$! probe
  live_probe "$timer" "$n" & probe=$!
  wait "$timer" || true
  ended=$(date +%s%3N)
  kill "$probe" 2>/dev/null || true; wait "$probe" 2>/dev/null || true
  grep -q "sent $n," send.out || { echo "bench: paperboy did not send all $n: $(cat send.out)" >&2; exit 1; }
  local s0 s1
  s0=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o source-time.txt smtp-source -d -s $connections -m "$n" -l "$avg" \
    -f bench@paperboy.test -t reader@example.org 127.0.0.1:$port
  s1=$(date +%s%N)
  kill "$sink"; wait "$sink" 2>/dev/null || true; sink=""
  local peak
  peak=$(grep -oE '[0-9]+M->[0-9]+M' gc.log | sed 's/M->.*//' | sort -n | tail -n 1)
  # the live set: the heap left by the full collections live_probe asked for
  local live
  live=$(grep 'Pause Full' gc.log | grep -oE '[0-9]+M->[0-9]+M' | sed 's/.*->//; s/M//' | paste -sd/ -) || live=""   # none at a small N
  awk -v n="$n" -v db="$db" -v launched="$launched" -v ended="$ended" -v s0="$s0" -v s1="$s1" -v avg="$avg" \
      -v opts="-Xmx256m${java_opts:+ $java_opts}" -v peak="${peak:-?}" -v live="$live" -v loadavg="$loadavg" -v cpu="$(cat time.txt)" -v scpu="$(cat source-time.txt)" '
    $1 == "phase" { split($3, e, "="); split($4, c, "="); at[$2] = e[2]; cpuat[$2] = c[2] }
    $1 == "phase-total" { split($3, m, "="); total[$2] = m[2] }
    END {
      split(cpu, u, " "); split(scpu, v, " ")
      send = (at["send"] - at["plan"]) / 1000; whole = (ended - launched) / 1000
      source = n / ((s1 - s0) / 1e9)
      printf "%d readers, %s database, %d-byte messages, %d connections, JVM options: %s\n", n, db, avg, 4, opts
      printf "  phases (s): start %.2f (JVM up %.2f), load %.2f, plan %.2f, send %.2f, stop %.2f; whole run %.2f\n",
        (at["start"] - launched) / 1000, (at["jvm"] - launched) / 1000, (at["load"] - at["start"]) / 1000,
        (at["plan"] - at["load"]) / 1000, send, (ended - at["send"]) / 1000, whole
      printf "  CPU by phase (s): start %.2f, load %.2f, plan %.2f, send %.2f, stop %.2f; load average %s when the run began\n",
        cpuat["start"] / 1000, (cpuat["load"] - cpuat["start"]) / 1000, (cpuat["plan"] - cpuat["load"]) / 1000,
        (cpuat["send"] - cpuat["plan"]) / 1000, u[1] + u[2] - cpuat["send"] / 1000, loadavg
      printf "  inside the send, over all sender threads: render %.2f s, encode %.2f s\n", total["render"] / 1000, total["encode"] / 1000
      printf "  paperboy: sending %.0f msg/s, whole run %.0f msg/s; CPU %.0f us/msg in all, %.0f us/msg while sending; peak heap %s MB (-Xmx256m)\n",
        n / send, n / whole, (u[1] + u[2]) * 1e6 / n, (cpuat["send"] - cpuat["plan"]) * 1000 / n, peak
      printf "  live set (full collections at 1/4, 1/2 and 3/4 of the send): %s MB\n", (live == "" ? "?" : live)
      printf "  smtp-source -d -s 4: %.0f msg/s (CPU %.0f us/msg)\n", source, (v[1] + v[2]) * 1e6 / n
      printf "  ratio to smtp-source: sending %.2f, whole run %.2f\n", n / send / source, n / whole / source
    }' send.err | tee -a "$base/results.txt"
  cd "$root"
}

args=("$@")
[ ${#args[@]} -gt 0 ] || args=(20000 embedded 20000 postgres 100000 embedded 100000 postgres)
[ $((${#args[@]} % 2)) -eq 0 ] || args+=(embedded)
for ((a = 0; a < ${#args[@]}; a += 2)); do
  run "${args[a]}" "${args[a + 1]}"
done
