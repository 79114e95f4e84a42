#pragma once
// What the firmware build needs to know about a board's core: the compiler flags, whether
// the DSP extension is there (it picks the kernels' DSP path and their scratch buffers),
// and which QEMU machine emulates it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/boards/board.h"

namespace tinyforge {

struct TargetCore {
  std::string core;                    // the board file's name, e.g. "cortex-m4f"
  bool arm = false;                    // false: no Arm build files (e.g. xtensa-lx7)
  std::vector<std::string> cpu_flags;  // -mcpu=... -mthumb -mfloat-abi=... -mfpu=...
  bool dsp = false;                    // Armv7E-M / Armv8-M DSP extension (SMLAD, SXTB16...)
  std::string qemu_machine;            // empty: QEMU 7.2 emulates no board with this core
};

// The firmware targets TinyForge runs under QEMU: "qemu-m4" (mps2-an386, Cortex-M4F) and
// "qemu-m7" (mps2-an500, Cortex-M7), the DSP path; "qemu-m3" (mps2-an385, Cortex-M3), the
// plain C path. Memory there: 4 MiB at 0x0 and 4 MiB at 0x20000000.
struct QemuTarget {
  std::string id;  // "qemu-m4"
  TargetCore core;
  std::string machine;
  uint64_t flash_origin = 0;
  int64_t flash_bytes = 0;
  uint64_t ram_origin = 0;
  int64_t ram_bytes = 0;
};

// Null when the core is unknown; `arm` false for a known non-Arm core.
std::optional<TargetCore> targetCoreFor(const std::string& core);
std::optional<QemuTarget> qemuTarget(const std::string& id);
std::vector<std::string> qemuTargetIds();

// The memory a firmware image for `board` may occupy: the first Flash bank with the banks
// that continue it (or the whole Flash at 0x08000000 when the board file has no banks), and the largest contiguous block of
// SRAM an arena can use (Board::arenaCapacityBytes()).
struct FirmwareMemory {
  uint64_t flash_origin = 0;
  int64_t flash_bytes = 0;
  uint64_t ram_origin = 0;
  int64_t ram_bytes = 0;
};
FirmwareMemory firmwareMemoryFor(const Board& board);

}  // namespace tinyforge
