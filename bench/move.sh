#!/usr/bin/env bash
# A long link-move campaign: N random configurations built with ip (default 200), each device
# moved in turn with `jnetns link move` and both namespaces checked with ip -d -j against what the
# views before the move compute (MovePropertyTest, which runs 4 in CI). As root.
# Usage: bench/move.sh [N] [SEED]
#   SEED: the run's seed (random by default); -Djnetns.seed=SEED with -Dtest=MovePropertyTest replays it.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
n=${1:-200}
seed=${2:-$(( $(od -An -N4 -tu4 /dev/urandom) ))}
jdk25=${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
test_jdk=${TEST_JDK:-$jdk25}
backend=${BACKEND:-$([ "$test_jdk" = "$jdk25" ] && echo ffm || echo jna)}
[ "$(id -u)" = 0 ] || { echo "bench/move.sh: creates namespaces: run as root" >&2; exit 1; }
mkdir -p target
log="target/move-campaign-$seed.log"
echo "link move campaign: $n configurations, seed $seed, on $test_jdk ($backend); log in $log"
start=$(date +%s)
rc=0
JAVA_HOME="$jdk25" MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -Dstyle.color=never test \
  -Dtest=MovePropertyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest.jvm="$test_jdk/bin/java" -Dtest.backend="$backend" \
  -Dmove.configs="$n" -Djnetns.seed="$seed" >"$log" 2>&1 || rc=$?
grep -E "MovePropertyTest:|Tests run:|failed at try" "$log" | cut -c1-2000 || true
echo "wall time $(( $(date +%s) - start )) s for $n configurations (exit $rc)"
exit "$rc"
