#!/usr/bin/env bash
# A long campaign of TopologyRoundTripTest (issue 12): N random configurations built with ip
# (default 200) for each property - (a) export, netns del, apply gives what ip saw; (c) one
# attribute changed with ip is reported by diff and repaired by apply; (d) a fault at a random step
# of apply is rolled back exactly. CI runs 5 of each. As root.
# Usage: bench/topology.sh [N] [SEED]
#   SEED: the seed of the run (random by default); a failure names it, and
#         -Djnetns.seed=SEED -Dtopology.configs=N replays the run.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
source "$(dirname "$(readlink -f "$0")")/campaign.sh" topology 200 "$@"
campaign TopologyRoundTripTest -Dtopology.configs="$n" -Djnetns.seed="$seed"
grep -E "Tests run:|failed at try" "$log" | head -20
echo "wall time $(( $(date +%s) - start )) s for $n configurations x 3 properties"
exit "$rc"
