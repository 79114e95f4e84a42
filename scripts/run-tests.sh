#!/usr/bin/env bash
# Sets everything up and runs the whole test suite (unit, CLI end to end, GUI offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600
