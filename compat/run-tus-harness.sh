#!/usr/bin/env bash
# Runs upstream's TUS client harness (Altinn/altinn-broker tests/tus/Altinn.Broker.Tests.TusJsClient, a Node
# program on tus-js-client) UNCHANGED against a Formidling server jar, configured only through the harness's own
# environment variables.
#
#   usage: run-tus-harness.sh <path/to/formidling.jar> [out-dir]
#
# Get an upstream checkout:  git clone https://github.com/Altinn/altinn-broker
#   and point ALTINN_BROKER_ROOT at it (the harness is read from tests/tus/Altinn.Broker.Tests.TusJsClient there,
#   and copied to out-dir before it runs: the checkout is left as it is).
#
# What it does:
# - starts the jar on a free loopback port with a fresh data dir and embedded PostgreSQL (lib.sh);
# - sets up, through our APIs only, what the harness expects to find at Altinn and Maskinporten:
#     the resource RESOURCE_ID in our resource registry, owned by the demo service owner 991825827 (digdir), with
#     ORG_NO (sender) and 310880442 (the harness's hard-coded recipient, 0192:310880442) in its access list, and
#     approved for disabled virus scan (the harness initializes with disableVirusScan: true);
#     an RSA key made with openssl, and a Maskinporten client of the vendor 991825827 with its public JWK;
#     the vendor's Maskinporten grant -> token exchange -> a system registered with rights on RESOURCE_ID ->
#     a system user request for ORG_NO, which ORG_NO accepts with its own token;
# - runs the harness once per mode in MODES, each with its own file transfer:
#     sequential: TUS_PARALLEL_PARTIAL_UPLOADS=1 (one upload, CHUNK_SIZE_MB chunks, PATCHes in turn);
#     parallel:   the harness's default (4 partial uploads and a final concatenation, or TUS_PARALLEL_PARTIAL_UPLOADS);
# - writes each run's output to out-dir/tus-<mode>.log and prints a summary; exits non-zero if any run failed.
#
# Environment:
#   ALTINN_BROKER_ROOT (required)  a checkout of Altinn/altinn-broker
#   ORG_NO       (default 310000001)        the system user's organisation, and the sender
#   RESOURCE_ID  (default formidling-tus)   created by this script
#   MODES        (default "sequential parallel")
#   TUS_DEPS     (default tooling)  where the harness's one dependency, tus-js-client, comes from:
#                  tooling = link tooling/node_modules (tus-js-client 4.3.1, as the harness's package-lock);
#                  npm     = `npm ci` in the harness copy, from the npm registry
#   GIGABYTES_TO_UPLOAD, CHUNK_SIZE_MB, TUS_PARALLEL_PARTIAL_UPLOADS, UPLOAD_FILE_PATH: passed on to the harness
#                (unset: 64 MiB, 8 MiB chunks, 4 partial uploads in the parallel mode)
#   STARTUP_TIMEOUT, NEWMAN, BRU: see lib.sh
set -euo pipefail

JAR=${1:?usage: run-tus-harness.sh <formidling jar> [out-dir]}
JAR=$(readlink -f "$JAR")
OUT=$(readlink -m "${2:-$(dirname "$0")/../target/compat}")
ALTINN_BROKER_ROOT=${ALTINN_BROKER_ROOT:?set ALTINN_BROKER_ROOT to a checkout of Altinn/altinn-broker (git clone https://github.com/Altinn/altinn-broker)}
HARNESS_SRC=$ALTINN_BROKER_ROOT/tests/tus/Altinn.Broker.Tests.TusJsClient
[[ -f "$HARNESS_SRC/src/main.mjs" ]] || { echo "no TUS harness at $HARNESS_SRC" >&2; exit 2; }
ORG_NO=${ORG_NO:-310000001}
RESOURCE_ID=${RESOURCE_ID:-formidling-tus}
MODES=${MODES:-sequential parallel}
TUS_DEPS=${TUS_DEPS:-tooling}
OWNER=991825827
RECIPIENT=310880442
CLIENT_ID=tus-harness-client
CLIENT_KID=tus-harness-key
source "$(dirname "$0")/lib.sh"

# The harness copy, with its dependency.
HARNESS=$OUT/tus-harness
rm -rf "$HARNESS"
mkdir -p "$HARNESS"
(cd "$HARNESS_SRC" && tar -c --exclude=node_modules .) | tar -x -C "$HARNESS"
case "$TUS_DEPS" in
  tooling) ln -s "$REPO/tooling/node_modules" "$HARNESS/node_modules" ;;
  npm) (cd "$HARNESS" && npm ci --no-audit --no-fund --loglevel=error) ;;
  *) echo "TUS_DEPS must be tooling or npm" >&2; exit 2 ;;
esac
echo "tus-js-client $(node -p "require('$HARNESS/node_modules/tus-js-client/package.json').version") (from $TUS_DEPS)"

start_server

echo "--- Setup through our APIs"
OWNER_TOKEN=$(token $OWNER "altinn:serviceowner" digdir)
api PUT "/resourceregistry/api/v1/resource/$RESOURCE_ID" "$OWNER_TOKEN" "{\"title\":\"Upstream TUS harness\",\"serviceOwnerOrgNo\":\"$OWNER\",
  \"accessList\":[{\"party\":\"0192:$ORG_NO\",\"actions\":[\"write\",\"read\"]},{\"party\":\"0192:$RECIPIENT\",\"actions\":[\"write\",\"read\"]}]}" >/dev/null
echo "resource $RESOURCE_ID: access list 0192:$ORG_NO, 0192:$RECIPIENT"
api PUT "/broker/api/v1/resource/$RESOURCE_ID" "$OWNER_TOKEN" '{"approvedForDisabledVirusScan": true}' >/dev/null
echo "resource $RESOURCE_ID: approved for disabled virus scan"

KEYS=$OUT/tus-client-key
new_client_key "$KEYS" "$CLIENT_KID"
api PUT "/maskinporten/api/v1/clients/$CLIENT_ID" "$OWNER_TOKEN" "{\"organisation\":\"$OWNER\",
  \"scopes\":[\"altinn:broker.write\",\"altinn:broker.read\",\"altinn:authentication/systemregister.write\",
    \"altinn:authentication/systemuser.request.write\",\"altinn:authentication/systemuser.request.read\"],
  \"jwks\":{\"keys\":[$(cat "$KEYS/client.pub.jwk.json")]}}" >/dev/null
echo "Maskinporten client $CLIENT_ID of $OWNER, key $CLIENT_KID"

VENDOR_TOKEN=$(exchange_token "$(maskinporten_token $CLIENT_ID "$KEYS" \
  "altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write altinn:authentication/systemuser.request.read")")
SYSTEM_ID=${OWNER}_tus-harness
RIGHTS="[{\"resource\":[{\"id\":\"urn:altinn:resource\",\"value\":\"$RESOURCE_ID\"}]}]"
api POST /authentication/api/v1/systemregister/vendor "$VENDOR_TOKEN" "{\"id\":\"$SYSTEM_ID\",
  \"vendor\":{\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:$OWNER\"},\"name\":{\"en\":\"Upstream TUS harness\"},
  \"description\":{\"en\":\"compat/run-tus-harness.sh\"},\"rights\":$RIGHTS,\"clientId\":[\"$CLIENT_ID\"]}" >/dev/null
REQUEST_ID=$(api POST /authentication/api/v1/systemuser/request/vendor "$VENDOR_TOKEN" \
  "{\"systemId\":\"$SYSTEM_ID\",\"partyOrgNo\":\"$ORG_NO\",\"rights\":$RIGHTS}" | node -p 'JSON.parse(require("fs").readFileSync(0)).id')
api POST "/authentication/api/v1/systemuser/request/$ORG_NO/$REQUEST_ID/approve" "$(token "$ORG_NO" "altinn:broker.read")" >/dev/null
echo "system $SYSTEM_ID: system user for $ORG_NO requested ($REQUEST_ID) and accepted by $ORG_NO"

overall=0
declare -A RESULT
for mode in $MODES; do
  case "$mode" in
    sequential) parallel=1 ;;
    parallel) parallel=${TUS_PARALLEL_PARTIAL_UPLOADS:-} ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  echo
  echo "=== TUS harness, $mode (TUS_PARALLEL_PARTIAL_UPLOADS=${parallel:-<harness default>})"
  set +e
  (cd "$HARNESS" && env BASE_URL="$BASE" MASKINPORTEN_TOKEN_URL="$BASE/token" CLIENT_ID=$CLIENT_ID CLIENT_KID=$CLIENT_KID \
      CLIENT_PEM_FILE="$KEYS/client.pem" ORG_NO="$ORG_NO" RESOURCE_ID="$RESOURCE_ID" TUS_PARALLEL_PARTIAL_UPLOADS="$parallel" \
      node src/main.mjs) 2>&1 | tee "$OUT/tus-$mode.log" | tr '\r' '\n' | grep -v '^Progress: '
  rc=${PIPESTATUS[0]}
  set -e
  RESULT[$mode]=$rc
  [[ $rc -ne 0 ]] && overall=1
done

echo
echo "--- Summary (logs in $OUT/tus-<mode>.log, server log $OUT/server.log)"
for mode in $MODES; do
  printf '%-11s %s\n' "$mode" "$([[ ${RESULT[$mode]} -eq 0 ]] && echo "pass (Published)" || echo "FAIL (exit ${RESULT[$mode]})")"
done
exit $overall
