#!/usr/bin/env bash
# Seed scenario 6: a workload started inside a namespace without CAP_NET_ADMIN (dropped from its
# bounding, effective, permitted and inheritable sets) cannot change its network, even as root.
set -euo pipefail
jnetns=${JNETNS:-$(dirname "$0")/../bin/jnetns}
$jnetns netns add sandbox
trap '$jnetns netns del sandbox' EXIT
if $jnetns netns exec --drop-cap net_admin sandbox ip link set lo up; then
  echo "the workload changed its network" >&2; exit 1
fi
echo "refused: the workload has no CAP_NET_ADMIN"
