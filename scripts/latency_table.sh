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
# With CMSIS_NN_DIR set to a checkout of Arm's CMSIS-NN (github.com/ARM-software/CMSIS-NN, not
# part of TinyForge), it also counts CMSIS-NN's instructions on MicroNet-KWS-M's layers
# (bench/ckernels/measure_cmsis_nn.sh, -Os like the firmware) and stores them beside our DSP
# path's counts of the same layers: the ratio per op class is tinyforge-c's factor against
# the CMSIS-NN fit. Without it the table keeps the CMSIS-NN counts it has and recomputes
# the ratios against the new DSP counts.
#
# Usage: [CMSIS_NN_DIR=...] scripts/latency_table.sh [TINYFORGE_BINARY] [SHARED_DIR]
#   defaults: build/app/tinyforge and ../shared (the main checkout's shared folder)
# Needs gcc-arm-none-eabi, qemu-system-arm and python3. Takes about two minutes.
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

cmsis_layers=$work/cmsis_nn.txt
if [ -n "${CMSIS_NN_DIR:-}" ]; then
  CMSIS_NN_OPT=-Os "$root/bench/ckernels/measure_cmsis_nn.sh" "$CMSIS_NN_DIR" | grep '^layer ' > "$cmsis_layers"
  # An archive has no git metadata: CMSIS_NN_COMMIT names the commit it came from.
  cmsis_commit=${CMSIS_NN_COMMIT:-$(git -C "$CMSIS_NN_DIR" rev-parse --short HEAD 2>/dev/null || echo "unknown commit")}
  echo "CMSIS-NN ($cmsis_commit): measured" >&2
else
  : > "$cmsis_layers"
  cmsis_commit=""
fi

python3 - "$work" "$out" "$cmsis_layers" "$cmsis_commit" $models <<'PY'
import json, os, sys
work, out, cmsis_layers, cmsis_commit, models = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
previous = json.load(open(out)) if os.path.exists(out) else {}
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

# CMSIS-NN against our DSP path, layer by layer on MicroNet-KWS-M (its operators in order,
# the final RESHAPE aside: CMSIS-NN has no kernel for it).
cmsis = []
if os.path.getsize(cmsis_layers):
    for line in open(cmsis_layers):
        _, name, op_class, macs, instructions = line.split()
        cmsis.append({"layer": name, "class": op_class, "macs": int(macs), "cmsis_instructions": int(instructions)})
    source = ("bench/ckernels/measure_cmsis_nn.sh: Arm CMSIS-NN " + cmsis_commit + " (github.com/ARM-software/CMSIS-NN), "
              "arm-none-eabi-gcc -Os, the s8 wrappers TFLM calls, on MicroNet-KWS-M's layers (cmsis_nn_kws_m_layers.c)")
elif "cmsis_nn" in previous:
    cmsis = [{k: l[k] for k in ("layer", "class", "macs", "cmsis_instructions")} for l in previous["cmsis_nn"]["layers"]]
    source = previous["cmsis_nn"]["source"]
if cmsis:
    kws = next(m for m in table["models"] if m["model"] == "kws_micronet_m")
    ours = [op for op in kws["operators"] if op["kind"] != "RESHAPE"]
    if len(ours) != len(cmsis):
        sys.exit(f"CMSIS-NN has {len(cmsis)} layers, MicroNet-KWS-M {len(ours)} operators")
    sums = {}
    for c, o in zip(cmsis, ours):
        if c["class"] != o["class"] or c["macs"] != o["macs"]:
            sys.exit(f"CMSIS-NN layer {c['layer']} ({c['class']}, {c['macs']} MACs) is not operator {o['layer']}")
        c["dsp_instructions"] = o["dsp_instructions"]
        s = sums.setdefault(c["class"], {"layers": 0, "macs": 0, "cmsis_instructions": 0, "dsp_instructions": 0})
        s["layers"] += 1
        s["macs"] += c["macs"]
        s["cmsis_instructions"] += c["cmsis_instructions"]
        s["dsp_instructions"] += c["dsp_instructions"]
    for s in sums.values():
        s["dsp_over_cmsis"] = round(s["dsp_instructions"] / s["cmsis_instructions"], 4)
    table["cmsis_nn"] = {"source": source, "model": "kws_micronet_m", "layers": cmsis, "classes": dict(sorted(sums.items()))}
with open(out, "w") as f:
    json.dump(table, f, indent=1)
    f.write("\n")
for name, c in table["classes"].items():
    print(f"{name:16} {c['operators']:4} ops  plain/DSP {c['plain_over_dsp']:.3f}", file=sys.stderr)
for name, c in table.get("cmsis_nn", {}).get("classes", {}).items():
    print(f"{name:16} DSP path / CMSIS-NN {c['dsp_over_cmsis']:.3f}", file=sys.stderr)
PY
echo "wrote $out" >&2
