#!/usr/bin/env bash
# Runs the same workloads through `jnetns -batch` and `ip -batch` (and the same one-shot shows),
# each in a fresh namespace, median of 3, and prints each figure with its ratio to ip from this
# very run; then each of issue 18's targets against its fair baseline from the same run: the route
# batch against bench/rawbench.c's adds without per-request acks (and with them, beside it), the
# one-shot against an empty Java program started with the launcher's flags and an AOT cache of
# its own. As root, with gcc. Usage: bench/compare.sh [ROUTES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jnetns="$root/bin/jnetns"
routes=${1:-100000}
dir=$(mktemp -d)
ns=jnetns-bench-$$
trap 'ip netns del $ns 2>/dev/null || true; rm -rf "$dir"' EXIT

python3 - "$dir" "$routes" <<'PY'
import ipaddress, sys
d, n = sys.argv[1], int(sys.argv[2])
base = int(ipaddress.IPv4Address('198.18.0.0'))
open(d + '/setup', 'w').write('link add v0 type veth peer name v1\nlink set v0 up\nlink set v1 up\naddr add 198.18.0.1/16 dev v0\n')
with open(d + '/routes', 'w') as f:
    for i in range(n):
        f.write('route add %s/32 via 198.18.0.2 dev v0\n' % ipaddress.IPv4Address(base + 256 + i))
with open(d + '/veths', 'w') as f:
    for i in range(1000):
        f.write('link add a%d type veth peer name b%d\n' % (i, i))
with open(d + '/addrs', 'w') as f:
    for i in range(10000):
        f.write('addr add %s/32 dev v0\n' % ipaddress.IPv4Address(base + 65536 + i))
with open(d + '/netns', 'w') as f:
    for i in range(200):
        f.write('netns add jnetns-bench-n%d\n' % i)
    for i in range(200):
        f.write('netns del jnetns-bench-n%d\n' % i)
PY

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
gcc -O2 -Wall -Werror -o "$dir/rawbench" "$root/bench/rawbench.c"
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# time_fresh TOOL FILE [setup]: run TOOL -batch FILE in a fresh namespace; prints seconds
time_fresh() {
  local tool=$1 file=$2 setup=${3:-}
  ip netns add $ns
  [ -n "$setup" ] && ip -n $ns -batch "$dir/setup"
  if [ "$tool" = ip ]; then t=$(seconds ip -n $ns -batch "$file"); else t=$(seconds "$jnetns" -n $ns -batch "$file"); fi
  ip netns del $ns
  echo "$t"
}

row() { printf '%-42s %9.3f %9.3f %7.2f\n' "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)"; }

"$jnetns" version >/dev/null   # builds the jar and its AOT cache first
printf '%-42s %9s %9s %7s\n' "workload (median of 3)" "jnetns s" "ip s" "ratio"
for w in "routes:add $routes routes:setup" "veths:create 1000 veth pairs:" "addrs:add 10000 addresses:setup" "netns:create + delete 200 named netns:"; do
  IFS=: read -r file label setup <<<"$w"
  j=(); i=(); c=(); cn=()
  for r in 1 2 3; do
    j+=("$(time_fresh jnetns "$dir/$file" "$setup")")
    i+=("$(time_fresh ip "$dir/$file" "$setup")")
    if [ "$file" = routes ]; then   # the C program in the same rounds, under the same load
      c+=("$("$dir/rawbench" routes "$routes")")
      cn+=("$("$dir/rawbench" routes-noack "$routes")")
    fi
  done
  [ "$file" != routes ] || { c_ack=$(median "${c[@]}"); c_noack=$(median "${cn[@]}"); }
  row "$label (-batch)" "$(median "${j[@]}")" "$(median "${i[@]}")"
  eval "batch_$file=$(median "${j[@]}") ip_$file=$(median "${i[@]}")"
done

ip netns add $ns
ip -n $ns -batch "$dir/setup"
ip -n $ns -batch "$dir/routes"
for show in "-j route show" "route show" "-j link show"; do
  j=(); i=()
  for r in 1 2 3; do
    # shellcheck disable=SC2086
    j+=("$(seconds "$jnetns" -n $ns $show)")
    # shellcheck disable=SC2086
    i+=("$(seconds ip -n $ns $show)")
  done
  row "$show (one shot, $routes routes)" "$(median "${j[@]}")" "$(median "${i[@]}")"
  case $show in "-j route show") show_j="$(median "${j[@]}") $(median "${i[@]}")" ;; "route show") show_t="$(median "${j[@]}") $(median "${i[@]}")" ;; esac
done
# The empty-JVM baseline starts as bin/jnetns starts a short command: the same JDK and flags (Serial
# GC, no perf data, C1 only, the same young generation, huge pages where bin/jnetns asks them) and an AOT cache of its own, recorded once beforehand.
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$dir/Empty.java"
jdk=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)
if [ -n "$jdk" ]; then
  "$jdk/bin/javac" -d "$dir/classes" "$dir/Empty.java"
  "$jdk/bin/jar" cf "$dir/empty.jar" -C "$dir/classes" Empty.class   # an AOT cache takes jars only
  flags=(-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xmn16m -Xlog:aot=off -Xlog:cds=off)
  ! grep -qF '[madvise]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || flags+=(-XX:+UseTransparentHugePages)   # as bin/jnetns
  "$jdk/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$dir/empty.aot" -cp "$dir/empty.jar" Empty >/dev/null 2>&1
  e=(); j=()
  for r in 1 2 3 4 5 6 7 8 9; do   # median of 9: these are short and noisy
    e+=("$(seconds "$jdk/bin/java" "${flags[@]}" -XX:AOTCache="$dir/empty.aot" -cp "$dir/empty.jar" Empty)")
    j+=("$(JAVA_HOME="$jdk" seconds "$jnetns" -n $ns -j link show)")   # no `env` process the baseline lacks
  done
  oneshot="$(median "${j[@]}") $(median "${e[@]}")"
  printf '%-42s %9.3f %9.3f %7.2f   (vs an empty java program, same flags, own AOT cache)\n' "-j link show vs empty JVM (median of 9)" $oneshot "$(echo "${oneshot% *} / ${oneshot#* }" | bc -l)"
fi
# streaming: a route dump with a 64 MiB heap (the CLI streams what it prints)
count=$(JNETNS_AOT=0 "$jdk/bin/java" -Xmx64m -jar "$root/target/jnetns-cli.jar" -n $ns route show | wc -l)
echo "route show with -Xmx64m: $count routes"

# The C program beside the route batch (timed in the same rounds): the same adds from C, with an
# ack asked for every request and without (the kernel's own rate); its figure is the adds alone
# (rawbench times them itself), the CLI's the whole command, JVM start included.
printf '%-42s %9s %9.3f (acked) %9.3f (no acks)\n' "C: add $routes routes" "" "$c_ack" "$c_noack"

echo
echo "issue 18 targets (ratios from this run)"
target() { printf '  %-58s %6.2f  (target <= %s)\n' "$1" "$(echo "$2 / $3" | bc -l)" "$4"; }
target "-batch $routes route adds / C without acks" "$batch_routes" "$c_noack" 2.5
target "-batch $routes route adds / C with acks" "$batch_routes" "$c_ack" "-"
target "-batch 200 netns add + 200 del / ip -batch" "$batch_netns" "$ip_netns" 2.5
[ -z "${oneshot:-}" ] || target "-j link show / empty JVM, same flags, own AOT cache" ${oneshot% *} ${oneshot#* } 1.5
target "route show, $routes routes / ip" ${show_t% *} ${show_t#* } 1.0
target "-j route show, $routes routes / ip" ${show_j% *} ${show_j#* } 1.0
