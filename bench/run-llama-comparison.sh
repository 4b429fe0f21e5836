#!/usr/bin/env bash
# xcot's batched generation against llama.cpp's own benchmarks, built from the pinned source with the same flags and
# patches (native/build-llama.sh --tools), loading the same libllama, on two shape-alike models:
#   tiny    the default tiny fixture shape (2 layers, 64 wide, 151,669-token vocabulary), as make-tiny writes it:
#           the output layer dominates, so per-token overhead shows
#   qwq-1l  QwQ-32B's shape with 1 layer, Q4_K_M (about 1.4 GB): the weights dominate
# For each model and repetition, in this order (interleaved, so drifting load hits both sides alike):
#   llama-batched-bench -npp PP -ntg TG -npl 1,4,8,16,32   then xcot's BatchedThroughput batched   (S_TG vs xcot)
#   llama-bench -p 0 -n TG -r 1                            then xcot's BatchedThroughput single    (tg vs xcot)
# Same threads everywhere. Writes bench/results/llama-comparison.{jsonl,md,env.txt}: raw lines, the min/median table
# (targets: xcot >= 0.9x llama-batched-bench at every N, >= 0.95x llama-bench tg), and machine + load.
#
#   bench/run-llama-comparison.sh                  # full run: 5 repetitions; about 30-40 min on 2 cores
#   REPS=1 MODELS=tiny bench/run-llama-comparison.sh   # smoke run, a few minutes
# Environment: REPS (5), THREADS (nproc), MODELS ("tiny qwq-1l"), NPL (1,4,8,16,32), and per model PP/TG:
# TINY_PP/TINY_TG (128/128), QWQ_PP/QWQ_TG (32/32: one qwq-1l decode of 32 sequences takes seconds on 2 cores).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
[ -x "$java" ] || { echo "run-llama-comparison: needs JDK 25 at $JAVA_HOME (set JAVA_HOME_25)" >&2; exit 1; }
reps=${REPS:-5}
threads=${THREADS:-$(nproc)}
models=${MODELS:-"tiny qwq-1l"}
npl=${NPL:-1,4,8,16,32}
cache=${XCOT_CACHE:-$HOME/.cache/xcot}

mvn -q -B -ntp -pl bench,cli -am package -DskipTests
libdir=$(native/build-llama.sh)
bindir=$(native/build-llama.sh --tools)
cp="bench/target/xcot-bench.jar:bench/target/lib/*"
jflags=(--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:+UseParallelGC)

# The models: made once by xcot itself (seeded, so the same bytes each time) and cached.
mkdir -p "$cache/bench-models"
model_file() {
  case "$1" in
    tiny) echo "$cache/bench-models/tiny-seed1.gguf" ;;
    qwq-1l) echo "$cache/bench-models/qwq32b-1layer-q4_k_m-seed1.gguf" ;;
    *) echo "run-llama-comparison: unknown model '$1' (tiny or qwq-1l)" >&2; exit 2 ;;
  esac
}
for m in $models; do
  f=$(model_file "$m")
  if [ ! -f "$f" ]; then
    case "$m" in
      tiny) ./xcot models make-tiny --seed 1 --out "$f" ;;
      qwq-1l) ./xcot models make-tiny --seed 1 --shape qwq32b --layers 1 --quantize Q4_K_M --out "$f" ;;
    esac 2>&1 | grep -v '^llama\|^load\|^print_info\|^\[' >&2 || true
  fi
  [ -f "$f" ] || { echo "run-llama-comparison: could not make $f" >&2; exit 1; }
done

mkdir -p bench/results
raw=bench/results/llama-comparison.jsonl
env_file=bench/results/llama-comparison.env.txt
: > "$raw"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs"
  "$java" "${jflags[@]}" -cp "$cp" xcot.bench.BenchEnvironment
  echo "llama.cpp: $(sed -n 's/^key=//p' "$libdir/build.properties"), tools in $bindir"
  echo "threads: $threads, repetitions: $reps, N: $npl"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$env_file"

tag() { sed -n "s/^{/{\"tool\": \"$1\", \"model\": \"$2\", /p"; }
for rep in $(seq 1 "$reps"); do
  for m in $models; do
    f=$(model_file "$m")
    name=$(basename "$f")
    case "$m" in tiny) pp=${TINY_PP:-128}; tg=${TINY_TG:-128} ;; qwq-1l) pp=${QWQ_PP:-32}; tg=${QWQ_TG:-32} ;; esac
    max_pl=$(tr ',' '\n' <<<"$npl" | sort -n | tail -1)
    ctx=$(( max_pl * (pp + tg) ))
    echo "run-llama-comparison: repetition $rep/$reps, $m (pp $pp, tg $tg, N $npl, context $ctx), load $(cut -d' ' -f1 /proc/loadavg)" >&2
    # K-quant weights (qwq-1l) in the plain CPU buffer, as xcot loads them on a CPU with AMX (xcot.llm.Model: ggml's
    # AMX K-quant kernels died with SIGILL there, and llama-batched-bench segfaulted on qwq-1l): --no-repack here,
    # -ot '.*=CPU' below.
    case "$m" in qwq-1l) repack=(--no-repack); placement=(-ot '.*=CPU') ;; *) repack=(); placement=() ;; esac
    LD_LIBRARY_PATH="$libdir/lib" "$bindir/llama-batched-bench" -m "$f" -c "$ctx" -b 2048 -ub 512 -t "$threads" \
        -tb "$threads" -npp "$pp" -ntg "$tg" -npl "$npl" "${repack[@]}" --output-format jsonl 2>/dev/null \
        | tag llama-batched-bench "$name" >> "$raw"
    "$java" "${jflags[@]}" -cp "$cp" xcot.bench.BatchedThroughput batched "$f" "$threads" "$ctx" "$pp" "$tg" "$npl" \
        2>/dev/null >> "$raw"
    LD_LIBRARY_PATH="$libdir/lib" "$bindir/llama-bench" -m "$f" -p 0 -n "$tg" -r 1 -t "$threads" "${placement[@]}" -o jsonl \
        2>/dev/null | tag llama-bench "$name" >> "$raw"
    "$java" "${jflags[@]}" -cp "$cp" xcot.bench.BatchedThroughput single "$f" "$threads" "$tg" 2>/dev/null >> "$raw"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$env_file"

{
  echo "# xcot vs llama.cpp's benchmarks ($(date -u +%F))"
  echo
  sed 's/^/    /' "$env_file"
  "$java" "${jflags[@]}" -cp "$cp" xcot.bench.ThroughputReport "$raw"
} > bench/results/llama-comparison.md
cat bench/results/llama-comparison.md
