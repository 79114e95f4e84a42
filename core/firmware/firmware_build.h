#pragma once
// Builds a firmware project (firmware_project.h) with cmake and arm-none-eabi-gcc, and reads
// what the linked image holds: section sizes (arm-none-eabi-size -A) and symbols
// (arm-none-eabi-nm -S), which are what the `tinyforge-c` estimate answers to.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinyforge {

// A region of the linker script the image overflows: "RAM needs N bytes, has M".
struct MemoryOverflow {
  std::string region;  // "FLASH" or "RAM"
  int64_t over_bytes = 0;
};

class FirmwareBuildError : public std::runtime_error {
 public:
  enum class Kind { MissingTool, DoesNotFit, Failed };
  FirmwareBuildError(Kind kind, const std::string& message, std::vector<MemoryOverflow> overflows = {})
      : std::runtime_error(message), kind_(kind), overflows_(std::move(overflows)) {}
  Kind kind() const { return kind_; }
  const std::vector<MemoryOverflow>& overflows() const { return overflows_; }

 private:
  Kind kind_;
  std::vector<MemoryOverflow> overflows_;
};

struct ImageSections {
  int64_t vectors_bytes = 0;  // .isr_vector
  int64_t text_bytes = 0;     // .text (code)
  int64_t rodata_bytes = 0;   // .rodata (weights, parameters, descriptors, constants of the code)
  int64_t exidx_bytes = 0;    // .ARM.exidx
  int64_t data_bytes = 0;     // .data (initialized RAM, its image in Flash)
  int64_t bss_bytes = 0;      // .bss (the arena and zeroed statics)
  int64_t stack_bytes = 0;    // .stack (reserved)
  int64_t flashBytes() const { return vectors_bytes + text_bytes + rodata_bytes + exidx_bytes + data_bytes; }
  int64_t staticRamBytes() const { return data_bytes + bss_bytes; }
};

struct ImageSymbol {
  std::string name;
  char type = '?';  // nm's: T/t code, R/r read-only data, B/b bss, D/d data
  uint64_t address = 0;
  int64_t size_bytes = 0;
};

struct FirmwareImage {
  std::string elf_path;
  std::string map_path;
  ImageSections sections;
  std::vector<ImageSymbol> symbols;
};

struct FirmwareBuildOptions {
  std::string target = "qemu";  // the project's TFC_TARGET: qemu or board
  std::string build_folder;     // default: <project>/build (qemu) or <project>/build-board
  double timeout_seconds = 300;
};

// Throws FirmwareBuildError: MissingTool names the Debian package to install; DoesNotFit
// carries the regions the link overflowed; Failed carries the compiler's message.
FirmwareImage buildFirmware(const std::string& project_folder, const FirmwareBuildOptions& options = {});

// Sections and symbols of a linked image. Throws FirmwareBuildError when the tools fail.
FirmwareImage readFirmwareImage(const std::string& elf_path);

// Whether cmake and arm-none-eabi-gcc are on PATH (tests skip without them).
bool armToolchainAvailable();

}  // namespace tinyforge
