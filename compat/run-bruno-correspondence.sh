#!/usr/bin/env bash
# Runs upstream's Correspondence Bruno collection (Altinn/altinn-correspondence .bruno/) against a Formidling jar.
#
#   usage: run-bruno-correspondence.sh <path/to/formidling.jar> [out-dir]
#
# - starts the jar on a free loopback port with a fresh data dir and a free embedded-PostgreSQL port (the job
#   executor publishes each correspondence right after initialize);
# - gets dev tokens from the server itself: the demo service owner 991825827 (digdir) as sender, organisation
#   310000002 as the recipient ("end user system"), person 01010100131 as the second recipient;
# - registers the recipients' names and addresses in the party register (emails are logged: no SMTP host);
# - runs the Attachment and Correspondence requests in a lifecycle order (Authentication, Configure End User
#   System and Events Integration are skipped: they call Maskinporten and the Altinn platform; "Initialize and
#   Upload" is skipped: its fixed dueDateTime lies in the past, so upstream refuses it too), with a delay between
#   requests so the process has published before the recipient looks;
# - writes JSON and JUnit reports to out-dir, prints a per-request summary and stops the server.
# Environment: BRUNO_ROOT (required: the .bruno folder of a checkout of Altinn/altinn-correspondence),
#              BRU (CLI, default: tooling/node_modules/.bin/bru), DELAY_MS (default 2000),
#              STARTUP_TIMEOUT (seconds, default 300).
set -euo pipefail

JAR=${1:?usage: run-bruno-correspondence.sh <formidling jar> [out-dir]}
JAR=$(readlink -f "$JAR")
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(readlink -m "${2:-$REPO/target/compat-correspondence}")
BRUNO_ROOT=${BRUNO_ROOT:?set BRUNO_ROOT to the .bruno folder of a checkout of Altinn/altinn-correspondence}
BRU=${BRU:-$REPO/tooling/node_modules/.bin/bru}
[ -x "$BRU" ] || npm ci --prefix "$REPO/tooling" --no-audit --no-fund >/dev/null
DELAY_MS=${DELAY_MS:-2000}
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

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "Stopping server (pid $SERVER_PID)"
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

echo "Starting $JAR on port $PORT (embedded DB port $DB_PORT, data $DATA)"
SERVER_PORT=$PORT FORMIDLING_DATA_DIR=$DATA FORMIDLING_EMBEDDED_DB_PORT=$DB_PORT \
  java -Dformidling.embedded-db.port="$DB_PORT" -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 "$STARTUP_TIMEOUT"); do
  if curl -sf "$BASE/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died; see $OUT/server.log" >&2; exit 1; fi
  sleep 1
done
curl -sf "$BASE/health" >/dev/null || { echo "server not healthy after $STARTUP_TIMEOUT s" >&2; exit 1; }
echo "Server up after ${i}s"

token() { # orgNo scopes [org]
  local url="$BASE/api/GetEnterpriseToken?orgNo=$1&scopes=${2// /%20}"
  [[ -n "${3:-}" ]] && url="$url&org=$3"
  curl -sf "$url"
}
OWNER=991825827
RECIPIENT_ORG=310000002
RECIPIENT_SSN=01010100131
OWNER_TOKEN=$(token $OWNER "altinn:serviceowner altinn:correspondence.write altinn:correspondence.read" digdir)
RECIPIENT_TOKEN=$(token $RECIPIENT_ORG "altinn:correspondence.read")
for party in "0192:$OWNER|Digitaliseringsdirektoratet|" "0192:$RECIPIENT_ORG|Mottaker AS|post@mottaker.example" \
             "$RECIPIENT_SSN|Kari Nordmann|kari@example.no"; do
  IFS='|' read -r id name email <<<"$party"
  ejson=null; [[ -n "$email" ]] && ejson="\"$email\""
  curl -sf -o /dev/null -X PUT "$BASE/register/api/v1/parties/$id" -H "Authorization: Bearer $OWNER_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$name\",\"email\":$ejson,\"mobileNumber\":\"+4799999999\"}" \
    || echo "warning: could not register $id in the party register" >&2
done

C='Correspondence/{correspondenceId}'
ORDER=(
  "Attachment/Initialize batch attachment.bru"
  "Attachment/Upload attachment.bru"
  "Attachment/Overview.bru"
  "Attachment/Details.bru"
  "Attachment/Download attachment.bru"
  "Correspondence/Initialize.bru"
  "Correspondence/Search (as end user).bru"
  "$C/Overview.bru"
  "$C/Details.bru"
  "$C/Read Content (as end user system).bru"
  "$C/Confirm (as end user system).bru"
  "$C/Forward (as end user system).bru"
  "$C/Purge (as end user system).bru"
  "Correspondence/Initialize and upload (form-data).bru"
  "$C/Overview.bru"
  "$C/Download attachment (as end user system).bru"
  "Attachment/Purge.bru"
)

pass=correspondence
set +e
(cd "$BRUNO_ROOT" && "$BRU" run "${ORDER[@]}" --sandbox developer --delay "$DELAY_MS" \
    --env-var "correspondence_base_url=$BASE" \
    --env-var "base_url=$BASE" \
    --env-var "platform_base_url=$BASE" \
    --env-var "serviceowner_altinn_token=$OWNER_TOKEN" \
    --env-var "recipient_altinn_token=$RECIPIENT_TOKEN" \
    --env-var "resource_id=formidling-demo" \
    --env-var "serviceowner_orgnumber=$OWNER" \
    --env-var "recipient_orgnumber=$RECIPIENT_ORG" \
    --env-var "recipient_ssn=$RECIPIENT_SSN" \
    --reporter-json "$OUT/bruno-$pass.json" \
    --reporter-junit "$OUT/bruno-$pass.xml") >"$OUT/bruno-$pass.log" 2>&1
rc=$?
set -e
echo "bru exit code $rc (full output: $OUT/bruno-$pass.log)"
  node - "$OUT/bruno-$pass.json" <<'EOF'
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
EOF
exit $rc
