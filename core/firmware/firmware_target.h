#pragma once
// Where a firmware goes: a board of the library (its core, Flash and SRAM) or one of the QEMU
// machines TinyForge runs firmware on. Turns a quantized model into a firmware project for it
// (core/codegen + firmware_project.h), and builds and runs it under QEMU in one call.

#include <optional>
#include <string>
#include <vector>

#include "core/boards/board.h"
#include "core/codegen/c_model_generator.h"
#include "core/firmware/firmware_build.h"
#include "core/firmware/firmware_project.h"
#include "core/firmware/qemu_runner.h"
#include "core/firmware/target_core.h"

namespace tinyforge {

struct FirmwareTarget {
  std::string id;      // board id ("stm32f446re") or QEMU target ("qemu-m4")
  std::string label;   // "STM32F446RE (cortex-m4f)"
  TargetCore core;
  FirmwareMemory memory;
  std::string qemu_machine;  // the machine a QEMU target runs on; empty for a board
};

// Throws std::invalid_argument naming the board and its core when TinyForge knows no
// compiler flags for it.
FirmwareTarget firmwareTargetFor(const Board& board);
// Throws std::invalid_argument for an unknown id (listing the known ones).
FirmwareTarget qemuFirmwareTarget(const std::string& id);

// The stack a QEMU harness reserves: generous, the run measures what the inference uses.
inline constexpr int64_t kQemuStackBytes = 64 * 1024;

// Generates the model's C for `target` and the project around it (nothing written); with
// `patches`, the stage up to the split point runs patch by patch (core/runtime/patch_plan.h).
// Throws CodegenError naming the layer when the C runtime cannot run the model.
FirmwareProjectInput makeFirmwareProject(const ShapedGraph& graph, const TensorModel& model, const FirmwareTarget& target,
                                         const std::string& model_name, int64_t stack_bytes,
                                         GeneratedModel* generated = nullptr,
                                         const std::optional<PatchChoice>& patches = std::nullopt,
                                         MemoryPlanner planner = MemoryPlanner::Greedy);

struct QemuModelRun {
  QemuRunResult run;
  FirmwareImage image;
  GeneratedModel generated;
};

// Generates, writes into `work_folder` (replaced), builds for the QEMU target and runs one
// inference on `input_bytes` (all inputs, in order). Throws CodegenError, FirmwareBuildError,
// QemuRunError or FileError with a message naming what failed.
QemuModelRun runModelOnQemu(const ShapedGraph& graph, const TensorModel& model, const std::string& qemu_target,
                            const std::vector<uint8_t>& input_bytes, const std::string& work_folder,
                            const std::string& model_name = "model",
                            const std::optional<PatchChoice>& patches = std::nullopt,
                            MemoryPlanner planner = MemoryPlanner::Greedy);

}  // namespace tinyforge
