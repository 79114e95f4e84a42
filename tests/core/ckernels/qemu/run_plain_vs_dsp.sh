#!/usr/bin/env bash
# CTest: cross-compiles the C kernels with the real DSP intrinsics for Cortex-M4 and
# Cortex-M7, runs plain_vs_dsp.c on QEMU's mps2-an386 and mps2-an500, and requires
#   - exit code 0 (every random case gives the same bytes on the plain and the DSP path),
#   - the same output checksum as the host build (the plain path computes the same bytes
#     on the host and on the Arm cores).
# Exits 77 (CTest: skipped) when the Arm toolchain or QEMU is missing.
# Usage: run_plain_vs_dsp.sh SOURCE_ROOT WORK_DIR HOST_BINARY
set -u
root=$1
work=$2
host_binary=$3
for tool in arm-none-eabi-gcc qemu-system-arm; do
  if ! command -v "$tool" > /dev/null; then
    echo "skipped: $tool not found (apt-get install --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm)"
    exit 77
  fi
done
kernels=$root/core/ckernels
harness=$root/tests/core/ckernels/qemu
mkdir -p "$work"

expected=$("$host_binary") || { echo "FAIL: host build exited $?: $expected"; exit 1; }
echo "host:       $expected"

status=0
for target in "cortex-m4 fpv4-sp-d16 mps2-an386" "cortex-m7 fpv5-d16 mps2-an500"; do
  set -- $target
  cpu=$1 fpu=$2 machine=$3
  elf=$work/plain_vs_dsp_$cpu.elf
  # The flags generated firmware uses (-Os -std=c99 -Wall -Wextra -Werror), no libc.
  if ! arm-none-eabi-gcc -mcpu=$cpu -mthumb -mfloat-abi=hard -mfpu=$fpu -Os -std=c99 -Wall -Wextra -Werror \
      -ffunction-sections -fdata-sections -ffreestanding -fno-tree-loop-distribute-patterns -nostdlib \
      -I"$kernels" -I"$harness" "$kernels"/*.c "$harness/plain_vs_dsp.c" "$harness/firmware_support.c" \
      -T "$harness/cortex_m.ld" -Wl,--gc-sections -lgcc -o "$elf"; then
    echo "FAIL: $cpu build"
    status=1
    continue
  fi
  output=$(timeout 120 qemu-system-arm -M "$machine" -display none -nodefaults -chardev stdio,id=sh0 \
    -semihosting-config enable=on,target=native,chardev=sh0 -kernel "$elf" 2>&1 | grep -v "has no peer")
  code=${PIPESTATUS[0]}
  echo "$cpu: $output (exit $code)"
  if [ "$code" != 0 ]; then
    echo "FAIL: $cpu on $machine exited $code (124: timeout, 99: HardFault, else the number of differing cases)"
    status=1
  elif [ "$output" != "$expected" ]; then
    echo "FAIL: $cpu output differs from the host's"
    status=1
  fi
done
exit $status
