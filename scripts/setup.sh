#!/bin/sh
# Command 1 of README.md: install what is missing, build husk, and run a demo container.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
mvn -B -q package -DskipTests
demo=build/demo-bundle
rm -rf "$demo"
scripts/make-busybox-bundle.sh "$demo" >/dev/null
(cd "$demo" && ../../bin/husk spec)
# Show the isolation: own hostname, pid 1, the bundle's root, a private mount table and network.
cat > "$demo/rootfs/demo.sh" <<'DEMO'
echo "hostname:  $(hostname)"
echo "my pid:    $$"
echo "/ holds:   $(ls / | tr '\n' ' ')"
echo "mounts:    $(wc -l < /proc/self/mounts) (of the container's own)"
echo "network:   $(ls /sys/class/net | tr '\n' ' ')"
echo "processes: $(ls -d /proc/[0-9]* | wc -l) visible"
DEMO
sed -i 's|"sh"$|"sh", "/demo.sh"|' "$demo/config.json"
echo "--- a container from $demo:"
status=0
bin/husk run --bundle "$demo" "husk-demo-$$" || status=$?
echo "--- exit status $status; the host has $(wc -l < /proc/self/mounts) mounts and hostname $(hostname)"
