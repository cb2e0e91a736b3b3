#!/usr/bin/env bash
# `podman run --rm IMAGE true` (CNI backend) on jnetns networks beside the same run on the reference
# bridge and ptp plugins, alternated (each round runs every network once, in a rotating order),
# median of N (default 15), with each ratio to the reference bridge plugin from this very run.
# jnetns runs as the shim target/jnetns-cni: "direct" with no daemon answering (the shim runs the
# plugin in-process), "daemon" served by a `jnetns cni-daemon` started here; IPAM is host-local
# (delegated) or the built-in jnetns-host-local. BEFORE=DIR adds a run of the plugin of another
# checkout (its bin/jnetns-cni, built), e.g. of the commit before the daemon, for "no slower than before".
# podman runs in a throwaway namespace with its own config and storage: the host's network is not
# touched. As root, with podman, containernetworking-plugins and gcc. Usage: bench/cni-podman.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n=${1:-15}
w=$(mktemp -d /tmp/jnetns-cni-bench.XXXXXX)
ns=jnetns-cnibench-$$
daemon=
export CONTAINERS_CONF=$w/containers.conf CONTAINERS_STORAGE_CONF=$w/storage.conf
cleanup() {
  [ -z "$daemon" ] || { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null || true; }
  nsenter --net="/run/netns/$ns" podman rmi -af >/dev/null 2>&1 || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf /var/lib/cni/results/jnbench-* "$w"
}
trap cleanup EXIT
"$root/docker/bootstrap.sh" rootfs
"$root/bin/jnetns-cni" --build
"$root/bin/jnetns" version >/dev/null   # builds the jar and its AOT cache outside the timing
mkdir -p "$w/bin" "$w/net.d"
ln -s "$root/target/jnetns-cni" "$w/bin/jnetns"
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
"$root/bin/jnetns" cni-daemon --socket "$w/cni.sock" 2>"$w/daemon.log" &
daemon=$!
for _ in $(seq 300); do [ -S "$w/cni.sock" ] && break; sleep 0.1; done
[ -S "$w/cni.sock" ] || { cat "$w/daemon.log" >&2; exit 1; }
for _ in $(seq 600); do grep -q ' warm (' "$w/daemon.log" && break; sleep 0.1; done   # measure it warm

nets=()
i=0
net() {   # NAME PLUGIN-FIELDS [IPAM-TYPE]
  i=$((i + 1))
  printf '{"cniVersion":"1.0.0","name":"%s","plugins":[{%s,"ipam":{"type":"%s","dataDir":"%s/ipam","ranges":[[{"subnet":"198.18.%d.0/24"}]]}}]}\n' \
    "$1" "$2" "${3:-host-local}" "$w" $((20 + i)) > "$w/net.d/$1.conflist"
  nets+=("$1")
}
jn='"type":"jnetns","stateDir":"'"$w"'/state"'
net jnbench-ref-bridge '"type":"bridge","bridge":"jnbref0","isGateway":true'
net jnbench-ref-ptp '"type":"ptp"'
net jnbench-direct "$jn"',"mode":"veth","daemonSocket":"'"$w"'/none.sock"'
net jnbench-daemon "$jn"',"mode":"veth","daemonSocket":"'"$w"'/cni.sock"'
net jnbench-daemon-builtin "$jn"',"mode":"veth","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
net jnbench-daemon-bridge "$jn"',"mode":"bridge","bridge":"jnbjn0","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
if [ -n "${BEFORE:-}" ]; then
  ln -s "$BEFORE/bin/jnetns-cni" "$w/bin/jnetns-before"
  net jnbench-before '"type":"jnetns-before","mode":"veth"'
fi
ip netns add "$ns"
in_ns() { nsenter --net="/run/netns/$ns" "$@"; }
in_ns podman import -q /var/cache/jnetns/bookworm-rootfs.tar localhost/jnetns-bench >/dev/null

declare -A times
for round in $(seq 0 "$n"); do   # round 0 warms the page cache and is dropped
  for k in "${!nets[@]}"; do
    net=${nets[$(( (k + round) % ${#nets[@]} ))]}
    s=$(date +%s%N)
    in_ns podman run --rm --network "$net" localhost/jnetns-bench true
    e=$(date +%s%N)
    [ "$round" = 0 ] || times[$net]+="$(( (e - s) / 1000000 )) "
  done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ref=$(echo "${times[jnbench-ref-bridge]}" | median)
printf '%-28s %8s %7s   (podman run --rm IMAGE true, median of %s, alternated)\n' network ms ratio "$n"
for net in "${nets[@]}"; do
  m=$(echo "${times[$net]}" | median)
  printf '%-28s %8s %7s\n' "${net#jnbench-}" "$m" "$(echo "scale=2; $m / $ref" | bc)"
done
echo "calls the daemon served: $(grep -c ' rc=' "$w/daemon.log"), failed: $(grep ' rc=' "$w/daemon.log" | grep -vc ' rc=0 ' || true)"
