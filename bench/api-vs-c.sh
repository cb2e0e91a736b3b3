#!/usr/bin/env bash
# The library beside the kernel's own rate: `jnetns bench` (the API, in one warmed JVM) and
# bench/rawbench.c (hand-written requests from C) on the same workloads, each in a fresh namespace,
# median of 3, with the ratios from this very run. The adds are timed twice in C: with an ack asked
# for every request (256 requests per send) and without (64 KiB per send, one barrier per datagram,
# as the API sends them: the kernel's own rate); the API's figure is given against both.
# As root, with gcc. Usage: bench/api-vs-c.sh [ROUTES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
routes=${1:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gcc -O2 -Wall -Werror -o "$dir/rawbench" "$root/bench/rawbench.c"

median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
raw() { local t=(); for _ in 1 2 3; do t+=("$("$dir/rawbench" "$@")"); done; median "${t[@]}"; }
ratio() { if [ "$2" = - ]; then echo -; else printf '%.2f' "$(echo "$1 / $2" | bc -l)"; fi; }

api=$("$root/bin/jnetns" bench --routes "$routes" --rounds 3)
# the API's figures, by the start of their workload's name
api_of() { awk -v w="$1" 'index($0, w) == 1 { print $NF }' <<<"$api"; }
printf '%-34s %8s %10s %10s %9s %9s\n' "workload (median of 3)" "jnetns s" "C ack s" "C no-ack s" "vs ack" "vs no-ack"
for w in "add $routes /32 routes:routes $routes:routes-noack $routes" "dump + decode $routes routes:dump $routes:" \
    "create 1000 veth pairs:veth 1000:veth-noack 1000" "create + delete 200 named netns:netns 200:"; do
  IFS=: read -r label args noack <<<"$w"
  j=$(api_of "$label")
  # shellcheck disable=SC2086 # args are words
  c=$(raw $args)
  # shellcheck disable=SC2086
  n=$([ -z "$noack" ] && echo - || raw $noack)
  printf '%-34s %8.3f %10.3f %10s %9s %9s\n' "$label" "$j" "$c" "$n" "$(ratio "$j" "$c")" "$(ratio "$j" "$n")"
done
