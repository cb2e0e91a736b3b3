#!/usr/bin/env bash
# The twin of bench/cni-podman.sh for containerd 1.6: `ctr run --rm --cni IMAGE ID true` (go-cni,
# what containerd's CRI plugin uses) on jnetns networks beside the reference bridge and ptp
# plugins, alternated, median of N (default 15), each ratio to the reference bridge plugin from
# this very run; jnetns direct (no daemon: the shim runs the plugin in-process) and served by a
# daemon, with host-local or the built-in IPAM; BEFORE=DIR adds another checkout's plugin.
# Everything runs in a throwaway net+mount+pid namespace with a private /run, /opt/cni/bin,
# /etc/cni/net.d and /var/lib/cni and a containerd of its own (ctr uses the first conflist of
# /etc/cni/net.d: each run puts its network's there). As root, with containerd, runc,
# containernetworking-plugins and gcc. Usage: bench/cni-containerd.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
self=$(readlink -f "${BASH_SOURCE[0]}")
IMG=localhost/jnetns-ctr-bench:1
export CONTAINERD_NAMESPACE=${CONTAINERD_NAMESPACE:-jnetns-ctr-bench-$$}   # set once, outside

inner() {   # W N: inside the throwaway namespaces
  local W=$1 n=$2
  export CONTAINERD_ADDRESS=$W/containerd.sock
  mount -t tmpfs jnetns-ctr-run /run
  mkdir -p /run/containerd
  mount --bind "$W/net.d" /etc/cni/net.d
  mount -t tmpfs jnetns-ctr-opt /opt
  mkdir -p /opt/cni/bin
  mount --bind "$W/bin" /opt/cni/bin
  mount --bind "$W/lib" /var/lib/cni
  ip link set lo up
  containerd --config "$W/config.toml" > "$W/containerd.log" 2>&1 &
  "$root/bin/jnetns" cni-daemon --socket "$W/cni.sock" 2> "$W/daemon.log" &
  for _ in $(seq 300); do ctr version >/dev/null 2>&1 && [ -S "$W/cni.sock" ] && break; sleep 0.1; done
  for _ in $(seq 600); do grep -q ' warm (' "$W/daemon.log" && break; sleep 0.1; done   # measure it warm
  tar -C "$W/oci" -c oci-layout index.json blobs | ctr image import - >/dev/null
  local round k net s e
  declare -A times
  mapfile -t nets < "$W/nets"
  for round in $(seq 0 "$n"); do   # round 0 warms caches and is dropped
    for k in "${!nets[@]}"; do
      net=${nets[$(( (k + round) % ${#nets[@]} ))]}
      cp "$W/confs/$net.conflist" "$W/net.d/10-bench.conflist"
      s=$EPOCHREALTIME
      ctr run --rm --cni "$IMG" "b$round-$k" true
      e=$EPOCHREALTIME
      [ "$round" = 0 ] || times[$net]+="$(( (${e/./} - ${s/./}) / 1000 )) "
    done
  done
  median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  local ref m
  ref=$(echo "${times[ref-bridge]}" | median)
  printf '%-24s %8s %7s   (ctr run --rm --cni IMAGE ID true, median of %s, alternated)\n' network ms ratio "$n"
  for net in "${nets[@]}"; do
    m=$(echo "${times[$net]}" | median)
    printf '%-24s %8s %7s\n' "$net" "$m" "$(echo "scale=2; $m / $ref" | bc)"
  done
  echo "calls the daemon served: $(grep -c ' rc=' "$W/daemon.log"), failed: $(grep ' rc=' "$W/daemon.log" | grep -vc ' rc=0 ' || true)"
  echo "devices left inside besides lo and the reference bridge: $(ip -o link show | grep -vcE ': (lo|jnbref0):' || true)"
}
if [ "${1:-}" = inner ]; then shift; inner "$@"; exit $?; fi

n=${1:-15}
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
[ -d /etc/cni/net.d ] || { echo "/etc/cni/net.d missing (podman's package makes it)" >&2; exit 1; }
mkdir -p /var/lib/cni
w=$(mktemp -d /tmp/jnetns-ctr-bench.XXXXXX)
cleanup() {
  for d in /sys/fs/cgroup/*/"$CONTAINERD_NAMESPACE"; do [ -d "$d" ] && rmdir "$d" 2>/dev/null; done
  rm -rf "$w"
}
trap cleanup EXIT
"$root/docker/bootstrap.sh" rootfs
"$root/bin/jnetns-cni" --build
"$root/bin/jnetns" version >/dev/null   # builds the jars and the AOT cache outside the timing
mkdir -p "$w"/{net.d,bin,lib,opt,confs,oci/blobs/sha256}
ln -s "$root/target/jnetns-cni" "$w/bin/jnetns"
for p in bridge ptp host-local tuning; do ln -s "/usr/lib/cni/$p" "$w/bin/$p"; done
cat > "$w/config.toml" <<EOF
version = 2
disabled_plugins = ["io.containerd.grpc.v1.cri"]
root = "$w/root"
state = "$w/state"
[grpc]
  address = "$w/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$w/opt"
EOF
i=0
net() {   # NAME PLUGIN-FIELDS [IPAM-TYPE]
  i=$((i + 1))
  printf '{"cniVersion":"1.0.0","name":"%s","plugins":[{%s,"ipam":{"type":"%s","ranges":[[{"subnet":"198.18.%d.0/24"}]]}}]}\n' \
    "$1" "$2" "${3:-host-local}" $((60 + i)) > "$w/confs/$1.conflist"
  echo "$1" >> "$w/nets"
}
jn='"type":"jnetns","stateDir":"'"$w"'/state-cni"'
net ref-bridge '"type":"bridge","bridge":"jnbref0","isGateway":true'
net ref-ptp '"type":"ptp"'
net direct "$jn"',"mode":"veth","daemonSocket":"'"$w"'/none.sock"'
net daemon "$jn"',"mode":"veth","daemonSocket":"'"$w"'/cni.sock"'
net daemon-builtin "$jn"',"mode":"veth","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
net daemon-bridge "$jn"',"mode":"bridge","bridge":"jnbjn0","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
if [ -n "${BEFORE:-}" ]; then
  ln -s "$BEFORE/bin/jnetns-cni" "$w/bin/jnetns-before"
  net before '"type":"jnetns-before","mode":"veth"'
fi
# the image: an OCI layout whose one layer is the rootfs tarball
tar=/var/cache/jnetns/bookworm-rootfs.tar
b=$w/oci/blobs/sha256
layer=$(sha256sum "$tar" | cut -d' ' -f1)
ln "$tar" "$b/$layer" 2>/dev/null || cp "$tar" "$b/$layer"
blob() { local d; printf '%s' "$1" > "$b/tmp"; d=$(sha256sum "$b/tmp" | cut -d' ' -f1); mv "$b/tmp" "$b/$d"; echo "$d"; }
config=$(blob '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/bash"]},"rootfs":{"type":"layers","diff_ids":["sha256:'"$layer"'"]}}')
manifest=$(blob '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'"$config"'","size":'"$(stat -c %s "$b/$config")"'},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:'"$layer"'","size":'"$(stat -c %s "$tar")"'}]}')
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest" "$(stat -c %s "$b/$manifest")" "$IMG" > "$w/oci/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$w/oci/oci-layout"
unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private -- "$self" inner "$w" "$n"
