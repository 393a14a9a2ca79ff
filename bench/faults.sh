#!/usr/bin/env bash
# Fault-injection harness, long form (issue 10): FaultsIT with 50 kill -9 trials per database
# (SQLite and PostgreSQL) of a 2,000-reader send, half of them with the database opened by its own
# tool (sqlite3, psql) between the kill and the restart; then SIGTERM mid-send, a 451 storm, an SMTP
# server down for a day, and a second sender mid-run (clustered and not). Prints the table of figures.
#   bash bench/faults.sh [KILLS] [READERS]        (defaults: 50 and 2000)
# SECURITY=starttls runs every trial over STARTTLS (issue 21): the recording server offers STARTTLS
# and PIPELINING and refuses MAIL before TLS, and Paperboy trusts its certificate through smtp.caFile.
# SECURITY=both runs the whole harness without TLS, then over STARTTLS, and prints both tables.
# TESTS narrows the trials (Failsafe's -Dit.test), e.g. TESTS='FaultsIT#killNine*+sigterm*+a451*'.
# Needs sqlite3 and psql on the PATH and PostgreSQL: PAPERBOY_TEST_PG_URL, or .ci/postgres.sh starts one.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}
readers=${2:-2000}
security=${SECURITY:-none}
tests=${TESTS:-FaultsIT}
case $security in none) modes=(none) ;; starttls) modes=(starttls) ;; both) modes=(none starttls) ;;
  *) echo "bench/faults.sh: SECURITY is none, starttls or both, not $security" >&2; exit 2 ;; esac
command -v sqlite3 >/dev/null || { echo "bench/faults.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 2; }
command -v psql >/dev/null || { echo "bench/faults.sh: psql is missing (apt-get install postgresql-client)" >&2; exit 2; }
if [ -z "${PAPERBOY_TEST_PG_URL:-}" ]; then eval "$(bash .ci/postgres.sh)"; fi
export PAPERBOY_CI=1   # PostgreSQL is required: its trials fail rather than skip
rm -rf bench/work/faults; mkdir -p bench/work/faults
failed=()
for mode in "${modes[@]}"; do
  figures=bench/work/faults/figures-$mode.md
  start=$(date +%s)
  status=0
  # shellcheck disable=SC2086
  mvn -B -q verify -Dtest=none -Dit.test="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dfaults.kills="$kills" -Dfaults.readers="$readers" \
    -Dfaults.security="$mode" -Dfaults.figures="$PWD/$figures" > "bench/work/faults/mvn-$mode.log" 2>&1 || status=$?
  echo "SECURITY=$mode bash bench/faults.sh $kills $readers: $(( $(date +%s) - start )) s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$figures" 2>/dev/null || echo "(no figures: see bench/work/faults/mvn-$mode.log)"
  echo
  [ "$status" -eq 0 ] || failed+=("$mode")
done
[ ${#failed[@]} -eq 0 ] || { echo "some trials FAILED (${failed[*]}): see bench/work/faults/mvn-*.log and target/failsafe-reports" >&2; exit 1; }
