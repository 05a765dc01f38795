#!/bin/sh
# Runs the cgroup contract tests on a pure cgroup v2 host and a pure v1 host, each a throwaway VM made by
# shared/vm/run-in-vm (this machine itself is hybrid, where the ordinary build already runs them).
# A layout whose VM cannot boot is skipped with a message, not failed: the emulator is not available everywhere.
#
# Environment: JAVA_HOME (default temurin 25), HUSK_RUN_IN_VM (default ../shared/vm/run-in-vm beside the
# checkout), HUSK_CGROUP_VM_LAYOUTS (default "v2 v1"), HUSK_CGROUP_VM_TIMEOUT seconds per VM (default 1500).
set -u
cd "$(dirname "$0")/../.." || exit 2
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
run_in_vm=${HUSK_RUN_IN_VM:-../shared/vm/run-in-vm}
layouts=${HUSK_CGROUP_VM_LAYOUTS:-v2 v1}
timeout=${HUSK_CGROUP_VM_TIMEOUT:-1500}

if [ ! -f "$run_in_vm" ]; then
    echo "cgroup-vm: SKIP all layouts: $run_in_vm not found"
    exit 0
fi

# Compile on the host: the VM is emulated and slow, so it only runs the tests.
if ! JAVA_HOME=$java_home mvn -o -B -q -pl spi,backend-cgroupv2,backend-cgroupv1 install -DskipTests; then
    echo "cgroup-vm: FAIL: host build of the cgroup modules failed"
    exit 1
fi

failed=0
for layout in $layouts; do
    case $layout in
        v2) module=backend-cgroupv2 test=V2CgroupContractTest ;;
        v1|hybrid) module=backend-cgroupv1 test=V1CgroupContractTest ;;
        *) echo "cgroup-vm: unknown layout $layout"; exit 2 ;;
    esac
    echo "cgroup-vm: $layout: $test in a VM (slow: several minutes)"
    bash "$run_in_vm" --cgroup "$layout" --timeout "$timeout" -- \
        "JAVA_HOME=$java_home mvn -o -B -pl $module surefire:test -Dtest=$test -Dsurefire.failIfNoSpecifiedTests=false"
    rc=$?
    case $rc in
        0) echo "cgroup-vm: $layout: PASS" ;;
        125) echo "cgroup-vm: $layout: SKIP: the VM could not boot on this machine (run-in-vm exit 125)" ;;
        124)
            if [ -n "${HUSK_CGROUP_VM_BUDGETED:-}" ]; then
                # The caller cut the timeout short to fit its own time budget: not the code's failure.
                echo "cgroup-vm: $layout: SKIP: did not finish within the ${timeout}s left of the test budget"
            else
                echo "cgroup-vm: $layout: FAIL: timed out after ${timeout}s"; failed=1
            fi ;;
        *) echo "cgroup-vm: $layout: FAIL (exit $rc)"; failed=1 ;;
    esac
done
exit $failed
