#!/usr/bin/env bash
# Regenerates resources/latency/qemu_instruction_ratios.json: the executed instructions of
# every operator of the shared int8 models, generated as C (tinyforge-c), under QEMU on
# Cortex-M4 (qemu-m4: the kernels' DSP path) and Cortex-M3 (qemu-m3: the plain C path),
# summed per latency op class. The latency model (core/latency/runtime_latency.h) turns the
# plain/DSP ratio of each class into TFLM's reference kernels' slowdown against the
# CMSIS-NN figures it was fitted to. QEMU counts instructions, not cycles; the counts are
# exact and the same on every run, so the table only changes when the kernels or the code
# generator do (tests/core/firmware/instruction_table_test.cpp checks it is current).
#
# Usage: scripts/latency_table.sh [TINYFORGE_BINARY] [SHARED_DIR]
#   defaults: build/app/tinyforge and ../shared (the main checkout's shared folder)
# Needs gcc-arm-none-eabi, qemu-system-arm and python3. Takes about a minute.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tinyforge=${1:-$root/build/app/tinyforge}
shared=${2:-$root/../shared}
out=$root/resources/latency/qemu_instruction_ratios.json
[ -x "$tinyforge" ] || { echo "no tinyforge binary at $tinyforge (build the 'tinyforge' target)" >&2; exit 2; }
[ -d "$shared/models" ] || { echo "no shared models at $shared/models" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Models of the table: int8 models with TFLM reference vectors; each runs on its first
# vector case's input (models/README.md), so a rerun gives the same counts.
models="kws_micronet_m ds_cnn_s_quantized ad_small_int8 vww2_50_50_INT8 person_detect micro_speech_quantized
        hello_world_int8 network_tester_model simple_add_model"
for m in $models; do
  python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); open(sys.argv[2],"wb").write(bytes.fromhex(v["cases"][0]["input_hex"]))' \
    "$shared/models/vectors/$m.json" "$work/$m.bin"
  for target in qemu-m4 qemu-m3; do
    "$tinyforge" run "$shared/models/$m.tflite" --input "$work/$m.bin" --input-format raw --target $target --json \
      > "$work/$m.$target.json"
  done
  echo "$m: measured" >&2
done

python3 - "$work" "$out" $models <<'PY'
import json, sys
work, out, models = sys.argv[1], sys.argv[2], sys.argv[3:]
table = {
    "source": "scripts/latency_table.sh: tinyforge run MODEL --target qemu-m4|qemu-m3 --json on each shared model's "
              "first vector input (models/vectors), generated C (tinyforge-c), arm-none-eabi-gcc -Os",
    "note": "instructions (QEMU), not cycles: executed instructions counted by TinyForge's TCG plugin, exact and "
            "repeatable; no pipeline, caches or Flash wait states",
    "dsp": {"target": "qemu-m4", "machine": "mps2-an386", "core": "cortex-m4f", "path": "DSP (SMLAD, SXTB16)"},
    "plain": {"target": "qemu-m3", "machine": "mps2-an385", "core": "cortex-m3", "path": "plain C"},
    "models": [],
    "classes": {},
}
classes = {}
for m in models:
    dsp = json.load(open(f"{work}/{m}.qemu-m4.json"))
    plain = json.load(open(f"{work}/{m}.qemu-m3.json"))
    if dsp["outputs"] != plain["outputs"]:
        sys.exit(f"{m}: the DSP and plain paths' outputs differ")
    layers = []
    for d, p in zip(dsp["operator_instructions"], plain["operator_instructions"]):
        assert d["layer"] == p["layer"], (m, d["layer"], p["layer"])
        layers.append({"layer": d["layer"], "kind": d["kind"], "class": d["latency_class"], "macs": d["macs"],
                       "dsp_instructions": d["instructions"], "plain_instructions": p["instructions"]})
        c = classes.setdefault(d["latency_class"], {"operators": 0, "macs": 0, "dsp_instructions": 0,
                                                    "plain_instructions": 0})
        c["operators"] += 1
        c["macs"] += d["macs"]
        c["dsp_instructions"] += d["instructions"]
        c["plain_instructions"] += p["instructions"]
    macs = sum(l["macs"] for l in layers)
    table["models"].append({"model": m, "macs": macs, "dsp_instructions": dsp["instructions"],
                            "plain_instructions": plain["instructions"], "operators": layers})
for name, c in sorted(classes.items()):
    c["plain_over_dsp"] = round(c["plain_instructions"] / c["dsp_instructions"], 4) if c["dsp_instructions"] else 1.0
    table["classes"][name] = c
with open(out, "w") as f:
    json.dump(table, f, indent=1)
    f.write("\n")
for name, c in table["classes"].items():
    print(f"{name:16} {c['operators']:4} ops  plain/DSP {c['plain_over_dsp']:.3f}", file=sys.stderr)
PY
echo "wrote $out" >&2
