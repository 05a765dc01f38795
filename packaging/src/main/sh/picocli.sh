#!/bin/sh
# picocli.sh TARGET_DIR JAVA_HOME VERSION: compiles picocli's sources (unpacked by the build into
# TARGET/picocli-src) for Java 25 into TARGET/picocli/picocli-VERSION.jar. Its published jar holds Java 5
# class files, which the JDK 25 AOT cache skips ("Old class has been linked"); bin/husk puts this jar in its
# place when it exists. Without it husk still works, only slower, so a failure here is reported, not fatal.
set -u
target=$1
jdk=$2
version=$3
src=$target/picocli-src
out=$target/picocli
rm -rf "$out" "$target/picocli-classes"
if ! ls "$src"/picocli/*.java >/dev/null 2>&1; then
    echo "picocli: no sources in $src; bin/husk uses the published picocli jar" >&2
    exit 0
fi
mkdir -p "$out" "$target/picocli-classes"
if "$jdk/bin/javac" --release 25 -nowarn -Xlint:none -XDsuppressNotes -d "$target/picocli-classes" \
        "$src"/picocli/*.java >"$target/picocli-javac.log" 2>&1 &&
    "$jdk/bin/jar" --create --file "$out/picocli-$version.jar" -C "$target/picocli-classes" .; then
    exit 0
fi
echo "picocli: compiling picocli for Java 25 failed (see $target/picocli-javac.log);" \
    "bin/husk uses the published jar" >&2
rm -rf "$out"
exit 0
