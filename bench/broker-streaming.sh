#!/usr/bin/env bash
# Streams one large file (default 1 GiB) through the Broker API on the filesystem blob store and compares
# upload and download throughput with a raw copy of the same bytes on the same filesystem, in the same run.
# Also checks the downloaded file's MD5 and reports the server's peak heap.
#
#   bench/broker-streaming.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR (jar, default ../target/formidling-0.1.0-SNAPSHOT.jar relative to this folder),
#      BENCH_SIZE_MB (default 1024), BENCH_WORK_DIR (parent of the scratch folder, default $TMPDIR or /tmp),
#      BENCH_SERVER_JAVA_OPTS (server JVM options, default none = the JVM's defaults),
#      BENCH_DROP_CACHES=1 (root only: drop the page cache before each timed copy; default off).
# The server runs on the embedded PostgreSQL in the scratch folder, loopback only; everything is removed at exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZE_MB=${BENCH_SIZE_MB:-1024}
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-streaming.XXXXXX")
DATA=$WORK/data
SERVER_LOG=$WORK/server.log
SERVER_PID=

cleanup() {
  local rc=$?
  bench_stop_server "$DATA/postgres/postmaster.pid"
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "${TMPDIR:-/tmp}/formidling-streaming-server.log" 2>/dev/null && \
      bench_log "failed (exit $rc); server log kept at ${TMPDIR:-/tmp}/formidling-streaming-server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

drop_caches() {
  if [ "${BENCH_DROP_CACHES:-0}" = 1 ]; then
    sync
    echo 3 > /proc/sys/vm/drop_caches || bench_die "BENCH_DROP_CACHES=1 needs root"
  fi
}

# timed_copy <from> <to>: prints seconds for a 1 MiB-block copy that ends with fsync of the result.
timed_copy() {
  local t0
  drop_caches
  t0=$(bench_now)
  dd if="$1" of="$2" bs=1M conv=fsync status=none
  bench_elapsed "$t0"
}

PORT=$(bench_free_port "${BENCH_PORT:-18480}")
DB_PORT=$(bench_free_port "${BENCH_DB_PORT:-15480}")
BASE=http://127.0.0.1:$PORT

bench_log "scratch folder $WORK on $(df -P "$WORK" | awk 'NR==2 { print $1 " (" $6 ")" }')"
bench_log "generating ${SIZE_MB} MiB of random bytes"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$WORK/source.bin"
SOURCE_MD5=$(md5sum "$WORK/source.bin" | cut -d' ' -f1)
sync

bench_log "starting server on port $PORT (embedded PostgreSQL on $DB_PORT)"
T0=$(bench_now)
bench_start_server "$JAR" "$SERVER_LOG" -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
  FORMIDLING_DATA_DIR="$DATA" SERVER_PORT="$PORT" FORMIDLING_EMBEDDED_DB_PORT="$DB_PORT" FORMIDLING_BASE_URL="$BASE"
bench_wait_ready "$BASE" 240
STARTUP=$(bench_elapsed "$T0")
bench_log "server ready in ${STARTUP}s"

bench_log "baseline: raw copy of the source file on the same filesystem (dd bs=1M conv=fsync)"
RAW_UP=$(timed_copy "$WORK/source.bin" "$WORK/copy.bin")
rm -f "$WORK/copy.bin"
sync

bench_log "upload + download through the API"
drop_caches
timeout 900 java "$BENCH_DIR/StreamingBench.java" "$BASE" "$WORK/source.bin" "$WORK/download.bin" | tee "$WORK/result.txt"
get() { awk -F= -v k="$1" '$1 == k { print substr($0, length(k) + 2) }' "$WORK/result.txt"; }

ID=$(get fileTransferId)
BLOB=$(find "$DATA/blobs" -type f -name "$ID*" | head -n 1)
[ -n "$BLOB" ] || bench_die "blob of $ID not found under $DATA/blobs"
bench_log "baseline: raw copy of the stored blob on the same filesystem"
RAW_DOWN=$(timed_copy "$BLOB" "$WORK/copy2.bin")
rm -f "$WORK/copy2.bin"

DOWN_MD5=$(md5sum "$WORK/download.bin" | cut -d' ' -f1)
SERVER_MD5=$(get serverChecksum)
BYTES=$(get bytes)
UP=$(get uploadSeconds)
DOWN=$(get downloadSeconds)

awk -v bytes="$BYTES" -v up="$UP" -v down="$DOWN" -v rawup="$RAW_UP" -v rawdown="$RAW_DOWN" \
    -v idle="$(get idleHeapBytes)" -v uph="$(get uploadPeakHeapBytes)" -v downh="$(get downloadPeakHeapBytes)" \
    -v samples="$(get heapSamples)" -v srcmd5="$SOURCE_MD5" -v dlmd5="$DOWN_MD5" -v srvmd5="$SERVER_MD5" \
    -v startup="$STARTUP" -v opts="${BENCH_SERVER_JAVA_OPTS:-(JVM defaults)}" -v drop="${BENCH_DROP_CACHES:-0}" '
function mbs(s) { return bytes / s / 1e6 }
function ok(b) { return b ? "PASS" : "FAIL" }
BEGIN {
  peak = uph > downh ? uph : downh
  printf "\n== broker-streaming: %.0f MiB, filesystem blob store, embedded PostgreSQL ==\n", bytes / 1048576
  printf "server JVM options: %s; page cache dropped before timed copies: %s; server startup %.1f s\n", opts, drop == 1 ? "yes" : "no", startup
  printf "%-34s %9s %10s %10s\n", "", "seconds", "MB/s", "ratio"
  printf "%-34s %9.2f %10.1f\n", "raw copy, source (dd conv=fsync)", rawup, mbs(rawup)
  printf "%-34s %9.2f %10.1f %9.2fx  target >= 0.90x: %s\n", "upload (API, incl. server fsync)", up, mbs(up), rawup / up, ok(rawup / up >= 0.9)
  printf "%-34s %9.2f %10.1f\n", "raw copy, stored blob", rawdown, mbs(rawdown)
  printf "%-34s %9.2f %10.1f %9.2fx  target >= 0.90x: %s\n", "download (API, incl. client fsync)", down, mbs(down), rawdown / down, ok(rawdown / down >= 0.9)
  printf "server heap used (sum of heap pools, %d samples @100 ms): idle %.0f MB, peak during upload %.0f MB, during download %.0f MB; target peak < 256 MB: %s\n", \
    samples, idle / 1048576, uph / 1048576, downh / 1048576, ok(peak < 256 * 1048576)
  printf "MD5 source %s, download %s, server %s: %s\n", srcmd5, dlmd5, srvmd5, (srcmd5 == dlmd5 && srcmd5 == srvmd5) ? "MATCH" : "MISMATCH"
  if (srcmd5 != dlmd5 || srcmd5 != srvmd5) exit 1
}'
