#!/usr/bin/env bash
# Installs the Debian package built by `mvn -B package` for real and uses it as an operator would:
# dpkg -i, `paperboy check` and a send to the outbox folder as the paperboy user, then remove and
# purge. Needs root (CI runs as root). Leaves the machine as it found it.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "package-test: needs root (dpkg -i)" >&2; exit 1; }
deb=$(ls target/paperboy_*_all.deb 2>/dev/null | sed -n 1p)
[ -n "$deb" ] || { echo "package-test: no target/paperboy_*_all.deb; run mvn -B package first" >&2; exit 1; }

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
step() { echo "package-test: $*"; }
work=$(mktemp -d /tmp/paperboy-package-test.XXXXXX)
chmod 755 "$work"
touch "$work/.started"
cleanup() { dpkg -P paperboy >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dpkg -P paperboy >/dev/null 2>&1 || true

step "dpkg -i $deb"
dpkg -i "$deb"
getent passwd paperboy >/dev/null || fail "no paperboy user"
[ "$(stat -c %U:%G /var/lib/paperboy)" = paperboy:paperboy ] || fail "/var/lib/paperboy is not owned by paperboy"
[ -x /usr/bin/paperboy ] && [ -f /usr/share/paperboy/paperboy.jar ] || fail "launcher or jar missing"
dpkg-query -W -f='${Conffiles}\n' paperboy | grep -q /etc/paperboy/paperboy.yaml || fail "paperboy.yaml is not a conffile"
[ "$(stat -c %a:%U:%G /etc/paperboy/env)" = 640:root:paperboy ] || fail "/etc/paperboy/env is not 0640 root:paperboy"
grep -q '^PAPERBOY_TOKEN_SECRET=.\{16,\}' /etc/paperboy/env || fail "no token secret generated into /etc/paperboy/env"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify /lib/systemd/system/paperboy.service || fail "the systemd unit does not verify"
fi
grep -q '^ProtectSystem=strict' /lib/systemd/system/paperboy.service || fail "the unit is not hardened"

# as an operator would: point the installed config at local papers (CI has no internet)
cp -r seeds "$work/seeds"
chmod -R a+rX "$work"
sed -i "s|https://huggingface.co/api/daily_papers?date={date}|$work/seeds/|" /etc/paperboy/paperboy.yaml

cd /var/lib/paperboy
step "paperboy check (as paperboy)"
runuser -u paperboy -- paperboy check | tee "$work/check.txt"
grep -q '^ok    database.url: opened and migrated' "$work/check.txt" || fail "check did not open the database"
grep -q '^ok    smtp.host: not set' "$work/check.txt" || fail "check did not see the outbox folder"

step "paperboy subscribe and send to the outbox folder (as paperboy)"
runuser -u paperboy -- paperboy subscribe reader@readers.test --confirmed
runuser -u paperboy -- paperboy send --preview "" | tee "$work/send.txt"
grep -q 'sent 1,' "$work/send.txt" || fail "send did not send one message"
emls=$(find /var/lib/paperboy/outbox -name '*.eml' | wc -l)
[ "$emls" -eq 1 ] || fail "expected 1 .eml file under /var/lib/paperboy/outbox, found $emls"
[ -z "$(find /var/lib/paperboy ! -user paperboy)" ] || fail "files in /var/lib/paperboy not owned by paperboy: $(find /var/lib/paperboy ! -user paperboy)"
runuser -u paperboy -- paperboy schedule status | grep -q '(send): ok' || fail "schedule status does not show the send"

step "paperboy send by hand from another folder writes only under /var/lib/paperboy, and says where"
mkdir -m 1777 "$work/elsewhere"
today=$(date -u +%F)   # the packaged config's schedule.timezone
paperboy subscribe second@readers.test --confirmed > /dev/null
(cd "$work/elsewhere" && paperboy send | tee "$work/send-elsewhere.txt")
grep -q 'sent 1,' "$work/send-elsewhere.txt" || fail "send from another folder did not send the new reader's message"
[ -z "$(ls -A "$work/elsewhere")" ] || fail "send wrote into the working directory: $(ls -A "$work/elsewhere")"
grep -qx "Preview of the day's digest: /var/lib/paperboy/preview/index.html" "$work/send-elsewhere.txt" \
    || fail "send did not print the preview's path under /var/lib/paperboy"
[ -f /var/lib/paperboy/preview/index.html ] && [ -f "/var/lib/paperboy/preview/$today/digest.html" ] || fail "the printed preview is not there"
grep -qx "Messages written to the outbox folder: /var/lib/paperboy/outbox/$today" "$work/send-elsewhere.txt" \
    || fail "send did not print the outbox folder it wrote to"
[ "$(find "/var/lib/paperboy/outbox/$today" -name '*.eml' | wc -l)" -eq 2 ] || fail "the printed outbox folder does not hold both messages"

step "paperboy run (the service's command) starts, logs, and stops on SIGTERM"
sed -i '/^web:/,/^[a-z]/ s/^  enabled: true/  enabled: false/' /etc/paperboy/paperboy.yaml
runuser -u paperboy -- paperboy run > "$work/run.out" 2> "$work/run.log" &
daemon=$!
for _ in $(seq 1 120); do grep -q 'started; daily job' "$work/run.log" && break; sleep 1; done
grep -q 'started; daily job' "$work/run.log" || { cat "$work/run.log" >&2; fail "run did not log its start"; }
# runuser's child is the JVM (the launcher execs java); SIGTERM it as systemd would
jvm=$(pgrep -P "$daemon")
kill -TERM "$jvm"
status=0; wait "$daemon" || status=$?
# 143 = ended by SIGTERM after a clean shutdown (the unit's SuccessExitStatus)
[ "$status" -eq 0 ] || [ "$status" -eq 143 ] || fail "run exited $status on SIGTERM"
grep -q 'INFO .* paperboy stopped' "$work/run.log" || { cat "$work/run.log" >&2; fail "run did not log its stop"; }
grep -m3 -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$work/run.log"

step "root's paperboy runs as paperboy too"
paperboy subscribers list >/dev/null
[ -z "$(find /var/lib/paperboy ! -user paperboy)" ] || fail "running as root left root-owned files"
cd /

step "dpkg -r keeps config and data; dpkg -P removes them, and what the operator added there"
# what an operator adds: templates of their own, a log folder, a backup beside the database
mkdir -p /etc/paperboy/templates /var/log/paperboy
echo '<p>mine</p>' > /etc/paperboy/templates/digest.html.ftlh
echo 'a log' > /var/log/paperboy/paperboy.log
runuser -u paperboy -- paperboy backup /var/lib/paperboy/backup.db > /dev/null
dpkg -r paperboy
[ ! -e /usr/share/paperboy/paperboy.jar ] || fail "the jar is still there after dpkg -r"
[ -f /etc/paperboy/paperboy.yaml ] && [ -d /var/lib/paperboy ] || fail "dpkg -r removed config or data"
dpkg -P paperboy
for left in /etc/paperboy /var/lib/paperboy /var/log/paperboy /usr/share/paperboy /usr/bin/paperboy /lib/systemd/system/paperboy.service; do
    [ ! -e "$left" ] || fail "dpkg -P left $left"
done
! getent passwd paperboy >/dev/null || fail "dpkg -P left the paperboy user"
! getent group paperboy >/dev/null || fail "dpkg -P left the paperboy group"
# whatever the paperboy user wrote anywhere is left owned by no one once the user is gone
orphans=$( { find /etc /var /tmp /home /root /srv /opt -xdev -nouser -newer "$work/.started" 2>/dev/null || true; } | head -5)
[ -z "$orphans" ] || fail "files of the paperboy user left after purge: $orphans"
step "ok"
