#!/usr/bin/env bash
# Seed scenario 1: a device handed to a namespace. A veth pair made in "host-sim" (a stand-in for
# the host: the real host namespace is never touched), configured, then one end is moved into
# "container" with its addresses and routes: it keeps working there.
set -euo pipefail
jnetns=${JNETNS:-$(dirname "$0")/../bin/jnetns}
$jnetns netns add host-sim
$jnetns netns add container
trap '$jnetns netns del container; $jnetns netns del host-sim' EXIT
$jnetns -n host-sim link add eth1 type veth peer name hv0
$jnetns -n host-sim addr add 198.18.70.2/24 dev eth1
$jnetns -n host-sim addr add 198.18.70.1/24 dev hv0
$jnetns -n host-sim link set hv0 up
$jnetns -n host-sim link set eth1 up
$jnetns -n host-sim route add 198.18.71.0/24 via 198.18.70.1 dev eth1 table 100
$jnetns -n host-sim link move eth1 netns container
$jnetns -n container addr show dev eth1
$jnetns -n container route show table 100
$jnetns netns exec container ping -c 1 -W 2 198.18.70.1
