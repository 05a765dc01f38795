#!/bin/sh
# Command 2 of README.md: the whole test suite (unit tests, then integration tests on the real kernel, as root),
# then the focused cgroup set on pure v2 and pure v1 hosts in throwaway VMs when this machine can boot them.
set -eu
cd "$(dirname "$0")/.."
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
start=$(date +%s)
mvn -B verify
# The VMs are software-emulated and slow; they get what is left of a 75-minute budget for the whole command
# (CI allows 90), and a layout that no longer fits is reported as skipped.
budget=${HUSK_TEST_BUDGET:-4500}
for layout in ${HUSK_CGROUP_VM_LAYOUTS:-v2 v1}; do
    left=$((budget - ($(date +%s) - start)))
    if [ "$left" -lt 600 ]; then
        echo "cgroup-vm: $layout: SKIP: only ${left}s of the test budget left"
        continue
    fi
    if [ "$left" -lt 1500 ]; then
        HUSK_CGROUP_VM_BUDGETED=1 HUSK_CGROUP_VM_LAYOUTS=$layout HUSK_CGROUP_VM_TIMEOUT=$left tests/vm/cgroup-vm.sh
    else
        HUSK_CGROUP_VM_LAYOUTS=$layout HUSK_CGROUP_VM_TIMEOUT=1500 tests/vm/cgroup-vm.sh
    fi
done
