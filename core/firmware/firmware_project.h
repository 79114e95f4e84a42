#pragma once
// A firmware project for one board: the generated model (core/codegen), the C kernel
// library, start-up code and a linker script sized to the board's Flash and SRAM (so the
// link itself refuses a model that does not fit), a main for QEMU (semihosting) and one for
// a real board (board_port.c), a CMakeLists.txt with an arm-none-eabi toolchain file, and a
// README. It builds with one command: cmake -B build && cmake --build build.
//
// For a core without an Arm toolchain (ESP32-S3's Xtensa) the folder holds the portable
// sources (model and kernels) and a README saying how to add them to the vendor's build.

#include <string>
#include <vector>

#include "core/codegen/c_model_generator.h"
#include "core/firmware/target_core.h"

namespace tinyforge {

struct FirmwareProjectInput {
  std::string model_name;          // for the README and comments
  std::string board_label;         // "STM32F446RE (cortex-m4f)" or "QEMU mps2-an386 (cortex-m4f)"
  TargetCore core;
  FirmwareMemory memory;
  int64_t stack_bytes = 4096;      // reserved after .bss (the estimate, rounded up)
  std::vector<GeneratedFile> model_files;  // model.h, model.c, model_data.c
  std::vector<std::string> notes;  // lines for the README (figures, warnings)
};

struct ProjectFile {
  std::string path;  // relative, '/'-separated
  std::string contents;
};

// Every file of the project (nothing is written).
std::vector<ProjectFile> firmwareProjectFiles(const FirmwareProjectInput& input);

// Writes the project into `folder` all together or not at all. An existing folder is refused
// (FileError naming it) unless `replace`; then it is replaced only once the new one is
// complete. Throws FileError naming the path and the reason (full disk, no permission).
void writeFirmwareProject(const FirmwareProjectInput& input, const std::string& folder, bool replace);

}  // namespace tinyforge
