#!/usr/bin/env bash
# Runs upstream's Postman collection (Altinn/altinn-broker altinn-broker-postman-collection.json) with Postman's CLI
# newman against a Formidling server jar: the Authenticator folder (Maskinporten grants, Altinn's token exchange, the
# system register and system user requests) first, then the Broker folder (a file transfer from sender to recipient).
#
#   usage: run-postman.sh <path/to/formidling.jar> [out-dir]
#
# Get the upstream files:
#   git clone https://github.com/Altinn/altinn-broker         -> ALTINN_BROKER_ROOT (the collection is at its root)
#   git clone https://github.com/joolfe/postman-util-lib      -> PMLIB_BUNDLE=<that>/docs/dist/bundle.js
#   (the collection downloads this JWT helper from joolfe.github.io; it is not published on npm)
#
# "Unchanged, hosts aside": the runner writes a copy of the collection to out-dir in which only these strings differ:
#   https://platform.tt02.altinn.no                            -> the local server (also the baseUrl variable)
#   https://test.maskinporten.no                               -> the local server (the token URL and the grants' aud)
#   https://joolfe.github.io/postman-util-lib/dist/bundle.js  -> a small local static server (node http, started here)
#                                                                 that serves PMLIB_BUNDLE
#   /C:/Windows/winhlp32.exe (the upload's file)               -> a 1 MiB file of random bytes in out-dir
#
# Order: newman runs a folder in file order, which would call System Register before any token exists and the
# Broker's {fileTransferId} subfolder before Initialize. So each request is its own newman run (--folder <request>),
# in a lifecycle order, carrying globals (--globals/--export-globals: the tokens) and the collection
# (--export-collection) from one run to the next; the one collection variable a script sets, fileTransferId, is
# written into the carried collection by the runner, as newman's export leaves it out (postmanlabs/newman#2680):
#   Install Postman Utility, Get Systemprovider Maskinporten Token, Exchange Systemprovider token, Register system,
#   Create sender systemuser request, Create recipient systemuser request,
#   [the runner: each organisation accepts its request through our API, with its own token, as it would on its page]
#   Create sender system user Maskinporten token, Exchange sender token,
#   Create recipient system user maskinporten token, Exchange recipient token,
#   Initialize, Search, Overview, Upload,
#   [the runner: waits (up to PUBLISH_TIMEOUT s) until the transfer is Published, as a person clicking on would]
#   Details, Download, Confirm Download.
# The Resource and Service Owner folders are not run: they use {{serviceowner_token}}, which the collection never sets.
#
# Variables (--env-var, above the collection's placeholders): client_id, client_kid, client_jwk (the private JWK of a
# key made here with openssl; its public half is registered as a Maskinporten client of the vendor), resource_id,
# serviceowner_orgnumber=991825827 (the demo service owner, digdir; the vendor of the system),
# sender_orgnumber=991825827 and recipient_orgnumber=310000002.
#   sender_orgnumber = serviceowner_orgnumber because upstream's "Create sender systemuser request" asks for a system
#   user of partyOrgNo={{serviceowner_orgnumber}} while "Create sender system user Maskinporten token" asks for one of
#   {{sender_orgnumber}}: only equal values make the collection consistent.
# Before it runs, the runner registers (through our APIs) the resource RESOURCE_ID, owned by 991825827, with the
# sender and the recipient in its access list, and the Maskinporten client.
#
# Pass: every request answers 2xx (upstream expects success from all of them) and no test or script fails.
# Prints a per-request summary; reports (newman JSON per request) are in out-dir/postman/.
#
# Environment:
#   ALTINN_BROKER_ROOT (required), PMLIB_BUNDLE (required): see above
#   RESOURCE_ID (default formidling-postman), RECIPIENT_ORG (default 310000002)
#   PUBLISH_TIMEOUT (seconds, default 120)
#   NEWMAN, STARTUP_TIMEOUT: see lib.sh
set -euo pipefail

JAR=${1:?usage: run-postman.sh <formidling jar> [out-dir]}
JAR=$(readlink -f "$JAR")
OUT=$(readlink -m "${2:-$(dirname "$0")/../target/compat}")
ALTINN_BROKER_ROOT=${ALTINN_BROKER_ROOT:?set ALTINN_BROKER_ROOT to a checkout of Altinn/altinn-broker (git clone https://github.com/Altinn/altinn-broker)}
COLLECTION_SRC=$ALTINN_BROKER_ROOT/altinn-broker-postman-collection.json
[[ -f "$COLLECTION_SRC" ]] || { echo "no $COLLECTION_SRC" >&2; exit 2; }
PMLIB_BUNDLE=${PMLIB_BUNDLE:?set PMLIB_BUNDLE to docs/dist/bundle.js of a checkout of joolfe/postman-util-lib}
[[ -f "$PMLIB_BUNDLE" ]] || { echo "no $PMLIB_BUNDLE" >&2; exit 2; }
RESOURCE_ID=${RESOURCE_ID:-formidling-postman}
PUBLISH_TIMEOUT=${PUBLISH_TIMEOUT:-120}
OWNER=991825827
SENDER=$OWNER
RECIPIENT=${RECIPIENT_ORG:-310000002}
CLIENT_ID=postman-client
CLIENT_KID=postman-key
source "$(dirname "$0")/lib.sh"
PM=$OUT/postman
rm -rf "$PM"
mkdir -p "$PM"

# The JWT helper, served locally.
STATIC_PID=""
node -e '
const http = require("http"), fs = require("fs");
const [file, portFile] = process.argv.slice(1);
const bundle = fs.readFileSync(file);
http.createServer((req, res) => {
  if (req.url.split("?")[0] !== "/postman-util-lib/dist/bundle.js") { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "Content-Type": "application/javascript" });
  res.end(bundle);
}).listen(0, "127.0.0.1", function () { fs.writeFileSync(portFile, String(this.address().port)); });
' "$PMLIB_BUNDLE" "$PM/static.port" &
STATIC_PID=$!
cleanup() {
  [[ -n "$STATIC_PID" ]] && kill "$STATIC_PID" 2>/dev/null || true
  stop_server
}
trap cleanup EXIT
for _ in $(seq 1 50); do [[ -s "$PM/static.port" ]] && break; sleep 0.1; done
BUNDLE_URL="http://127.0.0.1:$(cat "$PM/static.port")/postman-util-lib/dist/bundle.js"

start_server

# The collection, hosts aside.
UPLOAD_FILE=$PM/upload.bin
head -c 1048576 /dev/urandom >"$UPLOAD_FILE"
node - "$COLLECTION_SRC" "$PM/collection.json" "$BASE" "$BUNDLE_URL" "$UPLOAD_FILE" <<'JS'
const fs = require('fs');
const [src, dst, base, bundle, upload] = process.argv.slice(2);
let text = fs.readFileSync(src, 'utf8');
const swaps = [['https://joolfe.github.io/postman-util-lib/dist/bundle.js', bundle], ['https://platform.tt02.altinn.no', base],
  ['https://test.maskinporten.no', base], ['/C:/Windows/winhlp32.exe', upload]];
for (const [from, to] of swaps) {
  const n = text.split(from).length - 1;
  if (n === 0) throw new Error(`not in the collection: ${from}`);
  text = text.split(from).join(to);
  console.log(`collection copy: ${from} -> ${to} (${n}x)`);
}
// A request's URL is stored twice: as `raw` and split into protocol/host/port/path, and newman uses the split form.
// Where the host was swapped, keep the (swapped) raw URL only, so that newman parses it.
const collection = JSON.parse(text);
const swappedHosts = ['platform.tt02.altinn.no', 'test.maskinporten.no', 'joolfe.github.io'];
const walk = items => items.forEach(it => {
  if (it.item) return walk(it.item);
  const url = it.request && it.request.url;
  if (url && typeof url === 'object' && swappedHosts.includes((url.host || []).join('.'))) it.request.url = url.raw;
});
walk(collection.item);
fs.writeFileSync(dst, JSON.stringify(collection, null, 2));
JS

echo "--- Setup through our APIs"
OWNER_TOKEN=$(token $OWNER "altinn:serviceowner" digdir)
api PUT "/resourceregistry/api/v1/resource/$RESOURCE_ID" "$OWNER_TOKEN" "{\"title\":\"Upstream Postman collection\",\"serviceOwnerOrgNo\":\"$OWNER\",
  \"accessList\":[{\"party\":\"0192:$SENDER\",\"actions\":[\"write\",\"read\"]},{\"party\":\"0192:$RECIPIENT\",\"actions\":[\"write\",\"read\"]}]}" >/dev/null
api PUT "/broker/api/v1/resource/$RESOURCE_ID" "$OWNER_TOKEN" '{"fileTransferTimeToLive":"PT2H"}' >/dev/null
echo "resource $RESOURCE_ID of $OWNER: access list 0192:$SENDER, 0192:$RECIPIENT"
new_client_key "$PM/client-key" "$CLIENT_KID"
api PUT "/maskinporten/api/v1/clients/$CLIENT_ID" "$OWNER_TOKEN" "{\"organisation\":\"$OWNER\",
  \"scopes\":[\"altinn:authentication/systemregister.write\",\"altinn:serviceowner\",\"altinn:authentication/systemuser.request.write\",
    \"altinn:authentication/systemuser.request.read\",\"altinn:broker.write\",\"altinn:broker.read\"],
  \"jwks\":{\"keys\":[$(cat "$PM/client-key/client.pub.jwk.json")]}}" >/dev/null
echo "Maskinporten client $CLIENT_ID of $OWNER, key $CLIENT_KID"

COLLECTION=$PM/collection.json
GLOBALS=$PM/globals.json
echo '{"name":"formidling-compat","values":[]}' >"$GLOBALS"
STEP=0
overall=0

# One request as its own newman run; the collection (its variables) and the globals carry on to the next.
run() { # request-name
  STEP=$((STEP + 1))
  local report=$PM/$(printf '%02d' $STEP).json next=$PM/collection-$(printf '%02d' $STEP).json rc
  set +e
  "$NEWMAN" run "$COLLECTION" --folder "$1" --globals "$GLOBALS" --export-globals "$GLOBALS" --export-collection "$next" \
    --env-var "client_id=$CLIENT_ID" --env-var "client_kid=$CLIENT_KID" --env-var "client_jwk=$(cat "$PM/client-key/client.jwk.json")" \
    --env-var "serviceowner_orgnumber=$OWNER" --env-var "sender_orgnumber=$SENDER" --env-var "recipient_orgnumber=$RECIPIENT" \
    --env-var "resource_id=$RESOURCE_ID" \
    --reporters cli,json --reporter-json-export "$report" --disable-unicode --color off >>"$PM/newman.log" 2>&1
  rc=$?
  set -e
  [[ -f "$next" ]] && COLLECTION=$next
  node - "$report" "$STEP" "$1" "$rc" <<'JS' || overall=1
const fs = require('fs');
const [file, step, name, rc] = process.argv.slice(2);
const label = `${String(step).padStart(2)}. `;
if (!fs.existsSync(file)) { console.log(`${label}---  ERROR      ${name}: newman wrote no report (exit ${rc}; see newman.log)`); process.exit(1); }
const run = JSON.parse(fs.readFileSync(file, 'utf8')).run;
const ex = run.executions[0];
if (!ex) { console.log(`${label}---  ERROR      ${name}: not run (exit ${rc})`); process.exit(1); }
const code = ex.response ? ex.response.code : 'ERR';
const asserts = ex.assertions || [];
const failures = run.failures || [];
const ok2xx = typeof code === 'number' && code >= 200 && code < 300;
const bad = !ok2xx || failures.length > 0 || ex.requestError;
const verdict = bad ? 'FAIL' : asserts.length ? `pass ${asserts.length}/${asserts.length}` : 'pass';
console.log(`${label}${String(code).padEnd(4)} ${verdict.padEnd(10)} ${ex.request.method.padEnd(5)} ${name}  (${ex.request.url.path ? '/' + ex.request.url.path.join('/') : ''})`);
for (const a of asserts) console.log(`        ${a.error ? 'x' : 'v'} ${a.assertion}${a.error ? ' -- ' + a.error.message : ''}`);
for (const f of failures) if (f.error && f.error.name !== 'AssertionError') console.log(`        x ${f.error.name} in ${f.at}: ${f.error.message}`);
if (ex.requestError) console.log(`        request error: ${ex.requestError.message}`);
if (!ok2xx && ex.response && ex.response.stream) {
  console.log(`        body: ${Buffer.from(ex.response.stream.data).toString('utf8').slice(0, 400)}`);
}
process.exit(bad ? 1 : 0);
JS
}

# newman's --export-collection writes the collection variables as they were before the run, not as the scripts set
# them (postmanlabs/newman#2680), so a value that a test script puts there is carried on by hand.
set_collection_variable() { # key value
  local next=$PM/collection-$(printf '%02d' $STEP)-$1.json
  node -e 'const fs=require("fs");const [src,dst,key,value]=process.argv.slice(1);const c=JSON.parse(fs.readFileSync(src,"utf8"));
    const v=(c.variable=c.variable||[]).find(v=>v.key===key);if(v)v.value=value;else c.variable.push({key,value,type:"string"});
    fs.writeFileSync(dst,JSON.stringify(c,null,2))' "$COLLECTION" "$next" "$1" "$2"
  COLLECTION=$next
}

# The body of a run's response (from its JSON report).
response_of() { # step
  node -e 'const e=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).run.executions[0];
    if (e && e.response && e.response.stream) process.stdout.write(Buffer.from(e.response.stream.data).toString("utf8"))' \
    "$PM/$(printf '%02d' "$1").json" 2>/dev/null || true
}

echo
echo "--- Authenticator (per request: step, status, verdict, method, name)"
run "Install Postman Utility (Initialize)"
run "Get Systemprovider Maskinporten Token"
run "Exchange Systemprovider token"
run "Register system"
run "Create sender systemuser request"; SENDER_REQUEST_STEP=$STEP
run "Create recipient systemuser request"; RECIPIENT_REQUEST_STEP=$STEP
for pair in "$SENDER:$SENDER_REQUEST_STEP" "$RECIPIENT:$RECIPIENT_REQUEST_STEP"; do
  org=${pair%%:*}
  id=$(response_of "${pair##*:}" | node -p 'JSON.parse(require("fs").readFileSync(0)).id' 2>/dev/null || true)
  if [[ -n "$id" && "$id" != undefined ]] && api POST "/authentication/api/v1/systemuser/request/$org/$id/approve" "$(token "$org" "altinn:broker.read")" >/dev/null; then
    echo "    runner: $org accepted system user request $id"
  else
    echo "    runner: could not accept the request of $org (id '${id}')"; overall=1
  fi
done
run "Create sender system user Maskinporten token"
run "Exchange sender token"
run "Create recipient system user maskinporten token"
run "Exchange recipient token"

echo
echo "--- Broker"
run "Initialize"
# What Initialize's test script does: pm.collectionVariables.set("fileTransferId", <response>.fileTransferId).
TRANSFER=$(response_of $STEP | node -p 'JSON.parse(require("fs").readFileSync(0)).fileTransferId || ""' 2>/dev/null || true)
set_collection_variable fileTransferId "$TRANSFER"
run "Search"
run "Overview"
run "Upload"
if [[ -n "$TRANSFER" ]]; then
  SENDER_TOKEN=$(token "$SENDER" "altinn:broker.write altinn:broker.read")
  status=""
  for i in $(seq 1 "$PUBLISH_TIMEOUT"); do
    status=$(api GET "/broker/api/v1/filetransfer/$TRANSFER" "$SENDER_TOKEN" 2>/dev/null | node -p 'JSON.parse(require("fs").readFileSync(0)).fileTransferStatus' 2>/dev/null || true)
    [[ "$status" == Published ]] && break
    sleep 1
  done
  echo "    runner: transfer $TRANSFER is $status (after ${i}s)"
fi
run "Details"
run "Download"
run "Confirm Download"

echo
echo "Steps: $STEP; $([[ $overall -eq 0 ]] && echo 'all passed' || echo 'some FAILED') (newman output: $PM/newman.log, server log: $OUT/server.log)"
exit $overall
