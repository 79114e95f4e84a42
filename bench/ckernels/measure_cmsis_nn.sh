#!/usr/bin/env bash
# Executed instructions of Arm's CMSIS-NN on MicroNet-KWS-M's layers, Cortex-M4 (QEMU
# mps2-an386, -icount shift=0), built like TFLM builds it for a Cortex-M4 (-O2 here, as
# TFLM's release builds; the generated firmware uses -Os). CMSIS-NN is not part of
# TinyForge: pass a checkout (github.com/ARM-software/CMSIS-NN). Not -ffreestanding: CMSIS-NN
# reads 4 bytes with memcpy, which only the builtin turns into one load. Usage, from the repo root:
#   bench/ckernels/measure_cmsis_nn.sh CMSIS_NN_DIR
# Prints "layer <name> <class> <MACs> <instructions>" per layer (cmsis_nn_kws_m_layers.c).
set -eu
cmsis=${1:?usage: measure_cmsis_nn.sh CMSIS_NN_DIR}
[ -f "$cmsis/Include/arm_nnfunctions.h" ] || { echo "$cmsis: not a CMSIS-NN checkout" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
harness=$root/tests/core/ckernels/qemu
elf=$(mktemp --suffix=.elf)
trap 'rm -f "$elf"' EXIT
sources=$(ls "$cmsis"/Source/{ConvolutionFunctions,NNSupportFunctions,PoolingFunctions}/*.c | grep -v -e '_f16' -e '_f32')
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 ${CMSIS_NN_OPT:--Os} -std=c99 -w \
  -ffunction-sections -fdata-sections -fno-tree-loop-distribute-patterns -nostdlib \
  -I"$cmsis/Include" -I"$harness" $sources "$root/bench/ckernels/cmsis_nn_kws_m_layers.c" \
  "$harness/firmware_support.c" -T "$harness/cortex_m.ld" -Wl,--gc-sections -lgcc -lc -o "$elf"
timeout 300 qemu-system-arm -M mps2-an386 -icount shift=0,sleep=off -display none -nodefaults -chardev stdio,id=sh0 \
  -semihosting-config enable=on,target=native,chardev=sh0 -kernel "$elf" 2>&1 | grep -v "has no peer"
