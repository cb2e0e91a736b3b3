#!/usr/bin/env bash
# Long CNI crash-consistency run: CniCrashTest kills the daemon while it serves ADDs, and the
# in-process plugin during its ADD, at random moments within the time ADDs change things, KILLS
# times each (default 500; CI runs 25), and checks after each that a DEL leaves no device, lease,
# attachment record or bridge. As root, with JDK 25 and Maven.
#   bench/cni-crash.sh            # 500 kills of each kind, a fresh seed (printed)
#   KILLS=100 SEED=42 BACKEND=jna bench/cni-crash.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
seed="${SEED:-$RANDOM$RANDOM}"
MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -Dstyle.color=never test -Dtest=CniCrashTest \
  -Djnetns.crash.kills="${KILLS:-500}" -Djnetns.seed="$seed" -Dtest.backend="${BACKEND:-ffm}" \
  | grep -E 'CniCrashTest|Tests run:|FAIL|ERROR'
