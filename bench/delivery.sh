#!/usr/bin/env bash
# Delivery benchmark (issue 6): send the seeds' digest to N subscribers (default 100,000) with a few
# hundred distinct preference sets through Postfix's smtp-sink on loopback, then have smtp-source
# send as many messages of the same average size over the same number of reused connections (-d).
# Needs Debian's postfix package (smtp-sink, smtp-source).   bash bench/delivery.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
connections=4
port=2525
jar=${JAR:-target/paperboy.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
work=bench/work/delivery
rm -rf "$work"; mkdir -p "$work"
topics=(rl diffusion llm reasoning multimodal vision robotics agents efficiency safety audio code graphs)
keywords=("protein folding" tokenizer "world model" benchmark "sparse attention" "video generation" quantization "reward model")
{
  echo "email,topics,keywords"
  for ((i = 0; i < n; i++)); do
    set=$((i % 300))
    t1=${topics[$((set % 13))]}; t2=${topics[$(((set / 13) % 13))]}
    k=${keywords[$(((set / 40) % 8))]}
    case $((set % 3)) in
      0) echo "reader$i@example.org,," ;;
      1) echo "reader$i@example.org,$t1;$t2," ;;
      2) echo "reader$i@example.org,$t1,$k" ;;
    esac
  done
} > "$work/subscribers.csv"
config() {
  cat <<YAML
smtp:
  host: "$1"
  port: $port
  security: none
  connections: $connections
  outbox: $work/outbox
delivery:
  claimBatch: 50
database:
  url: "jdbc:sqlite:$PWD/$work/$2.db"
tokens:
  secret: benchmark-secret-0123456789
YAML
}
config 127.0.0.1 db > "$work/smtp.yaml"
config "" sample > "$work/outbox.yaml"
run() { java -Xmx256m -Xlog:gc:file="$work/gc.log" -jar "$jar" "$@"; }

# the average size of a message, from 300 readers (one per preference set) written to the outbox folder
head -n 301 "$work/subscribers.csv" > "$work/sample.csv"
java -jar "$jar" subscribers import "$work/sample.csv" -c "$work/outbox.yaml" >/dev/null
java -jar "$jar" send --date 2026-11-20 --preview "" -c "$work/outbox.yaml" seeds >/dev/null
avg=$(find "$work/outbox" -name '*.eml' -printf '%s\n' | awk '{s += $1} END {printf "%d", s / NR}')

java -jar "$jar" subscribers import "$work/subscribers.csv" -c "$work/smtp.yaml"
smtp-sink -u nobody 127.0.0.1:$port 1000 & sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
sleep 1
start=$(date +%s.%N)
run send --date 2026-11-20 --preview "" -c "$work/smtp.yaml" seeds | tee "$work/send.out"
end=$(date +%s.%N)
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -n 1)
rate=$(grep -oE 'at [0-9]+/s' "$work/send.out" | grep -oE '[0-9]+')

start2=$(date +%s.%N)
smtp-source -d -s $connections -m "$n" -l "$avg" -f bench@paperboy.test -t reader@example.org 127.0.0.1:$port
end2=$(date +%s.%N)
source_rate=$(echo "$n / ($end2 - $start2)" | bc -l)
printf 'messages: %d, average size %d bytes, %d connections\n' "$n" "$avg" "$connections"
printf 'paperboy send: %.1f s in all; sending at %d msg/s; peak heap %s MB (-Xmx256m)\n' "$(echo "$end - $start" | bc -l)" "$rate" "${peak:-?}"
printf 'smtp-source:   %.0f msg/s\n' "$source_rate"
printf 'ratio paperboy / smtp-source: %.2f\n' "$(echo "$rate / $source_rate" | bc -l)"
