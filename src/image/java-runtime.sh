#!/usr/bin/env bash
# The container image's operating system layer, written into a folder that Jib copies to the image's root (pom.xml,
# docs/production.md "Container image"): a Java runtime cut by jlink from the JDK that builds the image, the shared
# libraries that runtime loads (glibc, zlib, libstdc++ and the loader), copied from the build machine, and the
# image's user, ordersync (uid and gid 10001). No shell, no package manager: nothing else runs in the image.
#
# usage: java-runtime.sh JAVA_HOME OUTPUT_FOLDER
set -euo pipefail
java_home=$1
out=$2

if [ ! -d "$java_home/jmods" ]; then
  echo "java-runtime.sh: $java_home has no jmods/ for jlink (on Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

# java.se for the platform; jdk.unsupported (Kafka, Netty, Vert.x), jdk.crypto.ec (TLS to ERPs, CRM, PostgreSQL),
# jdk.charsets (EDI character sets), jdk.localedata, jdk.management and jdk.jfr (metrics, flight recordings),
# jdk.naming.dns, jdk.zipfs (Flyway and Camel read resources inside the jar)
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.management,jdk.jfr,jdk.naming.dns,jdk.zipfs

rm -rf "$out"
mkdir -p "$out"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$out/opt/java"

# Libraries of the launcher, the JVM and the native parts of the modules above. AWT, fonts, images and sound are left
# out: a headless server never loads them (java.desktop stays only because java.beans lives in it).
natives=$(find "$out/opt/java/lib" -maxdepth 1 -name '*.so' \
  | grep -vE '/lib(awt|awt_xawt|awt_headless|fontmanager|jawt|splashscreen|jsound|lcms|mlib_image|javajpeg)\.so$')
libraries=$(ldd "$out/opt/java/bin/java" "$out/opt/java/lib/server/libjvm.so" $natives \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/lib64\// { print $1 }' \
  | grep -v "^$out" | sort -u)
for library in $libraries; do
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done

mkdir -p "$out/etc"
printf 'root:x:0:0:root:/root:/sbin/nologin\nordersync:x:10001:10001:ordersync:/app:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nordersync:x:10001:\n' > "$out/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
mkdir -p "$out/tmp" "$out/app/data"
