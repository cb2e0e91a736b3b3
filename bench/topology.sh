#!/usr/bin/env bash
# A long campaign of TopologyRoundTripTest (issue 12): N random configurations built with ip
# (default 200) for each property - (a) export, netns del, apply gives what ip saw; (c) one
# attribute changed with ip is reported by diff and repaired by apply; (d) a fault at a random step
# of apply is rolled back exactly. CI runs 5 of each. As root.
# Usage: bench/topology.sh [N] [SEED]
#   SEED: the seed of the run (random by default); a failure names it, and
#         -Djnetns.seed=SEED -Dtopology.configs=N replays the run.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
n=${1:-200}
seed=${2:-$(( $(od -An -N4 -tu4 /dev/urandom) ))}
jdk25=${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
test_jdk=${TEST_JDK:-$jdk25}
backend=${BACKEND:-$([ "$test_jdk" = "$jdk25" ] && echo ffm || echo jna)}
[ "$(id -u)" = 0 ] || { echo "bench/topology.sh: creates namespaces: run as root" >&2; exit 1; }
mkdir -p target
log="target/topology-campaign-$seed.log"
echo "topology campaign: $n configurations per property from seed $seed on $test_jdk ($backend); log in $log"
start=$(date +%s)
rc=0
JAVA_HOME="$jdk25" MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow mvn -B -Dstyle.color=never test \
  -Dtest=TopologyRoundTripTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest.jvm="$test_jdk/bin/java" -Dtest.backend="$backend" \
  -Dtopology.configs="$n" -Djnetns.seed="$seed" >"$log" 2>&1 || rc=$?
grep -E "Tests run:|failed at try" "$log" | head -20
echo "wall time $(( $(date +%s) - start )) s for $n configurations x 3 properties"
exit "$rc"
