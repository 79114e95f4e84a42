#include "core/firmware/firmware_target.h"

#include <stdexcept>

namespace tinyforge {

FirmwareTarget firmwareTargetFor(const Board& board) {
  const auto core = targetCoreFor(board.core);
  if (!core)
    throw std::invalid_argument("board '" + board.id + "': TinyForge knows no compiler flags for its core '" + board.core +
                                "'");
  FirmwareTarget target;
  target.id = board.id;
  target.label = board.part + " (" + board.core + ")";
  target.core = *core;
  target.memory = firmwareMemoryFor(board);
  return target;
}

FirmwareTarget qemuFirmwareTarget(const std::string& id) {
  const auto qemu = qemuTarget(id);
  if (!qemu) {
    std::string known;
    for (const std::string& k : qemuTargetIds()) known += (known.empty() ? "" : ", ") + k;
    throw std::invalid_argument("unknown target '" + id + "' (known: " + known + ")");
  }
  FirmwareTarget target;
  target.id = id;
  target.label = "QEMU " + qemu->machine + " (" + qemu->core.core + ")";
  target.core = qemu->core;
  target.memory = {qemu->flash_origin, qemu->flash_bytes, qemu->ram_origin, qemu->ram_bytes};
  target.qemu_machine = qemu->machine;
  return target;
}

FirmwareProjectInput makeFirmwareProject(const ShapedGraph& graph, const TensorModel& model, const FirmwareTarget& target,
                                         const std::string& model_name, int64_t stack_bytes, GeneratedModel* generated,
                                         const std::optional<PatchChoice>& patches, MemoryPlanner planner) {
  CModelOptions options;
  options.planner = planner;
  options.model_name = model_name;
  options.dsp = target.core.dsp;
  options.patches = patches;
  GeneratedModel code = generateCModel(graph, model, options);
  FirmwareProjectInput input;
  input.model_name = model_name;
  input.board_label = target.label;
  input.core = target.core;
  input.memory = target.memory;
  input.stack_bytes = stack_bytes;
  input.model_files = code.files;
  input.notes.push_back("arena: " + std::to_string(code.plan.arena_bytes) + " bytes (one static buffer, offsets planned by " +
                        (planner == MemoryPlanner::Best ? "the best offset planner" : "TFLM's greedy rule") + ")");
  if (code.patch_plan)
    input.notes.push_back("patch-based inference: operators 0.." + std::to_string(code.patch_plan->choice.split_op) +
                          " in " + std::to_string(code.patch_plan->choice.rows) + "x" +
                          std::to_string(code.patch_plan->choice.cols) + " patches (arena without patches: " +
                          std::to_string(code.patch_plan->unpatched_arena_bytes) + " bytes)");
  input.notes.push_back("model data (weights, parameters, descriptors): " + std::to_string(code.model_data_bytes) + " bytes");
  if (generated) *generated = std::move(code);
  return input;
}

QemuModelRun runModelOnQemu(const ShapedGraph& graph, const TensorModel& model, const std::string& qemu_target,
                            const std::vector<uint8_t>& input_bytes, const std::string& work_folder,
                            const std::string& model_name, const std::optional<PatchChoice>& patches,
                            MemoryPlanner planner) {
  const FirmwareTarget target = qemuFirmwareTarget(qemu_target);
  QemuModelRun result;
  const FirmwareProjectInput project =
      makeFirmwareProject(graph, model, target, model_name, kQemuStackBytes, &result.generated, patches, planner);
  writeFirmwareProject(project, work_folder, true);
  result.image = buildFirmware(work_folder);
  QemuRunOptions options;
  options.machine = target.qemu_machine;
  result.run = runOnQemu(result.image.elf_path, input_bytes, options);
  return result;
}

}  // namespace tinyforge
