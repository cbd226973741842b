# Shared helpers for the bench scripts (sourced, not run). Needs: bash, curl, java 17+ (JDK), awk.

bench_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
bench_die() { bench_log "ERROR: $*"; exit 1; }

# First free loopback TCP port at or above $1.
bench_free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

bench_now() { date +%s.%N; }
bench_elapsed() { awk -v a="$1" -v b="$(bench_now)" 'BEGIN { printf "%.3f", b - a }'; }

# bench_start_server <jar> <log> [env assignments...]: starts the server in the background, sets SERVER_PID.
bench_start_server() {
  local jar=$1 log=$2
  shift 2
  [ -f "$jar" ] || bench_die "server jar not found: $jar (build it: mvn -q -B package -DskipTests, or pass the jar path)"
  # shellcheck disable=SC2086
  env "$@" java ${BENCH_SERVER_JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
  SERVER_PID=$!
  bench_log "server pid $SERVER_PID, log $log"
}

# bench_wait_ready <baseUrl> <timeoutSeconds>
bench_wait_ready() {
  local url=$1 timeout=$2 start
  start=$(date +%s)
  until curl -fsS -o /dev/null "$url/health" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$SERVER_LOG" >&2; bench_die "server exited during startup"; }
    [ $(( $(date +%s) - start )) -lt "$timeout" ] || { tail -n 40 "$SERVER_LOG" >&2; bench_die "server not ready after ${timeout}s"; }
    sleep 0.5
  done
}

# Stops the server we started (TERM, then KILL after 30 s) and an embedded PostgreSQL it may have left behind.
bench_stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      bench_log "server did not stop in 30 s; killing pid $SERVER_PID"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
  local pm=${1:-}
  if [ -n "$pm" ] && [ -f "$pm" ]; then
    local pgpid
    pgpid=$(head -n 1 "$pm" 2>/dev/null || true)
    if [ -n "$pgpid" ] && kill -0 "$pgpid" 2>/dev/null; then
      bench_log "stopping embedded PostgreSQL pid $pgpid"
      kill -INT "$pgpid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pgpid" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
}

# JVM options of the load generators (LifecycleBench): a fresh client JVM per phase spent half its CPU compiling
# HttpClient with C2 during the measured window, on the cores the server needs; C1 and the serial collector halve
# the client's CPU per lifecycle (4.0 -> 2.0 ms) at the same request rate.
BENCH_CLIENT_JAVA_OPTS=${BENCH_CLIENT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

# CPU seconds (user+sys) used so far by a process.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# bench_pg <database> <sql>: one psql call on BENCH_PG_HOST/PORT/USER (127.0.0.1:5432 postgres), unaligned output.
# Retries a few times: on a shared PostgreSQL, max_connections may be momentarily used up by others.
bench_pg() {
  local i
  for i in 1 2 3 4 5; do
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "${BENCH_PG_HOST:-127.0.0.1}" \
      -p "${BENCH_PG_PORT:-5432}" -U "${BENCH_PG_USER:-postgres}" -d "$1" -Atc "$2" && return 0
    sleep 1
  done
  return 1
}

# bench_server_on_fresh_db <jar> <database> <first port to try>: drops and re-creates the database on
# BENCH_PG_HOST/PORT/USER, starts the server on it (log in SERVER_LOG, data under WORK) and waits until it is ready.
# Sets DB_CREATED=1 (for bench_fresh_db_cleanup) and BASE.
bench_server_on_fresh_db() {
  local jar=$1 db=$2 port
  bench_pg postgres "drop database if exists $db with (force)" >/dev/null
  bench_pg postgres "create database $db" >/dev/null
  DB_CREATED=1
  port=$(bench_free_port "$3")
  BASE=http://127.0.0.1:$port
  bench_start_server "$jar" "$SERVER_LOG" FORMIDLING_DATA_DIR="$WORK/data" SERVER_PORT="$port" FORMIDLING_BASE_URL="$BASE" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:${BENCH_PG_PORT:-5432}/$db" \
    SPRING_DATASOURCE_USERNAME="${BENCH_PG_USER:-postgres}" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
  bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-600}"
}

# bench_fresh_db_cleanup <database> <name>: the EXIT trap of a script that used bench_server_on_fresh_db: stops the
# server, drops the database, keeps the server log as ${TMPDIR:-/tmp}/formidling-<name>-server.log if the script failed.
bench_fresh_db_cleanup() {
  local rc=$? kept="${TMPDIR:-/tmp}/formidling-$2-server.log"
  bench_stop_server
  [ "${DB_CREATED:-0}" = 1 ] && { bench_pg postgres "drop database if exists $1 with (force)" >/dev/null 2>&1 || bench_log "could not drop $1"; }
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "$kept" 2>/dev/null && bench_log "failed (exit $rc); server log kept at $kept"
  fi
  rm -rf "$WORK"
}

# bench_start_azurite <folder>: Azurite's blob service on a free port, keeping its data in <folder>; sets AZURITE_PID
# and AZURITE_CONNECTION (the connection string the server and the Azure SDK take). Stop it with bench_stop_azurite.
bench_start_azurite() {
  local azurite=${AZURITE:-$(dirname "${BASH_SOURCE[0]}")/../tooling/node_modules/.bin/azurite-blob} port
  [ -x "$azurite" ] || bench_die "Azurite not found at $azurite (npm ci --prefix tooling)"
  port=$(bench_free_port "${BENCH_AZURITE_PORT:-10580}")
  mkdir -p "$1"
  bench_log "starting Azurite on port $port"
  "$azurite" --blobHost 127.0.0.1 --blobPort "$port" --location "$1" --skipApiVersionCheck --loose \
    --disableTelemetry --silent >"$1/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$1/azurite.log" >&2; bench_die "Azurite did not start"; }
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
}

bench_stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
  AZURITE_PID=
}
