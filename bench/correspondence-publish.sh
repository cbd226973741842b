#!/usr/bin/env bash
# Correspondences initialized and published per second: REQUESTS initialize calls of 100 recipients each (one
# small shared attachment on every correspondence), then the time until the job executor has published all of
# them. Also: database commits per correspondence (formidling.db.commits, raw, from /actuator/prometheus).
# Baseline in the same run: GET /health round trips per second.
#
#   usage: bench/correspondence-publish.sh [jar]     (default ../target/formidling-0.1.0-SNAPSHOT.jar)
#   env:   REQUESTS (default 10, at most 10: the search that counts Published answers up to 1000 ids),
#          BENCH_STARTUP_TIMEOUT (seconds to wait for the server, default 600)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$HERE/bench-lib.sh"
JAR=${1:-${FORMIDLING_JAR:-$HERE/../target/formidling-0.1.0-SNAPSHOT.jar}}
REQUESTS=${REQUESTS:-10}
[ "$REQUESTS" -le 10 ] || bench_die "REQUESTS must be at most 10"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/corr-bench.XXXXXX")
PORT=$(bench_free_port $((20000 + RANDOM % 20000)))
DB_PORT=$(bench_free_port $((40000 + RANDOM % 20000)))
BASE="http://127.0.0.1:$PORT"
SERVER_LOG="$WORK/server.log"
trap 'bench_stop_server "$WORK/data/postgres/postmaster.pid"; rm -rf "$WORK"' EXIT

bench_start_server "$JAR" "$SERVER_LOG" SERVER_PORT="$PORT" FORMIDLING_DATA_DIR="$WORK/data" \
  FORMIDLING_EMBEDDED_DB_PORT="$DB_PORT" FORMIDLING_CORRESPONDENCE_NOTIFICATIONDELAY=PT1H
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-600}"
OWNER=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=991825827&org=digdir&scopes=altinn:serviceowner%20altinn:correspondence.write")
AUTH="Authorization: Bearer $OWNER"
commits() { curl -fsS "$BASE/actuator/prometheus" | awk '/^formidling_db_commits_total/ { printf "%d", $2 }'; }

bench_log "baseline: GET /health for 5 s"
n=0; start=$(bench_now)
while awk -v s="$(bench_elapsed "$start")" 'BEGIN { exit !(s < 5) }'; do curl -fsS -o /dev/null "$BASE/health"; n=$((n + 1)); done
health_rate=$(awk -v n="$n" -v t="$(bench_elapsed "$start")" 'BEGIN { printf "%.1f", n / t }')

printf 'bench attachment\n' > "$WORK/attachment.txt"
att=$(curl -fsS -X POST "$BASE/correspondence/api/v1/attachment" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"resourceId":"formidling-demo","fileName":"bench.txt","sendersReference":"bench"}' | tr -d '"')
curl -fsS -o /dev/null -X POST "$BASE/correspondence/api/v1/attachment/$att/upload" -H "$AUTH" \
  -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/attachment.txt"

REF="bench-$(date +%s)"
body() { # request number -> JSON with 100 organisation recipients
  local r=$1 recipients
  recipients=$(for i in $(seq 0 99); do printf '"0192:3%03d%05d",' "$r" "$i"; done)
  printf '{"correspondence":{"resourceId":"formidling-demo","sendersReference":"%s","content":{"language":"nb","messageTitle":"Bench","messageBody":"Bench body"}},"recipients":[%s],"existingAttachments":["%s"]}' \
    "$REF" "${recipients%,}" "$att"
}
for r in $(seq 1 "$REQUESTS"); do body "$r" > "$WORK/request-$r.json"; done

total=$((REQUESTS * 100))
c0=$(commits)
bench_log "initialize: $REQUESTS requests x 100 recipients"
start=$(bench_now)
for r in $(seq 1 "$REQUESTS"); do
  code=$(curl -sS -o "$WORK/response-$r.json" -w '%{http_code}' -X POST "$BASE/correspondence/api/v1/correspondence" \
    -H "$AUTH" -H 'Content-Type: application/json' --data-binary @"$WORK/request-$r.json")
  [ "$code" = 200 ] || bench_die "initialize answered $code: $(head -c 300 "$WORK/response-$r.json")"
done
init_s=$(bench_elapsed "$start")
bench_log "waiting until all $total are Published"
while :; do
  published=$(curl -fsS "$BASE/correspondence/api/v1/correspondence?role=Sender&resourceId=formidling-demo&status=Published&sendersReference=$REF" \
    -H "$AUTH" | grep -o '[0-9a-f]\{8\}-' | wc -l)
  [ "$published" -ge "$total" ] && break
  awk -v s="$(bench_elapsed "$start")" 'BEGIN { exit !(s > 600) }' && bench_die "only $published of $total published after 600 s"
  sleep 0.5
done
all_s=$(bench_elapsed "$start")
c1=$(commits)

awk -v n="$total" -v i="$init_s" -v a="$all_s" -v c="$((c1 - c0))" -v h="$health_rate" 'BEGIN {
  printf "correspondences:                 %d (%d requests x 100 recipients, 1 shared attachment each)\n", n, n / 100
  printf "initialized:                     %.1f correspondences/s (%.2f s)\n", n / i, i
  printf "initialized and published:       %.1f correspondences/s (%.2f s)\n", n / a, a
  printf "commits per correspondence:      %.2f (raw, includes the job executor idle polling)\n", c / n
  printf "baseline GET /health:            %.1f requests/s (sequential)\n", h
}'
