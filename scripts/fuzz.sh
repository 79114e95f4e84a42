#!/usr/bin/env bash
# Runs one libFuzzer campaign on one file format TinyForge reads (tests/fuzz/).
#   scripts/fuzz.sh FORMAT SECONDS [libFuzzer args...]
#   scripts/fuzz.sh list
# FORMAT: tflite graph board project search_config search_store feature_cache npy wav image
# Builds build-fuzz (clang-14, -DTINYFORGE_FUZZ=ON: ASan+UBSan+libFuzzer) when needed, seeds
# the corpus from the project's own files, runs for SECONDS (e.g. -runs=N among the extra
# arguments stops earlier), and appends one line per campaign to build-fuzz/campaigns.log:
#   UTC time, commit, format, wall seconds, executions, exit status, crash files.
# A crash, leak, sanitizer report, timeout or an allocation over the format's limit below
# stops the campaign with a non-zero status and leaves the input in build-fuzz/crashes/FORMAT/;
# minimize it (add -minimize_crash=1 -runs=10000 <file>) and add it to
# tests/fuzz/regressions/FORMAT/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build="$root/build-fuzz"

# Memory limits per format (MB). -malloc_limit_mb: the largest single allocation a file of
# that format may cause; -rss_limit_mb: the whole process. Inputs are at most -max_len bytes
# (the largest seed: 300 KB for .tflite, a few KB elsewhere), so a limit hit means a small
# file made TinyForge allocate far beyond its size.
declare -A malloc_mb=([tflite]=128 [graph]=128 [board]=32 [project]=128 [search_config]=32 [search_store]=64
                      [feature_cache]=64 [npy]=64 [wav]=64 [image]=64)
declare -A rss_mb=([tflite]=1024 [graph]=1024 [board]=512 [project]=1024 [search_config]=512 [search_store]=512
                   [feature_cache]=512 [npy]=512 [wav]=512 [image]=512)

if [[ "${1:-}" == list || $# -lt 2 ]]; then
  echo "usage: scripts/fuzz.sh FORMAT SECONDS [libFuzzer args...]"
  echo "formats: ${!malloc_mb[*]}"
  [[ "${1:-}" == list ]] && exit 0 || exit 2
fi
format=$1
seconds=$2
shift 2
[[ -n "${malloc_mb[$format]:-}" ]] || { echo "fuzz.sh: unknown format '$format' (${!malloc_mb[*]})" >&2; exit 2; }

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  shared="${TINYFORGE_SHARED_DIR:-$(cd .. && pwd)/shared}"
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DTINYFORGE_FUZZ=ON -DTINYFORGE_BUILD_GUI=OFF \
    -DTINYFORGE_BUILD_SEARCH=OFF -DTINYFORGE_BUILD_TESTS=OFF -DTINYFORGE_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g" \
    -DTINYFORGE_SHARED_DIR="$shared" >/dev/null
fi
nice cmake --build "$build" -j"${JOBS:-2}" --target "fuzz_$format" >/dev/null
binary=$(find "$build" -name "fuzz_$format" -type f -perm -u+x | head -1)

# Seeds: the project's own files of that format (bundled models and boards, the shared
# models, every regression input), plus small generated files where the project has none.
seeds="$build/seeds/$format"
corpus="$build/corpus/$format"
mkdir -p "$seeds" "$corpus" "$build/crashes/$format"
shared_models="${TINYFORGE_SHARED_DIR:-$(cd .. && pwd)/shared}/models"
case "$format" in
  tflite) cp "$shared_models"/*.tflite "$seeds"/ 2>/dev/null || true ;;
  graph) cp resources/models/*.json "$seeds"/ ;;
  board) cp resources/boards/*.json "$seeds"/ ;;
  search_config) cp resources/search/*.json "$seeds"/ ;;
  *) python3 tests/fuzz/make_seeds.py "$format" "$seeds" ;;
esac
[[ -d "tests/fuzz/regressions/$format" ]] && cp "tests/fuzz/regressions/$format"/* "$seeds"/ 2>/dev/null || true

# The harness writes path-based inputs into a scratch folder: memory, not the disk.
export TMPDIR="${TMPDIR:-$([[ -w /dev/shm ]] && echo /dev/shm || echo /tmp)}"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen
log="$build/crashes/$format/last-campaign.txt"
touch "$build/crashes/$format/.campaign-start"
start=$(date +%s)
status=0
nice "$binary" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=20 \
  -rss_limit_mb="${rss_mb[$format]}" -malloc_limit_mb="${malloc_mb[$format]}" \
  -artifact_prefix="$build/crashes/$format/" -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?
wall=$(( $(date +%s) - start ))
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
crashes=$(find "$build/crashes/$format" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) -newer "$build/crashes/$format/.campaign-start" | wc -l)
line="$(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo -) format=$format wall_s=$wall executions=${executions:-?} exit=$status crash_files=$crashes"
echo "$line" | tee -a "$build/campaigns.log"
if [[ $status -ne 0 ]]; then
  grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$log" | head -20 >&2 || true
fi
exit $status
