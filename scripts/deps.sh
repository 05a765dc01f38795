#!/bin/sh
# Installs what a fresh Debian machine lacks to build and test husk (run as root).
set -eu
need=""
for pkg in busybox-static gcc make maven libseccomp2 libseccomp-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
if [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    echo "deps: JDK 25 is expected at /usr/lib/jvm/temurin-25-jdk-amd64" >&2
    exit 1
fi
# podman, for PodmanIT (husk as podman's runtime): optional, the test skips without it.
if ! command -v podman >/dev/null 2>&1; then
    [ -n "$need" ] || apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman >/dev/null 2>&1 \
        || echo "deps: podman could not be installed; PodmanIT will be skipped" >&2
fi
