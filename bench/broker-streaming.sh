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

# timed_copy <from> <to>: prints "<total seconds> <of which fsync seconds>" for a 1 MiB-block copy followed by
# an fsync of the result (what dd conv=fsync does; timed in two steps to show where the time goes).
timed_copy() {
  local t0 t1 copy
  drop_caches
  t0=$(bench_now)
  dd if="$1" of="$2" bs=1M status=none
  t1=$(bench_now)
  sync "$2"
  awk -v a="$t0" -v b="$t1" -v c="$(bench_now)" 'BEGIN { printf "%.3f %.3f", c - a, c - b }'
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

bench_log "baseline: raw copy of the source file on the same filesystem (dd bs=1M, then fsync)"
read -r RAW_UP RAW_UP_SYNC <<<"$(timed_copy "$WORK/source.bin" "$WORK/copy.bin")"
rm -f "$WORK/copy.bin"
sync

bench_log "upload + download through the API"
drop_caches
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
timeout 900 java -Dserver.pid="$SERVER_PID" "$BENCH_DIR/StreamingBench.java" "$BASE" "$WORK/source.bin" "$WORK/download.bin" | tee "$WORK/result.txt"
get() { awk -F= -v k="$1" '$1 == k { print substr($0, length(k) + 2) }' "$WORK/result.txt"; }

ID=$(get fileTransferId)
BLOB=$(find "$DATA/blobs" -type f -name "$ID*" | head -n 1)
[ -n "$BLOB" ] || bench_die "blob of $ID not found under $DATA/blobs"
bench_log "baseline: raw copy of the stored blob on the same filesystem"
read -r RAW_DOWN RAW_DOWN_SYNC <<<"$(timed_copy "$BLOB" "$WORK/copy2.bin")"
rm -f "$WORK/copy2.bin"

DOWN_MD5=$(md5sum "$WORK/download.bin" | cut -d' ' -f1)
rm -f "$WORK/download.bin"

# The same transfer once more with curl as the client: java.net.http.HttpClient costs the client about as much CPU
# as the server spends, on a 2-core machine that matters, and curl shows what the server path can do.
bench_log "the same with curl as the client"
SENDER_TOKEN=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=310000001&scopes=altinn:broker.write%20altinn:broker.read")
RECIPIENT_TOKEN=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=310000002&scopes=altinn:broker.read")
CURL_ID=$(curl -fsS -H "Authorization: Bearer $SENDER_TOKEN" -H 'Content-Type: application/json' \
  -d '{"fileName":"curl.bin","resourceId":"formidling-demo","sender":"0192:310000001","recipients":["0192:310000002"]}' \
  "$BASE/broker/api/v1/filetransfer" | sed 's/.*"fileTransferId":"\([^"]*\)".*/\1/')
T0=$(bench_now)
curl -fsS -o /dev/null --max-time 600 -X POST -T "$WORK/source.bin" -H "Authorization: Bearer $SENDER_TOKEN" \
  -H 'Content-Type: application/octet-stream' "$BASE/broker/api/v1/filetransfer/$CURL_ID/upload"
CURL_UP=$(bench_elapsed "$T0")
T0=$(bench_now)
curl -fsS --max-time 600 -o "$WORK/download-curl.bin" -H "Authorization: Bearer $RECIPIENT_TOKEN" "$BASE/broker/api/v1/filetransfer/$CURL_ID/download"
sync "$WORK/download-curl.bin"
CURL_DOWN=$(bench_elapsed "$T0")
CURL_MD5=$(md5sum "$WORK/download-curl.bin" | cut -d' ' -f1)
rm -f "$WORK/download-curl.bin"
LOAD2=$(cut -d' ' -f1 /proc/loadavg)
SERVER_MD5=$(get serverChecksum)
BYTES=$(get bytes)
UP=$(get uploadSeconds)
DOWN=$(get downloadSeconds)
MD5S=$(get md5Seconds)
MD5CPU=$(get md5CpuSeconds)

awk -v bytes="$BYTES" -v md5s="$MD5S" -v md5cpu="$MD5CPU" -v up="$UP" -v down="$DOWN" -v rawup="$RAW_UP" -v rawdown="$RAW_DOWN" \
    -v rawupsync="$RAW_UP_SYNC" -v rawdownsync="$RAW_DOWN_SYNC" -v upsend="$(get uploadSendSeconds)" -v downrecv="$(get downloadReceiveSeconds)" \
    -v upscpu="$(get uploadServerCpuSeconds)" -v upccpu="$(get uploadClientCpuSeconds)" \
    -v downscpu="$(get downloadServerCpuSeconds)" -v downccpu="$(get downloadClientCpuSeconds)" \
    -v la1="$LOAD1" -v la2="$LOAD2" -v nproc="$(nproc)" -v curlup="$CURL_UP" -v curldown="$CURL_DOWN" -v curlmd5="$CURL_MD5" \
    -v idle="$(get idleHeapBytes)" -v uph="$(get uploadPeakHeapBytes)" -v downh="$(get downloadPeakHeapBytes)" \
    -v samples="$(get heapSamples)" -v srcmd5="$SOURCE_MD5" -v dlmd5="$DOWN_MD5" -v srvmd5="$SERVER_MD5" \
    -v startup="$STARTUP" -v opts="${BENCH_SERVER_JAVA_OPTS:-(JVM defaults)}" -v drop="${BENCH_DROP_CACHES:-0}" '
function mbs(s) { return bytes / s / 1e6 }
function ok(b) { return b ? "PASS" : "FAIL" }
BEGIN {
  peak = uph > downh ? uph : downh
  printf "\n== broker-streaming: %.0f MiB, filesystem blob store, embedded PostgreSQL ==\n", bytes / 1048576
  printf "%d CPUs, load average %s -> %s; server JVM options: %s; page cache dropped before timed copies: %s; server startup %.1f s\n", nproc, la1, la2, opts, drop == 1 ? "yes" : "no", startup
  printf "%-36s %8s %9s %7s   %s\n", "", "seconds", "MB/s", "ratio", "where the time went"
  printf "%-36s %8.2f %9.1f %7s   copy %.2f s + fsync %.2f s\n", "raw copy of the source (dd + fsync)", rawup, mbs(rawup), "1.00x", rawup - rawupsync, rawupsync
  printf "%-36s %8.2f %9.1f %7s   MessageDigest MD5 of the same (hot) file in the bench JVM, same JDK as the server; CPU %.2f s\n", "MD5 of the source (Java)", md5s, mbs(md5s), "1.00x", md5cpu
  printf "%-36s %8.2f %9.1f %6.2fx   vs MD5 %.2fx (target >= 0.80x: %s); body sent %.2f s + server finish (fsync, commit) %.2f s; CPU server %.1f s, client %.1f s\n", \
    "upload through the API", up, mbs(up), rawup / up, md5s / up, ok(md5s / up >= 0.8), upsend, up - upsend, upscpu, upccpu
  printf "%-36s %8s %9s %6.2fx   server CPU for the upload %.2f s / CPU of the MD5 alone %.2f s (1.00x = nothing but the MD5)\n", \
    "upload CPU vs MD5 CPU", "", "", upscpu / md5cpu, upscpu, md5cpu
  printf "%-36s %8.2f %9.1f %7s   copy %.2f s + fsync %.2f s\n", "raw copy of the stored blob", rawdown, mbs(rawdown), "1.00x", rawdown - rawdownsync, rawdownsync
  printf "%-36s %8.2f %9.1f %6.2fx   body received %.2f s + client fsync %.2f s; CPU server %.1f s, client %.1f s; target >= 0.90x: %s\n", \
    "download through the API", down, mbs(down), rawdown / down, downrecv, down - downrecv, downscpu, downccpu, ok(rawdown / down >= 0.9)
  printf "%-36s %8.2f %9.1f %6.2fx   (same body, curl -T; vs the source copy); vs MD5 %.2fx (target >= 0.80x: %s)\n", "upload, curl as the client", curlup, mbs(curlup), rawup / curlup, md5s / curlup, ok(md5s / curlup >= 0.8)
  printf "%-36s %8.2f %9.1f %6.2fx   (curl -o, then fsync; vs the blob copy)\n", "download, curl as the client", curldown, mbs(curldown), rawdown / curldown
  printf "server heap used (sum of heap pools incl. not yet collected garbage, %d samples @100 ms): idle %.0f MB, peak during upload %.0f MB (+%.0f), during download %.0f MB (+%.0f); target peak < 256 MB: %s\n", \
    samples, idle / 1048576, uph / 1048576, (uph - idle) / 1048576, downh / 1048576, (downh - idle) / 1048576, ok(peak < 256 * 1048576)
  same = srcmd5 == dlmd5 && srcmd5 == srvmd5 && srcmd5 == curlmd5
  printf "MD5 source %s, download %s, server %s, curl download %s: %s\n", srcmd5, dlmd5, srvmd5, curlmd5, same ? "MATCH" : "MISMATCH"
  if (!same) exit 1
}'
