#!/usr/bin/env bash
# Fault-injection harness, long form (issue 10): FaultsIT with 50 kill -9 trials per database
# (SQLite and PostgreSQL) of a 2,000-reader send, half of them with the database opened by its own
# tool (sqlite3, psql) between the kill and the restart; then SIGTERM mid-send, a 451 storm, an SMTP
# server down for a day, and a second sender mid-run (clustered and not). Prints the table of figures.
#   bash bench/faults.sh [KILLS] [READERS]        (defaults: 50 and 2000)
# Needs sqlite3 and psql on the PATH and PostgreSQL: PAPERBOY_TEST_PG_URL, or .ci/postgres.sh starts one.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}
readers=${2:-2000}
command -v sqlite3 >/dev/null || { echo "bench/faults.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench/faults.sh: psql is missing (apt-get install postgresql-client)" >&2; exit 2; }
if [ -z "${PAPERBOY_TEST_PG_URL:-}" ]; then eval "$(bash .ci/postgres.sh)"; fi
export PAPERBOY_CI=1   # PostgreSQL is required: its trials fail rather than skip
figures=bench/work/faults/figures.md
rm -rf bench/work/faults; mkdir -p bench/work/faults
start=$(date +%s)
status=0
mvn -B -q verify -Dtest=none -Dit.test=FaultsIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dfaults.kills="$kills" -Dfaults.readers="$readers" \
  -Dfaults.figures="$PWD/$figures" > bench/work/faults/mvn.log 2>&1 || status=$?
echo "bash bench/faults.sh $kills $readers: $(( $(date +%s) - start )) s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$figures" 2>/dev/null || echo "(no figures: see bench/work/faults/mvn.log)"
[ "$status" -eq 0 ] || { echo "some trials FAILED: see bench/work/faults/mvn.log and target/failsafe-reports" >&2; exit 1; }
