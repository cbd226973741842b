#!/usr/bin/env bash
# A big file from the browser: the same file uploaded to the same server (1) in one request with curl (the
# baseline), (2) through TUS with tus-js-client in 5 MiB chunks as the send page does, and (3) the same with
# parallelUploads 4 (partial uploads joined by a final concatenation). Ratio = baseline seconds / TUS seconds.
# Every upload is checked: the transfer is Published with the file's MD5. The server's used heap is sampled.
#
#   bench/broker-tus.sh [path/to/formidling.jar]
#
# The server is warmed up first with 256 MiB through each of the three.
#
# Env: BENCH_SIZES_MB (default "2048 10240"), BENCH_STORE (filesystem | azurite, default filesystem),
#      BENCH_CHUNK_MB (5), BENCH_PARALLEL (4), BENCH_ROUNDS (1: each round runs the three uploads once, in turn),
#      BENCH_SERVER_JAVA_OPTS (default -Xmx256m), BENCH_WORK_DIR (needs about 3x the largest size free; on the
#      filesystem store each upload's blob is deleted once checked),
#      BENCH_PG=local (the machine's PostgreSQL, in a database of its own, instead of the embedded one).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZES=${BENCH_SIZES_MB:-2048 10240}
STORE=${BENCH_STORE:-filesystem}
CHUNK_MB=${BENCH_CHUNK_MB:-5}
PARALLEL=${BENCH_PARALLEL:-4}
ROUNDS=${BENCH_ROUNDS:-1}
export BENCH_SERVER_JAVA_OPTS=${BENCH_SERVER_JAVA_OPTS:--Xmx256m}
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-tus.XXXXXX")
DATA=$WORK/data
SERVER_LOG=$WORK/server.log
SERVER_PID=
SAMPLER_PID=
DB=formidling_bench_tus_$$_$RANDOM

cleanup() {
  local rc=$?
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  bench_stop_server "$DATA/postgres/postmaster.pid"
  bench_stop_azurite
  [ "${BENCH_PG:-embedded}" != local ] || bench_pg postgres "drop database if exists $DB with (force)" >/dev/null || true
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "${TMPDIR:-/tmp}/formidling-tus-server.log" 2>/dev/null && \
      bench_log "failed (exit $rc); server log kept at ${TMPDIR:-/tmp}/formidling-tus-server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(bench_free_port "${BENCH_PORT:-18580}")
BASE=http://127.0.0.1:$PORT
server_env=(FORMIDLING_DATA_DIR="$DATA" SERVER_PORT="$PORT" FORMIDLING_BASE_URL="$BASE")
if [ "${BENCH_PG:-embedded}" = local ]; then
  bench_pg postgres "create database $DB" >/dev/null
  server_env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:${BENCH_PG_PORT:-5432}/$DB" SPRING_DATASOURCE_USERNAME=postgres)
else
  server_env=(-u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME "${server_env[@]}" FORMIDLING_EMBEDDED_DB_PORT="$(bench_free_port 15580)")
fi
if [ "$STORE" = azurite ]; then
  bench_start_azurite "$WORK/azurite"
  server_env+=(FORMIDLING_STORAGE_TYPE=azure FORMIDLING_STORAGE_AZURE_CONNECTION_STRING="$AZURITE_CONNECTION")
fi
bench_log "starting server on port $PORT ($STORE store, ${BENCH_PG:-embedded} PostgreSQL), JVM options $BENCH_SERVER_JAVA_OPTS"
bench_start_server "$JAR" "$SERVER_LOG" "${server_env[@]}"
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-900}"
SENDER=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=310000001&scopes=altinn:broker.write%20altinn:broker.read&ttl=7200")

# The server's used heap (all heap pools) every 200 ms, one figure per line.
(while :; do
  curl -fsS "$BASE/actuator/prometheus" 2>/dev/null | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF } END { if (s) printf "%d\n", s }'
  sleep 0.2
done) >>"$WORK/heap.txt" &
SAMPLER_PID=$!

# initialize <md5>: a new transfer that the server publishes only if the bytes have this MD5; prints its id.
initialize() {
  curl -fsS "$BASE/broker/api/v1/filetransfer" -H "Authorization: Bearer $SENDER" -H 'Content-Type: application/json' \
    -d "{\"fileName\":\"bench.bin\",\"resourceId\":\"formidling-demo\",\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"],\"checksum\":\"$1\"}" |
    sed -E 's/.*"fileTransferId":"([^"]+)".*/\1/'
}

# published <id>: waits until the transfer is Published (fails on Failed or after 10 minutes).
published() {
  local status i
  for i in $(seq 1 1200); do
    status=$(curl -fsS "$BASE/broker/api/v1/filetransfer/$1" -H "Authorization: Bearer $SENDER" | sed -E 's/.*"fileTransferStatus":"([^"]+)".*/\1/')
    [ "$status" = Published ] && return 0
    [ "$status" = Failed ] && bench_die "transfer $1 failed: $(curl -fsS "$BASE/broker/api/v1/filetransfer/$1" -H "Authorization: Bearer $SENDER")"
    sleep 0.5
  done
  bench_die "transfer $1 not Published after 10 minutes"
}

# upload <how> <file> <md5>: one upload timed from its first byte to the client's end; prints the seconds.
upload() {
  local id t0 s
  id=$(initialize "$3")
  : >"$WORK/heap.txt"
  t0=$(bench_now)
  case $1 in
    single) curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $SENDER" -H 'Content-Type: application/octet-stream' \
              -T "$2" "$BASE/broker/api/v1/filetransfer/$id/upload" ;;
    tus) node "$BENCH_DIR/tus-upload.mjs" "$BASE" "$id" "$SENDER" "$2" "$CHUNK_MB" 1 >/dev/null ;;
    tus-parallel) node "$BENCH_DIR/tus-upload.mjs" "$BASE" "$id" "$SENDER" "$2" "$CHUNK_MB" "$PARALLEL" >/dev/null ;;
  esac
  s=$(bench_elapsed "$t0")
  published "$id"
  # Checked; drop the stored copy so the next upload has the disk space (the filesystem store keeps it under its id).
  [ "$STORE" = azurite ] || find "$DATA/blobs" -name "$id*" -exec rm -rf {} + 2>/dev/null || true
  printf '%s %s\n' "$s" "$(sort -n "$WORK/heap.txt" | tail -n 1)"
}

# The server's first uploads run while the JIT compiles their code: warm every path up before measuring.
bench_log "warm-up: 256 MiB through each of the three uploads"
head -c $((256 * 1024 * 1024)) /dev/urandom >"$WORK/warmup.bin"
for how in single tus tus-parallel; do upload "$how" "$WORK/warmup.bin" "$(md5sum "$WORK/warmup.bin" | cut -d' ' -f1)" >/dev/null; done
rm -f "$WORK/warmup.bin"

printf '\n== broker-tus: TUS (tus-js-client, %d MiB chunks) against one request (curl), %s store, %s PostgreSQL, %d CPUs ==\n' \
  "$CHUNK_MB" "$STORE" "${BENCH_PG:-embedded}" "$(nproc)"
printf 'server JVM options: %s\n' "$BENCH_SERVER_JAVA_OPTS"
printf '%-9s %-6s %-32s %9s %9s %8s %14s\n' size round upload seconds MB/s ratio "peak heap MB"
for size in $SIZES; do
  bench_log "generating $size MiB of random bytes"
  head -c "$((size * 1024 * 1024))" /dev/urandom >"$WORK/source.bin"
  md5=$(md5sum "$WORK/source.bin" | cut -d' ' -f1)
  for round in $(seq 1 "$ROUNDS"); do
    base_s=
    for how in single tus tus-parallel; do
      bench_log "$size MiB, round $round: $how"
      read -r s heap < <(upload "$how" "$WORK/source.bin" "$md5")
      [ -n "$base_s" ] || base_s=$s
      case $how in
        single) label="one request (curl), baseline" ;;
        tus) label="TUS, $CHUNK_MB MiB chunks" ;;
        *) label="TUS, $CHUNK_MB MiB chunks, $PARALLEL parallel" ;;
      esac
      awk -v size="$size" -v r="$round" -v l="$label" -v s="$s" -v b="$base_s" -v h="${heap:-0}" \
        'BEGIN { printf "%-9s %-6s %-32s %9.1f %9.1f %7.2fx %14.0f\n", size " MiB", r, l, s, size * 1048576 / s / 1e6, b / s, h / 1048576 }'
    done
  done
  rm -f "$WORK/source.bin"
done
printf 'every transfer Published with the MD5 of its file\n'
