#!/usr/bin/env bash
# The CNI crash-consistency test with many kills: CniCrashTest kills the daemon while it serves ADDs,
# and the in-process plugin during its ADD, at random moments within the time ADDs change things,
# N times each (default 500; CI runs 25), and checks after each that a DEL leaves no device, lease,
# attachment record or bridge. The seed is printed; pass -Djnetns.crash.seed=S in MAVEN_ARGS to
# repeat a run. As root, with JDK 25 and Maven. Usage: bench/cni-crash.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# shellcheck disable=SC2086 # extra Maven arguments are words
mvn -B -q test -Dtest=CniCrashTest -Dtest.backend=ffm -Djnetns.crash.kills="${1:-500}" ${MAVEN_ARGS:-} \
  -Dsurefire.failIfNoSpecifiedTests=false
grep -h "seed\|Tests run" target/surefire-reports/dev.jnetns.cni.CniCrashTest*.txt target/surefire-reports/*CniCrashTest-output.txt 2>/dev/null || true
