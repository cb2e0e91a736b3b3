#!/usr/bin/env bash
# The library beside the kernel's own rate: `jnetns bench` (the API, in one warmed JVM) and
# bench/rawbench.c (hand-written requests from C, 256 per send) on the same workloads, each in a
# fresh namespace, median of 3, with the ratio from this very run. As root, with gcc.
# Usage: bench/api-vs-c.sh [ROUTES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
routes=${1:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gcc -O2 -Wall -Werror -o "$dir/rawbench" "$root/bench/rawbench.c"

median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
raw() { local t=(); for _ in 1 2 3; do t+=("$("$dir/rawbench" "$@")"); done; median "${t[@]}"; }

api=$("$root/bin/jnetns" bench --routes "$routes" --rounds 3)
# the API's figures, by the start of their workload's name
api_of() { awk -v w="$1" 'index($0, w) == 1 { print $NF }' <<<"$api"; }
printf '%-36s %9s %9s %7s\n' "workload (median of 3)" "jnetns s" "raw C s" "ratio"
for w in "add $routes /32 routes:routes $routes" "dump + decode $routes routes:dump $routes" \
    "create 1000 veth pairs:veth 1000" "create + delete 200 named netns:netns 200"; do
  IFS=: read -r label args <<<"$w"
  j=$(api_of "$label")
  # shellcheck disable=SC2086 # args are words
  c=$(raw $args)
  printf '%-36s %9.3f %9.3f %7.2f\n' "$label" "$j" "$c" "$(echo "$j / $c" | bc -l)"
done
