#!/usr/bin/env bash
# Runs upstream's Bruno collection (Altinn/altinn-broker .bruno/) against a Formidling server jar.
#
#   usage: run-bruno.sh <path/to/formidling.jar> [out-dir]
#
# - starts the jar on a free loopback port with a fresh data dir and a free embedded-PostgreSQL port;
# - gets dev tokens from the server itself (/api/GetEnterpriseToken);
# - runs two passes of the collection folders ServiceOwner, Resource and FileTransfer (Authentication and
#   SystemRegister are skipped: they call Maskinporten and the Altinn platform):
#     pass "fresh": a service owner that is NOT preconfigured (991825828) registers itself (POST /serviceowner),
#                   configures a resource it owns (formidling-compat, registered first in our local resource
#                   registry with 310000001/310000002 in its access list) and the transfers run under it;
#     pass "demo":  the brief's values: owner 991825827 (preconfigured by the demo data, so POST /serviceowner
#                   answers 409 BRO-07002 -- the same as a second run against upstream) and resource formidling-demo;
# - writes JSON and JUnit reports per pass to out-dir, prints a per-request summary and stops the server.
#
# Request order: the CLI's own recursive order runs sub-folders before a folder's requests (so `{fileTransferId}`
# and TUS would run before Initialize), and Initialize-and-upload replaces fileTransferId with an uploaded transfer.
# We therefore pass the request files explicitly, in a lifecycle order:
#   ServiceOwner (configure, get) -> Resource (configure, get) -> ServiceOwner statistics (needs the configured resource)
#   -> Initialize, Search, Overview, Upload, Details, Download, Confirm, Download with range      (JSON + octet-stream)
#   -> Initialize and upload (form-data), Overview, Details, Download, Confirm, Download with range (multipart)
#   -> Initialize, TUS/OPTIONS, Create upload, Head upload, Upload chunk, Terminate upload         (TUS)
# Environment: BRUNO_ROOT (required: the .bruno folder of a checkout of Altinn/altinn-broker),
#              BRU, STARTUP_TIMEOUT (see lib.sh), PASSES (default "fresh demo").
set -euo pipefail

JAR=${1:?usage: run-bruno.sh <formidling jar> [out-dir]}
JAR=$(readlink -f "$JAR")
OUT=$(readlink -m "${2:-$(dirname "$0")/../target/compat}")
BRUNO_ROOT=${BRUNO_ROOT:?set BRUNO_ROOT to the .bruno folder of a checkout of Altinn/altinn-broker}
PASSES=${PASSES:-fresh demo}
source "$(dirname "$0")/lib.sh"
start_server

SENDER_TOKEN=$(token 310000001 "altinn:broker.write altinn:broker.read")
RECIPIENT_TOKEN=$(token 310000002 "altinn:broker.read")

FT='FileTransfer/{fileTransferId}'
ORDER=(
  "ServiceOwner/Configure service owner for Broker.bru"
  "ServiceOwner/Get service owner configuration.bru"
  "Resource/Configure resource for Broker.bru"
  "Resource/Get resource configuration.bru"
  "ServiceOwner/Get statistics for Broker service.bru"
  "FileTransfer/Initialize.bru"
  "FileTransfer/Search.bru"
  "$FT/Overview.bru"
  "$FT/Upload.bru"
  "$FT/Details.bru"
  "$FT/Download.bru"
  "$FT/Confirm Download.bru"
  "$FT/Download with range.bru"
  "FileTransfer/Initialize and upload (form-data).bru"
  "$FT/Overview.bru"
  "$FT/Details.bru"
  "$FT/Download.bru"
  "$FT/Confirm Download.bru"
  "$FT/Download with range.bru"
  "FileTransfer/Initialize.bru"
  "FileTransfer/TUS/OPTIONS.bru"
  "FileTransfer/TUS/Create upload.bru"
  "FileTransfer/TUS/Head upload.bru"
  "FileTransfer/TUS/Upload chunk.bru"
  "FileTransfer/TUS/Terminate upload.bru"
)

overall=0
for pass in $PASSES; do
  case "$pass" in
    fresh)
      OWNER=991825828; RESOURCE=formidling-compat
      OWNER_TOKEN=$(token $OWNER "altinn:serviceowner" compat)
      # The owner's resource in our local resource registry (stands in for Altinn Resource Registry).
      code=$(curl -s -o "$OUT/registry-$RESOURCE.json" -w '%{http_code}' -X PUT "$BASE/resourceregistry/api/v1/resource/$RESOURCE" \
        -H "Authorization: Bearer $OWNER_TOKEN" -H 'Content-Type: application/json' \
        -d "{\"title\":\"Bruno compatibility resource\",\"serviceOwnerOrgNo\":\"$OWNER\",\"accessList\":[{\"party\":\"0192:310000001\",\"actions\":[\"write\",\"read\"]},{\"party\":\"0192:310000002\",\"actions\":[\"write\",\"read\"]}]}")
      echo "Registry PUT $RESOURCE owned by $OWNER -> $code"
      ;;
    demo)
      OWNER=991825827; RESOURCE=formidling-demo
      OWNER_TOKEN=$(token $OWNER "altinn:serviceowner" digdir)
      ;;
    *) echo "unknown pass $pass" >&2; exit 2 ;;
  esac
  echo
  echo "=== Pass '$pass': service owner $OWNER, resource $RESOURCE"
  set +e
  (cd "$BRUNO_ROOT" && "$BRU" run "${ORDER[@]}" --sandbox developer \
      --env-var "broker_base_url=$BASE" \
      --env-var "sender_token=$SENDER_TOKEN" \
      --env-var "recipient_token=$RECIPIENT_TOKEN" \
      --env-var "systemprovider_token=$OWNER_TOKEN" \
      --env-var "resource_id=$RESOURCE" \
      --env-var "sender_orgnumber=310000001" \
      --env-var "recipient_orgnumber=310000002" \
      --env-var "serviceowner_orgnumber=$OWNER" \
      --reporter-json "$OUT/bruno-$pass.json" \
      --reporter-junit "$OUT/bruno-$pass.xml") >"$OUT/bruno-$pass.log" 2>&1
  rc=$?
  set -e
  echo "bru exit code $rc (full output: $OUT/bruno-$pass.log)"
  [[ $rc -ne 0 ]] && overall=1
  summarise "$OUT/bruno-$pass.json"
done
exit $overall
