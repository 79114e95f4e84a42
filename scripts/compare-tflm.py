#!/usr/bin/env python3
"""Prints TFLM's measured figures (../shared/models/README.md) beside TinyForge's for every
shared model: head, tail, arena_used_bytes, smallest arena, CMSIS-NN head, Flash.
Usage: python3 scripts/compare-tflm.py [build/app/tinyforge] [../shared/models]"""
import json, os, re, subprocess, sys

cli = sys.argv[1] if len(sys.argv) > 1 else "build/app/tinyforge"
models = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../shared/models")
readme = open(os.path.join(models, "README.md")).read()

def table_rows(header_start):
    lines = readme[readme.index(header_start):].splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows

tflm = {r[0]: r for r in table_rows("| model | file bytes")}
smallest = {r[0]: int(r[1]) for r in table_rows("| model | smallest arena")}

def estimate(path, runtime):
    out = subprocess.run([cli, "estimate", path, "--board", "stm32f446re", "--runtime", runtime, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["totals"]

print("| model | head TFLM / ours | tail (recorded) TFLM / ours | arena_used TFLM / ours | smallest arena TFLM / ours | CMSIS-NN head TFLM / ours | file bytes / our .tflite | our Flash incl. code |")
print("|---|---|---|---|---|---|---|---|")
for name, row in tflm.items():
    ours = estimate(os.path.join(models, name), "tflm")
    cmsis = estimate(os.path.join(models, name), "tflm-cmsis")
    head, tail, used, cmsis_head = int(row[4]), int(row[5]), int(row[6]), int(row[7])
    mark = lambda a, b: f"{a} / {b}" + ("" if a == b else " ≠")
    print(f"| {name} | {mark(head, ours['arena_head_bytes'])} | {mark(tail, ours['arena_tail_recorded_bytes'])} | "
          f"{mark(used, ours['arena_used_bytes'])} | {mark(smallest[name], ours['min_arena_bytes'])} | "
          f"{mark(cmsis_head, cmsis['arena_head_bytes'])} | {row[1]} / {ours['model_flash_bytes']} | {ours['flash_bytes']} |")
