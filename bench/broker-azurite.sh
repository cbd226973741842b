#!/usr/bin/env bash
# Streams one large file (default 1 GiB) through the Broker API with the Azure Blob store on Azurite, and compares
# upload and download with (1) a raw copy of the same bytes on the same filesystem and (2) the same file straight
# into Azurite and back with the Azure SDK (same block size and parallelism as the server), in the same run.
# Also checks the MD5s and reports the server's peak heap.
#
#   bench/broker-azurite.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR, BENCH_SIZE_MB (default 1024), BENCH_WORK_DIR, BENCH_SERVER_JAVA_OPTS as broker-streaming.sh;
#      BENCH_STARTUP_TIMEOUT (seconds to wait for the server, default 900: a loaded 2-core machine needs minutes);
#      AZURITE (default ../tooling/node_modules/.bin/azurite-blob; `npm ci --prefix tooling` installs it).
# Azurite keeps its data in the scratch folder (same filesystem as the copies); everything is removed at exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
SIZE_MB=${BENCH_SIZE_MB:-1024}
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-azurite.XXXXXX")
DATA=$WORK/data
SERVER_LOG=$WORK/server.log
SERVER_PID=

cleanup() {
  local rc=$?
  bench_stop_server "$DATA/postgres/postmaster.pid"
  bench_stop_azurite
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "${TMPDIR:-/tmp}/formidling-azurite-server.log" 2>/dev/null && \
      bench_log "failed (exit $rc); server log kept at ${TMPDIR:-/tmp}/formidling-azurite-server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$JAR" ] || bench_die "server jar not found: $JAR (mvn -q -B package -DskipTests)"

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

bench_log "scratch folder $WORK on $(df -P "$WORK" | awk 'NR==2 { print $1 " (" $6 ")" }')"
bench_log "generating ${SIZE_MB} MiB of random bytes"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$WORK/source.bin"
SOURCE_MD5=$(md5sum "$WORK/source.bin" | cut -d' ' -f1)
sync

# The SDK classes for the direct baseline come from the server jar itself: the same versions the server runs.
# The server runs from a copy, so a build during the run cannot replace the jar under it.
cp "$JAR" "$WORK/formidling.jar"
JAR=$WORK/formidling.jar
mkdir -p "$WORK/lib"
(cd "$WORK/lib" && unzip -q -j "$JAR" 'BOOT-INF/lib/*.jar')

bench_start_azurite "$WORK/azurite"
CONNECTION=$AZURITE_CONNECTION

bench_log "starting server on port $PORT (embedded PostgreSQL on $DB_PORT), blob store: Azure on Azurite"
T0=$(bench_now)
# The same variables docker-compose.yml sets.
bench_start_server "$JAR" "$SERVER_LOG" -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
  FORMIDLING_DATA_DIR="$DATA" SERVER_PORT="$PORT" FORMIDLING_EMBEDDED_DB_PORT="$DB_PORT" FORMIDLING_BASE_URL="$BASE" \
  FORMIDLING_STORAGE_TYPE=azure FORMIDLING_STORAGE_AZURE_CONNECTION_STRING="$CONNECTION"
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-900}"
STARTUP=$(bench_elapsed "$T0")
bench_log "server ready in ${STARTUP}s"

bench_log "baseline 1: raw copy of the source file on the same filesystem (dd bs=1M, then fsync)"
RAW=$(timed_copy "$WORK/source.bin" "$WORK/copy.bin")
rm -f "$WORK/copy.bin"

bench_log "baseline 2: the same file straight into Azurite and back with the Azure SDK"
java -cp "$WORK/lib/*" "$BENCH_DIR/AzuriteDirectBench.java" "$CONNECTION" "$WORK/source.bin" "$WORK/direct.bin" 2>"$WORK/direct.log" | tee "$WORK/direct.txt"
DIRECT_MD5=$(md5sum "$WORK/direct.bin" | cut -d' ' -f1)
rm -f "$WORK/direct.bin"

bench_log "upload + download through the API"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
timeout 1200 java -Dserver.pid="$SERVER_PID" "$BENCH_DIR/StreamingBench.java" "$BASE" "$WORK/source.bin" "$WORK/download.bin" | tee "$WORK/result.txt"
LOAD2=$(cut -d' ' -f1 /proc/loadavg)
DOWN_MD5=$(md5sum "$WORK/download.bin" | cut -d' ' -f1)
rm -f "$WORK/download.bin"
get() { awk -F= -v k="$1" '$1 == k { print substr($0, length(k) + 2) }' "$2"; }
ID=$(get fileTransferId "$WORK/result.txt")
BLOB_SIZE=$(find "$WORK/azurite" -type f -size +1M -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')

awk -v bytes="$(get bytes "$WORK/result.txt")" -v up="$(get uploadSeconds "$WORK/result.txt")" -v down="$(get downloadSeconds "$WORK/result.txt")" \
    -v raw="$RAW" -v dup="$(get directUploadSeconds "$WORK/direct.txt")" -v ddown="$(get directDownloadSeconds "$WORK/direct.txt")" \
    -v upscpu="$(get uploadServerCpuSeconds "$WORK/result.txt")" -v downscpu="$(get downloadServerCpuSeconds "$WORK/result.txt")" \
    -v idle="$(get idleHeapBytes "$WORK/result.txt")" -v uph="$(get uploadPeakHeapBytes "$WORK/result.txt")" -v downh="$(get downloadPeakHeapBytes "$WORK/result.txt")" \
    -v samples="$(get heapSamples "$WORK/result.txt")" -v srcmd5="$SOURCE_MD5" -v dlmd5="$DOWN_MD5" -v srvmd5="$(get serverChecksum "$WORK/result.txt")" \
    -v directmd5="$DIRECT_MD5" -v la1="$LOAD1" -v la2="$LOAD2" -v nproc="$(nproc)" -v startup="$STARTUP" -v id="$ID" -v stored="$BLOB_SIZE" \
    -v opts="${BENCH_SERVER_JAVA_OPTS:-(JVM defaults)}" '
function mbs(s) { return bytes / s / 1e6 }
BEGIN {
  printf "\n== broker-azurite: %.0f MiB, Azure Blob store on Azurite (8 MiB blocks, 2 in flight), embedded PostgreSQL ==\n", bytes / 1048576
  printf "%d CPUs, load average %s -> %s; server JVM options: %s; server startup %.1f s; transfer %s\n", nproc, la1, la2, opts, startup, id
  printf "%-44s %8s %9s %12s %12s\n", "", "seconds", "MB/s", "vs raw copy", "vs SDK direct"
  printf "%-44s %8.2f %9.1f %11.2fx %12s\n", "raw copy of the source (dd + fsync)", raw, mbs(raw), 1, ""
  printf "%-44s %8.2f %9.1f %11.2fx %11.2fx\n", "upload, SDK straight to Azurite", dup, mbs(dup), raw / dup, 1
  printf "%-44s %8.2f %9.1f %11.2fx %11.2fx   server CPU %.1f s (MD5 included)\n", "upload through the API (to Azurite)", up, mbs(up), raw / up, dup / up, upscpu
  printf "%-44s %8.2f %9.1f %11.2fx %11.2fx\n", "download, SDK straight from Azurite", ddown, mbs(ddown), raw / ddown, 1
  printf "%-44s %8.2f %9.1f %11.2fx %11.2fx   server CPU %.1f s\n", "download through the API (from Azurite)", down, mbs(down), raw / down, ddown / down, downscpu
  printf "round trip through the API %.2f s vs raw copy x2 %.2f s: %.2fx; vs SDK direct round trip %.2f s: %.2fx\n", up + down, 2 * raw, 2 * raw / (up + down), dup + ddown, (dup + ddown) / (up + down)
  printf "server heap used (%d samples @100 ms): idle %.0f MB, peak during upload %.0f MB (+%.0f), during download %.0f MB (+%.0f)\n", \
    samples, idle / 1048576, uph / 1048576, (uph - idle) / 1048576, downh / 1048576, (downh - idle) / 1048576
  same = srcmd5 == dlmd5 && srcmd5 == srvmd5 && srcmd5 == directmd5
  printf "MD5 source %s, API download %s, server %s, SDK direct %s: %s; bytes in Azurite files > 1 MiB: %d\n", srcmd5, dlmd5, srvmd5, directmd5, same ? "MATCH" : "MISMATCH", stored
  if (!same) exit 1
}'
