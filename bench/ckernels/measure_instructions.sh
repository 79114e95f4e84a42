#!/usr/bin/env bash
# Executed instructions per MAC of the C kernels on MicroNet-KWS-M's layers, Cortex-M4
# (QEMU mps2-an386, -icount shift=0: deterministic, one SysTick tick per 40 instructions).
# Built like generated firmware: arm-none-eabi-gcc -Os -std=c99. Usage: from the repo root,
#   bench/ckernels/measure_instructions.sh [cortex-m4|cortex-m7]
set -eu
cpu=${1:-cortex-m4}
case $cpu in
  cortex-m4) fpu=fpv4-sp-d16 machine=mps2-an386 ;;
  cortex-m7) fpu=fpv5-d16 machine=mps2-an500 ;;
  *) echo "unknown core $cpu" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd)
kernels=$root/core/ckernels
harness=$root/tests/core/ckernels/qemu
elf=$(mktemp --suffix=.elf)
trap 'rm -f "$elf"' EXIT
arm-none-eabi-gcc -mcpu=$cpu -mthumb -mfloat-abi=hard -mfpu=$fpu -Os -std=c99 -Wall -Wextra -Werror \
  -ffunction-sections -fdata-sections -ffreestanding -fno-tree-loop-distribute-patterns -nostdlib \
  -I"$kernels" -I"$harness" "$kernels"/*.c "$root/bench/ckernels/micronet_kws_m_layers.c" \
  "$harness/firmware_support.c" -T "$harness/cortex_m.ld" -Wl,--gc-sections -lgcc -o "$elf"
timeout 300 qemu-system-arm -M $machine -icount shift=0,sleep=off -display none -nodefaults -chardev stdio,id=sh0 \
  -semihosting-config enable=on,target=native,chardev=sh0 -kernel "$elf" 2>&1 | grep -v "has no peer"
