#!/bin/sh
# Start-up and footprint benchmark: husk against runc and crun, interleaved in one run (docs/performance.md).
#   bench/bench.sh [-n ROUNDS] [--seq N] [--par N] [--husk-home DIR]
# Needs root. Installs runc, crun and GNU time from apt when they are missing. crun 1.8 refuses a hybrid cgroup host
# (it finds /sys/fs/cgroup/unified/cgroup.controllers and takes the host for pure v2), so the whole benchmark
# runs in a private mount namespace where that file is covered by an empty one; husk and runc run there too,
# so the three see the same host. Raw numbers go to bench/results/ (not versioned).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
    echo "bench: needs root (it creates containers)" >&2
    exit 1
fi
missing=
for tool in runc crun; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
    echo "bench: installing$missing from apt" >&2
    apt-get install -y -q $missing >/dev/null
fi
command -v python3 >/dev/null 2>&1 || { echo "bench: needs python3" >&2; exit 1; }
if [ -z "${HUSK_BENCH_NS:-}" ]; then
    # Re-run inside a private mount namespace (mounts made there vanish with it).
    HUSK_BENCH_NS=1 exec unshare -m --propagation private "$0" "$@"
fi
controllers=/sys/fs/cgroup/unified/cgroup.controllers
if [ -f "$controllers" ]; then
    empty=$(mktemp /tmp/husk-bench-empty.XXXXXX)
    mount --bind "$empty" "$controllers"
fi
exec python3 "$here/bench.py" "$@"
