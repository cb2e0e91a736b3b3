#!/usr/bin/env bash
# One CNI ADD + DEL pair, exec'd as a runtime execs plugins (the CNI_* environment, the config on
# stdin, a fresh process each call, from a shell inside a throwaway "runtime" namespace), for the
# reference bridge and ptp plugins and for jnetns without a daemon (the shim runs the plugin
# in-process) and with one (the shim hands the call to `jnetns cni-daemon`), all with host-local;
# alternated (each round runs every variant once, in a rotating order), median of N (default 15),
# with each ratio to the reference bridge plugin from this very run. BEFORE=DIR adds the plugin of
# another checkout (its bin/jnetns-cni, built), e.g. of the commit before the daemon.
# As root, with containernetworking-plugins and gcc. Usage: bench/cni-pair.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
n=${1:-15}
w=$(mktemp -d /tmp/jnetns-cni-pair.XXXXXX)
rt=jnetns-cnipair-$$
daemon=
cleanup() {
  [ -z "$daemon" ] || { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null || true; }
  for ns in $(ip netns list | awk -v p="$rt" 'index($1, p) == 1 {print $1}'); do ip netns del "$ns"; done
  rm -rf "$w"
}
trap cleanup EXIT
"$root/bin/jnetns-cni" --build
"$root/bin/jnetns" version >/dev/null   # builds the jar and its AOT cache outside the timing
"$root/bin/jnetns" cni-daemon --socket "$w/cni.sock" 2>"$w/daemon.log" &
daemon=$!
for _ in $(seq 100); do [ -S "$w/cni.sock" ] && break; sleep 0.1; done
[ -S "$w/cni.sock" ] || { cat "$w/daemon.log" >&2; exit 1; }
for _ in $(seq 600); do grep -q ' warm (' "$w/daemon.log" && break; sleep 0.1; done   # measure it warm

ip netns add "$rt"
# variant NAME PLUGIN CONFIG-FIELDS [IPAM]: the plugin's config, one line, in $w/NAME.json
i=0
variant() {
  i=$((i + 1))
  printf '{"cniVersion":"1.0.0","name":"%s",%s,"ipam":{"type":"%s","dataDir":"%s/ipam","ranges":[[{"subnet":"198.18.%d.0/24"}]]}}\n' \
    "$1" "$3" "${4:-host-local}" "$w" $((80 + i)) > "$w/$1.json"
  echo "$1 $2" >> "$w/variants"
  ip netns add "$rt-$1"
}
variant ref-bridge /usr/lib/cni/bridge '"type":"bridge","bridge":"jnpref0","isGateway":true'
variant ref-ptp /usr/lib/cni/ptp '"type":"ptp"'
variant jnetns-direct "$root/target/jnetns-cni" '"type":"jnetns","mode":"veth","stateDir":"'"$w"'/state","daemonSocket":"'"$w"'/none.sock"'
variant jnetns-daemon "$root/target/jnetns-cni" '"type":"jnetns","mode":"veth","stateDir":"'"$w"'/state","daemonSocket":"'"$w"'/cni.sock"'
variant jnetns-daemon-builtin "$root/target/jnetns-cni" '"type":"jnetns","mode":"veth","stateDir":"'"$w"'/state","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
variant jnetns-daemon-bridge "$root/target/jnetns-cni" '"type":"jnetns","mode":"bridge","bridge":"jnpjn0","stateDir":"'"$w"'/state","daemonSocket":"'"$w"'/cni.sock"' jnetns-host-local
[ -z "${BEFORE:-}" ] || variant jnetns-before "$BEFORE/bin/jnetns-cni" '"type":"jnetns","mode":"veth"'

# The runtime: a bash loop inside the runtime namespace, timing with $EPOCHREALTIME (no fork).
cat > "$w/drive.sh" <<'EOF'
set -euo pipefail
w=$1 rt=$2 n=$3
mapfile -t variants < "$w/variants"
call() {   # COMMAND NAME PLUGIN
  env -i CNI_COMMAND="$1" CNI_CONTAINERID="pair-$2" CNI_NETNS="/run/netns/$rt-$2" CNI_IFNAME=eth0 \
    CNI_PATH=/usr/lib/cni "$3" < "$w/$2.json" > "$w/out" || { echo "$1 $2 failed: $(cat "$w/out")" >&2; exit 1; }
}
for round in $(seq 0 "$n"); do   # round 0 warms caches and is dropped
  for k in "${!variants[@]}"; do
    read -r name plugin <<< "${variants[$(( (k + round) % ${#variants[@]} ))]}"
    s=$EPOCHREALTIME
    call ADD "$name" "$plugin"
    call DEL "$name" "$plugin"
    e=$EPOCHREALTIME
    [ "$round" = 0 ] || echo "$name $(( (${e/./} - ${s/./}) / 1000 ))"
  done
done
EOF
nsenter --net="/run/netns/$rt" bash "$w/drive.sh" "$w" "$rt" "$n" > "$w/times"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ref=$(awk '$1 == "ref-bridge" {print $2}' "$w/times" | median)
printf '%-24s %8s %7s   (ADD + DEL, median of %s, alternated)\n' "plugin" "ms" "ratio" "$n"
while read -r name _; do
  m=$(awk -v v="$name" '$1 == v {print $2}' "$w/times" | median)
  printf '%-24s %8s %7s\n' "$name" "$m" "$(echo "scale=2; $m / $ref" | bc)"
done < "$w/variants"
echo "devices left in the runtime namespace besides lo and the reference bridge:" \
  "$(nsenter --net="/run/netns/$rt" ip -o link show | grep -vcE ': (lo|jnpref0):' || true)"
