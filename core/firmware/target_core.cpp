#include "core/firmware/target_core.h"

namespace tinyforge {

std::optional<TargetCore> targetCoreFor(const std::string& core) {
  TargetCore t;
  t.core = core;
  t.arm = true;
  if (core == "cortex-m0plus" || core == "cortex-m0") {
    t.cpu_flags = {"-mcpu=" + core, "-mthumb", "-mfloat-abi=soft"};
  } else if (core == "cortex-m3") {
    t.cpu_flags = {"-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"};
    t.qemu_machine = "mps2-an385";
  } else if (core == "cortex-m4" || core == "cortex-m4f") {
    // An M4 without FPU is rare on boards; the board library says cortex-m4f.
    t.cpu_flags = {"-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"};
    t.dsp = true;
    t.qemu_machine = "mps2-an386";
  } else if (core == "cortex-m7") {
    // Single precision is the FPU every Cortex-M7 part has (F7 parts lack double).
    t.cpu_flags = {"-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"};
    t.dsp = true;
    t.qemu_machine = "mps2-an500";
  } else if (core == "cortex-m33") {
    t.cpu_flags = {"-mcpu=cortex-m33", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv5-sp-d16"};
    t.dsp = true;
    t.qemu_machine = "mps2-an505";
  } else if (core == "cortex-m55") {
    t.cpu_flags = {"-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"};
    t.dsp = true;
    t.qemu_machine = "mps3-an547";
  } else if (core == "xtensa-lx7" || core == "xtensa-lx6" || core == "riscv32") {
    t.arm = false;
  } else {
    return std::nullopt;
  }
  return t;
}

std::optional<QemuTarget> qemuTarget(const std::string& id) {
  constexpr int64_t kMiB = 1024 * 1024;
  QemuTarget t;
  t.id = id;
  if (id == "qemu-m4") {
    t.core = *targetCoreFor("cortex-m4f");
    t.machine = "mps2-an386";
  } else if (id == "qemu-m3") {
    // No DSP extension: the kernels' plain C path, as on Cortex-M0+/M3 boards.
    t.core = *targetCoreFor("cortex-m3");
    t.machine = "mps2-an385";
  } else if (id == "qemu-m7") {
    t.core = *targetCoreFor("cortex-m7");
    t.machine = "mps2-an500";
  } else {
    return std::nullopt;
  }
  // Both MPS2 images: 4 MiB SSRAM at 0x0 (our "Flash") and 4 MiB at 0x20000000 (RAM).
  t.flash_origin = 0;
  t.flash_bytes = 4 * kMiB;
  t.ram_origin = 0x20000000u;
  t.ram_bytes = 4 * kMiB;
  return t;
}

std::vector<std::string> qemuTargetIds() { return {"qemu-m4", "qemu-m7", "qemu-m3"}; }

FirmwareMemory firmwareMemoryFor(const Board& board) {
  FirmwareMemory m;
  m.flash_origin = 0x08000000u;
  m.flash_bytes = board.flash_bytes;
  if (!board.flash_banks.empty()) {
    // The first bank and the banks that follow it without a gap (dual-bank parts).
    const MemoryBank& first = board.flash_banks.front();
    if (first.address) m.flash_origin = *first.address;
    m.flash_bytes = first.bytes;
    for (size_t i = 1; i < board.flash_banks.size() && first.address; ++i) {
      const MemoryBank& next = board.flash_banks[i];
      if (!next.address || *next.address != m.flash_origin + static_cast<uint64_t>(m.flash_bytes)) break;
      m.flash_bytes += next.bytes;
    }
  }
  const Board::Region ram = board.largestArenaRegion();
  m.ram_origin = ram.address.value_or(0x20000000u);
  m.ram_bytes = ram.bytes;
  return m;
}

}  // namespace tinyforge
