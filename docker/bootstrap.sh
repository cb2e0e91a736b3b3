#!/usr/bin/env bash
# Offline bootstrap for the container tests, idempotent and quick the second time:
#   docker/bootstrap.sh start    installs docker.io when missing, starts dockerd when none answers
#                                (no bridge, no iptables: the host's network is left alone), makes the
#                                base image debian:bookworm-slim when it cannot be pulled (debootstrap
#                                -> docker import, rootfs tarball cached), and the jlinked runtime
#   docker/bootstrap.sh runtime  only the jlinked JDK 25 runtime in target/jre (the Dockerfile copies it)
#   docker/bootstrap.sh rootfs   only the cached bookworm rootfs tarball (podman imports it too)
#   docker/bootstrap.sh cnitool  the CNI project's cnitool, built once from Debian's source package
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

# cnitool, the CNI project's own client (the only one that sends CHECK), built from Debian's source
# package golang-github-appc-cni with Debian's Go (no module downloads): cached.
cnitool() {
  [ -x "$cache/cnitool" ] && return 0
  command -v go >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; }
  log "building cnitool from Debian's golang-github-appc-cni source"
  local dir apt
  dir=$(mktemp -d)
  mkdir -p "$dir/lists/partial" "$dir/src" "$dir/go/src/github.com/containernetworking" "$cache"
  echo "deb-src http://deb.debian.org/debian bookworm main" > "$dir/sources.list"
  apt=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$dir/lists")
  apt-get "${apt[@]}" update -qq 2>/dev/null
  (cd "$dir/src" && apt-get "${apt[@]}" source --download-only golang-github-appc-cni >/dev/null 2>&1 \
    && tar xf golang-github-appc-cni_*.orig.tar.* \
    && mv golang-github-appc-cni-*/ "$dir/go/src/github.com/containernetworking/cni")
  GOPATH="$dir/go" GOCACHE="$dir/gocache" GO111MODULE=off GOPROXY=off CGO_ENABLED=0 \
    go build -o "$cache/cnitool" github.com/containernetworking/cni/cnitool
  rm -rf "$dir"
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
  cnitool) cnitool ;;
  stop) stop ;;
  *) echo "usage: $0 start|runtime|rootfs|cnitool|stop" >&2; exit 1 ;;
esac
