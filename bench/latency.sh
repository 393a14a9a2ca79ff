#!/usr/bin/env bash
# Latency benchmark for SMTP PIPELINING (RFC 2920): what pipelining MAIL, RCPT and DATA (two round
# trips a message instead of four) gains when the server is a network round trip away, not on
# loopback where the send is CPU-bound. tc netem is not available here, so bench/latency_proxy.py
# stands between Paperboy and Postfix's smtp-sink and delays every chunk by half the round trip
# each way (RTT_MS, default 1; the delay is calibrated first so that a NOOP's round trip through the
# proxy, as a client sees it, is RTT_MS). Paperboy sends the seeds' digest to N readers (300
# preference sets, embedded database, 4 connections, like bench/delivery.sh) through the proxy, in
# turn to an smtp-sink that announces PIPELINING and to one started with -p (no PIPELINING; the
# script checks both EHLO replies and stops if either is not as expected): RUNS times each, pipelined
# first. For each run: the sending phase's msg/s, Paperboy's CPU while sending, the proxy's CPU (a
# proxy that saturates a core would cap the figures), the round trips per message the proxy saw
# (a server's reply after its client spoke) and the NOOP round trip measured during the
# run. Then the ratio pipelined / not pipelined, the bound 4 connections / (round trips x RTT), and
# smtp-source -d -s 4 (which never pipelines) through the same proxy, messages of the same size.
# Needs Debian's postfix package (smtp-sink, smtp-source), iproute2 (ss), python3.
#   bash bench/latency.sh [N]        e.g. bash bench/latency.sh 5000;  RUNS=3 RTT_MS=5 bash bench/latency.sh 2000
# SECURITY=starttls puts bench/tls_front.py (STARTTLS, a certificate made here by openssl and
# trusted through smtp.caFile) between the proxy and each smtp-sink: pipelined vs not over TLS.
# PLAIN=no runs the pipelined sends only (no run without PIPELINING, no smtp-source): bench/connections.sh.
# Default N is 5,000. The send runs with -Xmx256m and the Debian package's JVM options (JAVA_OPTS,
# default "-XX:+UseSerialGC"; JAVA_OPTS= bench/latency.sh ... for the JVM's
# defaults). JAR (default target/paperboy.jar) is built only if missing. Results: bench/work/latency/results.txt
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${1:-5000}
runs=${RUNS:-2}
rtt_ms=${RTT_MS:-1}
connections=${CONNECTIONS:-4}
security=${SECURITY:-none}
plain=${PLAIN:-yes}
ca_file=""
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
jar=$(realpath "${JAR:-target/paperboy.jar}")
# the send runs with the JVM options the Debian package runs it with; JAVA_OPTS= (empty) for the JVM's defaults
java_opts=${JAVA_OPTS--XX:+UseSerialGC}
proxy_py=$root/bench/latency_proxy.py
[ -f "$jar" ] || mvn -B -o -q package -DskipTests
for tool in smtp-sink smtp-source ss python3 openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install postfix iproute2 python3)" >&2; exit 1; }
done
base=$root/bench/work/latency
rm -rf "$base"; mkdir -p "$base"
cp "$jar" "$base/paperboy.jar"; jar=$base/paperboy.jar   # a build during the runs must not change the jar under them
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
tck=$(getconf CLK_TCK)

# a port nobody listens on, in $port
free_port() {
  local tries=0
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -Hltn "sport = :$port" | grep -q . || return 0
    ((++tries < 50)) || { echo "bench: no free port found" >&2; exit 1; }
  done
}

# fail loudly unless it is process $1 ($3) that listens on 127.0.0.1:$2
listening() {
  for _ in $(seq 100); do
    ss -Hltnp "sport = :$2" | grep -q "pid=$1," && return 0
    kill -0 "$1" 2>/dev/null || { echo "bench: $3 did not start on 127.0.0.1:$2" >&2; exit 1; }
    sleep 0.05
  done
  echo "bench: something other than $3 (pid $1) holds 127.0.0.1:$2: $(ss -Hltnp "sport = :$2")" >&2
  exit 1
}

start_sink() {   # smtp-sink's options; sets sink_port, sink_pid
  free_port
  smtp-sink "$@" -u nobody 127.0.0.1:$port 1000 & sink_pid=$!
  pids+=("$sink_pid")
  listening "$sink_pid" "$port" "smtp-sink $*"
  sink_port=$port
}

start_front() {   # upstream port, log; sets front_port (the upstream itself without TLS)
  if [ "$security" = none ]; then front_port=$1; return; fi
  free_port
  python3 "$root/bench/tls_front.py" "$security" "$port" "$1" "$base/cert.pem" "$base/key.pem" 2> "$2" & local pid=$!
  pids+=("$pid")
  listening "$pid" "$port" "tls_front.py"
  front_port=$port
}

start_proxy() {   # upstream port, one-way delay in ms, log; sets proxy_port, proxy_pid
  free_port
  python3 "$proxy_py" proxy "$port" "$1" "$2" > /dev/null 2> "$3" & proxy_pid=$!
  pids+=("$proxy_pid")
  listening "$proxy_pid" "$port" "latency_proxy.py"
  proxy_port=$port
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# the proxy's counters (connections, bytes and chunks each way, CPU) as "name value" pairs
proxy_stats() {   # pid, log
  local lines
  lines=$(grep -c '^latency_proxy: connections' "$2" || true)
  kill -USR1 "$1"
  for _ in $(seq 100); do
    [ "$(grep -c '^latency_proxy: connections' "$2" || true)" -gt "$lines" ] && break
    sleep 0.02
  done
  grep '^latency_proxy: connections' "$2" | tail -n 1 | cut -d' ' -f2-
}



# the average size of a message (for smtp-source): 300 readers written to the outbox folder
mkdir -p "$base/sample"
subscribers 300 > "$base/sample/subscribers.csv"
bench_config "" 587 > "$base/sample/outbox.yaml"
(cd "$base/sample" && java -jar "$jar" subscribers import subscribers.csv --status confirmed -c outbox.yaml >/dev/null \
  && java -jar "$jar" send --date 2026-11-20 --preview "" -c outbox.yaml "$root/seeds" >/dev/null)
avg=$(find "$base/sample/outbox" -name '*.eml' -printf '%s\n' | awk '{s += $1} END {printf "%d", s / NR}')
[ "$avg" -gt 0 ]

if [ "$security" != none ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$base/key.pem" -out "$base/cert.pem" 2>/dev/null
  ca_file=$base/cert.pem
fi

# N readers imported once; every run sends from a copy of this folder
mkdir -p "$base/template"
subscribers "$n" > "$base/template/subscribers.csv"
bench_config 127.0.0.1 587 > "$base/template/smtp.yaml"
(cd "$base/template" && java -jar "$jar" subscribers import subscribers.csv --status confirmed -c smtp.yaml >/dev/null)

start_sink; start_front "$sink_port" "$base/front-pipelining.log"; pipe_sink=$front_port; pipe_sink_pid=$sink_pid
start_sink -p; start_front "$sink_port" "$base/front-plain.log"; plain_sink=$front_port; plain_sink_pid=$sink_pid
base_rtt=$(python3 "$proxy_py" probe "$pipe_sink" 300 | grep -oE 'median=[0-9.]+' | cut -d= -f2)

# calibrate the one-way delay: the proxy's timers wake up a little late, so ask for less than half the round trip
delay=$(awk -v r="$rtt_ms" 'BEGIN {printf "%.4f", r / 2}')
for i in 1 2 3; do
  start_proxy "$pipe_sink" "$delay" "$base/calibrate-$i.log"
  measured=$(python3 "$proxy_py" probe "$proxy_port" 300 | grep -oE 'median=[0-9.]+' | cut -d= -f2)
  stop "$proxy_pid"
  echo "calibration: $delay ms each way gives a NOOP round trip of $measured ms (loopback alone: $base_rtt ms)"
  delay=$(awk -v d="$delay" -v m="$measured" -v r="$rtt_ms" 'BEGIN {d -= (m - r) / 2; printf "%.4f", d < 0 ? 0 : d}')
done

start_proxy "$pipe_sink" "$delay" "$base/proxy-pipelining.log"; pipe_proxy=$proxy_port; pipe_proxy_pid=$proxy_pid
start_proxy "$plain_sink" "$delay" "$base/proxy-plain.log"; plain_proxy=$proxy_port; plain_proxy_pid=$proxy_pid
pipe_probe=$(python3 "$proxy_py" probe "$pipe_proxy" 300)
plain_probe=$(python3 "$proxy_py" probe "$plain_proxy" 300)
case "$pipe_probe" in "pipelining yes "*) ;; *) echo "bench: smtp-sink did not announce PIPELINING: $pipe_probe" >&2; exit 1 ;; esac
case "$plain_probe" in "pipelining no "*) ;; *) echo "bench: smtp-sink -p announced PIPELINING: $plain_probe" >&2; exit 1 ;; esac
{
  printf '%d readers, embedded database, %d-byte messages, %d connections, smtp.security %s, JVM options: %s, load average %s\n' \
    "$n" "$avg" "$connections" "$security" "-Xmx256m${java_opts:+ $java_opts}" "$(cut -d' ' -f1 /proc/loadavg)"
  printf 'proxy: %s ms each way; NOOP round trip through it (idle): smtp-sink %s, smtp-sink -p %s\n' "$delay" \
    "${pipe_probe#pipelining yes }" "${plain_probe#pipelining no }"
} | tee "$base/results.txt"

rates_pipe=(); rates_plain=(); trips_pipe=(); trips_plain=()
run() {   # label (pipelining|plain), proxy port, proxy pid, sink pid, run number
  local label=$1 pport=$2 ppid=$3 spid=$4 work=$base/$1-$5
  local log=$base/proxy-$1.log
  cp -a "$base/template" "$work"; cd "$work"
  bench_config 127.0.0.1 "$pport" > smtp.yaml
  local before after s0 s1 probe
  before=$(proxy_stats "$ppid" "$log"); s0=$(cpu_ticks "$spid")
  # NOOP round trips every 20 ms on a fifth connection while the send runs: the round trip under load
  python3 "$proxy_py" probe "$pport" 1000000 20 > probe.txt & probe=$!
  java -Xmx256m -Dlogback.configurationFile="$root/bench/timings-logback.xml" $java_opts -jar "$jar" \
    send --date 2026-11-20 --preview "" -c smtp.yaml "$root/seeds" > send.out 2> send.err || true
  stop "$probe"
  after=$(proxy_stats "$ppid" "$log"); s1=$(cpu_ticks "$spid")
  grep -q "sent $n," send.out || { echo "bench: paperboy did not send all $n: $(cat send.out)" >&2; exit 1; }
  local line rate
  line=$(awk -v n="$n" -v label="$label" -v k="$5" -v before="$before" -v after="$after" -v sink="$(( s1 - s0 ))" -v tck="$tck" \
      -v probe="$(cat probe.txt)" '
    $1 == "phase" { split($3, e, "="); split($4, c, "="); at[$2] = e[2]; cpuat[$2] = c[2] }
    END {
      nb = split(before, b, " "); split(after, a, " ")
      for (i = 1; i < nb; i += 2) d[b[i]] = a[i + 1] - b[i + 1]
      send = (at["send"] - at["plan"]) / 1000
      match(probe, /median=[0-9.]+/); rtt = substr(probe, RSTART + 7, RLENGTH - 7)
      match(probe, /count=[0-9]+/); probes = substr(probe, RSTART + 6, RLENGTH - 6) + 1   # the probe: EHLO and NOOPs
      printf "%s %d: sending %.2f s, %.0f msg/s; paperboy CPU %.0f us/msg, %.2f cores while sending; ", label, k, send, n / send,
        (cpuat["send"] - cpuat["plan"]) * 1000 / n, (cpuat["send"] - cpuat["plan"]) / 1000 / send
      printf "proxy CPU %.2f s (%.0f%% of a core over the sending phase), smtp-sink %.0f%%; ", d["cpu_s"], 100 * d["cpu_s"] / send,
        100 * sink / tck / send
      printf "round trips %.2f/msg; NOOP round trip during the run %s ms\n", (d["round_trips"] - probes) / n, rtt == "" ? "?" : rtt
      printf "%.1f %.2f\n", n / send, (d["round_trips"] - probes) / n
    }' send.err)
  echo "$line" | head -n 1 | tee -a "$base/results.txt"
  read -r rate trips <<< "$(echo "$line" | tail -n 1)"
  if [ "$label" = pipelining ]; then rates_pipe+=("$rate"); trips_pipe+=("$trips"); else rates_plain+=("$rate"); trips_plain+=("$trips"); fi
  cd "$root"
}

for ((k = 1; k <= runs; k++)); do
  run pipelining "$pipe_proxy" "$pipe_proxy_pid" "$pipe_sink_pid" "$k"
  [ "$plain" = no ] || run plain "$plain_proxy" "$plain_proxy_pid" "$plain_sink_pid" "$k"
done
[ "$plain" != no ] || exit 0   # PLAIN=no: the pipelined runs only (bench/connections.sh)

# smtp-source, which does not pipeline: as many messages of the same size over 4 reused connections
before=$(proxy_stats "$pipe_proxy_pid" "$base/proxy-pipelining.log")
s0=$(date +%s%N)
smtp-source -d -s $connections -m "$n" -l "$avg" -f bench@paperboy.test -t reader@example.org 127.0.0.1:$pipe_proxy
s1=$(date +%s%N)
after=$(proxy_stats "$pipe_proxy_pid" "$base/proxy-pipelining.log")

awk -v n="$n" -v rtt="$rtt_ms" -v pipe="${rates_pipe[*]}" -v plain="${rates_plain[*]}" \
    -v tpipe="${trips_pipe[*]}" -v tplain="${trips_plain[*]}" -v s0="$s0" -v s1="$s1" \
    -v before="$before" -v after="$after" -v c=$connections -v measured="${pipe_probe#*median=}" '
  function mean(s,   x, k, i, t) { k = split(s, x, " "); for (i = 1; i <= k; i++) t += x[i]; return t / k }
  BEGIN {
    nb = split(before, b, " "); split(after, a, " ")
    for (i = 1; i < nb; i += 2) d[b[i]] = a[i + 1] - b[i + 1]
    source = n / ((s1 - s0) / 1e9)
    printf "smtp-source -d -s %d through the proxy: %.0f msg/s (proxy CPU %.0f%% of a core; round trips %.2f/msg)\n",
      c, source, 100 * d["cpu_s"] / ((s1 - s0) / 1e9), d["round_trips"] / n
    mp = mean(pipe); mn = mean(plain); sub(/ .*/, "", measured)
    printf "pipelined %.0f msg/s (runs: %s), not pipelined %.0f msg/s (runs: %s): ratio %.2f\n", mp, pipe, mn, plain, mp / mn
    printf "bound at %s ms RTT, %d connections: pipelined (2 round trips) %.0f msg/s, not pipelined (4) %.0f msg/s", rtt, c,
      c / (2 * rtt / 1000), c / (4 * rtt / 1000)
    printf "; at the %s ms measured through the idle proxy: %.0f and %.0f msg/s\n", measured, c / (2 * measured / 1000), c / (4 * measured / 1000)
    tp = mean(tpipe); tn = mean(tplain)
    printf "with the round trips the proxy counted (%.2f and %.2f a message) at %s ms: %.0f and %.0f msg/s\n", tp, tn, rtt,
      c / (tp * rtt / 1000), c / (tn * rtt / 1000)
    printf "pipelined / its bound %.2f, not pipelined / its bound %.2f (counted round trips); smtp-source / 4-round-trip bound %.2f\n",
      mp / (c / (tp * rtt / 1000)), mn / (c / (tn * rtt / 1000)), source / (c / (4 * rtt / 1000))
  }' | tee -a "$base/results.txt"
