#!/usr/bin/env bash
# The scaling curve: 1 KiB lifecycles/s at several concurrencies, with the Broker's tables pre-filled to several
# sizes (fast: generate_series inserts straight into our tables, no Camunda instances), plus searches/s and the
# EXPLAIN (ANALYZE, BUFFERS) of the overview and search queries at each size. Baseline in the same run and the
# same server: GET /health at the same concurrency (lifecycles/s against health req/s / 5).
#
#   bench/broker-scaling.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR, BENCH_SIZES ("10000 1000000": transfers in the tables before each round, cumulative),
#      BENCH_CONCURRENCIES ("1 4 16 64"), BENCH_SECONDS (15 per point), BENCH_WARMUP_SECONDS (60),
#      BENCH_PG_HOST/PORT/USER, BENCH_DB (formidling_scaling: dropped and re-created, dropped at exit),
#      BENCH_SERVER_JAVA_OPTS, BENCH_STARTUP_TIMEOUT (600 s). Needs psql (superuser: the fill switches off
#      foreign-key triggers for its own session). Loopback only.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZES=${BENCH_SIZES:-10000 1000000}
CONCURRENCIES=${BENCH_CONCURRENCIES:-1 4 16 64}
SECONDS_POINT=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
DB=${BENCH_DB:-formidling_scaling}
case "$DB" in *[!a-z0-9_]*) bench_die "BENCH_DB must be a plain lower-case name";; esac
command -v psql >/dev/null || bench_die "psql is needed (apt-get install postgresql-client)"

WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-scaling.XXXXXX")
SERVER_LOG=$WORK/server.log
SERVER_PID=
DB_CREATED=0
trap 'bench_fresh_db_cleanup "$DB" scaling' EXIT
trap 'exit 130' INT TERM

bench_server_on_fresh_db "$JAR" "$DB" "${BENCH_PORT:-18680}"

run() { # run <mode> <concurrency> <seconds> -> key=value lines
  timeout $(( ${3%.*} + 180 )) java $BENCH_CLIENT_JAVA_OPTS -Dserver.pid="$SERVER_PID" "$BENCH_DIR/LifecycleBench.java" "$BASE" "$1" "$2" "$3"
}
get() { awk -F= -v k="$1" '$1 == k { print substr($0, length(k) + 2) }'; }

# Pre-fill transfers g = from..to: a tenth between the bench's own two organisations (so searches have hits),
# the rest among 100 other senders and 100 other recipients; created over the last 30 days; mostly finished.
prefill() {
  local from=$1 to=$2
  # Rows consistent by construction: foreign-key triggers off for the fill (session_replication_role, superuser).
  bench_pg "$DB" "set session_replication_role = replica;
insert into file_transfer (id, resource_id, file_name, senders_reference, sender, sender_as_sent, checksum, use_virus_scan,
    file_size, status, status_changed, created, expiration_time, published)
select md5('prefill' || g)::uuid, 'formidling-demo', 'prefill ' || g || '.bin', 'prefill', s, s, md5(g::text), true, 1024,
       st, c + interval '1 minute', c, c + interval '30 days', c + interval '10 seconds'
from (select g,
             case when g % 10 = 0 then '0192:310000001' else '0192:' || (320000000 + g % 100) end as s,
             case when g % 20 = 1 then 'Published' when g % 50 = 3 then 'Failed' else 'AllConfirmedDownloaded' end as st,
             now() - (g % 2592000) * interval '1 second' as c
      from generate_series($from, $to) g) x;
insert into file_transfer_recipient (file_transfer_id, recipient, status, status_changed)
select md5('prefill' || g)::uuid, case when g % 10 = 0 then '0192:310000002' else '0192:' || (330000000 + g % 100) end,
       case when g % 20 = 1 then 'Initialized' else 'DownloadConfirmed' end, now() - (g % 2592000) * interval '1 second'
from generate_series($from, $to) g;
insert into file_transfer_status_history (file_transfer_id, status, changed)
select md5('prefill' || g)::uuid, st, now() - (g % 2592000) * interval '1 second'
from generate_series($from, $to) g, unnest(array['Initialized', 'UploadStarted', 'UploadProcessing', 'Published']) st;
insert into recipient_status_history (file_transfer_id, recipient, status, changed)
select md5('prefill' || g)::uuid, case when g % 10 = 0 then '0192:310000002' else '0192:' || (330000000 + g % 100) end,
       'Initialized', now() - (g % 2592000) * interval '1 second'
from generate_series($from, $to) g;" >/dev/null
  local t
  for t in file_transfer file_transfer_recipient file_transfer_status_history recipient_status_history; do
    bench_pg "$DB" "vacuum (analyze) $t" >/dev/null
  done
}

# The statements the API runs for an overview, the details and a search (FileTransferRepository), with real values.
explain_all() {
  local id
  id=$(bench_pg "$DB" "select id from file_transfer where sender = '0192:310000001' order by created desc limit 1")
  local q
  while IFS= read -r q; do
    [ -n "$q" ] || continue
    echo "-- $q"
    bench_pg "$DB" "explain (analyze, buffers, costs off, timing off, summary on) $q"
    echo
  done <<EOF
select t.*, (select json_agg(json_build_array(r.recipient, r.status, r.status_changed) order by r.recipient) from file_transfer_recipient r where r.file_transfer_id = t.id) as recipients from file_transfer t where t.id = '$id'
select status, description, changed from file_transfer_status_history where file_transfer_id = '$id' order by changed, id
select t.id from file_transfer t where t.resource_id = 'formidling-demo' and t.sender = '0192:310000001' order by t.created desc, t.id limit 100
select t.id from file_transfer t where t.resource_id = 'formidling-demo' and exists (select 1 from file_transfer_recipient r where r.file_transfer_id = t.id and r.recipient = '0192:310000002') order by t.created desc, t.id limit 100
select id from ((select t.id, t.created as at from file_transfer t where t.resource_id = 'formidling-demo' and t.sender = '0192:310000002' order by t.created desc, t.id limit 100) union (select t.id, t.created as at from file_transfer t where t.resource_id = 'formidling-demo' and exists (select 1 from file_transfer_recipient r where r.file_transfer_id = t.id and r.recipient = '0192:310000002') order by t.created desc, t.id limit 100)) x order by x.at desc, x.id limit 100
select t.id from file_transfer t where t.resource_id = 'formidling-demo' and t.sender = '0192:310000001' and t.status = 'Published' order by t.status_changed desc, t.id limit 100
with in_status as materialized (select r.file_transfer_id from file_transfer_recipient r where r.recipient = '0192:310000002' and r.status = 'Initialized') select t.id, t.created as at from file_transfer t where t.resource_id = 'formidling-demo' and exists (select 1 from file_transfer_recipient r where r.file_transfer_id = t.id and r.recipient = '0192:310000002') and t.id in (select file_transfer_id from in_status) order by t.created desc, t.id limit 100
EOF
}

bench_log "warm-up: ${WARMUP}s of lifecycles at concurrency 8"
run lifecycle 8 "$WARMUP" >/dev/null

printf '\n== broker-scaling: %d CPUs; server %s ==\n' "$(nproc)" "$(basename "$JAR")"
printf '%-12s %5s %12s %9s %9s %12s %14s %7s %12s %s\n' transfers conc lifecycles/s p50_ms p99_ms health_req/s lifecycle-eq/s ratio searches/s load
FILLED=0
for size in $SIZES; do
  if [ "$size" -gt "$FILLED" ]; then
    T0=$(bench_now)
    prefill $((FILLED + 1)) "$size"
    bench_log "pre-filled transfers $((FILLED + 1))..$size in $(bench_elapsed "$T0") s"
    FILLED=$size
  fi
  IN_TABLE=$(bench_pg "$DB" "select count(*) from file_transfer")
  for c in $CONCURRENCIES; do
    LOAD1=$(cut -d' ' -f1 /proc/loadavg)
    L=$(run lifecycle "$c" "$SECONDS_POINT")
    H=$(run health "$c" "$SECONDS_POINT")
    S=$(run search "$c" "$SECONDS_POINT")
    LOAD2=$(cut -d' ' -f1 /proc/loadavg)
    awk -v n="$IN_TABLE" -v c="$c" -v l="$(get perSecond <<<"$L")" -v p50="$(get p50ms <<<"$L")" -v p99="$(get p99ms <<<"$L")" \
        -v h="$(get perSecond <<<"$H")" -v s="$(get perSecond <<<"$S")" -v la="$LOAD1->$LOAD2" \
        'BEGIN { printf "%-12d %5d %12.1f %9.1f %9.1f %12.1f %14.1f %6.2fx %12.1f %s\n", n, c, l, p50, p99, h, h / 5, l / (h / 5), s, la }'
  done
  echo
  echo "-- query plans with $IN_TABLE transfers in the table"
  explain_all
done
