#!/usr/bin/env bash
# History benchmark (issue 20): READERS confirmed readers (bench/common.sh's 300 preference sets),
# on the embedded SQLite file. The "history" list has DAYS days of past outbox rows: one real day
# sent, the days before it synthesised in SQL from that day (the same rows, dates and times shifted,
# all sent; digest variants likewise). The "fresh" list has only that one real day. Each then sends the next day
# whole (plan, render, write every message to the outbox folder) and the times are compared
# (target: history within 1.10x of fresh; the fresh list sends yesterday too, so that both leave
# out the same papers). PRUNE=0 stops there; else `paperboy prune` (retention.days 60) folds the
# history into the roll-ups and the file size is printed before and after.
#   bash bench/history.sh [READERS] [DAYS]        (defaults: 100000 365)
# SYNTH=FILE keeps the synthesised history file there, and a later run with the same SYNTH (and the
# same READERS and DAYS) starts from a copy of it instead of synthesising again (6 minutes at
# 100,000 readers, 13.4 GB). Needs about 30 GB free at 100,000 readers: the SYNTH file, its working
# copy and one send's 8 GB of mail at a time (each is deleted once timed). JAR and WORK name another jar and work folder.
# Runs with the Debian package's JVM options (JAVA_OPTS, as bench/plan.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
readers=${1:-100000}
days=${2:-365}
connections=4
jar=${JAR:-target/paperboy.jar}; [[ $jar = /* ]] || jar=$root/$jar
java_opts=${JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
[ -f "$jar" ] || mvn -B -q package -DskipTests
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command-line tool" >&2; exit 2; }
source bench/common.sh
work=${WORK:-$root/bench/work/history}
rm -rf "$work"
mkdir -p "$work/fresh" "$work/history"
subscribers "$readers" > "$work/subscribers.csv"
day0=$(date -u -d yesterday +%F)
next=$(date -u +%F)
pb() { java $java_opts -jar "$jar" "$@"; }
size() { du -b "$1"/paperboy.db* | awk '{s += $1} END {printf "%.1f MB", s / 1e6}'; }
seconds() { local t0=$(date +%s.%N); "$@" > /dev/null; echo "$(date +%s.%N) - $t0" | bc; }

for list in fresh history; do
  (cd "$work/$list" && bench_config "" 25 "jdbc:sqlite:$work/$list/paperboy.db" > paperboy.yaml \
    && pb subscribers import ../subscribers.csv --status confirmed -c paperboy.yaml > /dev/null)
done

# the fresh list sends yesterday too, so both lists' digests leave out the same papers (the seed
# pages are the same every day: with nothing sent, the fresh list's mails would carry more)
(cd "$work/fresh" && pb send --date "$day0" --preview "" -c paperboy.yaml "$root/seeds" > send-day0.log 2>&1 && rm -rf outbox && sync)
cd "$work/history"
if [ -n "${SYNTH:-}" ] && [ -f "$SYNTH" ]; then
  cp "$SYNTH" paperboy.db
  echo "history from $SYNTH: $(sqlite3 paperboy.db 'SELECT COUNT(*) FROM delivery') outbox rows, $(size .)"
else
  pb send --date "$day0" --preview "" -c paperboy.yaml "$root/seeds" > send-day0.log
  rm -rf outbox
  # how Paperboy stores a date and an instant in SQLite: a date as it binds a LocalDate, an instant as milliseconds
  t0=$(date +%s.%N)
  # the outbox's secondary indexes are dropped while the rows go in and built again after (a sort
  # each, instead of 36 million random inserts into each: hours at 100,000 readers)
  sqlite3 paperboy.db "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery' AND sql IS NOT NULL" > indexes.sql
  sqlite3 paperboy.db > /dev/null <<SQL
.timeout 60000
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
$(sed -E 's/^CREATE (UNIQUE )?INDEX ([a-z_]+) .*/DROP INDEX \2;/' indexes.sql)
CREATE TEMP TABLE k (n INTEGER PRIMARY KEY);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $days - 1) INSERT INTO k SELECT n FROM s;
CREATE TEMP TABLE day0 AS SELECT digest_date AS d FROM delivery LIMIT 1;
INSERT INTO delivery_variant (digest_date, variant_key, paper_ids)
  SELECT CASE typeof(v.digest_date) WHEN 'integer' THEN v.digest_date - k.n * 86400000 ELSE date(v.digest_date, '-' || k.n || ' days') END,
         v.variant_key, v.paper_ids FROM delivery_variant v, k;
INSERT INTO delivery (digest_date, subscriber_id, kind, state, attempts, next_attempt_at, last_reply, message_id, variant_key,
                      created_at, sent_at)
  SELECT CASE typeof(d.digest_date) WHEN 'integer' THEN d.digest_date - k.n * 86400000 ELSE date(d.digest_date, '-' || k.n || ' days') END,
         d.subscriber_id, d.kind, 'sent', 1, d.next_attempt_at - k.n * 86400000, d.last_reply, k.n || '.' || d.message_id,
         d.variant_key, d.created_at - k.n * 86400000, d.sent_at - k.n * 86400000
  FROM k, delivery d ORDER BY k.n, d.subscriber_id;
$(cat indexes.sql)
PRAGMA journal_mode = WAL;
UPDATE delivery_tally SET total = (SELECT COUNT(*) FROM delivery WHERE state = 'sent') WHERE outcome = 'sent';
SQL
  echo "synthesised $((days - 1)) days of history in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.0f') s:" \
    "$(sqlite3 paperboy.db 'SELECT COUNT(*) FROM delivery') outbox rows, $(size .)"
  if [ -n "${SYNTH:-}" ]; then
    sqlite3 paperboy.db 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
    cp paperboy.db "$SYNTH"
  fi
fi
# migrations a newer jar brings run here, not inside the timed send
pb check -c paperboy.yaml > /dev/null 2>&1 || true
cd "$root"

echo "JVM options: ${java_opts:-(defaults)}; $readers readers; whole sends to the outbox folder (time of the process; planning as it logs it)"
send() {   # list, date, label
  local t
  t=$(cd "$work/$1" && seconds pb send --date "$2" --preview "" -c paperboy.yaml "$root/seeds" 2> "send-$2.err")
  printf "  %-44s %6.1f s  (%s)\n" "$3" "$t" "$(grep -oE 'planned [0-9]+ messages in [0-9.]+ s' "$work/$1/send-$2.err" | tail -1)" >&2
  rm -rf "$work/$1/outbox"; sync   # 8 GB a send at 100,000 readers; the deletion done before the next one is timed
  echo "$t"
}
fresh=$(send fresh "$next" "$next, fresh list (yesterday sent):")
hist=$(send history "$next" "$next, with $days days of history:")
printf "  history / fresh: %.2fx\n" "$(echo "$hist / $fresh" | bc -l)"
if [ "${PRUNE:-1}" = 0 ]; then
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (PRUNE=0: retention not run)"
  exit 0
fi
cd "$work/history"
before=$(size .)
prune=$(seconds pb prune -c paperboy.yaml)
echo "retention (retention.days 60): file $before with $days days, $(size .) after (prune $(printf '%.1f' "$prune") s);" \
  "$(sqlite3 paperboy.db 'SELECT COUNT(*) FROM delivery') outbox rows kept"
cd "$root"
after=$(date -u -d tomorrow +%F)
fresh2=$(send fresh "$after" "$after, the fresh list (2 days of history):")
hist2=$(send history "$after" "$after, after retention (60 days kept):")
printf "  after retention / fresh: %.2fx\n" "$(echo "$hist2 / $fresh2" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
