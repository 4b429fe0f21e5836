#!/usr/bin/env bash
# The GPU checks of issues 2 and 6, in one call on a lent H100/H200 (prepare with native/device/bundle.sh here):
#   1. build llama.cpp's CUDA variant (sm_90, 16 jobs) with cuBLAS from the nvidia-cublas wheel;
#   2. xcot info (must list the CUDA device);
#   3. a committed zoo model generating greedily with all layers offloaded, and with none (same binary), compared;
#   4. the ensemble on zoo models fully offloaded vs on the CPU: per-iteration latency from the traces.
# Writes everything to $OUT (the device tool brings it back).
#
#   bash native/device/gpu-check.sh               # on the GPU machine
#   bash native/device/gpu-check.sh --cpu-dry-run # here: the same steps on the CPU build, to test the script itself
set -uo pipefail
dry=0; [ "${1:-}" = --cpu-dry-run ] && dry=1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
out=${OUT:-/tmp/xcot-gpu}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1
step() { echo; echo "== $* ($(date +%T))"; }

step "device"
[ "$dry" = 1 ] || nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
[ -f .device/xcot-device.tar.xz ] || { echo "no .device bundle: run native/device/bundle.sh and carry .device"; exit 1; }
app=/tmp/xcot-device; mkdir -p "$app" && tar -C "$app" -xJf .device/xcot-device.tar.xz || exit 1

if [ "$dry" = 1 ]; then
  step "CPU dry run: the CPU build stands in for the CUDA one"
  cuda_dir=$(native/build-llama.sh) || exit 1
else
  step "cuBLAS from the nvidia-cublas wheel"
  cublas=$(python3 -c 'import nvidia.cublas as c; print(list(c.__path__)[0])') || exit 1
  shim=/tmp/cublas-root; mkdir -p "$shim/lib"; ln -sfn "$cublas/include" "$shim/include"
  for f in "$cublas"/lib/lib*.so*; do b=$(basename "$f"); ln -sf "$f" "$shim/lib/$b"; ln -sf "$f" "$shim/lib/${b%%.so*}.so"; done
  ls -l "$shim/lib"

  step "build llama.cpp CUDA (sm_90)"
  export CUDA_CUBLAS_ROOT=$shim XCOT_BUILD_JOBS=16 XCOT_CACHE=/tmp/xcot-cache \
    XCOT_LLAMA_SOURCE_ARCHIVE=$root/.device/llama-src.tar.gz
  cuda_dir=$(native/build-llama.sh --cuda) || exit 1
  export LD_LIBRARY_PATH="$shim/lib:$(dirname "$(dirname "$(command -v nvcc)")")/lib64:${LD_LIBRARY_PATH:-}"
fi
echo "$cuda_dir"
xcot() { "$app/jre/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Dxcot.llama.libDir="$cuda_dir" -jar "$app/app/xcot-cli.jar" "$@" 2> >(grep -v 'incubator modules' >&2); }

step "xcot info"
xcot info

step "greedy generation: all layers on the GPU vs none"
model=$(xcot zoo list | awk '$1 == "plain-a" {print $NF}')
for layers in -1 0; do
  xcot generate --model "$model" --prompt '6+1+9=<think>' --max-tokens 24 --gpu-layers "$layers" --threads 8 \
    > "$out/generate-layers$layers.txt"
  echo "gpu-layers $layers: $(cat "$out/generate-layers$layers.txt")"
done
cmp -s "$out/generate-layers-1.txt" "$out/generate-layers0.txt" && echo "identical greedy output" \
  || echo "greedy outputs differ (see the two files)"

step "ensemble iteration latency: GPU vs CPU"
for layers in -1 0; do
  cat > "$out/ensemble-$layers.yaml" <<YAML
name: gpu-ensemble-layers$layers
benchmark: {name: toy, limit: 20}
models:
  - {name: plain-a, zoo: plain-a, context: 256, gpu-layers: $layers, threads: 8}
  - {name: swap-b, zoo: swap-b, context: 256, gpu-layers: $layers, threads: 8}
  - {name: mix-d, zoo: mix-d, context: 256, gpu-layers: $layers, threads: 8}
conditions: [ensemble]
without-answer: false
ensemble: [{generators: [plain-a, swap-b], evaluators: [mix-d]}]
YAML
  xcot run "$out/ensemble-$layers.yaml" --out "/tmp/xcot-runs/$layers" | tail -5
  python3 - "/tmp/xcot-runs/$layers/ensemble-traces.jsonl" "$layers" <<'PY'
import json, statistics, sys
events = [r["event"] for r in map(json.loads, open(sys.argv[1]))]
ms = [e["millis"] for e in events if e.get("type") == "iteration"]
print(f"gpu-layers {sys.argv[2]}: {len(ms)} iterations, median {statistics.median(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms")
PY
done
for layers in -1 0; do cp "/tmp/xcot-runs/$layers/ensemble-traces.jsonl" "$out/ensemble-traces-layers$layers.jsonl"; done
cmp -s <(grep -o '"chosen":"[^"]*"' "$out/ensemble-traces-layers-1.jsonl") \
       <(grep -o '"chosen":"[^"]*"' "$out/ensemble-traces-layers0.jsonl") \
  && echo "the GPU and the CPU ensembles chose the same chunks" \
  || echo "the GPU and the CPU ensembles chose different chunks somewhere (numerics differ; see the traces)"
