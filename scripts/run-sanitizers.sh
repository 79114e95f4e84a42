#!/usr/bin/env bash
# Builds TinyForge with sanitizers and runs chosen test groups under them.
#   scripts/run-sanitizers.sh MODE [GROUP...]
#     MODE:  address,undefined (ASan+UBSan, build-asan) or thread (TSan, build-tsan)
#     GROUP: core, cli, gui (ctest labels; default: core cli gui). TSan runs the tests that
#            start threads: the search job (test_nas), the data loaders' workers (test_data)
#            and the studio's workers and their inbox (studio, studio_search, worker_inbox)
#            unless groups are given; tests/sanitizer/tsan.supp says what Qt reports it hides.
# Environment: JOBS (default 2; this machine has 2 cores shared by several people),
#              TARGETS (only these build targets, e.g. "test_graph test_tflite"; then
#              ctest runs only the tests those binaries registered, with -R TESTS if set).
# Cost on the 2-core development machine (docs/reliability.md, 2026-12-06): ASan+UBSan
# takes about 50 min of one core to build everything and 27 min of two for the core+cli+gui
# tests, against about 11 min for the plain suite; that is why CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:?usage: run-sanitizers.sh address,undefined|thread [core] [cli] [gui]}"
shift
groups=("$@")
case "$mode" in
  thread) build=build-tsan ;;
  *address*|*undefined*) build=build-asan ;;
  *) echo "run-sanitizers.sh: unknown mode '$mode' (address,undefined or thread)" >&2; exit 2 ;;
esac
shared="${TINYFORGE_SHARED_DIR:-$(cd .. && pwd)/shared}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTINYFORGE_SANITIZE="$mode" \
  -DTINYFORGE_SHARED_DIR="$shared" -DTINYFORGE_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
start=$(date +%s)
if [[ -n "${TARGETS:-}" ]]; then
  # shellcheck disable=SC2086
  nice cmake --build "$build" -j"${JOBS:-2}" --target $TARGETS
else
  nice cmake --build "$build" -j"${JOBS:-2}"
fi
built=$(date +%s)

# Reports end the test (non-zero exit) and print a stack; leaks count as failures.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:history_size=7:suppressions=$PWD/tests/sanitizer/tsan.supp${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export QT_QPA_PLATFORM=offscreen
# Bounds on what a user would notice (the GUI stall test) allow for a build that runs slower.
export TINYFORGE_TIMING_SCALE=4
export OMP_WAIT_POLICY=passive
# libtorch's OpenMP runtime (libgomp) is not built with TSan, which cannot see its barriers
# and reports every parallel loop; the threads under test are TinyForge's own (the search
# job's worker, the data loaders, the studio's search, explore and export workers).
[[ "$mode" == thread ]] && export OMP_NUM_THREADS=1

ctest_args=(--output-on-failure --timeout 1800 -j"${JOBS:-2}")
if [[ ${#groups[@]} -eq 0 ]]; then
  if [[ "$mode" == thread ]]; then
    ctest_args+=(-R '^(SearchJob\.|SpeechCommandsTest\.|MachineSoundsTest\.|worker_inbox$|studio$|studio_figures$|studio_search$)')
  else
    groups=(core cli gui)
  fi
fi
if [[ ${#groups[@]} -gt 0 ]]; then
  ctest_args+=(-L "^($(IFS='|'; echo "${groups[*]}"))\$")
fi
[[ -n "${TESTS:-}" ]] && ctest_args+=(-R "$TESTS")
status=0
(cd "$build" && ctest "${ctest_args[@]}") || status=$?
done_at=$(date +%s)
echo "run-sanitizers.sh $mode: build $((built - start)) s, tests $((done_at - built)) s, exit $status"
exit $status
