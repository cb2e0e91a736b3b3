#!/usr/bin/env bash
# Seed scenario 5: migration of a network namespace. Export a live namespace to a topology file,
# delete it, apply the file: the same devices, addresses and routes come back.
set -euo pipefail
jnetns=${JNETNS:-$(dirname "$0")/../bin/jnetns}
dir=$(mktemp -d)
$jnetns netns add migrant
trap '$jnetns netns del migrant 2>/dev/null || true; rm -rf "$dir"' EXIT
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
# what ip shows, without ifindexes, kernel-made addresses and routes, and passing DAD/carrier states
state() {
  $jnetns -n migrant link show | sed -E 's/^[0-9]+: //; s/(NO-CARRIER|LOWER_UP|M-DOWN),?//g; s/,>/>/; s/ state [A-Z]+//'
  $jnetns -n migrant addr show | grep -E '^ +inet' | grep -v 'scope link' | sed 's/ tentative//'
  $jnetns -n migrant route show table all | grep -v 'proto kernel' || true
}
before=$(state)
$jnetns netns export migrant > "$dir/migrant.json"
$jnetns netns del migrant
$jnetns apply "$dir/migrant.json"
after=$(state)
$jnetns diff "$dir/migrant.json" >/dev/null || { echo "diff finds drift right after apply" >&2; exit 1; }
$jnetns netns export migrant > "$dir/again.json"
if [ "$before" != "$after" ]; then
  echo "state differs after migration:" >&2; diff <(echo "$before") <(echo "$after") >&2; exit 1
fi
if ! cmp -s "$dir/migrant.json" "$dir/again.json"; then
  echo "a second export differs:" >&2; diff "$dir/migrant.json" "$dir/again.json" >&2; exit 1
fi
echo "migrated: same state"
