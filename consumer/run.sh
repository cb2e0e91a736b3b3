#!/usr/bin/env bash
# The downstream-consumer check, run by bin/test after the build (needs target/jnetns.jar and its
# sibling jars): installs the fresh artifacts into a throwaway local repository under target/, then
# builds this directory's project against them as a user's project (compiled for Java 17) and runs
#   - its NetnsExtension test with the oldest and the newest JUnit (CONSUMER_JUNIT, default
#     "5.9.0 5.14.4 6.1.3") on JDK 17 (JNA) and JDK 25 (FFM), on the class path and on the module path;
#   - its main program (example.consumer.VethPair) on both JDKs and both paths, with JNA forced on
#     JDK 25's module path, and once through exec:java with the flag in MAVEN_OPTS;
#   - the main program with native access refused (JDK 25, --illegal-native-access=deny, no flag):
#     one IllegalStateException naming the flag, nothing else;
#   - the test as an unprivileged user (uid 65534): every test fails with one clear line, nothing
#     else is printed.
# Any warning printed (a JVM "WARNING:" line, a "jnetns:" line, an uncaught exception, a Surefire
# dump) fails the run, and so does a descriptor left open (the test and the program compare
# /proc/self/fd before and after). Run as root; Maven Central must be reachable on the first run.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

jdk25="${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jdk17="${JNETNS_JDK17:-$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -n 1)}"
junits=(${CONSUMER_JUNIT:-5.9.0 5.14.4 6.1.3})
repo="$root/target/consumer-repo"   # throwaway local repository: the fresh jnetns, and what the consumer downloads
work="$root/target/consumer"        # a copy of consumer/, so that its build output stays out of the sources
logs="$root/target/consumer-logs"

fail() { echo "consumer: $*" >&2; exit 1; }
for j in "$jdk25" "$jdk17"; do [ -x "$j/bin/java" ] || fail "no JDK at '$j' (set JNETNS_JDK25 / JNETNS_JDK17)"; done
command -v setpriv >/dev/null || fail "setpriv (util-linux) is missing: the unprivileged run needs it"
for f in jnetns.jar jnetns-junit.jar jnetns-sources.jar jnetns-javadoc.jar; do
  [ -f "target/$f" ] || fail "target/$f is missing: run mvn package first"
done
[ "$(id -u)" = 0 ] || fail "run as root (the tests create namespaces)"

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)   # the project's own, first at that indent
mvn_() { JAVA_HOME="$jdk25" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" mvn -B -Dstyle.color=never "$@"; }
# Maven in the consumer project, against the throwaway repository
cmvn() { (cd "$work" && mvn_ -Dmaven.repo.local="$repo" -Djnetns.version="$version" "$@"); }

# Fails when a log holds anything jnetns or the JVM printed as a warning, or Surefire kept a dump.
clean() {
  local log=$1 bad
  bad=$(grep -nE '^WARNING|Exception in thread|jnetns: |Corrupted (STDOUT|channel)' "$log" || true)
  [ -z "$bad" ] || fail "$(basename "$log"): printed what it should not:"$'\n'"$bad"
  ! ls "$work"/target/surefire-reports/*.dumpstream >/dev/null 2>&1 || fail "$(basename "$log"): Surefire dump: $(ls "$work"/target/surefire-reports/*.dumpstream)"
}

echo "consumer: installing dev.jnetns:jnetns:$version (and its junit jar) into $repo"
rm -rf "$repo/dev/jnetns" "$work" "$logs"
mkdir -p "$logs"
mvn_ -q install:install-file -Dfile=target/jnetns.jar -DpomFile=pom.xml -Dsources=target/jnetns-sources.jar \
  -Djavadoc=target/jnetns-javadoc.jar -DlocalRepositoryPath="$repo"
mvn_ -q install:install-file -Dfile=target/jnetns-junit.jar -DpomFile=pom.xml -Dclassifier=junit \
  -DlocalRepositoryPath="$repo"
mkdir -p "$work"
cp -r consumer/pom.xml consumer/src "$work/"

# The test: every JUnit, both JDKs, both paths
for junit in "${junits[@]}"; do
  cmvn -Djunit.version="$junit" test-compile > "$logs/compile-junit$junit.log" 2>&1 \
    || { cat "$logs/compile-junit$junit.log"; fail "the consumer does not compile with JUnit $junit"; }
  clean "$logs/compile-junit$junit.log"
  for jdk in "$jdk17" "$jdk25"; do
    for path in class module; do
      if [ $path = module ]; then access=dev.jnetns mp=true; else access=ALL-UNNAMED mp=false; fi
      run="test-junit$junit-$(basename "$jdk")-$path-path"
      rm -rf "$work/target/surefire-reports"
      if ! cmvn -Djunit.version="$junit" -Dtest.jvm="$jdk/bin/java" -Dsurefire.useModulePath=$mp \
          -Dnative.access=$access surefire:test > "$logs/$run.log" 2>&1; then
        cat "$logs/$run.log"; fail "$run failed"
      fi
      grep -q 'Tests run: 4, Failures: 0, Errors: 0, Skipped: 0' "$logs/$run.log" || fail "$run: not the 4 tests"
      clean "$logs/$run.log"
      echo "consumer: $run passed (4 tests, nothing printed, no descriptor left open)"
    done
  done
done

# The main program
cmvn dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=runtime.cp > "$logs/classpath.log" 2>&1 \
  || { cat "$logs/classpath.log"; fail "no runtime class path"; }
cp="$work/target/classes:$(cat "$work/runtime.cp")"
for jdk in "$jdk17" "$jdk25"; do
  feature=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  backend=jna; [ "$feature" -lt 22 ] || backend=ffm
  for path in class module; do
    if [ $path = module ]; then
      cmd=("$jdk/bin/java" --enable-native-access=dev.jnetns -p "$cp" -m example.consumer/example.consumer.VethPair)
    else
      cmd=("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" example.consumer.VethPair)
    fi
    out=$("${cmd[@]}" 2>&1) || fail "VethPair on JDK $feature, $path path: exit $?: $out"
    want="VethPair: [198.18.0.1/24] [198.18.0.2/24], backend $backend on JDK $feature, $path path"
    [ "$out" = "$want" ] || fail "VethPair on JDK $feature, $path path printed:"$'\n'"$out"$'\n'"instead of:"$'\n'"$want"
    echo "consumer: $out"
  done
done
# JNA forced on JDK 25, module path: JNA's own module needs the access then
out=$("$jdk25/bin/java" -Djnetns.backend=jna --enable-native-access=com.sun.jna -p "$cp" \
  -m example.consumer/example.consumer.VethPair 2>&1) || fail "VethPair with JNA on JDK 25: $out"
[ "$out" = "VethPair: [198.18.0.1/24] [198.18.0.2/24], backend jna on JDK 25, module path" ] \
  || fail "VethPair with JNA on JDK 25, --enable-native-access=com.sun.jna, printed:"$'\n'"$out"
echo "consumer: $out (--enable-native-access=com.sun.jna)"
MAVEN_OPTS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" \
  cmvn org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.mainClass=example.consumer.VethPair > "$logs/exec-java.log" 2>&1 \
  || { cat "$logs/exec-java.log"; fail "exec:java failed"; }
grep -qx 'VethPair: \[198.18.0.1/24\] \[198.18.0.2/24\], backend ffm on JDK 25, class path' "$logs/exec-java.log" \
  || { cat "$logs/exec-java.log"; fail "exec:java did not print VethPair's line"; }
clean "$logs/exec-java.log"
echo "consumer: exec:java with --enable-native-access=ALL-UNNAMED in MAVEN_OPTS passed"

# Native access refused: an exception naming the flag for the path in use, nothing else
for path in class module; do
  if [ $path = module ]; then
    cmd=("$jdk25/bin/java" --illegal-native-access=deny -p "$cp" -m example.consumer/example.consumer.VethPair)
    want='Exception in thread "main" java.lang.IllegalStateException: jnetns needs native access, which this JVM does not grant it: add --enable-native-access=dev.jnetns to the java command (--enable-native-access=ALL-UNNAMED on the class path), e.g. in Surefire'"'"'s argLine'
  else
    cmd=("$jdk25/bin/java" --illegal-native-access=deny -cp "$cp" example.consumer.VethPair)
    want='Exception in thread "main" java.lang.IllegalStateException: jnetns needs native access, which this JVM does not grant it: add --enable-native-access=ALL-UNNAMED to the java command (--enable-native-access=dev.jnetns on the module path), e.g. in Surefire'"'"'s argLine'
  fi
  rc=0; out=$("${cmd[@]}" 2>&1) || rc=$?
  [ $rc = 1 ] || fail "VethPair without native access ($path path): exit $rc instead of 1:"$'\n'"$out"
  rest=$(grep -vE $'^\tat ' <<<"$out" || true)   # the uncaught exception's stack frames aside
  [ "$rest" = "$want" ] || fail "VethPair without native access ($path path) printed:"$'\n'"$out"$'\n'"instead of one line:"$'\n'"$want"
  echo "consumer: native access refused on the $path path: one IllegalStateException naming the flag"
done

# As an unprivileged user: Maven itself runs as uid 65534, from a copy it owns
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp -r "$work" "$tmp/consumer"
cp -r "$repo" "$tmp/repo"
chown -R 65534:65534 "$tmp"
rm -rf "$tmp/consumer/target/surefire-reports"
run=test-unprivileged
if (cd "$tmp/consumer" && setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
    env HOME="$tmp" JAVA_HOME="$jdk25" MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow \
    mvn -B -o -Dstyle.color=never -Dmaven.repo.local="$tmp/repo" -Djnetns.version="$version" \
    -Djunit.version="${junits[-1]}" -Dtest.jvm="$jdk25/bin/java" -Dsurefire.useModulePath=false \
    -Dnative.access=ALL-UNNAMED surefire:test) > "$logs/$run.log" 2>&1; then
  cat "$logs/$run.log"; fail "$run: the tests passed without privileges"
fi
work="$tmp/consumer" clean "$logs/$run.log"
report="$tmp/consumer/target/surefire-reports/TEST-example.consumer.NetnsExtensionTest.xml"
[ -f "$report" ] || { cat "$logs/$run.log"; fail "$run: no test report"; }
# the three tests that take a namespace fail, each with the same one-line message; nothing is printed
want='cannot create a network namespace for the test (needs root: CAP_SYS_ADMIN and CAP_NET_ADMIN): unshare(CLONE_NEWNET): Operation not permitted (EPERM)'
messages=$(grep -oE '<(failure|error) message="[^"]*"' "$report" | sed -E 's/^<(failure|error) message="//; s/"$//')
[ "$(grep -c . <<<"$messages")" = 3 ] || fail "$run: not 3 failures:"$'\n'"$messages"
while IFS= read -r m; do
  [[ $m == *": $want" ]] || fail "$run: not the one clear message: $m"
done <<<"$messages"
! grep -qE '<system-(out|err)>' "$report" || fail "$run: the tests printed: $(sed -n '/<system-/,/<\/system-/p' "$report")"
echo "consumer: unprivileged, each test that needs a namespace fails with: $want"
echo "consumer: all passed"
