#!/usr/bin/env bash
# `podman run --rm` (CNI backend) on a jnetns network beside the same run on the reference bridge
# plugin, alternated, median of N (default 9), with the ratio from this very run. podman runs in a
# throwaway namespace with its own config and storage, so the host's network is not touched.
# As root, with podman and containernetworking-plugins installed. Usage: bench/cni-podman.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n=${1:-9}
w=$(mktemp -d /tmp/jnetns-cni-bench.XXXXXX)
ns=jnetns-cnibench-$$
export CONTAINERS_CONF=$w/containers.conf CONTAINERS_STORAGE_CONF=$w/storage.conf
cleanup() {
  podman rmi -af >/dev/null 2>&1 || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf /var/lib/cni/results/jnbench-* "$w"
}
trap cleanup EXIT
"$root/docker/bootstrap.sh" rootfs
mkdir -p "$w/bin" "$w/net.d"
ln -s "$root/bin/jnetns-cni" "$w/bin/jnetns"
cat > "$w/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[network]
network_backend = "cni"
cni_plugin_dirs = ["$w/bin", "/usr/lib/cni"]
network_config_dir = "$w/net.d"
[engine]
tmp_dir = "$w/tmp"
CONF
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/run"\n' "$w" "$w" > "$w/storage.conf"
net() {   # NAME SUBNET PLUGIN-FIELDS
  printf '{"cniVersion":"1.0.0","name":"%s","plugins":[{%s,"ipam":{"type":"host-local","dataDir":"%s/ipam","ranges":[[{"subnet":"%s"}]]}}]}\n' \
    "$1" "$3" "$w" "$2" > "$w/net.d/$1.conflist"
}
net jnbench-ref 198.18.20.0/24 '"type":"bridge","bridge":"jnbref0","isGateway":true'
net jnbench-veth 198.18.21.0/24 '"type":"jnetns","mode":"veth"'
net jnbench-bridge 198.18.22.0/24 '"type":"jnetns","mode":"bridge","bridge":"jnbjn0"'
ip netns add "$ns"
in_ns() { nsenter --net="/run/netns/$ns" "$@"; }
in_ns podman import -q /var/cache/jnetns/bookworm-rootfs.tar localhost/jnetns-bench >/dev/null
"$root/bin/jnetns" -V >/dev/null   # builds the jar and the AOT cache outside the timing

declare -A times
for _ in $(seq 0 "$n"); do   # round 0 warms the page cache and is dropped
  for net in jnbench-ref jnbench-veth jnbench-bridge; do
    s=$(date +%s%N)
    in_ns podman run --rm --network "$net" localhost/jnetns-bench true
    e=$(date +%s%N)
    times[$net]+="$(( (e - s) / 1000000 )) "
  done
done
median() { tr ' ' '\n' | sed '/^$/d' | tail -n +2 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ref=$(echo "${times[jnbench-ref]}" | median)
printf '%-28s %6s ms\n' "reference bridge plugin" "$ref"
for net in jnbench-veth jnbench-bridge; do
  m=$(echo "${times[$net]}" | median)
  printf '%-28s %6s ms  %sx\n' "jnetns ${net#jnbench-}" "$m" "$(echo "scale=2; $m / $ref" | bc)"
done
