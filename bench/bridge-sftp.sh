#!/usr/bin/env bash
# A nightly SFTP job: files on an OpenSSH server (sshd + sftp-server, ed25519 keys) sent to the Broker by a bridge
# job (SFTP -> Broker, streamed, no local copy), against what a script would do instead, in the same run and to the
# same server: `sftp get` of the same files to local disk, then `curl` initialize + upload of each file. One big
# file (default 1 GiB) and many small ones (default 1,000 of 100 KiB). Ratio = script seconds / bridge seconds.
# The script and the bridge take turns, BENCH_ROUNDS times each; the figures are the medians.
#
#   bench/bridge-sftp.sh [path/to/formidling.jar]
#
# Env: BENCH_BIG_MIB (1024), BENCH_FILES (1000), BENCH_FILE_KIB (100), BENCH_CONCURRENCY (the job's limits.concurrency, 4),
#      BENCH_ROUNDS (3), BENCH_SERVER_JAVA_OPTS, BENCH_WORK_DIR. Needs OpenSSH (apt-get install openssh-server openssh-client
#      openssh-sftp-server) and the machine's PostgreSQL (127.0.0.1:5432, a database of its own dropped at exit).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench-lib.sh
. "$BENCH_DIR/bench-lib.sh"
JAR=${1:-${FORMIDLING_JAR:-$BENCH_DIR/../target/formidling-0.1.0-SNAPSHOT.jar}}
BIG_MIB=${BENCH_BIG_MIB:-1024}
FILES=${BENCH_FILES:-1000}
FILE_KIB=${BENCH_FILE_KIB:-100}
CONCURRENCY=${BENCH_CONCURRENCY:-4}
ROUNDS=${BENCH_ROUNDS:-3}
[ -x /usr/sbin/sshd ] && [ -x /usr/lib/openssh/sftp-server ] || bench_die "OpenSSH server not found (apt-get install openssh-server openssh-sftp-server)"
WORK=$(mktemp -d "${BENCH_WORK_DIR:-${TMPDIR:-/tmp}}/formidling-sftp.XXXXXX")
chmod 755 "$WORK"
SERVER_LOG=$WORK/server.log
SERVER_PID=
SSHD_PID=
DB=formidling_bench_sftp_$$_$RANDOM
cleanup() {
  [ -z "$SSHD_PID" ] || kill "$SSHD_PID" 2>/dev/null || true
  bench_stop_server
  bench_pg postgres "drop database if exists $DB with (force)" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SSH_PORT=$(bench_free_port $((22000 + RANDOM % 1000)))
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$WORK/host_key.pub")" >"$WORK/known_hosts"
cat >"$WORK/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2>"$WORK/sshd.log" &
SSHD_PID=$!
USER_NAME=$(id -un)
SFTP=(sftp -q -i "$WORK/client_key" -o "UserKnownHostsFile=$WORK/known_hosts" -o StrictHostKeyChecking=yes -P "$SSH_PORT")
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null && break; sleep 0.2; done

bench_log "making the files: 1 x $BIG_MIB MiB, $FILES x $FILE_KIB KiB"
mkdir -p "$WORK/files/big" "$WORK/files/small" "$WORK/jobs" "$WORK/got"
head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom >"$WORK/big.bin"
head -c "$((FILE_KIB * 1024))" /dev/urandom >"$WORK/small.bin"
sync

# files <set> <round>: the set's files for one round, under names of their own (the job never sends a name twice).
files() {
  rm -rf "${WORK:?}/files/$1" && mkdir -p "$WORK/files/$1"
  if [ "$1" = big ]; then
    ln "$WORK/big.bin" "$WORK/files/big/big-$2.bin"
  else
    for i in $(seq -w 1 "$FILES"); do ln "$WORK/small.bin" "$WORK/files/small/f-$2-$i.bin"; done
  fi
}

PORT=$(bench_free_port "${BENCH_PORT:-18580}")
BASE=http://127.0.0.1:$PORT
for set in big small; do
  cat >"$WORK/jobs/$set.yml" <<EOF
name: bench-$set
direction: outbound
schedule: {cron: "0 0 2 * * *"}
source:
  type: sftp
  directory: $WORK/files/$set
  pattern: "*.bin"
  sftp: {host: 127.0.0.1, port: $SSH_PORT, user: $USER_NAME, privateKey: "$WORK/client_key", knownHosts: "$WORK/known_hosts"}
broker:
  baseUrl: $BASE
  resourceId: formidling-demo
  sender: "0192:310000001"
  recipients: {static: ["0192:310000002"]}
  auth: {type: dev, orgNo: "310000001"}
limits: {concurrency: $CONCURRENCY}
EOF
done
bench_pg postgres "create database $DB" >/dev/null
bench_start_server "$JAR" "$SERVER_LOG" SERVER_PORT="$PORT" FORMIDLING_DATA_DIR="$WORK/data" FORMIDLING_BASE_URL="$BASE" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  FORMIDLING_BRIDGE_JOBS_DIR="$WORK/jobs" FORMIDLING_BRIDGE_SCHEDULER=false
bench_wait_ready "$BASE" "${BENCH_STARTUP_TIMEOUT:-600}"
ADMIN=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=991825827&scopes=altinn:broker.maintenance&ttl=7200")
SENDER=$(curl -fsS "$BASE/api/GetEnterpriseToken?orgNo=310000001&scopes=altinn:broker.write%20altinn:broker.read&ttl=7200")

# bridge <set>: runs the job now and waits for its end; prints the seconds from the trigger to the end.
bridge() {
  local t0 run status i files
  files=$(find "$WORK/files/$1" -maxdepth 1 -name '*.bin' | wc -l)
  t0=$(bench_now)
  run=$(curl -fsS -X POST "$BASE/api/admin/bridge/jobs/bench-$1/trigger" -H "Authorization: Bearer $ADMIN" | sed -E 's/.*"runId":([0-9]+).*/\1/')
  for i in $(seq 1 36000); do
    status=$(curl -fsS "$BASE/api/admin/bridge/runs/$run" -H "Authorization: Bearer $ADMIN")
    case $status in *'"status":"COMPLETED"'*) break ;; *'"status":"FAILED"'*|*'"status":"STOPPED"'*) bench_die "run $run: $status" ;; esac
    sleep 0.1
  done
  local seconds written
  seconds=$(bench_elapsed "$t0")
  written=$(printf '%s' "$status" | sed -E 's/.*"written":([0-9]+).*/\1/')
  [ "$written" = "$files" ] || bench_die "run $run wrote $written files: $status"
  echo "$seconds"
}

# script <set>: what a script would do: sftp get every file, then curl initialize + upload each; prints the seconds.
script() {
  local t0 f id
  rm -rf "$WORK/got" && mkdir -p "$WORK/got"
  t0=$(bench_now)
  printf 'get %s/* %s/\n' "$WORK/files/$1" "$WORK/got" | "${SFTP[@]}" -b - "$USER_NAME@127.0.0.1" >/dev/null
  for f in "$WORK/got"/*; do
    id=$(curl -fsS "$BASE/broker/api/v1/filetransfer" -H "Authorization: Bearer $SENDER" -H 'Content-Type: application/json' \
      -d "{\"fileName\":\"$(basename "$f")\",\"resourceId\":\"formidling-demo\",\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"]}" |
      sed -E 's/.*"fileTransferId":"([^"]+)".*/\1/')
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $SENDER" -H 'Content-Type: application/octet-stream' -T "$f" \
      "$BASE/broker/api/v1/filetransfer/$id/upload"
  done
  echo "$(bench_elapsed "$t0")"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
bench_log "warm-up: one bridge run of the small files"
files small warmup
bridge small >/dev/null
for set in big small; do
  : >"$WORK/script-$set.txt"; : >"$WORK/bridge-$set.txt"
  for round in $(seq 1 "$ROUNDS"); do
    files "$set" "$round"
    bench_log "$set, round $round: script"
    script "$set" >>"$WORK/script-$set.txt"
    bench_log "$set, round $round: bridge"
    bridge "$set" >>"$WORK/bridge-$set.txt"
  done
done

printf '\n== bridge-sftp: SFTP -> Broker bridge job against `sftp get` + curl, OpenSSH on loopback, %d CPUs, medians of %d rounds ==\n' "$(nproc)" "$ROUNDS"
printf '%-28s %12s %12s %8s   %s\n' files "script s" "bridge s" ratio "all rounds (script | bridge)"
for set in big small; do
  case $set in big) label="1 x $BIG_MIB MiB" ;; *) label="$FILES x $FILE_KIB KiB (concurrency $CONCURRENCY)" ;; esac
  awk -v l="$label" -v s="$(median <"$WORK/script-$set.txt")" -v b="$(median <"$WORK/bridge-$set.txt")" \
      -v all="$(tr '\n' ' ' <"$WORK/script-$set.txt")| $(tr '\n' ' ' <"$WORK/bridge-$set.txt")" \
    'BEGIN { printf "%-28s %12.1f %12.1f %7.2fx   %s\n", l, s, b, s / b, all }'
done
