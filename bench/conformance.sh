#!/usr/bin/env bash
# A long conformance campaign: N random configurations built with ip (default 5000), each compared
# with jnetns in every show form and round-tripped message by message - the generator and checks of
# ConformanceTest, which runs 200 in CI. Prints the summary (differences by object and form,
# round-trip counts, what the kernel refused, time per configuration). As root.
# Usage: bench/conformance.sh [N] [SEED]
#   SEED: the first configuration's seed (random by default); configuration i uses SEED + i, and
#         -Dconformance.seed=S -Dconformance.configs=1 with -Dtest=ConformanceTest replays one.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
n=${1:-5000}
seed=${2:-$(( $(od -An -N4 -tu4 /dev/urandom) ))}
jdk25=${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
test_jdk=${TEST_JDK:-$jdk25}
backend=${BACKEND:-$([ "$test_jdk" = "$jdk25" ] && echo ffm || echo jna)}
[ "$(id -u)" = 0 ] || { echo "bench/conformance.sh: creates namespaces: run as root" >&2; exit 1; }
mkdir -p target/conformance
log="target/conformance/campaign-$seed.log"
echo "conformance campaign: $n configurations from seed $seed on $test_jdk ($backend); log in $log"
start=$(date +%s)
rc=0
JAVA_HOME="$jdk25" mvn -B -Dstyle.color=never test -Dtest=ConformanceTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest.jvm="$test_jdk/bin/java" -Dtest.backend="$backend" \
  -Dconformance.configs="$n" -Dconformance.seed="$seed" >"$log" 2>&1 || rc=$?
cat target/conformance/report.txt
echo "wall time $(( $(date +%s) - start )) s for $n configurations; each differing configuration's diffs: target/conformance/seed-*.txt"
exit "$rc"
