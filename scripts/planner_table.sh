#!/bin/bash
# Best planner vs TFLM's greedy head vs the lower bounds on every shared model, as
# `tinyforge estimate --planner best --json` reports them (docs/runtime-memory.md).
# Usage: scripts/planner_table.sh [path/to/tinyforge] [runtime]
set -euo pipefail
cli=${1:-build/app/tinyforge}
runtime=${2:-tflm}
models=$(dirname "$0")/../../shared/models
echo "| model | TFLM greedy head | best planner head | head lower bound (16-byte aligned, scratch) | live-bytes lower bound | method |"
echo "|---|---:|---:|---:|---:|---|"
for model in "$models"/*.tflite; do
  "$cli" estimate "$model" --board stm32f746zg --runtime "$runtime" --planner best --json |
    python3 -c 'import json,sys,os; e=json.load(sys.stdin); t=e["totals"]
print("| %s | %d | %d | %d | %d | %s |" % (os.path.basename(sys.argv[1]), t["greedy_head_bytes"], t["arena_head_bytes"],
      t["head_lower_bound_bytes"], t["lower_bound_bytes"], e["plan"]["method"]))' "$model"
done
