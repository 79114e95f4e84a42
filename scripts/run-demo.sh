#!/usr/bin/env bash
# Sets everything up and runs the main job: the studio on a bundled example; where no
# display exists, the headless demo (the CLI estimating a bundled model on a few boards).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
model=resources/models/micronet_kws_m.json
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x build/app/studio/tinyforge-studio ]]; then
  exec build/app/studio/tinyforge-studio --model "$model"
fi
echo "No display: running the headless demo (set DISPLAY to open the studio)." >&2
build/app/tinyforge boards
build/app/tinyforge estimate "$model" --board STM32F446RE --board STM32F746ZG --board STM32H743ZI
build/app/tinyforge check "$model" --board STM32F446RE
