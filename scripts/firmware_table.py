#!/usr/bin/env python3
"""Measures the code and stack of TinyForge's generated C runtime (tinyforge-c) per Cortex-M
core, with arm-none-eabi-gcc at -Os, and writes the table the estimator predicts from
(resources/firmware/tinyforge_c_code_sizes.json; core/runtime/tinyforge_c_code_size.h).

Everything is compiled and linked exactly as a generated firmware project is
(core/firmware/templates/CMakeLists.txt.in: the same flags, linker script, start-up code and
board main), around a probe model.c whose tfc_model_invoke() calls kernels the way the code
generator does (`tfc_conv2d_s8(&tfc_opN);`):
  - fixed part: the image whose invoke calls nothing (vector table, start-up, main, board port,
    whatever of libc they pull in), less that empty invoke;
  - per kernel call: the functions its call adds to that image (nm -S of the linked ELF: the
    kernel, its helpers, the libc/libgcc pieces it needs such as memcpy or __aeabi_fmul), so
    kernels that share a function count it once;
  - invoke: tfc_model_invoke's size for 0, 1, 2 ... 32 calls (straight line: a constant per call);
  - stack: -fcallgraph-info=su (GCC's per-function frames and call edges) for our code; the
    frames of linked libc/libgcc functions from their prologues (push / sub sp / vpush). A
    kernel's stack is its deepest call chain; the firmware's is that of the deepest kernel
    used + the invoke's frame + main's + the reset handler's.

Usage: scripts/firmware_table.py [--out FILE] [--cores cortex-m4f,...] [--check FILE]
--check regenerates (the given cores only, when --cores is given) and compares with FILE;
exit 0 when equal, 1 with the differences, 77 when arm-none-eabi-gcc is missing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CKERNELS = os.path.join(ROOT, "core", "ckernels")
TEMPLATES = os.path.join(ROOT, "core", "firmware", "templates")

# The cores of core/firmware/target_core.cpp with their flags (tests/core/runtime checks that the
# table's flags equal targetCoreFor()'s). Cortex-M0 and M4 without "f" use these rows.
CORES = {
    "cortex-m0plus": ["-mcpu=cortex-m0plus", "-mthumb", "-mfloat-abi=soft"],
    "cortex-m3": ["-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"],
    "cortex-m4f": ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
    "cortex-m7": ["-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"],
    "cortex-m33": ["-mcpu=cortex-m33", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"],
    "cortex-m55": ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"],
}
DSP_CORES = {"cortex-m4f", "cortex-m7", "cortex-m33", "cortex-m55"}

# The generated project's compile and link options (CMakeLists.txt.in), less the cpu flags.
COMPILE_FLAGS = ["-std=c99", "-Os", "-g", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra"]
LINK_FLAGS = ["--specs=nano.specs", "-nostartfiles", "-Wl,--gc-sections"]
# Any memory large enough: the sizes do not depend on where Flash and RAM are.
MEMORY = ["-Wl,--defsym=FLASH_ORIGIN=0x08000000", "-Wl,--defsym=FLASH_SIZE=0x400000",
          "-Wl,--defsym=RAM_ORIGIN=0x20000000", "-Wl,--defsym=RAM_SIZE=0x400000", "-Wl,--defsym=STACK_SIZE=4096"]

# Every call the code generator writes into tfc_model_invoke() (core/codegen/c_model_generator.cpp)
# with the descriptor type it takes. tfc_unpack_int4 (int4 filters) has its own arguments.
KERNEL_CALLS = {
    "tfc_add_s8": "tfc_add_op",
    "tfc_average_pool2d_s8": "tfc_pool2d_op",
    "tfc_concatenation_s8": "tfc_concatenation_op",
    "tfc_conv2d_s8": "tfc_conv2d_op",
    "tfc_depthwise_conv2d_s8": "tfc_depthwise_conv2d_op",
    "tfc_depthwise_conv2d_s8_inplace": "tfc_depthwise_conv2d_op",
    "tfc_dequantize_s8_f32": "tfc_dequantize_op",
    "tfc_fully_connected_s8": "tfc_fully_connected_op",
    "tfc_max_pool2d_s8": "tfc_pool2d_op",
    "tfc_mean_s8": "tfc_mean_op",
    "tfc_pad_s8": "tfc_pad_op",
    "tfc_quantize_f32_s8": "tfc_quantize_op",
    "tfc_requantize_s8": "tfc_requantize_op",
    "tfc_reshape": "tfc_reshape_op",
    "tfc_softmax_s8": "tfc_softmax_op",
    "tfc_unpack_int4": None,
}
INVOKE_CALL_COUNTS = [0, 1, 2, 3, 4, 8, 16, 32]

MODEL_H = """#ifndef TFC_MODEL_H
#define TFC_MODEL_H
#include <stdint.h>
#define TFC_INPUT_COUNT 1
#define TFC_OUTPUT_COUNT 1
#define TFC_OPERATOR_COUNT 1
typedef struct {
  void* data;
  int32_t bytes;
  int32_t type;
  float scale;
  int32_t zero_point;
  int32_t rank;
  int32_t dims[6];
} tfc_model_tensor;
extern const tfc_model_tensor tfc_model_inputs[];
extern const tfc_model_tensor tfc_model_outputs[];
void tfc_model_invoke(void);
#endif
"""

PROBE_PREFIX = "tfc_probe_"  # the probe's own data: not code


def run(args, cwd=None):
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("firmware_table: %s failed:\n%s%s" % (" ".join(args), result.stdout, result.stderr))
    return result.stdout


def probe_model_c(calls):
    """A model.c whose invoke makes `calls` (kernel call names) in the generator's form."""
    lines = ['#include "model.h"', '#include "tinyforge_c.h"',
             "static uint8_t tfc_probe_arena[64] __attribute__((aligned(16)));",
             "const tfc_model_tensor tfc_model_inputs[1] = {{tfc_probe_arena, 4, 0, 1.0f, 0, 1, {4}}};",
             "const tfc_model_tensor tfc_model_outputs[1] = {{tfc_probe_arena + 4, 4, 0, 1.0f, 0, 1, {4}}};",
             "const uint8_t tfc_probe_packed[4] = {1, 2, 3, 4};"]
    body = []
    for i, call in enumerate(calls):
        descriptor = KERNEL_CALLS[call]
        if descriptor is None:
            body.append("  tfc_unpack_int4(tfc_probe_packed, 8, (int8_t*)(tfc_probe_arena + 8));")
        else:
            lines.append("static const %s tfc_probe_op%d = {0};" % (descriptor, i))
            body.append("  %s(&tfc_probe_op%d);" % (call, i))
    lines.append("void tfc_model_invoke(void) {")
    lines += body
    lines.append("}")
    return "\n".join(lines) + "\n"


class Image:
    """A linked ELF: its Flash bytes and the symbols in it."""

    def __init__(self, elf):
        sections = {}
        for line in run(["arm-none-eabi-size", "-A", elf]).splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0].startswith("."):
                sections[parts[0]] = int(parts[1])
        self.flash_bytes = sum(sections.get(s, 0) for s in (".isr_vector", ".text", ".rodata", ".ARM.exidx", ".data"))
        self.symbols = {}  # key -> bytes (code and read-only data: what sits in Flash)
        self.probe_bytes = 0
        self.invoke_bytes = 0
        spans = []  # (address, bytes, key)
        for line in run(["arm-none-eabi-nm", "-S", "-l", elf]).splitlines():
            parts = line.split()
            if len(parts) < 4 or parts[2] not in "tTrRdD":
                continue
            address, size, kind, name = int(parts[0], 16), int(parts[1], 16), parts[2], parts[3]
            if name.startswith(PROBE_PREFIX) or name in ("tfc_model_inputs", "tfc_model_outputs"):
                self.probe_bytes += size
                continue
            if name == "tfc_model_invoke":
                self.invoke_bytes = size
                continue
            if kind.islower():  # a static: two files may have one of the same name
                where = os.path.basename(parts[4].rsplit(":", 1)[0]) if len(parts) > 4 else "?"
                name = where + ":" + name
            if size > 0:
                spans.append((address, size, name))
        # libgcc gives one block of code several names and entry points (__aeabi_fadd = __addsf3,
        # __aeabi_frsub a few bytes before it): overlapping symbols are one block, named by the
        # first name at its start.
        spans.sort()
        for address, size, name in spans:
            if self.symbols and address < block_end:
                if address + size > block_end:
                    self.symbols[block_name] += address + size - block_end
                    block_end = address + size
                continue
            block_name, block_end = name, address + size
            self.symbols[block_name] = size

    def code_bytes(self):
        return self.flash_bytes - self.probe_bytes


def callgraph(ci_files):
    """Frames (bytes) and call edges from GCC's -fcallgraph-info=su files."""
    frames, edges, names = {}, {}, {}
    node = re.compile(r'node: \{ title: "([^"]+)" label: "([^"\\]+)(?:\\n[^"]*?)?(?:\\n(\d+) bytes \([^)]*\))?"')
    edge = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
    for path in ci_files:
        with open(path) as f:
            for line in f:
                m = node.match(line)
                if m:
                    title, label, frame = m.group(1), m.group(2), m.group(3)
                    names[title] = label.replace("__builtin_", "")
                    if frame is not None:
                        frames[title] = int(frame)
                    continue
                m = edge.match(line)
                if m:
                    edges.setdefault(m.group(1), []).append(m.group(2))
    return frames, edges, names


def library_frames(elf):
    """Stack frames of the functions compiled elsewhere (libc, libgcc), from their prologues."""
    frames, current, seen = {}, None, 0
    for line in run(["arm-none-eabi-objdump", "-d", "--no-show-raw-insn", elf]).splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            current, seen = m.group(1), 0
            frames[current] = 0
            continue
        if current is None or not line.strip():
            continue
        seen += 1
        if seen > 8:
            continue
        insn = line.split("\t")[1:] if "\t" in line else []
        text = " ".join(insn)
        m = re.search(r"\b(push|stmdb\s+sp!,)\s*\{([^}]*)\}", text)
        if m:
            frames[current] += 4 * count_registers(m.group(2))
            continue
        m = re.search(r"\bvpush\s*\{([^}]*)\}", text)
        if m:
            regs = count_registers(m.group(1))
            frames[current] += (8 if "d" in m.group(1) else 4) * regs
            continue
        m = re.search(r"\bsub(?:\.w|w)?\s+sp,\s*(?:sp,\s*)?#(\d+)", text)
        if m:
            frames[current] += int(m.group(1))
    return frames


def count_registers(text):
    count = 0
    for part in text.split(","):
        part = part.strip()
        m = re.match(r"([rsd])(\d+)-[rsd](\d+)$", part)
        count += int(m.group(3)) - int(m.group(2)) + 1 if m else 1
    return count


def measure_core(core, work, toolchain_dir):
    flags = CORES[core]
    out = os.path.join(work, core)
    os.makedirs(out)
    include = ["-I" + toolchain_dir, "-I" + os.path.join(toolchain_dir, "tinyforge_c")]
    objects, ci_files = [], []

    def compile_c(source, name, extra=()):
        obj = os.path.join(out, name + ".o")
        run(["arm-none-eabi-gcc"] + flags + COMPILE_FLAGS + list(extra) + include +
            ["-fcallgraph-info=su", "-c", source, "-o", obj])
        ci_files.append(os.path.join(out, name + ".ci"))
        return obj

    kernel_dir = os.path.join(toolchain_dir, "tinyforge_c")
    for source in sorted(os.listdir(kernel_dir)):
        if source.endswith(".c"):
            objects.append(compile_c(os.path.join(kernel_dir, source), source[:-2]))
    board = [compile_c(os.path.join(toolchain_dir, s), s[:-2]) for s in ("startup.c", "main_board.c", "board_port.c")]
    compile_c(os.path.join(toolchain_dir, "main_qemu.c"), "main_qemu", ["-DTFC_PROFILE=1"])  # its frame only

    def link(name, calls):
        source = os.path.join(out, name + ".c")
        with open(source, "w") as f:
            f.write(probe_model_c(calls))
        obj = compile_c(source, name)
        elf = os.path.join(out, name + ".elf")
        run(["arm-none-eabi-gcc"] + flags + LINK_FLAGS + ["-T" + os.path.join(toolchain_dir, "linker.ld")] + MEMORY +
            [obj] + board + objects + ["-o", elf])
        return elf

    baseline = Image(link("probe_none", []))
    row = {"cpu_flags": flags, "path": "dsp" if core in DSP_CORES else "plain"}
    row["fixed_bytes"] = baseline.code_bytes() - baseline.invoke_bytes
    row["fixed_functions"] = dict(sorted(baseline.symbols.items()))

    # The invoke: a constant per call once it calls two kernels (one call is a tail call).
    sizes = {}
    for n in INVOKE_CALL_COUNTS:
        sizes[n] = Image(link("probe_invoke%d" % n, ["tfc_reshape"] * n)).invoke_bytes
    per_call = (sizes[32] - sizes[2]) // 30
    base = sizes[2] - 2 * per_call
    for n in INVOKE_CALL_COUNTS[2:]:  # within the 2 bytes the literal pool's 4-byte alignment may add
        if abs(sizes[n] - (base + per_call * n)) > 2:
            sys.exit("firmware_table: %s: the invoke is not linear in its calls: %s" % (core, sizes))
    unpack = Image(link("probe_unpack", ["tfc_reshape", "tfc_reshape", "tfc_unpack_int4"])).invoke_bytes - sizes[2]
    row["invoke"] = {"no_call_bytes": sizes[0], "one_call_bytes": sizes[1], "base_bytes": base,
                     "per_call_bytes": per_call, "per_unpack_int4_call_bytes": unpack,
                     "measured_bytes_by_calls": {str(n): sizes[n] for n in INVOKE_CALL_COUNTS}}

    # Every kernel call alone on top of the fixed part.
    every = link("probe_every", sorted(KERNEL_CALLS))
    frames, edges, names = callgraph(ci_files)
    libframes = library_frames(every)

    def node_frame(title):
        if title in frames:
            return frames[title]
        return libframes.get(names.get(title, title), libframes.get(title, 0))

    memo = {}

    def deepest(title, path=()):
        if title in memo:
            return memo[title]
        if title in path:
            sys.exit("firmware_table: recursion through %s" % title)
        below = max([deepest(t, path + (title,)) for t in edges.get(title, [])] + [0])
        memo[title] = node_frame(title) + below
        return memo[title]

    kernels = {}
    for call in sorted(KERNEL_CALLS):
        name = "probe_" + call
        image = Image(link(name, [call]))
        added = {k: v for k, v in image.symbols.items() if k not in baseline.symbols}
        other = image.code_bytes() - baseline.code_bytes() - (image.invoke_bytes - baseline.invoke_bytes) - sum(added.values())
        # The functions this probe's invoke calls (after the header's inline dispatch to a path).
        _, probe_edges, _ = callgraph([os.path.join(out, name + ".ci")])
        targets = probe_edges.get("tfc_model_invoke", [])
        stack = max([deepest(t) for t in targets] + [0])
        kernels[call] = {"functions": dict(sorted(added.items())), "other_bytes": other,
                         "bytes": sum(added.values()) + other, "stack_bytes": stack}
        # The deepest chain when one branch of the kernel is not taken (Add without broadcasting
        # never enters add_broadcast): the estimator picks it from the model's geometry.
        without = {}
        for target in targets:
            entry = target
            while node_frame(entry) == 0 and len(set(edges.get(entry, []))) == 1:  # a tail-calling wrapper
                entry = edges[entry][0]
            for skipped in sorted(set(edges.get(entry, []))):
                rest = [deepest(t) for t in set(edges.get(entry, [])) if t != skipped]
                value = stack - deepest(target) + node_frame(entry) + max(rest + [0])
                if value < stack:
                    without[skipped.rsplit(":", 1)[-1]] = value
        if without:
            kernels[call]["stack_bytes_without"] = without
    row["kernels"] = kernels

    invoke_frame = frames_of(os.path.join(out, "probe_invoke2.ci"), "tfc_model_invoke")
    main_frame = max(frames_of(os.path.join(out, "main_board.ci"), "main"),
                     frames_of(os.path.join(out, "main_qemu.ci"), "main"))
    row["stack"] = {"reset_handler_bytes": frames_of(os.path.join(out, "startup.ci"), "Reset_Handler"),
                    "main_bytes": main_frame, "invoke_bytes": invoke_frame}
    return row


def frames_of(ci_file, function):
    frames, _, _ = callgraph([ci_file])
    return frames.get(function, 0)


def prepare_sources(work):
    """The files a generated project holds, laid out as it lays them out."""
    project = os.path.join(work, "project")
    os.makedirs(os.path.join(project, "tinyforge_c"))
    for name in os.listdir(CKERNELS):
        if name.endswith((".c", ".h")):
            shutil.copy(os.path.join(CKERNELS, name), os.path.join(project, "tinyforge_c", name))
    for name in ("startup.c", "main_board.c", "board_port.c", "board_port.h", "main_qemu.c", "semihosting.h",
                 "linker.ld"):
        shutil.copy(os.path.join(TEMPLATES, name), os.path.join(project, name))
    with open(os.path.join(project, "model.h"), "w") as f:
        f.write(MODEL_H)
    return project


def toolchain_version():
    first = run(["arm-none-eabi-gcc", "--version"]).splitlines()[0]
    m = re.search(r"(\d+\.\d+)\.\d+", first)
    return first, (m.group(1) if m else "?")


def measure(cores):
    version_line, version = toolchain_version()
    table = {
        "what": "Code and stack of the tinyforge-c runtime per core, measured by scripts/firmware_table.py: "
                "arm-none-eabi-gcc -Os, linked as a generated firmware project (start-up, board main, nano libc). "
                "The estimator predicts a model's code and stack from it (core/runtime/tinyforge_c_code_size.h).",
        "toolchain": version_line,
        "gcc_version": version,
        "compile_flags": COMPILE_FLAGS,
        "link_flags": LINK_FLAGS,
        "cores": {},
    }
    with tempfile.TemporaryDirectory(prefix="tfc_table_") as work:
        project = prepare_sources(work)
        for core in cores:
            table["cores"][core] = measure_core(core, work, project)
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "resources", "firmware", "tinyforge_c_code_sizes.json"))
    parser.add_argument("--cores", default=",".join(CORES))
    parser.add_argument("--check", metavar="FILE")
    args = parser.parse_args()
    if shutil.which("arm-none-eabi-gcc") is None:
        print("firmware_table: arm-none-eabi-gcc not found (apt install gcc-arm-none-eabi libnewlib-arm-none-eabi)")
        return 77
    cores = [c for c in args.cores.split(",") if c]
    for core in cores:
        if core not in CORES:
            sys.exit("firmware_table: unknown core '%s' (known: %s)" % (core, ", ".join(CORES)))
    table = measure(cores)
    text = json.dumps(table, indent=1, sort_keys=True) + "\n"
    if args.check:
        with open(args.check) as f:
            stored = json.load(f)
        if stored.get("gcc_version") != table["gcc_version"]:
            print("firmware_table: the table was measured with arm-none-eabi-gcc %s, this one is %s: sizes differ "
                  "between compilers; not compared" % (stored.get("gcc_version"), table["gcc_version"]))
            return 77
        differences = []
        for key in ("compile_flags", "link_flags"):
            if stored.get(key) != table[key]:
                differences.append("%s: table %s, now %s" % (key, stored.get(key), table[key]))
        for core in cores:
            if stored.get("cores", {}).get(core) != table["cores"][core]:
                was, now = stored.get("cores", {}).get(core, {}), table["cores"][core]
                for key in sorted(set(was) | set(now)):
                    if was.get(key) == now.get(key):
                        continue
                    if key == "kernels":  # name the kernels that changed, not the whole table
                        for call in sorted(set(was.get(key, {})) | set(now[key])):
                            if was.get(key, {}).get(call) != now[key].get(call):
                                differences.append("%s.kernels.%s: table %s\n  now %s" % (
                                    core, call, json.dumps(was.get(key, {}).get(call), sort_keys=True),
                                    json.dumps(now[key].get(call), sort_keys=True)))
                        continue
                    differences.append("%s.%s: table %s\n  now %s" % (core, key, json.dumps(was.get(key), sort_keys=True),
                                                                     json.dumps(now.get(key), sort_keys=True)))
        if differences:
            print("firmware_table: %s is out of date (regenerate with scripts/firmware_table.sh):" % args.check)
            print("\n".join(differences))
            return 1
        print("firmware_table: %s is current for %s" % (args.check, ", ".join(cores)))
        return 0
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print("firmware_table: wrote %s (%s)" % (args.out, ", ".join(cores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
