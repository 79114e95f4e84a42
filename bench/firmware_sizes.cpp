// Firmware sizes for docs/firmware.md (a figure printer, not a Google Benchmark: sizes are not
// timings). For every shared model, the tinyforge-c firmware for a QEMU core is generated,
// built twice (TFC_TARGET=board: what a board runs; the QEMU harness: for the stack) and run
// once under QEMU:
//   peak RAM = .data + .bss (the arena; nothing else) + the stack high-water mark QEMU
//   measures, next to TFLM's arena_used_bytes on the same model (the estimator's `tflm`
//   figure, equal to TFLM's own to the byte on these models: tests/core/runtime), and the
//   code Flash (image Flash less the model's constant data) next to the estimate.
// Usage: firmware_sizes [qemu-m4|qemu-m7|qemu-m3|BOARD]   (default qemu-m4; needs the Arm toolchain
// and QEMU). A board id of the library (rp2040, stm32u585ai...) builds its board image only:
// the code table, without the QEMU stack (the peak RAM table then says so).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "core/boards/board_library.h"
#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/shape_inference.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tinyforge_c_code_size.h"

using namespace tinyforge;
namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> someInput(const TensorModel& model) {
  std::vector<uint8_t> bytes;
  std::mt19937 rng(11);
  for (int t : model.inputs) {
    const TensorInfo& tensor = model.tensors[static_cast<size_t>(t)];
    for (int64_t i = 0; i < tensor.bytes; ++i) {
      if (tensor.type == DataType::Float32 && i % 4 == 0) {
        const float value = 0.25f;
        uint8_t word[4];
        std::memcpy(word, &value, 4);
        bytes.insert(bytes.end(), word, word + 4);
        i += 3;
      } else {
        bytes.push_back(static_cast<uint8_t>(rng()));
      }
    }
  }
  return bytes;
}

RuntimeEstimate estimateWith(const char* runtime_name, ArmIsa isa, const ShapedGraph& graph, const TensorModel& model,
                             const std::string& core) {
  auto runtime = makeRuntimeModel(runtime_name, isa);
  RuntimeInput input;
  input.graph = &graph;
  input.model = &model;
  input.core = core;
  RuntimeEstimate estimate;
  runtime->estimate(input, estimate);
  return estimate;
}

std::string ratio(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", value);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string target_id = argc > 1 ? argv[1] : "qemu-m4";
  if (!armToolchainAvailable() || !qemuAvailable()) {
    std::cerr << "firmware_sizes: needs gcc-arm-none-eabi, libnewlib-arm-none-eabi and qemu-system-arm\n";
    return 77;
  }
  const BoardLibrary boards = BoardLibrary::loadBundled();
  const Board* board_entry = boards.find(target_id);
  const FirmwareTarget target = board_entry ? firmwareTargetFor(*board_entry) : qemuFirmwareTarget(target_id);
  const bool on_qemu = !target.qemu_machine.empty();
  const ArmIsa isa = target.core.dsp ? ArmIsa::Dsp : ArmIsa::None;
  const fs::path work = fs::temp_directory_path() / ("tinyforge_firmware_sizes_" + std::to_string(::getpid()));
  const std::vector<std::string> models = {"kws_micronet_m",        "ds_cnn_s_quantized", "ad_small_int8",
                                           "vww2_50_50_INT8",       "person_detect",      "micro_speech_quantized",
                                           "hello_world_int8",      "test_conv_model",    "network_tester_model",
                                           "simple_add_model"};
  std::cout << "Peak RAM on " << target.label << " (" << target.core.core << ", -Os):\n\n"
            << "| model | arena (.bss) | other static RAM (.data + rest of .bss) | stack, measured | peak RAM | "
               "peak RAM, estimate | TFLM arena_used | peak / TFLM |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
  std::string code_rows;
  for (const std::string& name : models) {
    const ShapedGraph graph = inferShapes(loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/" + name + ".tflite"));
    const TensorModel model = lower(graph);
    const RuntimeEstimate estimate = estimateWith("tinyforge-c", isa, graph, model, target.core.core);
    const RuntimeEstimate tflm = estimateWith("tflm", isa, graph, model, target.core.core);
    const RuntimeEstimate cmsis = estimateWith("tflm-cmsis", isa, graph, model, target.core.core);

    GeneratedModel generated;
    const FirmwareProjectInput project = makeFirmwareProject(graph, model, target, name, kQemuStackBytes, &generated);
    const fs::path folder = work / name;
    writeFirmwareProject(project, folder.string(), true);
    FirmwareBuildOptions board;
    board.target = "board";
    const FirmwareImage image = buildFirmware(folder.string(), board);
    QemuRunResult run;  // stack_bytes -1: not run (a board without a QEMU machine)
    if (on_qemu) {
      const FirmwareImage harness = buildFirmware(folder.string());
      QemuRunOptions options;
      options.machine = target.qemu_machine;
      options.count_instructions = false;
      run = runOnQemu(harness.elf_path, someInput(model), options);
    }
    fs::remove_all(folder);

    int64_t arena = 0, model_data = 0;
    for (const ImageSymbol& s : image.symbols) {
      if (s.name == "tfc_arena") arena = s.size_bytes;
      if ((s.type == 'r' || s.type == 'R') &&
          (s.name.rfind("tfc_op", 0) == 0 || s.name == "tfc_model_inputs" || s.name == "tfc_model_outputs"))
        model_data += s.size_bytes;
    }
    const int64_t static_ram = image.sections.staticRamBytes();
    const int64_t peak = static_ram + std::max<int64_t>(run.stack_bytes, 0);
    std::cout << "| " << name << " | " << arena << " | " << static_ram - arena << " | "
              << (on_qemu ? std::to_string(run.stack_bytes) : std::string("not run")) << " | "
              << (on_qemu ? std::to_string(peak) : std::string("—")) << " | " << estimate.sram_bytes << " | " << tflm.arena_used_bytes << " | "
              << (on_qemu ? ratio(static_cast<double>(peak) / static_cast<double>(tflm.arena_used_bytes)) : std::string("—"))
              << " |\n";
    const int64_t code = image.sections.flashBytes() - model_data;
    code_rows += "| " + name + " | " + std::to_string(code) + " | " + std::to_string(estimate.code_flash_bytes) + " | " +
                 percent(100.0 * static_cast<double>(estimate.code_flash_bytes - code) / static_cast<double>(code)) +
                 " | " + std::to_string(model_data) + " | " + std::to_string(estimate.model_flash_bytes) + " | " +
                 std::to_string(cmsis.code_flash_bytes) + " |\n";
  }
  fs::remove_all(work);
  std::cout << "\nCode Flash on " << target.core.core
            << " (image Flash less the model's constant data; TFLM with CMSIS-NN: the estimator's model, calibrated on "
               "published sizes, not measured):\n\n"
            << "| model | code, linked image | code, estimate | estimate error | model data, image | model data, "
               "estimate | TFLM + CMSIS-NN code (modelled) |\n|---|---:|---:|---:|---:|---:|---:|\n"
            << code_rows;
  return 0;
}
