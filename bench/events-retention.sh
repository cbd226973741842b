#!/usr/bin/env bash
# Soak: small-file lifecycles for a while with an event subscription delivering every event to a local webhook, and
# the event retention set short, printing every SAMPLE seconds how many events were written so far against how many
# outbox and delivery rows the database still holds. With retention the rows stay flat while the events written
# grow; the baseline in the same run is the count of events written (what the tables would hold without retention).
#
#   bench/events-retention.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR (default ../target/formidling-0.1.0-SNAPSHOT.jar), BENCH_SECONDS (420: the first sweep runs
#      2 minutes after start), BENCH_SAMPLE_SECONDS (30), BENCH_CONCURRENCY (4), BENCH_RETENTION (PT1M),
#      BENCH_RETENTION_INTERVAL (PT15S), BENCH_PG_HOST/PORT/USER, BENCH_DB (formidling_retention_bench: dropped and
#      re-created, dropped again at exit), BENCH_STARTUP_TIMEOUT (240 s).
# Needs psql and node. Loopback only; the server, the webhook, the scratch folder and the database are removed at exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SOAK=${BENCH_SECONDS:-420}
SAMPLE=${BENCH_SAMPLE_SECONDS:-30}
CONCURRENCY=${BENCH_CONCURRENCY:-4}
DB=${BENCH_DB:-formidling_retention_bench}
case "$DB" in *[!a-z0-9_]*) bench_die "BENCH_DB must be a plain lower-case name";; esac
command -v psql >/dev/null || bench_die "psql is needed (apt-get install postgresql-client)"
command -v node >/dev/null || bench_die "node is needed for the webhook receiver"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/formidling-retention.XXXXXX")
SERVER_LOG=$WORK/server.log
SERVER_PID=
HOOK_PID=
LOAD_PID=
DB_CREATED=0
pg() { bench_pg "${PG_DB:-postgres}" "$1"; }

cleanup() {
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  [ -n "$HOOK_PID" ] && kill "$HOOK_PID" 2>/dev/null || true
  bench_stop_server
  [ "$DB_CREATED" = 1 ] && pg "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg "drop database if exists $DB with (force)" >/dev/null
pg "create database $DB" >/dev/null
DB_CREATED=1

HOOK_PORT=$(bench_free_port 18680)
node -e "require('http').createServer((q, r) => { q.resume(); q.on('end', () => { r.writeHead(200); r.end(); }); }).listen($HOOK_PORT, '127.0.0.1')" &
HOOK_PID=$!

PORT=$(bench_free_port 18590)
BASE=http://127.0.0.1:$PORT
bench_start_server "$JAR" "$SERVER_LOG" FORMIDLING_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" FORMIDLING_BASE_URL="$BASE" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:${BENCH_PG_PORT:-5432}/$DB" \
  SPRING_DATASOURCE_USERNAME="${BENCH_PG_USER:-postgres}" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  FORMIDLING_EVENTS_RETENTION="${BENCH_RETENTION:-PT1M}" FORMIDLING_EVENTS_RETENTION_INTERVAL="${BENCH_RETENTION_INTERVAL:-PT15S}"
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-240}"

TOKEN=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=310000002&scopes=altinn:events.subscribe")
curl -fsS -o /dev/null -X POST "$BASE/events/api/v1/subscriptions" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"endPoint\":\"http://127.0.0.1:$HOOK_PORT/hook\",\"resourceFilter\":\"urn:altinn:resource:formidling-demo\"}"
bench_log "subscription to a local webhook made; ${SOAK}s of lifecycles at concurrency $CONCURRENCY"

java $BENCH_CLIENT_JAVA_OPTS -Dserver.pid="$SERVER_PID" "$BENCH_DIR/LifecycleBench.java" "$BASE" lifecycle "$CONCURRENCY" "$SOAK" \
  >"$WORK/load.txt" &
LOAD_PID=$!

sample() {
  PG_DB=$DB pg "select coalesce((select max(seq) from outbox_event), 0), (select count(*) from outbox_event),
                       coalesce((select max(id) from event_delivery), 0),
                       (select count(*) from event_delivery where state = 'delivered'),
                       (select count(*) from event_delivery where state = 'pending'),
                       (select count(*) from event_delivery where state = 'dead')" | tr '|' ' '
}

printf '\n== events-retention: retention %s, sweep every %s, concurrency %d ==\n' "${BENCH_RETENTION:-PT1M}" \
  "${BENCH_RETENTION_INTERVAL:-PT15S}" "$CONCURRENCY"
printf '%8s %15s %12s %17s %16s %8s %5s\n' seconds events-written outbox-rows deliveries-made delivered-rows pending dead
START=$(date +%s)
LAST=""
while kill -0 "$LOAD_PID" 2>/dev/null; do
  sleep "$SAMPLE"
  read -r written rows made delivered pending dead <<<"$(sample)"
  printf '%8d %15d %12d %17d %16d %8d %5d\n' $(( $(date +%s) - START )) "$written" "$rows" "$made" "$delivered" "$pending" "$dead"
  LAST="$written $rows $made $delivered"
done
wait "$LOAD_PID" || true
LOAD_PID=
read -r written rows made delivered <<<"$LAST"
awk -v w="$written" -v r="$rows" -v m="$made" -v d="$delivered" 'BEGIN {
  printf "at the end: outbox %d rows kept of %d events written (%.2f); deliveries %d rows kept of %d made (%.2f)\n",
    r, w, (w > 0 ? r / w : 0), d, m, (m > 0 ? d / m : 0) }'
