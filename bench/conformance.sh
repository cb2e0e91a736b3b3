#!/usr/bin/env bash
# A long conformance campaign: N random configurations built with ip (default 5000), each compared
# with jnetns in every show form and round-tripped message by message - the generator and checks of
# ConformanceTest, which runs 200 in CI. Prints the summary (differences by object and form,
# round-trip counts, what the kernel refused, time per configuration). As root.
# Usage: bench/conformance.sh [N] [SEED]
#   SEED: the first configuration's seed (random by default); configuration i uses SEED + i, and
#         -Dconformance.seed=S -Dconformance.configs=1 with -Dtest=ConformanceTest replays one.
#   TEST_JDK=/usr/lib/jvm/java-17-openjdk-amd64 BACKEND=jna for the JDK 17 / JNA pass.
source "$(dirname "$(readlink -f "$0")")/campaign.sh" conformance 5000 "$@"
campaign ConformanceTest -Dconformance.configs="$n" -Dconformance.seed="$seed"
cat target/conformance/report.txt
echo "wall time $(( $(date +%s) - start )) s for $n configurations; each differing configuration's diffs: target/conformance/seed-*.txt"
exit "$rc"
