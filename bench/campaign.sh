# Sourced by the campaign scripts (conformance.sh, move.sh, topology.sh): one seeded test class run
# far beyond its CI size. `source bench/campaign.sh NAME DEFAULT_N "$@"` reads the script's [N] [SEED]
# and sets root (the working directory), n, seed, log and start; `campaign TEST -Dprop=...` runs the
# test class with the JDK and backend asked for (TEST_JDK=..., BACKEND=jna|ffm) and sets rc.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
name=$1
n=${3:-$2}
seed=${4:-$(( $(od -An -N4 -tu4 /dev/urandom) ))}
jdk25=${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
test_jdk=${TEST_JDK:-$jdk25}
backend=${BACKEND:-$([ "$test_jdk" = "$jdk25" ] && echo ffm || echo jna)}
[ "$(id -u)" = 0 ] || { echo "bench/$name.sh: creates namespaces: run as root" >&2; exit 1; }
mkdir -p target
log="target/$name-campaign-$seed.log"
echo "$name campaign: $n configurations, seed $seed, on $test_jdk ($backend); log in $log"
start=$(date +%s)

campaign() {
  local test=$1
  shift
  rc=0
  JAVA_HOME="$jdk25" MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow" mvn -B -Dstyle.color=never test \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest.jvm="$test_jdk/bin/java" -Dtest.backend="$backend" "$@" >"$log" 2>&1 || rc=$?
}
