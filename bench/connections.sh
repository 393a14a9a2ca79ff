#!/usr/bin/env bash
# Sizing smtp.connections for a distant relay (issue 21): the pipelined send's rate at each round trip
# (RTT_LIST, default "0 10 20 40" ms) and connection count (CONNECTIONS_LIST, default "4 8 16"), over
# SECURITY (default starttls), through bench/latency.sh (bench/latency_proxy.py delays every chunk by
# half the round trip; bench/tls_front.py does STARTTLS in front of smtp-sink, which offers PIPELINING).
# Each cell is one send of N readers, N sized to about 12 s at the round-trip bound
# (connections / (2 round trips x RTT); 600 to 3,000, 3,000 at RTT 0; N=... to fix it). Prints a
# Markdown table: msg/s, the bound, the share of it reached, round trips a message counted by the
# proxy, the NOOP round trip measured during the send, and the load average.
#   bash bench/connections.sh           RTT_LIST="10 20" CONNECTIONS_LIST="4 16" bash bench/connections.sh
# Results: bench/work/connections/results.md (bench/work/connections/cell-*.txt for each cell's output).
set -euo pipefail
cd "$(dirname "$0")/.."
rtts=${RTT_LIST:-0 10 20 40}
counts=${CONNECTIONS_LIST:-4 8 16}
security=${SECURITY:-starttls}
out=bench/work/connections
rm -rf "$out"; mkdir -p "$out"
[ -f target/paperboy.jar ] || mvn -B -o -q package -DskipTests
{
  echo "smtp.security $security, pipelined, $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "| RTT | connections | readers | msg/s | bound (2 round trips) | share of bound | round trips/msg | NOOP RTT during the send | load |"
  echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$out/results.md"
for rtt in $rtts; do
  for c in $counts; do
    if [ "$rtt" = 0 ]; then bound=""; n=${N:-3000}
    else
      bound=$(awk -v c="$c" -v r="$rtt" 'BEGIN {printf "%.0f", c / (2 * r / 1000)}')
      n=${N:-$(awk -v b="$bound" 'BEGIN {n = b * 12; n = n < 600 ? 600 : n > 3000 ? 3000 : n; printf "%d", n}')}
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    RUNS=1 PLAIN=no RTT_MS=$rtt CONNECTIONS=$c SECURITY=$security bash bench/latency.sh "$n" > "$out/cell-$rtt-$c.txt" 2>&1 \
      || { echo "bench: latency.sh failed at RTT $rtt ms, $c connections: see $out/cell-$rtt-$c.txt" >&2; exit 1; }
    line=$(grep '^pipelining 1:' "$out/cell-$rtt-$c.txt")
    rate=$(echo "$line" | grep -oE '[0-9.]+ msg/s' | head -n 1 | cut -d' ' -f1)
    trips=$(echo "$line" | grep -oE 'round trips [0-9.]+' | cut -d' ' -f3)
    noop=$(echo "$line" | grep -oE 'during the run [0-9.?]+' | cut -d' ' -f4)
    awk -v rtt="$rtt" -v c="$c" -v n="$n" -v rate="$rate" -v bound="$bound" -v trips="$trips" -v noop="$noop" -v load="$load" 'BEGIN {
      printf "| %s ms | %d | %d | %.0f | %s | %s | %s | %s ms | %s |\n", rtt, c, n, rate, bound == "" ? "— (CPU-bound)" : bound,
        bound == "" ? "—" : sprintf("%.2f", rate / bound), trips, noop, load }' | tee -a "$out/results.md"
  done
done
