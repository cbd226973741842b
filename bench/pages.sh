#!/usr/bin/env bash
# The pages with many rows: Sent, Inbox, Messages and the operator's transfer list, timed with curl as a browser
# gets them (signed in, HTML), with the tables pre-filled to each size for one organisation (fast: generate_series
# inserts straight into our tables, no Camunda instances). For each size: the first page, a deep page (by its
# cursor, half-way down the list), a search and a status filter. Baseline in the same run and the same server:
# GET /health (ratio = page median / health median).
#
#   bench/pages.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR, BENCH_SIZES ("10000 1000000": transfers, and as many messages, before each round, cumulative),
#      BENCH_RUNS (15 timed requests per page, after 3 untimed), BENCH_PG_HOST/PORT/USER, BENCH_DB (formidling_pages:
#      dropped and re-created, dropped at exit), BENCH_SERVER_JAVA_OPTS, BENCH_STARTUP_TIMEOUT (600 s), BENCH_EXPLAIN=1
#      (prints the plan of each list query at each size). Needs psql (superuser: the fill switches off foreign-key
#      triggers for its own session). Loopback only.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZES=${BENCH_SIZES:-10000 1000000}
RUNS=${BENCH_RUNS:-15}
DB=${BENCH_DB:-formidling_pages}
case "$DB" in *[!a-z0-9_]*) bench_die "BENCH_DB must be a plain lower-case name";; esac
command -v psql >/dev/null || bench_die "psql is needed (apt-get install postgresql-client)"

SENDER=310000001
RECIPIENT=310000002
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-pages.XXXXXX")
SERVER_LOG=$WORK/server.log
SERVER_PID=
DB_CREATED=0
trap 'bench_fresh_db_cleanup "$DB" pages' EXIT
trap 'exit 130' INT TERM

bench_server_on_fresh_db "$JAR" "$DB" "${BENCH_PORT:-18780}"

# sign_in <who> <cookie jar>: the dev sign-in form, with its CSRF token, as a browser posts it.
sign_in() {
  local csrf
  csrf=$(curl -fsS -c "$2" -b "$2" "$BASE/app/signin" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  [ -n "$csrf" ] || bench_die "no CSRF token on the sign-in page"
  curl -fsS -o /dev/null -c "$2" -b "$2" --data-urlencode "who=$1" --data-urlencode "_csrf=$csrf" "$BASE/app/signin"
}
sign_in "$SENDER" "$WORK/sender.jar"
sign_in "$RECIPIENT" "$WORK/recipient.jar"
sign_in operator "$WORK/operator.jar"

# Rows g = from..to, one every 30 s back from now (about a year per million): transfers from SENDER to RECIPIENT
# on the demo resource, 2 % Failed, 5 % Published, the rest done; messages from the demo service owner to
# RECIPIENT, 10 % Read. Names with spaces and æøå; every name ends in its number, so "Årsrapport 4242 " is a rare search.
prefill() {
  local from=$1 to=$2
  bench_pg "$DB" "set session_replication_role = replica;
insert into file_transfer (id, resource_id, file_name, senders_reference, sender, sender_as_sent, checksum, use_virus_scan,
    file_size, status, status_changed, created, expiration_time, published)
select md5('page' || g)::uuid, 'formidling-demo', 'Årsrapport ' || g || ' for Sør-Trøndelag.pdf', 'Sak ' || g || ' søknad', '0192:$SENDER',
       '0192:$SENDER', md5(g::text), true, 1024, st, c + interval '1 minute', c, c + interval '30 days', c + interval '10 seconds'
from (select g, case when g % 50 = 3 then 'Failed' when g % 20 = 1 then 'Published' else 'AllConfirmedDownloaded' end as st,
             now() - g * interval '30 seconds' as c
      from generate_series($from, $to) g) x;
insert into file_transfer_recipient (file_transfer_id, recipient, status, status_changed)
select md5('page' || g)::uuid, '0192:$RECIPIENT', case when g % 20 = 1 then 'Initialized' else 'DownloadConfirmed' end,
       now() - g * interval '30 seconds'
from generate_series($from, $to) g;
insert into correspondence (id, resource_id, sender, recipient, senders_reference, message_sender, language, message_title,
    message_body, requested_publish_time, status, status_changed, created, published)
select md5('message' || g)::uuid, 'formidling-demo', '0192:991825827', 'urn:altinn:organization:identifier-no:$RECIPIENT',
       'Vedtak ' || g, 'Statens tilskuddskontor', 'nb', 'Vedtak om tilskudd ' || g || ' til Ærøy', 'Hei.',
       now() - g * interval '30 seconds', case when g % 10 = 7 then 'Read' else 'Published' end,
       now() - g * interval '30 seconds', now() - g * interval '30 seconds', now() - g * interval '30 seconds'
from generate_series($from, $to) g;" >/dev/null
  local t
  for t in file_transfer file_transfer_recipient correspondence; do
    bench_pg "$DB" "vacuum (analyze) $t" >/dev/null
  done
}

# cursor <sql giving epoch seconds, microseconds, id>: a page link's cursor, as the server makes it (Keyset).
cursor() {
  local row
  row=$(bench_pg "$DB" "$1")
  IFS='|' read -r secs micros id <<<"$row"
  printf '%s.%s.%s' "$secs" "$((10#$micros * 1000))" "$id" | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# timed <cookie jar> <path>: median, p90 and max of RUNS requests in ms (after 3 untimed); fails on a non-200.
timed() {
  local i
  for i in 1 2 3; do curl -fsS -o /dev/null -b "$1" "$BASE$2" || bench_die "GET $2 failed"; done
  for i in $(seq 1 "$RUNS"); do
    curl -fsS -o /dev/null -b "$1" -w '%{time_total}\n' "$BASE$2" || bench_die "GET $2 failed"
  done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR] }'
}

printf '\n== pages: %d CPUs, load %s; server %s; %d timed requests per page ==\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$(basename "$JAR")" "$RUNS"
printf '%-9s %-34s %9s %9s %9s %7s\n' rows page median_ms p90_ms max_ms ratio
FILLED=0
for size in $SIZES; do
  if [ "$size" -gt "$FILLED" ]; then
    bench_log "filling to $size transfers and $size messages"
    start=$(bench_now)
    prefill $((FILLED + 1)) "$size"
    bench_log "filled in $(bench_elapsed "$start") s"
    FILLED=$size
  fi
  half=$((size / 2))
  sent_deep=$(cursor "select floor(extract(epoch from created))::bigint, extract(microseconds from created)::bigint % 1000000, id
    from file_transfer where sender = '0192:$SENDER' order by created desc, id desc offset $half limit 1")
  message_deep=$(cursor "select floor(extract(epoch from requested_publish_time))::bigint,
    extract(microseconds from requested_publish_time)::bigint % 1000000, id from correspondence
    where recipient = 'urn:altinn:organization:identifier-no:$RECIPIENT' order by requested_publish_time desc, id desc offset $half limit 1")
  rare=$((size / 3 + 42))
  baseline=$(timed "$WORK/sender.jar" /health)
  read -r base_median _ <<<"$baseline"
  printf '%-9s %-34s %9s %9s %9s %7s\n' "$size" "baseline: /health" $baseline "1.0"
  while IFS='|' read -r label jar path; do
    [ -n "$label" ] || continue
    read -r median p90 max <<<"$(timed "$WORK/$jar" "$path")"
    printf '%-9s %-34s %9s %9s %9s %7s\n' "$size" "$label" "$median" "$p90" "$max" "$(awk -v a="$median" -v b="$base_median" 'BEGIN { printf "%.1f", a / b }')"
  done <<LIST
Sent: first page|sender.jar|/app/sent
Sent: deep page (cursor)|sender.jar|/app/sent?after=$sent_deep
Sent: search (file name)|sender.jar|/app/sent?q=%C3%85rsrapport%20$rare%20
Sent: search (reference)|sender.jar|/app/sent?q=Sak%20$rare%20s%C3%B8knad
Sent: filter (Failed)|sender.jar|/app/sent?status=Failed
Inbox: first page|recipient.jar|/app/inbox
Inbox: deep page (cursor)|recipient.jar|/app/inbox?after=$sent_deep
Inbox: search (file name)|recipient.jar|/app/inbox?q=%C3%85rsrapport%20$rare%20
Inbox: filter (Published)|recipient.jar|/app/inbox?status=Published
Messages: first page|recipient.jar|/app/messages
Messages: deep page (cursor)|recipient.jar|/app/messages?after=$message_deep
Messages: search (title)|recipient.jar|/app/messages?q=tilskudd%20$rare%20
Messages: filter (Read)|recipient.jar|/app/messages?status=Read
Operator: first page|operator.jar|/ops/transfers
Operator: search (file name)|operator.jar|/ops/transfers?q=%C3%85rsrapport%20$rare%20
Operator: filter (Failed)|operator.jar|/ops/transfers?status=Failed
LIST
done
