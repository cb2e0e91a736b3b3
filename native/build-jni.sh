#!/usr/bin/env bash
# Builds native/jni-syscall.c into OUT (e.g. target/libjnetns-jni.so) with gcc and the jni.h of the
# JDK at JDK_HOME, when OUT is missing or older than the source. Without gcc or jni.h it builds
# nothing and says so: the FFM backend then makes its downcall itself, only slower to start.
# Usage: native/build-jni.sh JDK_HOME OUT
set -euo pipefail
jdk=$1 out=$2
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/jni-syscall.c"
[ ! -f "$out" ] || [ "$src" -nt "$out" ] || exit 0
if ! command -v gcc >/dev/null || [ ! -f "$jdk/include/jni.h" ]; then
  echo "jnetns: not building $out (needs gcc and $jdk/include/jni.h); the FFM backend works without it" >&2
  exit 0
fi
mkdir -p "$(dirname "$out")"
gcc -O2 -Wall -Werror -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" -o "$out.$$" "$src"
mv -f "$out.$$" "$out"
