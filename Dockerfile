# The jnetns image: a jlinked JDK 25 runtime, the CLI (jnetns-cli.jar, with the library jnetns.jar
# and lib/jna.jar beside it, as its manifest's Class-Path says), and iproute2 + ping (the oracle, and traffic
# inside). Build it after the jars, the CNI shim and the runtime exist (mvn package and
# docker/bootstrap.sh make them):
#   bin/jnetns version && docker/bootstrap.sh runtime && docker build -t jnetns .
# Run it privileged with no network of its own:
#   docker run --rm --privileged --network none jnetns link show
# or manage the host's namespaces: docker run --rm --privileged --network host --pid host jnetns ...
# It is also the CNI node image (deploy/jnetns-cni-daemonset.yaml): /opt/jnetns holds what a node
# needs, laid out as a checkout (bin/jnetns, target/ with the jars and the shim jnetns-cni, jre/),
# which the DaemonSet copies to the node and runs `bin/jnetns cni-daemon` from.
FROM debian:bookworm-slim
RUN command -v ip >/dev/null && command -v ping >/dev/null \
    || (apt-get update && apt-get install -y --no-install-recommends iproute2 iputils-ping && rm -rf /var/lib/apt/lists/*)
COPY target/jre /opt/jnetns/jre
COPY target/lib /opt/jnetns/target/lib
COPY target/jnetns.jar target/jnetns-cli.jar target/jnetns-ffm.jar target/jnetns-cni /opt/jnetns/target/
COPY bin/jnetns /opt/jnetns/bin/jnetns
RUN printf '#!/bin/sh\nexec /opt/jnetns/jre/bin/java -XX:+UseSerialGC -jar /opt/jnetns/target/jnetns-cli.jar "$@"\n' \
        > /usr/local/bin/jnetns && chmod +x /usr/local/bin/jnetns
ENTRYPOINT ["/usr/local/bin/jnetns"]
CMD ["version"]
