#!/bin/sh
# Bridge benchmarks: prints lines starting with "BENCH". Needs PostgreSQL on 127.0.0.1:5432 and OpenSSH server
# (apt-get install -y openssh-server openssh-sftp-server). Sizes: BENCH_FILES (10000), BENCH_BIG_MIB (1024).
set -e
cd "$(dirname "$0")/../.."
mvn -o -q verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='Bridge*Bench' \
  -Dbench.files="${BENCH_FILES:-10000}" -Dbench.bigMiB="${BENCH_BIG_MIB:-1024}" 2>&1 | grep --line-buffered "BENCH"
