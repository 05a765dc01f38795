#!/bin/sh
# Assembles the root filesystem of an OCI bundle from a static busybox: make-busybox-bundle.sh DIR
# Writes DIR/rootfs only and prints DIR; `husk spec` in DIR writes the config.
set -eu
[ $# -eq 1 ] || { echo "usage: make-busybox-bundle.sh DIR" >&2; exit 2; }
dir=$1
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "make-busybox-bundle: $busybox missing (apt-get install busybox-static)" >&2; exit 1; }
mkdir -p "$dir/rootfs/bin" "$dir/rootfs/etc" "$dir/rootfs/proc" "$dir/rootfs/sys" "$dir/rootfs/dev" \
    "$dir/rootfs/tmp" "$dir/rootfs/root"
cp "$busybox" "$dir/rootfs/bin/busybox"
for app in $("$busybox" --list); do
    [ -e "$dir/rootfs/bin/$app" ] || ln -s busybox "$dir/rootfs/bin/$app"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    > "$dir/rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$dir/rootfs/etc/group"
echo "$dir"
