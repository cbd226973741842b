#!/usr/bin/env bash
# Shared by the compat runners (run-bruno*.sh, run-tus-harness.sh, run-postman.sh): start a jar, fetch dev tokens,
# summarise; and (for the runners that go through Maskinporten) a client key, JWT grants and Altinn's token exchange.
# Source it after setting JAR and OUT; it sets REPO, BRU, NEWMAN, PORT, DB_PORT, BASE, SERVER_PID and an EXIT trap.
# Environment: BRU, NEWMAN (CLIs, default tooling/node_modules/.bin/{bru,newman}, installed by `npm ci --prefix tooling`),
#              STARTUP_TIMEOUT (seconds, default 300).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BRU=${BRU:-$REPO/tooling/node_modules/.bin/bru}
NEWMAN=${NEWMAN:-$REPO/tooling/node_modules/.bin/newman}
[ -x "$BRU" ] && [ -x "$NEWMAN" ] || npm ci --prefix "$REPO/tooling" --no-audit --no-fund >/dev/null
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
mkdir -p "$OUT"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

PORT=$(free_port)
DB_PORT=$(free_port)
DATA=$(mktemp -d /tmp/formidling-compat.XXXXXX)
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

# Calls the server: prints the body; fails (exit 1, with the answer) unless the status is 2xx.
api() { # method path token [json-body]
  local out code
  out=$(mktemp)
  local args=(-s -o "$out" -w '%{http_code}' -X "$1" "$BASE$2" -H 'Accept: application/json')
  [[ -n "${3:-}" ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n "${4:-}" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  code=$(curl "${args[@]}")
  if [[ "$code" != 2* ]]; then
    echo "$1 $2 -> $code: $(head -c 600 "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# A Maskinporten client's key pair: <dir>/client.pem (PKCS#8), client.jwk.json (private JWK) and
# client.pub.jwk.json (public JWK), each JWK with kid, alg RS256 and use sig.
new_client_key() { # dir kid
  mkdir -p "$1"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/client.pem" 2>/dev/null
  node - "$1" "$2" <<'JS'
const { createPrivateKey, createPublicKey } = require('crypto');
const fs = require('fs');
const [dir, kid] = process.argv.slice(2);
const pem = fs.readFileSync(`${dir}/client.pem`, 'utf8');
const extra = { kid, alg: 'RS256', use: 'sig' };
fs.writeFileSync(`${dir}/client.jwk.json`, JSON.stringify({ ...createPrivateKey(pem).export({ format: 'jwk' }), ...extra }));
fs.writeFileSync(`${dir}/client.pub.jwk.json`, JSON.stringify({ ...createPublicKey(pem).export({ format: 'jwk' }), ...extra }));
JS
}

# A Maskinporten token from our /token for a JWT grant signed with the client's key (as a client would);
# with a fourth argument the grant asks for the system user of that organisation.
maskinporten_token() { # client-id key-dir scopes [system-user-org]
  local assertion
  assertion=$(node - "$BASE/" "$1" "$2" "$3" "${4:-}" <<'JS'
const { createSign, randomUUID } = require('crypto');
const fs = require('fs');
const [aud, clientId, dir, scope, org] = process.argv.slice(2);
const jwk = JSON.parse(fs.readFileSync(`${dir}/client.jwk.json`, 'utf8'));
const now = Math.floor(Date.now() / 1000);
const payload = { aud, scope, iss: clientId, iat: now, exp: now + 120, jti: randomUUID() };
if (org) payload.authorization_details = [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: org } }];
const b64 = v => Buffer.from(JSON.stringify(v)).toString('base64url');
const input = `${b64({ alg: 'RS256', kid: jwk.kid })}.${b64(payload)}`;
const sig = createSign('RSA-SHA256').update(input).sign(fs.readFileSync(`${dir}/client.pem`, 'utf8'));
console.log(`${input}.${sig.toString('base64url')}`);
JS
)
  curl -sf -X POST "$BASE/token" -H 'Accept: application/json' \
    --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer' --data-urlencode "assertion=$assertion" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))'
}

# Altinn's token exchange: a Maskinporten token in, an Altinn token (text/plain) out.
exchange_token() { # maskinporten-token
  curl -sf "$BASE/authentication/api/v1/exchange/maskinporten" -H "Authorization: Bearer $1"
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
