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
#              DELAY_MS (default 2000), BRU and STARTUP_TIMEOUT (see lib.sh).
set -euo pipefail

JAR=${1:?usage: run-bruno-correspondence.sh <formidling jar> [out-dir]}
JAR=$(readlink -f "$JAR")
OUT=$(readlink -m "${2:-$(dirname "$0")/../target/compat-correspondence}")
BRUNO_ROOT=${BRUNO_ROOT:?set BRUNO_ROOT to the .bruno folder of a checkout of Altinn/altinn-correspondence}
DELAY_MS=${DELAY_MS:-2000}
source "$(dirname "$0")/lib.sh"
start_server

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
summarise "$OUT/bruno-$pass.json"
exit $rc
