#!/bin/sh
# release25.sh TARGET_DIR JAVA_HOME NAME VERSION: compiles the sources of a dependency whose published jar holds
# Java 5 class files (unpacked by the build into TARGET/NAME-src) for Java 25, into
# TARGET/release25/NAME-VERSION.jar. The JDK 25 AOT cache skips such old class files ("Old class has been
# linked") and everything linked against them, so they load from their jar on every start; bin/husk puts the
# rebuilt jar in place of the published one when it exists. picocli and javax.inject (under Dagger's
# generated code) are such jars. Without the rebuilt jar husk still works, only slower, so a failure here is
# reported, not fatal.
set -u
target=$1
jdk=$2
name=$3
version=$4
src=$target/$name-src
out=$target/release25
classes=$target/$name-classes
rm -rf "$classes" "$out/$name-$version.jar"
files=$(find "$src" -name '*.java' 2>/dev/null)
if [ -z "$files" ]; then
    echo "$name: no sources in $src; bin/husk uses the published jar" >&2
    exit 0
fi
mkdir -p "$out" "$classes"
# shellcheck disable=SC2086 # one word per source file; none has a space
if "$jdk/bin/javac" --release 25 -nowarn -Xlint:none -XDsuppressNotes -d "$classes" $files \
        >"$target/$name-javac.log" 2>&1 &&
    "$jdk/bin/jar" --create --file "$out/$name-$version.jar" -C "$classes" .; then
    exit 0
fi
echo "$name: compiling it for Java 25 failed (see $target/$name-javac.log); bin/husk uses the published jar" >&2
rm -f "$out/$name-$version.jar"
exit 0
