#!/usr/bin/env bash
# Shared by the Bruno runners (run-bruno.sh, run-bruno-correspondence.sh): start a jar, fetch dev tokens, summarise.
# Source it after setting JAR and OUT; it sets REPO, BRU, PORT, DB_PORT, BASE, SERVER_PID and an EXIT trap.
# Environment: BRU (CLI, default tooling/node_modules/.bin/bru, installed by `npm ci --prefix tooling`),
#              STARTUP_TIMEOUT (seconds, default 300).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BRU=${BRU:-$REPO/tooling/node_modules/.bin/bru}
[ -x "$BRU" ] || npm ci --prefix "$REPO/tooling" --no-audit --no-fund >/dev/null
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
mkdir -p "$OUT"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

PORT=$(free_port)
DB_PORT=$(free_port)
DATA=$(mktemp -d /tmp/formidling-bruno.XXXXXX)
BASE="http://localhost:$PORT"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "Stopping server (pid $SERVER_PID)"
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop_server EXIT

# Starts $JAR on $PORT with a fresh data dir and embedded database; returns once /health answers.
start_server() {
  echo "Starting $JAR on port $PORT (embedded DB port $DB_PORT, data $DATA)"
  SERVER_PORT=$PORT FORMIDLING_DATA_DIR=$DATA FORMIDLING_EMBEDDED_DB_PORT=$DB_PORT \
    java -Dformidling.embedded-db.port="$DB_PORT" -jar "$JAR" >"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 "$STARTUP_TIMEOUT"); do
    if curl -sf "$BASE/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died; see $OUT/server.log" >&2; exit 1; fi
    sleep 1
  done
  curl -sf "$BASE/health" >/dev/null || { echo "server not healthy after $STARTUP_TIMEOUT s" >&2; exit 1; }
  echo "Server up after ${i}s"
}

token() { # orgNo scopes [org]
  local url="$BASE/api/GetEnterpriseToken?orgNo=$1&scopes=${2// /%20}"
  [[ -n "${3:-}" ]] && url="$url&org=$3"
  curl -sf "$url"
}

# Prints one line per request (status, verdict, method, path), its checks, and the body of 4xx/5xx answers.
summarise() { # bruno-json-report
  node - "$1" <<'JS'
const fs = require('fs');
const runs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const results = runs.flatMap(r => r.results);
let n = 0, failedReq = 0, tests = 0, failedTests = 0;
for (const r of results) {
  n++;
  const status = r.response ? r.response.status : 'ERR';
  const all = [...(r.preRequestTestResults || []), ...(r.testResults || []), ...(r.postResponseTestResults || []),
               ...(r.assertionResults || [])];
  const bad = all.filter(t => t.status !== 'pass');
  tests += all.length; failedTests += bad.length;
  const verdict = r.error ? 'ERROR' : all.length === 0 ? 'no tests' : bad.length ? `FAIL ${all.length - bad.length}/${all.length}` : `pass ${all.length}/${all.length}`;
  if (r.error || bad.length) failedReq++;
  const method = (r.request && r.request.method) || '?';
  console.log(`${String(n).padStart(2)}. ${String(status).padEnd(4)} ${verdict.padEnd(10)} ${method.padEnd(7)} ${r.path}`);
  for (const t of all) console.log(`        ${t.status === 'pass' ? '✓' : '✗'} ${t.description}${t.status !== 'pass' && t.error ? ' -- ' + String(t.error).split('\n')[0] : ''}`);
  if (r.error) console.log(`        error: ${String(r.error).split('\n')[0]}`);
  if (typeof status === 'number' && status >= 400) {
    const body = typeof r.response.data === 'string' ? r.response.data : JSON.stringify(r.response.data);
    console.log(`        body: ${(body || '').slice(0, 240)}`);
  }
}
console.log(`Requests: ${n}, with failed tests/errors: ${failedReq}; tests: ${tests - failedTests}/${tests} passed`);
JS
}
