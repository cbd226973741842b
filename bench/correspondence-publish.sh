#!/usr/bin/env bash
# A service owner's mass send: REQUESTS initialize calls of RECIPIENTS organisations each (upstream's maximum is
# 500), every correspondence with one shared attachment and an email notification, sent by BENCH_CONCURRENCY
# clients at once to a server whose emails go to a real SMTP server (GreenMail). Prints the correspondences
# Published per second, when the last email arrived at the SMTP server, and database commits per correspondence.
# Baseline in the same run: the Broker's small-file lifecycles (LifecycleBench) at the same concurrency.
#
#   bench/correspondence-publish.sh [path/to/formidling.jar]
#
# Env: REQUESTS (10), RECIPIENTS (500), BENCH_CONCURRENCY (4), BENCH_LIFECYCLE_SECONDS (30), BENCH_SERVER_JAVA_OPTS,
#      BENCH_PG_HOST/PORT/USER (the machine's PostgreSQL, 127.0.0.1:5432 postgres; a database of its own, dropped at exit),
#      GREENMAIL_JAR (default: greenmail-standalone 2.1.5 from ~/.m2; `mvn dependency:get
#      -Dartifact=com.icegreen:greenmail-standalone:2.1.5` fetches it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"
JAR=${1:-${FORMIDLING_JAR:-$HERE/../target/formidling-0.1.0-SNAPSHOT.jar}}
REQUESTS=${REQUESTS:-10}
RECIPIENTS=${RECIPIENTS:-500}
CONCURRENCY=${BENCH_CONCURRENCY:-4}
GREENMAIL_JAR=${GREENMAIL_JAR:-$HOME/.m2/repository/com/icegreen/greenmail-standalone/2.1.5/greenmail-standalone-2.1.5.jar}
[ -f "$GREENMAIL_JAR" ] || bench_die "GreenMail not found at $GREENMAIL_JAR (mvn dependency:get -Dartifact=com.icegreen:greenmail-standalone:2.1.5)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/corr-bench.XXXXXX")
DB=formidling_bench_corr_$$_$RANDOM
PORT=$(bench_free_port $((20000 + RANDOM % 20000)))
SMTP_PORT=$(bench_free_port $((40000 + RANDOM % 20000)))
BASE="http://127.0.0.1:$PORT"
SERVER_LOG="$WORK/server.log"
SMTP_PID=
cleanup() {
  [ -z "$SMTP_PID" ] || kill "$SMTP_PID" 2>/dev/null || true
  bench_stop_server
  bench_pg postgres "drop database if exists $DB with (force)" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -cp "$GREENMAIL_JAR" "$HERE/SmtpSink.java" "$SMTP_PORT" "$WORK/emails" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
bench_pg postgres "create database $DB" >/dev/null
bench_start_server "$JAR" "$SERVER_LOG" SERVER_PORT="$PORT" FORMIDLING_DATA_DIR="$WORK/data" FORMIDLING_BASE_URL="$BASE" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:${BENCH_PG_PORT:-5432}/$DB" SPRING_DATASOURCE_USERNAME="${BENCH_PG_USER:-postgres}" \
  SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$SMTP_PORT" FORMIDLING_CORRESPONDENCE_NOTIFICATIONDELAY=PT0S
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-600}"
for _ in $(seq 1 100); do [ -f "$WORK/emails" ] && break; sleep 0.2; done
[ -f "$WORK/emails" ] || bench_die "the SMTP server did not start: $(cat "$WORK/smtp.log")"
OWNER=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=991825827&org=digdir&scopes=altinn:serviceowner%20altinn:correspondence.write&ttl=7200")
AUTH="Authorization: Bearer $OWNER"
sql() { bench_pg "$DB" "$1"; }
commits() { bench_pg postgres "select xact_commit from pg_stat_database where datname = '$DB'"; }
emails() { cat "$WORK/emails"; }
total=$((REQUESTS * RECIPIENTS))
recipient() { printf '0192:3%03d%05d' "$1" "$2"; }

bench_log "registering $total recipient organisations with an email address each"
for r in $(seq 1 "$REQUESTS"); do
  for i in $(seq 0 $((RECIPIENTS - 1))); do
    printf 'next\nurl = "%s/register/api/v1/parties/%s"\nrequest = "PUT"\nheader = "%s"\nheader = "Content-Type: application/json"\ndata = "{\\"name\\":\\"Mottaker %s\\",\\"email\\":\\"post-%s@mottaker.example\\"}"\noutput = "/dev/null"\n' \
      "$BASE" "$(recipient "$r" "$i")" "$AUTH" "$r-$i" "$r-$i"
  done
done | tail -n +2 >"$WORK/parties.curl"
curl -fsS --config "$WORK/parties.curl"

bench_log "baseline: Broker small-file lifecycles at concurrency $CONCURRENCY for ${BENCH_LIFECYCLE_SECONDS:-30} s (after 20 s of warm-up)"
lifecycles() { java $BENCH_CLIENT_JAVA_OPTS "$HERE/LifecycleBench.java" "$BASE" lifecycle "$CONCURRENCY" "$1"; }
lifecycles 20 >/dev/null
lifecycle_rate=$(lifecycles "${BENCH_LIFECYCLE_SECONDS:-30}" | awk -F= '$1 == "perSecond" { print $2 }')

printf 'bench attachment\n' >"$WORK/attachment.txt"
att=$(curl -fsS -X POST "$BASE/correspondence/api/v1/attachment" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"resourceId":"formidling-demo","fileName":"vedlegg.txt","sendersReference":"bench"}' | tr -d '"')
curl -fsS -o /dev/null -X POST "$BASE/correspondence/api/v1/attachment/$att/upload" -H "$AUTH" \
  -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/attachment.txt"
for _ in $(seq 1 120); do
  [ "$(sql "select status from corr_attachment where id = '$att'")" = Published ] && break
  sleep 0.5
done

REF="bench-$(date +%s)"
for r in $(seq 1 "$REQUESTS"); do
  recipients=$(for i in $(seq 0 $((RECIPIENTS - 1))); do printf '"%s",' "$(recipient "$r" "$i")"; done)
  printf '{"correspondence":{"resourceId":"formidling-demo","sendersReference":"%s","content":{"language":"nb","messageTitle":"Vedtak","messageBody":"Du har fått et vedtak."},"notification":{"notificationTemplate":"CustomMessage","notificationChannel":"Email","emailSubject":"Melding fra $sendersName$","emailBody":"Hei $recipientName$, du har fått en melding."}},"recipients":[%s],"existingAttachments":["%s"]}' \
    "$REF" "${recipients%,}" "$att" >"$WORK/request-$r.json"
done

emails0=$(emails)
c0=$(commits)
bench_log "mass send: $REQUESTS calls of $RECIPIENTS recipients, $CONCURRENCY at a time"
start=$(bench_now)
seq 1 "$REQUESTS" | xargs -P "$CONCURRENCY" -I{} sh -c 'code=$(curl -sS -o "$1/response-$2.json" -w "%{http_code}" -X POST "$3/correspondence/api/v1/correspondence" \
  -H "$4" -H "Content-Type: application/json" --data-binary @"$1/request-$2.json"); [ "$code" = 200 ] || { echo "call $2 answered $code: $(head -c 300 "$1/response-$2.json")" >&2; exit 1; }' \
  _ "$WORK" {} "$BASE" "$AUTH" || bench_die "an initialize call failed"
init_s=$(bench_elapsed "$start")
published=0
while [ "$published" -lt "$total" ]; do
  awk -v s="$(bench_elapsed "$start")" 'BEGIN { exit !(s > 1800) }' && bench_die "only $published of $total published after 1800 s"
  sleep 0.2
  published=$(sql "select count(*) from correspondence where senders_reference = '$REF' and status = 'Published'")
done
published_s=$(bench_elapsed "$start")
c1=$(commits)
while [ "$(( $(emails) - emails0 ))" -lt "$total" ]; do
  awk -v s="$(bench_elapsed "$start")" 'BEGIN { exit !(s > 3600) }' && bench_die "only $(( $(emails) - emails0 )) of $total emails after 3600 s"
  sleep 0.2
done
emailed_s=$(bench_elapsed "$start")
instances=$(sql "select count(*) from correspondence c where exists (select 1 from act_hi_procinst r where r.business_key_ = c.id::text) and c.senders_reference = '$REF'")

awk -v n="$total" -v q="$REQUESTS" -v r="$RECIPIENTS" -v conc="$CONCURRENCY" -v i="$init_s" -v p="$published_s" -v e="$emailed_s" \
    -v c="$((c1 - c0))" -v life="$lifecycle_rate" -v inst="$instances" -v nproc="$(nproc)" 'BEGIN {
  printf "\n== correspondence-publish: %d calls x %d recipients, a shared attachment and an email each, concurrency %d, %d CPUs ==\n", q, r, conc, nproc
  printf "initialize calls answered:        %.1f s (%.1f correspondences/s)\n", i, n / i
  printf "all %d Published:                %.1f s = %.1f correspondences/s\n", n, p, n / p
  printf "all %d emails at the SMTP server: %.1f s after the first call (%.1f s after the last Published)\n", n, e, e - p
  printf "baseline, Broker lifecycles:      %.1f lifecycles/s at concurrency %d -> ratio %.2fx\n", life, conc, n / p / life
  printf "database commits until Published:  %.2f per correspondence (raw: includes the job executor polling)\n", c / n
  printf "process instances (Cockpit):      %d of %d correspondences\n", inst, n
}'
