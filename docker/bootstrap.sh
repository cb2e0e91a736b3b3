#!/usr/bin/env bash
# Offline bootstrap for the container tests, idempotent and quick the second time:
#   docker/bootstrap.sh start    installs docker.io when missing, starts dockerd when none answers
#                                (no bridge, no iptables: the host's network is left alone), makes the
#                                base image debian:bookworm-slim when it cannot be pulled (debootstrap
#                                -> docker import, rootfs tarball cached), and the jlinked runtime
#   docker/bootstrap.sh runtime  only the jlinked JDK 25 runtime in target/jre (the Dockerfile copies it)
#   docker/bootstrap.sh rootfs   only the cached bookworm rootfs tarball (podman imports it too)
#   docker/bootstrap.sh stop     stops the dockerd that `start` started, if any
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
state=/run/jnetns-dockerd.pid
cache=/var/cache/jnetns
base=debian:bookworm-slim
jdk=${JNETNS_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

log() { echo "bootstrap: $*" >&2; }

runtime() {
  if [ ! -x "$root/target/jre/bin/java" ] || [ "$root/target/jnetns.jar" -nt "$root/target/jre/release" ]; then
    rm -rf "$root/target/jre"
    log "jlink runtime -> target/jre"
    "$jdk/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-header-files \
      --no-man-pages --output "$root/target/jre"
  fi
}

# The Debian bookworm root filesystem tarball (with ip and ping) that the local base image and the
# podman tests import: debootstrapped once, cached.
rootfs() {
  mkdir -p "$cache"
  if [ ! -s "$cache/bookworm-rootfs.tar" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
    log "debootstrap bookworm (once, about 80 s)"
    local dir
    dir=$(mktemp -d)
    debootstrap --variant=minbase --include=iproute2,iputils-ping,procps bookworm "$dir" \
      http://deb.debian.org/debian >/var/log/jnetns-debootstrap.log 2>&1
    tar -C "$dir" --numeric-owner -cf "$cache/bookworm-rootfs.tar.tmp" .
    mv "$cache/bookworm-rootfs.tar.tmp" "$cache/bookworm-rootfs.tar"
    rm -rf "$dir"
  fi
}

start() {
  if ! command -v dockerd >/dev/null; then
    log "installing docker.io"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  if ! docker info >/dev/null 2>&1; then
    log "starting dockerd"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false >/var/log/jnetns-dockerd.log 2>&1 &
    echo $! > "$state"
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || { log "dockerd did not start, see /var/log/jnetns-dockerd.log"; exit 1; }
  fi
  rootfs
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    if ! timeout 20 docker pull -q "$base" >/dev/null 2>&1; then
      log "importing $base"
      docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' "$cache/bookworm-rootfs.tar" "$base" >/dev/null
    fi
  fi
  runtime
}

stop() {
  if [ -f "$state" ]; then
    pid=$(cat "$state")
    log "stopping dockerd ($pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$state"
  fi
}

case "${1:-start}" in
  start) start ;;
  runtime) runtime ;;
  rootfs) rootfs ;;
  stop) stop ;;
  *) echo "usage: $0 start|runtime|rootfs|stop" >&2; exit 1 ;;
esac
