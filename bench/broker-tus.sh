#!/usr/bin/env bash
# One large file (default 10 GiB) uploaded through TUS in fixed chunks (default 8 MiB) and downloaded again, on the
# filesystem blob store, with the server's heap capped (default -Xmx256m) and sampled; compared with a raw copy of
# the same bytes on the same filesystem in the same run. Checks the MD5 end to end.
#
#   bench/broker-tus.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR, BENCH_SIZE_MB (default 10240), BENCH_CHUNK_MB (default 8), BENCH_WORK_DIR (parent of the
#      scratch folder, default $TMPDIR or /tmp; needs about 3x the size free), BENCH_SERVER_JAVA_OPTS (default -Xmx256m),
#      BENCH_PG=local (use the local PostgreSQL, PGHOST/PGPORT/PGUSER defaults 127.0.0.1/5432/postgres, in a database
#      of its own dropped at exit, instead of the embedded one; on a busy machine the embedded one may not start in time).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZE_MB=${BENCH_SIZE_MB:-10240}
CHUNK_MB=${BENCH_CHUNK_MB:-8}
export BENCH_SERVER_JAVA_OPTS=${BENCH_SERVER_JAVA_OPTS:--Xmx256m}
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-tus.XXXXXX")
DATA=$WORK/data
SERVER_LOG=$WORK/server.log
SERVER_PID=

PG_HOST=${PGHOST:-127.0.0.1}
PG_PORT=${PGPORT:-5432}
PG_USER=${PGUSER:-postgres}
DB=formidling_bench_tus_$$_$RANDOM
pg() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "$1"; }

cleanup() {
  local rc=$?
  bench_stop_server "$DATA/postgres/postmaster.pid"
  if [ "${BENCH_PG:-embedded}" = local ]; then
    pg "drop database if exists $DB with (force)" >/dev/null 2>&1 || bench_log "could not drop database $DB"
  fi
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "${TMPDIR:-/tmp}/formidling-tus-server.log" 2>/dev/null && \
      bench_log "failed (exit $rc); server log kept at ${TMPDIR:-/tmp}/formidling-tus-server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# timed_copy <from> <to>: seconds for a 1 MiB-block copy followed by an fsync of the result.
timed_copy() {
  local t0
  t0=$(bench_now)
  dd if="$1" of="$2" bs=1M status=none
  sync "$2"
  bench_elapsed "$t0"
}

PORT=$(bench_free_port "${BENCH_PORT:-18580}")
DB_PORT=$(bench_free_port "${BENCH_DB_PORT:-15580}")
BASE=http://127.0.0.1:$PORT

bench_log "scratch folder $WORK; generating ${SIZE_MB} MiB of random bytes"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$WORK/source.bin"
SOURCE_MD5=$(md5sum "$WORK/source.bin" | cut -d' ' -f1)
sync

bench_log "starting server on port $PORT (PostgreSQL: ${BENCH_PG:-embedded}), JVM options $BENCH_SERVER_JAVA_OPTS"
if [ "${BENCH_PG:-embedded}" = local ]; then
  pg "create database $DB" >/dev/null
  bench_start_server "$JAR" "$SERVER_LOG" SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    SPRING_DATASOURCE_USERNAME="$PG_USER" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    FORMIDLING_DATA_DIR="$DATA" SERVER_PORT="$PORT" FORMIDLING_BASE_URL="$BASE"
else
  bench_start_server "$JAR" "$SERVER_LOG" -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
    FORMIDLING_DATA_DIR="$DATA" SERVER_PORT="$PORT" FORMIDLING_EMBEDDED_DB_PORT="$DB_PORT" FORMIDLING_BASE_URL="$BASE"
fi
bench_wait_ready "$BASE" 600

bench_log "baseline: raw copy of the source (dd bs=1M + fsync)"
RAW_UP=$(timed_copy "$WORK/source.bin" "$WORK/copy.bin")
rm -f "$WORK/copy.bin"
sync

bench_log "TUS upload in ${CHUNK_MB} MiB chunks, then download"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
CPU0=$(bench_cpu_seconds "$SERVER_PID")
timeout 7200 java "$BENCH_DIR/TusBench.java" "$BASE" "$WORK/source.bin" "$WORK/download.bin" "$((CHUNK_MB * 1024 * 1024))" | tee "$WORK/result.txt"
CPU1=$(bench_cpu_seconds "$SERVER_PID")
LOAD2=$(cut -d' ' -f1 /proc/loadavg)
get() { awk -F= -v k="$1" '$1 == k { print substr($0, length(k) + 2) }' "$WORK/result.txt"; }
ID=$(get fileTransferId)
BLOB=$(find "$DATA/blobs" -type f -name "$ID" | head -n 1)
[ -n "$BLOB" ] || bench_die "blob of $ID not found under $DATA/blobs"
DOWN_MD5=$(md5sum "$WORK/download.bin" | cut -d' ' -f1)
rm -f "$WORK/download.bin"
bench_log "baseline: raw copy of the stored blob"
RAW_DOWN=$(timed_copy "$BLOB" "$WORK/copy2.bin")
rm -f "$WORK/copy2.bin"

awk -v bytes="$(get bytes)" -v chunks="$(get chunks)" -v up="$(get uploadSeconds)" -v down="$(get downloadSeconds)" \
    -v last="$(get lastChunkSeconds)" -v rawup="$RAW_UP" -v rawdown="$RAW_DOWN" -v cpu="$(awk -v a="$CPU0" -v b="$CPU1" 'BEGIN { print b - a }')" \
    -v idle="$(get idleHeapBytes)" -v uph="$(get uploadPeakHeapBytes)" -v downh="$(get downloadPeakHeapBytes)" -v samples="$(get heapSamples)" \
    -v srcmd5="$SOURCE_MD5" -v dlmd5="$DOWN_MD5" -v srvmd5="$(get serverChecksum)" -v la1="$LOAD1" -v la2="$LOAD2" -v nproc="$(nproc)" \
    -v opts="$BENCH_SERVER_JAVA_OPTS" -v chunkmb="$CHUNK_MB" -v pgkind="${BENCH_PG:-embedded}" '
function mbs(s) { return bytes / s / 1e6 }
function ok(b) { return b ? "PASS" : "FAIL" }
BEGIN {
  peak = uph > downh ? uph : downh
  printf "\n== broker-tus: %.0f MiB in %d TUS chunks of %d MiB, filesystem blob store, %s PostgreSQL ==\n", bytes / 1048576, chunks, chunkmb, pgkind
  printf "%d CPUs, load average %s -> %s; server JVM options: %s; server CPU for upload + download: %.0f s\n", nproc, la1, la2, opts, cpu
  printf "%-34s %9s %9s %7s\n", "", "seconds", "MB/s", "ratio"
  printf "%-34s %9.1f %9.1f %7s\n", "raw copy of the source (dd+fsync)", rawup, mbs(rawup), "1.00x"
  printf "%-34s %9.1f %9.1f %6.2fx   (last chunk, which joins the blocks, %.1f s)\n", "TUS upload", up, mbs(up), rawup / up, last
  printf "%-34s %9.1f %9.1f %7s\n", "raw copy of the blob (dd+fsync)", rawdown, mbs(rawdown), "1.00x"
  printf "%-34s %9.1f %9.1f %6.2fx\n", "download (Java client + fsync)", down, mbs(down), rawdown / down
  printf "server heap used (%d samples @100 ms): idle %.0f MB, peak in upload %.0f MB, in download %.0f MB; target peak < 256 MB: %s\n", \
    samples, idle / 1048576, uph / 1048576, downh / 1048576, ok(peak < 256 * 1048576)
  same = srcmd5 == dlmd5 && srcmd5 == srvmd5
  printf "MD5 source %s, download %s, server %s: %s\n", srcmd5, dlmd5, srvmd5, same ? "MATCH" : "MISMATCH"
  if (!same) exit 1
}'
