#!/bin/bash
# Patch-based inference measured under QEMU (docs/patches.md): for each model and patch
# choice, the generated firmware's peak RAM (.data + .bss + the stack's high-water mark),
# its executed instructions and the extra MACs, against TFLM's arena_used_bytes (the `tflm`
# estimate, equal to ../shared/models/README.md's measurement).
# Usage: scripts/patches_table.sh [path/to/tinyforge] [qemu-m4|qemu-m7|qemu-m3] [board for the MAC figures]
set -euo pipefail
cli=${1:-build/app/tinyforge}
target=${2:-qemu-m4}
board=${3:-stm32f446re}
models=$(dirname "$0")/../../shared/models
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The input of models/README.md's vector case 0 (xorshift32), as many bytes as the model takes.
input() {
  python3 -c 'import sys
s = 0x9E3779B9; out = bytearray()
for _ in range(int(sys.argv[1])):
    s ^= (s << 13) & 0xFFFFFFFF; s ^= s >> 17; s ^= (s << 5) & 0xFFFFFFFF; out.append(s >> 24)
sys.stdout.buffer.write(out)' "$1" > "$2"
}
echo "| model | --patches | stage, grid | arena (plan) | stack (measured) | peak RAM (measured) | TFLM arena_used | TFLM / peak | extra MACs (model) | instructions | vs no patches |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for entry in "person_detect:none auto 7:2x2 7:9x9 3:4x4" "vww2_50_50_INT8:none auto 14:3x3 14:4x4 11:2x2"; do
  model=${entry%%:*}
  file="$models/$model.tflite"
  tflm=$("$cli" estimate "$file" --board "$board" --runtime tflm --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["arena_used_bytes"])')
  bytes=$("$cli" estimate "$file" --board "$board" --runtime tinyforge-c --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(sum(l["output_bytes"] for l in e["layers"] if l["op"] == "Input"))' 2>/dev/null || echo 0)
  plain_instructions=
  for choice in ${entry#*:}; do
    input "$bytes" "$work/input.bin"
    "$cli" run "$file" -i "$work/input.bin" --input-format raw --target "$target" --patches "$choice" --json > "$work/run.json"
    "$cli" estimate "$file" --board "$board" --runtime tinyforge-c --patches "$choice" --json > "$work/estimate.json"
    row=$(python3 - "$work/run.json" "$work/estimate.json" "$model" "$choice" "$tflm" "${plain_instructions:-0}" \
            2> "$work/instructions" <<'PY'
import json, sys
run = json.load(open(sys.argv[1])); est = json.load(open(sys.argv[2]))
model, choice, tflm, plain = sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
p = est["patches"]
stage = "operators 0..%d, %dx%d" % (p["split_operator"], p["rows"], p["cols"]) if p["active"] else "-"
extra = "+%.1f%%" % p["extra_macs_percent"] if p["active"] else "0"
assert run["matches_host"], "outputs differ from the host interpreter"
vs = "+%.1f%%" % (100.0 * (run["instructions"] - plain) / plain) if plain else "-"
print("| %s | %s | %s | %d | %d | %d | %d | %.2fx | %s | %d | %s |" % (model, choice, stage, run["arena_bytes"],
      run["stack_bytes"], run["peak_ram_bytes"], tflm, tflm / run["peak_ram_bytes"], extra, run["instructions"], vs))
print(run["instructions"], file=sys.stderr)
PY
    )
    echo "$row"
    if [ -z "$plain_instructions" ]; then plain_instructions=$(cat "$work/instructions"); fi
  done
done
