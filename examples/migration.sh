#!/usr/bin/env bash
# Seed scenario 5: migration of a network namespace. Export a live namespace to a topology file,
# delete it, apply the file: the same devices, addresses and routes come back, as ip sees them.
set -euo pipefail
jnetns=${JNETNS:-$(dirname "$0")/../bin/jnetns}
dir=$(mktemp -d)
$jnetns netns add migrant
trap '$jnetns netns del migrant 2>/dev/null || true; rm -rf "$dir"' EXIT
# no DAD on new devices, so that their link-local addresses hold still; export carries these sysctls
ip netns exec migrant sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
$jnetns -n migrant link add br0 type bridge
$jnetns -n migrant link add m0 mtu 1400 type veth peer name m1
$jnetns -n migrant link set m1 master br0
$jnetns -n migrant link set m0 up
$jnetns -n migrant link set m1 up
$jnetns -n migrant link set br0 up
$jnetns -n migrant addr add 198.18.80.1/24 dev m0
$jnetns -n migrant addr add fd00:80::1/64 dev m0 nodad
$jnetns -n migrant route add 198.18.81.0/24 via 198.18.80.2 metric 20
$jnetns -n migrant route add 198.18.82.0/24 via 198.18.80.2 table 100
$jnetns -n migrant route add fd00:81::/64 via fd00:80::2
$jnetns -n migrant route add 198.18.83.0/24 nexthop via 198.18.80.2 dev m0 weight 2 nexthop via 198.18.80.3 dev m0
# what ip shows (ip, not jnetns, is the judge): ip -d -j link, addr and route (both families, every
# table), one object a line; without ifindexes (a new namespace numbers its devices afresh), the
# bridge's running timers, and the kernel's own routes (made with addresses as devices come up, in
# the order they came up, which a file does not say)
ipstate() {
  ip -n migrant -d -j link show
  ip -n migrant -j addr show
  ip -n migrant -4 -d -j route show table all
  ip -n migrant -6 -d -j route show table all
}
state() {
  ipstate | sed -E 's/\},\{/},\n{/g; s/"ifindex":[0-9]+,//g' \
    | sed -E 's/"(hello|tcn|topology_change|gc|hold|message_age|forward_delay)_timer":[0-9.]+/"\1_timer":"<timer>"/g' \
    | grep -v '"protocol":"kernel"'
}
# carrier comes on its own a moment after "up": wait until ip answers the same twice
settled() {
  local a b
  a=$(state); for _ in $(seq 20); do sleep 0.2; b=$(state); [ "$a" = "$b" ] && break; a=$b; done
  echo "$b"
}
before=$(settled)
$jnetns netns export migrant > "$dir/migrant.json"
$jnetns netns del migrant
$jnetns apply "$dir/migrant.json"
after=$(settled)
$jnetns diff "$dir/migrant.json" >/dev/null || { echo "diff finds drift right after apply" >&2; exit 1; }
$jnetns netns export migrant > "$dir/again.json"
if [ "$before" != "$after" ]; then
  echo "state differs after migration:" >&2; diff <(echo "$before") <(echo "$after") >&2; exit 1
fi
if ! cmp -s "$dir/migrant.json" "$dir/again.json"; then
  echo "a second export differs:" >&2; diff "$dir/migrant.json" "$dir/again.json" >&2; exit 1
fi
echo "migrated: same state"
