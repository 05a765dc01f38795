#!/bin/sh
# Command 2 of README.md: the whole test suite (unit tests, then integration tests on the real kernel, as root).
set -eu
cd "$(dirname "$0")/.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
mvn -B verify
# Cgroup tests on pure v2 and pure v1 hosts, in throwaway VMs, when this machine can boot them.
if [ -x tests/vm/cgroup-vm.sh ]; then
    tests/vm/cgroup-vm.sh
fi
