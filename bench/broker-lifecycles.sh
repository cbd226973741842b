#!/usr/bin/env bash
# Full small-file lifecycles (1 KiB: initialize -> upload -> overview until Published -> download -> confirm)
# at concurrency 8 for 30 s against the machine's PostgreSQL (a database of its own), printing lifecycles/s,
# latency, and database commits per lifecycle (pg_stat_database.xact_commit, raw and corrected for the idle
# commit rate of the same server). Baseline in the same run: GET /health at the same concurrency; the ratio is
# lifecycles/s against health req/s / 5 (a lifecycle is 5 HTTP round trips when the first overview is Published).
#
#   bench/broker-lifecycles.sh [path/to/formidling.jar]
#
# Env: FORMIDLING_JAR (default ../target/formidling-0.1.0-SNAPSHOT.jar relative to this folder),
#      BENCH_CONCURRENCY (8), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (60), BENCH_IDLE_SECONDS (20),
#      BENCH_HEALTH_SECONDS (15), BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres; trust
#      auth or PGPASSWORD), BENCH_DB (formidling_bench: dropped and re-created, dropped again at exit),
#      BENCH_SERVER_JAVA_OPTS (server JVM options), BENCH_WORK_DIR (parent of the scratch folder), BENCH_STARTUP_TIMEOUT (240 s),
#      BENCH_PG_LOG (the PostgreSQL server's log file, readable here: sets log_statement=all on the bench database
#      and counts the statements of the load window per lifecycle, with the commonest ones; slows the database).
# Needs psql. Loopback only; the server, its scratch folder and the database are removed at exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"

JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
SECONDS_LOAD=${BENCH_SECONDS:-30}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
IDLE=${BENCH_IDLE_SECONDS:-20}
HEALTH=${BENCH_HEALTH_SECONDS:-15}
SETTLE=11   # PostgreSQL 15 backends publish their counters at most every 1 s when busy and within 10 s when idle
PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=${BENCH_DB:-formidling_bench}
case "$DB" in *[!a-z0-9_]*) bench_die "BENCH_DB must be a plain lower-case name";; esac
command -v psql >/dev/null || bench_die "psql is needed (apt-get install postgresql-client)"

WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-lifecycles.XXXXXX")
SERVER_LOG=$WORK/server.log
SERVER_PID=
DB_CREATED=0

# Statistics are read from the 'postgres' database so that reading them adds no commit to $DB.
pg() { bench_pg "${PG_DB:-postgres}" "$1"; }
commits() { pg "select xact_commit || ' ' || xact_rollback from pg_stat_database where datname = '$DB'"; }

cleanup() {
  local rc=$?
  bench_stop_server
  if [ "$DB_CREATED" = 1 ]; then
    pg "drop database if exists $DB with (force)" >/dev/null 2>&1 || bench_log "could not drop database $DB"
  fi
  if [ "$rc" -ne 0 ] && [ -f "$SERVER_LOG" ]; then
    cp "$SERVER_LOG" "${TMPDIR:-/tmp}/formidling-lifecycles-server.log" 2>/dev/null && \
      bench_log "failed (exit $rc); server log kept at ${TMPDIR:-/tmp}/formidling-lifecycles-server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg "select 1" >/dev/null || bench_die "cannot reach PostgreSQL at $PG_HOST:$PG_PORT as $PG_USER"
pg "drop database if exists $DB with (force)" >/dev/null
pg "create database $DB" >/dev/null
DB_CREATED=1
PG_LOG=${BENCH_PG_LOG:-}
if [ -n "$PG_LOG" ]; then
  [ -r "$PG_LOG" ] || bench_die "BENCH_PG_LOG: cannot read $PG_LOG"
  pg "alter database $DB set log_statement = 'all'" >/dev/null
fi
log_size() { if [ -n "$PG_LOG" ]; then stat -c %s "$PG_LOG"; else echo 0; fi; }

PORT=$(bench_free_port "${BENCH_PORT:-18580}")
BASE=http://127.0.0.1:$PORT
bench_log "starting server on port $PORT with database $DB on $PG_HOST:$PG_PORT"
T0=$(bench_now)
bench_start_server "$JAR" "$SERVER_LOG" FORMIDLING_DATA_DIR="$WORK/data" SERVER_PORT="$PORT" FORMIDLING_BASE_URL="$BASE" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" SPRING_DATASOURCE_USERNAME="$PG_USER" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-240}"
bench_log "server ready in $(bench_elapsed "$T0")s"

run() { # run <mode> <seconds> <outfile>
  timeout $(( ${2%.*} + 120 )) java $BENCH_CLIENT_JAVA_OPTS -Dserver.pid="$SERVER_PID" "$BENCH_DIR/LifecycleBench.java" "$BASE" "$1" "$CONCURRENCY" "$2" >"$3"
}
# "pid cpu-seconds" of every backend of the bench database (the server's pooled connections).
db_backend_cpu() {
  local pid
  for pid in $(pg "select pid from pg_stat_activity where datname = '$DB'"); do echo "$pid $(bench_cpu_seconds "$pid")"; done
}
# CPU seconds the backends spent between two snapshots; a backend opened in between counts from zero.
cpu_between() { awk 'NR == FNR { a[$1] = $2; next } { s += $2 - a[$1] } END { printf "%.1f", s }' "$1" "$2"; }
get() { awk -F= -v k="$2" '$1 == k { print substr($0, length(k) + 2) }' "$1"; }

bench_log "warm-up: ${WARMUP}s of lifecycles"
run lifecycle "$WARMUP" "$WORK/warmup.txt"
sleep "$SETTLE"

bench_log "idle commit rate over ${IDLE}s"
read -r I0 _ <<<"$(commits)"; IT0=$(bench_now)
sleep "$IDLE"
read -r I1 _ <<<"$(commits)"; IDLE_WINDOW=$(bench_elapsed "$IT0")

TRANSFERS0=$(PG_DB=$DB pg "select count(*) from file_transfer")
bench_log "load: ${SECONDS_LOAD}s of lifecycles at concurrency $CONCURRENCY"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
read -r C0 R0 <<<"$(commits)"; LT0=$(bench_now); LOG0=$(log_size); db_backend_cpu >"$WORK/pgcpu0.txt"
run lifecycle "$SECONDS_LOAD" "$WORK/load.txt"
db_backend_cpu >"$WORK/pgcpu1.txt"
LOAD2=$(cut -d' ' -f1 /proc/loadavg)
LOG1=$(log_size)
sleep "$SETTLE"
read -r C1 R1 <<<"$(commits)"; LOAD_WINDOW=$(bench_elapsed "$LT0")
TRANSFERS1=$(PG_DB=$DB pg "select count(*) from file_transfer")

bench_log "baseline: ${HEALTH}s of GET /health at concurrency $CONCURRENCY"
run health "$HEALTH" "$WORK/health.txt"

awk -v n="$(get "$WORK/load.txt" completed)" -v secs="$(get "$WORK/load.txt" seconds)" -v rps="$(get "$WORK/load.txt" perSecond)" \
    -v reqs="$(get "$WORK/load.txt" requests)" -v polls="$(get "$WORK/load.txt" overviewPolls)" \
    -v p50="$(get "$WORK/load.txt" p50ms)" -v p95="$(get "$WORK/load.txt" p95ms)" -v p99="$(get "$WORK/load.txt" p99ms)" \
    -v scpu="$(get "$WORK/load.txt" serverCpuSeconds)" -v ccpu="$(get "$WORK/load.txt" clientCpuSeconds)" \
    -v hrps="$(get "$WORK/health.txt" perSecond)" -v hp50="$(get "$WORK/health.txt" p50ms)" \
    -v hscpu="$(get "$WORK/health.txt" serverCpuSeconds)" -v hccpu="$(get "$WORK/health.txt" clientCpuSeconds)" \
    -v hsecs="$(get "$WORK/health.txt" seconds)" \
    -v c0="$C0" -v c1="$C1" -v r0="$R0" -v r1="$R1" -v lw="$LOAD_WINDOW" -v i0="$I0" -v i1="$I1" -v iw="$IDLE_WINDOW" \
    -v pgcpu="$(cpu_between "$WORK/pgcpu0.txt" "$WORK/pgcpu1.txt")" -v t0="$TRANSFERS0" -v t1="$TRANSFERS1" -v conc="$CONCURRENCY" -v la1="$LOAD1" -v la2="$LOAD2" -v nproc="$(nproc)" '
function ok(b) { return b ? "PASS" : "FAIL" }
BEGIN {
  raw = c1 - c0; idlerate = (i1 - i0) / iw; idle = idlerate * lw; corr = raw - idle
  base = hrps / 5
  printf "\n== broker-lifecycles: 1 KiB lifecycles, concurrency %d, machine PostgreSQL, %d CPUs, load average %s -> %s ==\n", conc, nproc, la1, la2
  printf "lifecycles: %d in %.1f s = %.1f lifecycles/s (p50 %.1f ms, p95 %.1f ms, p99 %.1f ms); target >= 200/s: %s\n", n, secs, rps, p50, p95, p99, ok(rps >= 200)
  printf "HTTP requests: %d (%.2f per lifecycle; overview polls per lifecycle %.2f); transfers created %d\n", reqs, reqs / n, polls / n, t1 - t0
  printf "baseline GET /health: %.1f req/s (p50 %.2f ms) -> %.1f lifecycle-equivalents/s (5 round trips each); ratio %.2fx\n", hrps, hp50, base, rps / base
  printf "DB commits over %.1f s window: raw %d = %.2f per lifecycle; idle rate %.2f/s (x %.1f s = %.0f) -> corrected %.0f = %.2f per lifecycle; target <= 6: %s\n", \
    lw, raw, raw / n, idlerate, lw, idle, corr, corr / n, ok(corr / n <= 6)
  printf "rollbacks in the window: %d\n", r1 - r0
  printf "CPU seconds during the load: server JVM %.1f (%.1f ms/lifecycle), PostgreSQL backends %.1f (%.1f ms/lifecycle), load generator %.1f (%.1f ms/lifecycle); during /health: server %.1f (%.2f ms/req), generator %.1f\n", \
    scpu, scpu * 1000 / n, pgcpu, pgcpu * 1000 / n, ccpu, ccpu * 1000 / n, hscpu, hscpu * 1000 / (hrps * hsecs), hccpu
}'

if [ -n "$PG_LOG" ]; then
  # Statements this database ran during the load window (simple and extended protocol), normalised to their text.
  tail -c +"$((LOG0 + 1))" "$PG_LOG" | head -c "$((LOG1 - LOG0))" | grep -a "@$DB LOG:  \(statement\|execute [^:]*\):" \
    | sed -E 's/.*LOG:  (statement|execute [^:]*): //' | sed -E "s/'[^']*'/?/g; s/\\$[0-9]+/?/g; s/[0-9]+/N/g" | cut -c1-110 >"$WORK/statements.txt" || true
  awk -v n="$(get "$WORK/load.txt" completed)" 'END { printf "SQL statements in the load window: %d = %.1f per lifecycle (log_statement=all; includes BEGIN/COMMIT)\n", NR, NR / n }' "$WORK/statements.txt"
  sort "$WORK/statements.txt" | uniq -c | sort -rn | head -n 40 | awk -v n="$(get "$WORK/load.txt" completed)" '{ c = $1; $1 = ""; printf "%6.2f per lifecycle %s\n", c / n, $0 }'
fi
