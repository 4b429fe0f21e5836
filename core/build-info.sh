#!/usr/bin/env bash
# Writes the build-info resource that `xcot --version` and every run's run.json read (xcot.build.BuildInfo):
#   core/build-info.sh OUT_FILE VERSION
# The commit is the checkout's HEAD ("unknown" outside a git checkout, e.g. a source archive); "dirty" says whether
# tracked files differed from it when the jar was built.
set -euo pipefail
out=${1:?build-info.sh needs an output file}
version=${2:?build-info.sh needs the version}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
dirty=unknown
if [ "$commit" != unknown ]; then
  if [ -z "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then dirty=false; else dirty=true; fi
fi
mkdir -p "$(dirname "$out")"
printf 'version=%s\ncommit=%s\ndirty=%s\n' "$version" "$commit" "$dirty" >"$out.tmp"
mv "$out.tmp" "$out"
