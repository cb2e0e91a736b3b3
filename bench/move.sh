#!/usr/bin/env bash
# A long link-move campaign: N random configurations built with ip (default 200), each device
# moved in turn with `jnetns link move` and both namespaces checked with ip -d -j against what the
# views before the move compute (MovePropertyTest, which runs 4 in CI). As root.
# Usage: bench/move.sh [N] [SEED]
#   SEED: the run's seed (random by default); -Djnetns.seed=SEED with -Dtest=MovePropertyTest replays it.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
source "$(dirname "$(readlink -f "$0")")/campaign.sh" move 200 "$@"
campaign MovePropertyTest -Dmove.configs="$n" -Djnetns.seed="$seed"
grep -E "MovePropertyTest:|Tests run:|failed at try" "$log" | cut -c1-2000 || true
echo "wall time $(( $(date +%s) - start )) s for $n configurations (exit $rc)"
exit "$rc"
