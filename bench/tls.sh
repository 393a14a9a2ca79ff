#!/usr/bin/env bash
# TLS benchmark (issue 21): what STARTTLS (port 587) and TLS from the first byte (smtps, port 465)
# cost against plaintext, on loopback. Postfix's smtp-sink (announcing PIPELINING) is the server;
# bench/tls_front.py puts TLS in front of it (STARTTLS, or TLS from the first byte), with a
# certificate made here by openssl and trusted through smtp.caFile. Paperboy sends the seeds' digest
# to N readers (300 preference sets, embedded database, 4 connections, as bench/delivery.sh) in
# turn plaintext, STARTTLS and smtps, RUNS rounds (default 2), each round within a minute or so,
# and for every JVM option set in JAVA_OPTS_LIST ("|" between sets; default the Debian package's
# JAVA_OPTS) in the same round. For each run: the sending phase's msg/s, the whole run's (JVM start
# to exit), Paperboy's CPU a message (in all, and while sending), and the TLS front's CPU while it
# ran (a front that saturates a core would cap the TLS figures). Then, per option set, the means
# and the ratios TLS / plaintext: sending and whole run (target >= 0.8) and CPU a message (<= 1.5).
# Plaintext is run twice: straight to smtp-sink ("none") and through the same Python front without
# TLS ("front"), so that the TLS / plaintext ratios can be read against a reference that pays the
# front's own hop and CPU on the same cores (the front is one Python event loop; on a quiet machine
# it, not Paperboy, can bound the TLS runs). The ratios are printed against both.
# Needs Debian's postfix package (smtp-sink), openssl, iproute2 (ss), python3, time.
#   bash bench/tls.sh [N]     e.g. bash bench/tls.sh 10000
#   JAVA_OPTS_LIST='-XX:+UseSerialGC|-XX:+UseSerialGC -XX:TieredStopAtLevel=1' RUNS=3 bash bench/tls.sh 5000
# CONNECTIONS (default 4) sets smtp.connections for all three. Default N is 10,000. JAR (default target/paperboy.jar) is built only if missing.
# Results: bench/work/tls/results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${1:-10000}
runs=${RUNS:-2}
connections=${CONNECTIONS:-4}
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
jar=$(realpath "${JAR:-target/paperboy.jar}")
package_opts=$(sed -n 's/^: "${JAVA_OPTS=\(.*\)}"$/\1/p' "$root/packaging/deb/paperboy")
IFS='|' read -r -a opt_sets <<< "${JAVA_OPTS_LIST-$package_opts}"
[ ${#opt_sets[@]} -gt 0 ] || opt_sets=("")
[ -f "$jar" ] || mvn -B -o -q package -DskipTests
for tool in smtp-sink openssl ss python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install postfix openssl iproute2 python3 time)" >&2; exit 1; }
done
base=$root/bench/work/tls
rm -rf "$base"; mkdir -p "$base"
cp "$jar" "$base/paperboy.jar"; jar=$base/paperboy.jar   # a build during the runs must not change the jar under them
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
tck=$(getconf CLK_TCK)

free_port() {
  local tries=0
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -Hltn "sport = :$port" | grep -q . || return 0
    ((++tries < 50)) || { echo "bench: no free port found" >&2; exit 1; }
  done
}

listening() {   # fail loudly unless it is process $1 ($3) that listens on 127.0.0.1:$2
  for _ in $(seq 100); do
    ss -Hltnp "sport = :$2" | grep -q "pid=$1," && return 0
    kill -0 "$1" 2>/dev/null || { echo "bench: $3 did not start on 127.0.0.1:$2" >&2; exit 1; }
    sleep 0.05
  done
  echo "bench: something other than $3 (pid $1) holds 127.0.0.1:$2: $(ss -Hltnp "sport = :$2")" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# the server's certificate, self-signed for 127.0.0.1: Paperboy trusts it through smtp.caFile
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$base/key.pem" -out "$base/cert.pem" 2>/dev/null

free_port; smtp-sink -u nobody 127.0.0.1:$port 1000 & sink_pid=$!; pids+=("$sink_pid")
listening "$sink_pid" "$port" smtp-sink; sink_port=$port
free_port; python3 "$root/bench/tls_front.py" starttls "$port" "$sink_port" "$base/cert.pem" "$base/key.pem" 2> "$base/front-starttls.log" &
starttls_pid=$!; pids+=("$starttls_pid"); listening "$starttls_pid" "$port" "tls_front.py starttls"; starttls_port=$port
free_port; python3 "$root/bench/tls_front.py" ssl "$port" "$sink_port" "$base/cert.pem" "$base/key.pem" 2> "$base/front-ssl.log" &
ssl_pid=$!; pids+=("$ssl_pid"); listening "$ssl_pid" "$port" "tls_front.py ssl"; ssl_port=$port
free_port; python3 "$root/bench/tls_front.py" plain "$port" "$sink_port" "$base/cert.pem" "$base/key.pem" 2> "$base/front-plain.log" &
plain_pid=$!; pids+=("$plain_pid"); listening "$plain_pid" "$port" "tls_front.py plain"; plain_port=$port
# the front must offer STARTTLS and pass PIPELINING on
ehlo=$(python3 "$root/bench/latency_proxy.py" probe "$starttls_port" 1)
case "$ehlo" in "pipelining yes "*) ;; *) echo "bench: the STARTTLS front does not pass PIPELINING on: $ehlo" >&2; exit 1 ;; esac

# N readers imported once; every run sends from a copy of this folder
mkdir -p "$base/template"
subscribers "$n" > "$base/template/subscribers.csv"
bench_config 127.0.0.1 587 > "$base/template/smtp.yaml"
(cd "$base/template" && java -jar "$jar" subscribers import subscribers.csv --status confirmed -c smtp.yaml >/dev/null)

printf '%d readers, embedded database, %d connections, load average %s at the start; server: smtp-sink; TLS: bench/tls_front.py (Python %s)\n' \
  "$n" "$connections" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(python3 -c 'import ssl,sys; print(sys.version.split()[0], ssl.OPENSSL_VERSION)')" \
  | tee "$base/results.txt"

run() {   # option set index, security (none|starttls|ssl), round
  local o=$1 security=$2 k=$3 work=$base/$1-$2-$3 pport front_pid="" f0=0 f1=0
  local opts=${opt_sets[$1]}
  case $security in none) pport=$sink_port ;; front) pport=$plain_port; front_pid=$plain_pid ;; starttls) pport=$starttls_port; front_pid=$starttls_pid ;; ssl) pport=$ssl_port; front_pid=$ssl_pid ;; esac
  cp -a "$base/template" "$work"; cd "$work"
  local ca_file=""
  [ "$security" = none ] || [ "$security" = front ] || ca_file=$base/cert.pem
  local mode=$security
  [ "$mode" != front ] || mode=none
  security=$mode ca_file=$ca_file bench_config 127.0.0.1 "$pport" > smtp.yaml
  [ -z "$front_pid" ] || f0=$(cpu_ticks "$front_pid")
  local launched ended load
  load=$(cut -d' ' -f1 /proc/loadavg)
  launched=$(date +%s%3N)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o time.txt java -Xmx256m -Dlogback.configurationFile="$root/bench/timings-logback.xml" $opts -jar "$jar" \
    send --date 2026-11-20 --preview "" -c smtp.yaml "$root/seeds" > send.out 2> send.err || true
  ended=$(date +%s%3N)
  [ -z "$front_pid" ] || f1=$(cpu_ticks "$front_pid")
  grep -q "sent $n," send.out || { echo "bench: paperboy did not send all $n over $security: $(cat send.out) $(tail -n 3 send.err)" >&2; exit 1; }
  awk -v n="$n" -v o="$o" -v security="$security" -v k="$k" -v launched="$launched" -v ended="$ended" -v cpu="$(cat time.txt)" \
      -v front="$(( f1 - f0 ))" -v tck="$tck" -v load="$load" '
    $1 == "phase" { split($3, e, "="); split($4, c, "="); at[$2] = e[2]; cpuat[$2] = c[2] }
    END {
      split(cpu, u, " ")
      send = (at["send"] - at["plan"]) / 1000; whole = (ended - launched) / 1000
      printf "RESULT %d %s %d %.1f %.1f %.0f %.0f %.0f %s\n", o, security, k, n / send, n / whole, (u[1] + u[2]) * 1e6 / n,
        (cpuat["send"] - cpuat["plan"]) * 1000 / n, 100 * front / tck / send, load
    }' send.err >> "$base/raw.txt"
  tail -n 1 "$base/raw.txt" | awk -v opts="${opts:-JVM defaults}" '{printf "  [%s] %-8s round %d: sending %s msg/s, whole run %s msg/s, CPU %s us/msg in all, %s us/msg while sending; TLS front %s%% of a core; load %s\n", opts, $3, $4, $5, $6, $7, $8, $9, $10}' \
    | tee -a "$base/results.txt"
  cd "$root"
}

for ((k = 1; k <= runs; k++)); do
  for ((o = 0; o < ${#opt_sets[@]}; o++)); do
    for security in none front starttls ssl; do
      run "$o" "$security" "$k"
    done
  done
done

for ((o = 0; o < ${#opt_sets[@]}; o++)); do
  awk -v o="$o" -v opts="${opt_sets[$o]:-JVM defaults}" '
    $1 == "RESULT" && $2 == o { c[$3]++; s[$3] += $5; w[$3] += $6; cpu[$3] += $7; cs[$3] += $8 }
    END {
      printf "JVM options: -Xmx256m %s\n", opts
      for (i = 1; i <= 4; i++) {
        m = (i == 1 ? "none" : i == 2 ? "front" : i == 3 ? "starttls" : "ssl")
        printf "  %-8s sending %.0f msg/s, whole run %.0f msg/s, CPU %.0f us/msg (%.0f while sending)", m, s[m] / c[m], w[m] / c[m], cpu[m] / c[m], cs[m] / c[m]
        if (m != "none") printf "; / plaintext: sending %.2f, whole run %.2f, CPU %.2f", s[m] / s["none"], w[m] / w["none"], cpu[m] / cpu["none"]
        if (m == "starttls" || m == "ssl") printf "; / plaintext through the front: sending %.2f, whole run %.2f, CPU %.2f", s[m] / s["front"], w[m] / w["front"], cpu[m] / cpu["front"]
        printf "\n"
      }
    }' "$base/raw.txt" | tee -a "$base/results.txt"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$base/results.txt"
