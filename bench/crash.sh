#!/usr/bin/env bash
# Long crash-consistency run: CrashTest with KILLS kill -9 moments per command (default 500) for
# jnetns apply, link move and -batch, each followed by the convergence checks. As root.
#   bench/crash.sh            # 500 kills per command, a fresh seed (printed)
#   KILLS=100 SEED=42 bench/crash.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
seed="${SEED:-$RANDOM$RANDOM}"
MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -Dstyle.color=never test -Dtest=CrashTest \
  -Djnetns.crash.kills="${KILLS:-500}" -Djnetns.seed="$seed" -Dtest.backend="${BACKEND:-ffm}" \
  | grep -E 'CrashTest|Tests run:|FAIL|ERROR'
