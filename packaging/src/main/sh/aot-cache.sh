#!/bin/sh
# Builds bin/husk's start-up aids: aot-cache.sh TARGET_DIR SKIP
#  - TARGET/jffi/libjffi-1.2.so: jffi's stub for this machine, so JNR does not unpack one into /tmp per start;
#  - TARGET/aot/husk.aot and husk.key: the AOT cache from a training run of the real commands (Train.java)
#    against a throw-away busybox bundle, and the key bin/husk compares before using it (with husk-COMMAND.aot
#    and husk-short.aot for the short commands, and the providers index: all are used only while the key matches).
# Training needs root and a kernel that runs containers. When it cannot train, it says why and leaves no cache
# (husk then starts without one); it never fails the build for that. Every container it made is deleted.
set -u
target=$(cd "$1" && pwd) || exit 0
skip=${2:-false}
home=$(cd "$target/../.." && pwd)
husk=$home/bin/husk
aot=$target/aot

arch=$(uname -m)
case $arch in
    x86_64 | aarch64 | riscv64 | s390x | ppc64le | loongarch64) ;;
    i?86) arch=i386 ;;
esac
mkdir -p "$target/jffi"
if [ -f "$target/jffi-all/jni/$arch-Linux/libjffi-1.2.so" ]; then
    cp "$target/jffi-all/jni/$arch-Linux/libjffi-1.2.so" "$target/jffi/libjffi-1.2.so"
else
    echo "aot-cache: no jffi stub for $arch; JNR will unpack its own" >&2
fi

# The old cache goes first: whatever happens below, no cache from other jars survives.
rm -rf "$aot"
mkdir -p "$aot"
say() { echo "aot-cache: $*" >&2; }
if [ "$skip" = true ]; then
    say "skipped (-Dhusk.aot.skip); husk starts without an AOT cache"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    say "training needs root to create containers; husk starts without an AOT cache"
    exit 0
fi

work=$(mktemp -d /tmp/husk-aot-train.XXXXXX) || exit 0
root=$work/root
cleanup() {
    for d in "$root"/*/; do
        [ -d "$d" ] || continue
        id=$(basename "$d")
        say "deleting leftover container $id"
        HUSK_AOT=off "$husk" --root "$root" delete --force "$id" >/dev/null 2>&1 || say "could not delete $id"
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! "$home/scripts/make-busybox-bundle.sh" "$work/bundle" >/dev/null 2>"$work/bundle.err"; then
    say "cannot build a busybox bundle ($(head -n 1 "$work/bundle.err")); husk starts without an AOT cache"
    exit 0
fi
mkdir -p "$root"
HUSK_AOT="train=$aot/husk.aot.new" "$husk" "$work/bundle" "$root" "$aot/providers.new" >"$aot/train.log" 2>&1
rc=$?
if [ ! -s "$aot/husk.aot.new" ]; then
    say "training failed (exit $rc); husk starts without an AOT cache. The end of $aot/train.log:"
    tail -n 20 "$aot/train.log" | sed 's/^/  | /' >&2
    rm -f "$aot/husk.aot.new" "$aot/providers.new"
    exit 0
fi
# A step that failed leaves its classes out of the cache: husk is then slower on that path, never wrong.
[ $rc = 0 ] || grep '^husk AOT training' "$aot/train.log" | sed 's/^/aot-cache: /' >&2
mv "$aot/husk.aot.new" "$aot/husk.aot"
# The class path's plugin providers, read instead of a ServiceLoader scan while the key matches (Plugins.indexed).
if [ -s "$aot/providers.new" ]; then
    mv "$aot/providers.new" "$aot/providers"
else
    say "no provider index (see $aot/train.log); create discovers the backends by scanning the class path"
fi
HUSK_AOT=key "$husk" >"$aot/husk.key"
# Prove the JVM accepts it with the launcher's own flags: AOTMode=on makes a rejected cache fatal.
if ! HUSK_AOT=require "$husk" --version >"$work/check.err" 2>&1; then
    say "the JVM refuses the new cache; husk starts without an AOT cache. It said:"
    sed "s/^/  | /" "$work/check.err" >&2
    rm -f "$aot/husk.aot" "$aot/husk.key"
    exit 0
fi
say "AOT cache ready: $aot/husk.aot ($(du -k "$aot/husk.aot" | cut -f1) KiB)"

# The short commands' own cache: trained on them alone, against a container created by another JVM.
short=husk-aot-short-$$
if HUSK_AOT=off "$husk" --root "$root" create --bundle "$work/bundle" "$short" >"$aot/train-short.log" 2>&1 &&
    HUSK_AOT="train=$aot/husk-short.aot.new" "$husk" --short "$root" "$short" >>"$aot/train-short.log" 2>&1 &&
    [ -s "$aot/husk-short.aot.new" ]; then
    mv "$aot/husk-short.aot.new" "$aot/husk-short.aot"
    if HUSK_AOT=require "$husk" --root "$root" list >"$work/check.err" 2>&1; then
        say "AOT cache for state/start/kill/delete/list ready: $aot/husk-short.aot"
    else
        rm -f "$aot/husk-short.aot"
    fi
fi
rm -f "$aot/husk-short.aot.new"
[ -f "$aot/husk-short.aot" ] || say "no separate cache for the short commands (see $aot/train-short.log)"

# Then each short command's own, recorded from one real run of it (HUSK_AOT=record=FILE): the JVM loads every
# class of the cache it maps, and one command's classes are fewer than five's. A command whose recording fails
# keeps husk-short.aot.
log=$aot/train-commands.log
record() {
    HUSK_AOT="record=$aot/husk-$1.aot.new" "$husk" --root "$root" "$@" >>"$log" 2>&1
    if [ -s "$aot/husk-$1.aot.new" ] &&
        ! HUSK_AOT=require "$husk" --root "$root" "$1" husk-aot-none 2>&1 | grep -q 'initialization of VM'; then
        mv "$aot/husk-$1.aot.new" "$aot/husk-$1.aot"
    else
        say "no cache of its own for $1 (see $log)"
        rm -f "$aot/husk-$1.aot.new" "$aot/husk-$1.aot"
    fi
}
stopped() {
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        HUSK_AOT=off "$husk" --root "$root" state "$1" 2>/dev/null | grep -q '"stopped"' && return 0
        sleep 0.2
    done
    return 1
}
one=husk-aot-one-$$
if HUSK_AOT=off "$husk" --root "$root" create --bundle "$work/bundle" "$one" >"$log" 2>&1; then
    # state and list on a running container: their path for a created one is a part of it (StatusProbe).
    record start "$one"
    record state "$one"
    record list
    record kill "$one" KILL
    if stopped "$one"; then
        record delete "$one"
    else
        say "$one did not stop after kill; its delete is recorded with --force"
        record delete --force "$one"
    fi
    say "AOT caches of each short command: $(cd "$aot" && echo husk-[a-z]*.aot)"
fi
