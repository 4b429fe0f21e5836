#!/usr/bin/env bash
# Runs one JMH suite of the bench module and writes bench/results/<suite>.json (JMH's JSON) and
# bench/results/<suite>.env.txt (CPU, JDK, vector width, load average before and after: numbers from a loaded
# machine are not comparable).
#   bench/run-benchmarks.sh kernel                  # the whole suite, about 4 minutes on 2 cores
#   bench/run-benchmarks.sh kernel -p nVocab=151936 # extra arguments go to JMH
#   bench/run-benchmarks.sh ffm                     # FFM downcall overhead, about 2 minutes
#   bench/run-benchmarks.sh scoring                 # N candidates: one shared-prefix decode vs the reference, ~3 min
#   bench/run-benchmarks.sh iteration               # one ensemble iteration, incremental vs reference, ~8 min
#   bench/run-benchmarks.sh queue                   # work-queue claim + complete, PostgreSQL vs SQLite, ~6 min
#                                                   # (needs PostgreSQL's initdb/pg_ctl: Debian's postgresql)
#   bench/run-benchmarks.sh workers [REPEATS [1,2,3]] # the toy demo by 1, 2, 3 xcot run --worker processes on one
#                                                   # PostgreSQL run, the single SQLite run as baseline (not JMH: a
#                                                   # whole-run harness, WorkerScaling); ~6 min with 2 repeats
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
[ -x "$java" ] || { echo "run-benchmarks: needs JDK 25 at $JAVA_HOME (set JAVA_HOME_25)" >&2; exit 1; }

suite=${1:-}
[ $# -gt 0 ] && shift
case "$suite" in
  kernel) pattern='xcot\.bench\.LogProbKernelBench\.' ;;
  ffm) pattern='xcot\.bench\.DowncallBench\.' ;;
  scoring) pattern='xcot\.bench\.CandidateScoringBench\.' ;;
  iteration) pattern='xcot\.bench\.EnsembleIterationBench\.' ;;
  queue) pattern='xcot\.bench\.WorkQueueBench\.' ;;
  workers) pattern='' ;;
  *) echo "usage: bench/run-benchmarks.sh kernel|ffm|scoring|iteration|queue|workers [JMH options]" >&2; exit 2 ;;
esac

# Always rebuild (incremental, seconds): a stale jar would measure old code.
mvn -q -B -ntp -pl bench -am package -DskipTests
cp="bench/target/xcot-bench.jar:bench/target/lib/*"
flags=(--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)

mkdir -p bench/results
env_file="bench/results/$suite.env.txt"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p')," \
       "model $(lscpu | sed -n 's/^Model: *//p'), $(nproc) CPUs, L2 $(lscpu | sed -n 's/^L2 cache: *//p')," \
       "L3 $(lscpu | sed -n 's/^L3 cache: *//p'), $(grep -m1 'cpu MHz' /proc/cpuinfo | sed 's/.*: *//') MHz)"
  "$java" "${flags[@]}" -cp "$cp" xcot.bench.BenchEnvironment
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$env_file"
if [ "$suite" = workers ]; then
  ./xcot --version >/dev/null # builds the CLI the workers run, once, before they start together
  work=$(mktemp -d)
  "$java" "${flags[@]}" -cp "$cp" xcot.bench.WorkerScaling ./xcot cli/src/main/resources/xcot/cli/demo-toy.yaml \
    "$work" "$@"
  cp "$work/workers.json" bench/results/workers.json
  rm -rf "$work"
else
  "$java" "${flags[@]}" -cp "$cp" org.openjdk.jmh.Main "$pattern" -rf json -rff "bench/results/$suite.json" "$@"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$env_file"
cat "$env_file"
