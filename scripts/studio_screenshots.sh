#!/bin/sh
# Regenerates docs/screenshots/*.png with the studio's batch mode (no display needed).
# Usage: scripts/studio_screenshots.sh [BUILD_DIR]   (default: build)
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
studio="${1:-$root/build}/app/studio/tinyforge-studio"
out="$root/docs/screenshots"
model="$root/resources/models/micronet_kws_m.json"
export QT_QPA_PLATFORM=offscreen
# A fresh settings file each time, so that a developer's window layout does not leak in.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
shot_args() { name=$1; shift; "$studio" --screenshot "$out/$name" "$@" >/dev/null; echo "$out/$name"; }
shot_args studio_canvas.png --model "$model" --select ds2
shot_args studio_canvas_de.png --model "$model" --select ds2 --lang de
shot_args studio_layers.png --model "$model" --tab layers
shot_args studio_memory_map.png --model "$model" --tab memory
# The dashboard with a budget the user set: 5 inferences per second (200 ms).
shot_args studio_dashboard_budget.png --model "$model" --target-fps 5
shot_args studio_pareto.png --model "$model" --tab pareto
# Patch-based inference's trade-off for person_detect (a real .tflite from ../shared).
shot_args studio_patches.png --model "$root/../shared/models/person_detect.tflite" --tab patches
# The search tab mid-run: the KWS backbone on synthetic data, paused after 6 short epochs
# (3 steps each; about a minute with the one training thread the studio uses).
work=$(mktemp -d)
shot_args studio_search.png --model "$root/resources/models/kws_backbone.json" --save-as "$work/kws.tfproj" --search-epochs 6
# What export writes: core/export's memory map of MicroNet-KWS-M (a real .tflite) on the F746ZG
# (the same picture is written as SVG and PDF).
cli="${1:-$root/build}/app/tinyforge"
if [ -x "$cli" ]; then
  "$cli" export "$root/../shared/models/kws_micronet_m.tflite" -b stm32f746zg -r tflm-cmsis --format memmap -o "$work/export" >/dev/null
  cp "$work/export/stm32f746zg/memory_map.png" "$out/export_memory_map.png"
  echo "$out/export_memory_map.png"
fi
rm -rf "$work" "$XDG_CONFIG_HOME"
