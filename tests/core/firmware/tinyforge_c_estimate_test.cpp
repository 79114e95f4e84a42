// Issue 11's "the estimate becomes a measurement": the tinyforge-c estimate, made without
// generating or compiling anything, against the firmware actually built from the model for
// Cortex-M4F (DSP path) and Cortex-M3 (plain path), on every shared model and every bundled
// graph (random weights, quantized):
//  - arena and model data (weights, parameters, descriptors) equal the linked image's to the byte,
//    and the image holds no other static RAM;
//  - code (Flash besides the model data) within 3% of the image's (TFC_TARGET=board: what a
//    board runs);
//  - stack within 10% of the high-water mark QEMU measures and never below it.
// One project folder per core is shared by all models (only the model's files change), so a
// model costs two incremental builds (board and QEMU harness) and one QEMU run per core.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/runtime/runtime_model.h"
#include "random_float_weights.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kBundled = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

// A project folder per QEMU target in the build tree, reused by every test process (ctest
// runs each case on its own): only files whose contents changed are written, so a model costs
// incremental builds. A lock file serializes processes that run at the same time.
class SharedProject {
 public:
  explicit SharedProject(const std::string& target) : folder_(fs::path(TINYFORGE_TEST_WORK_DIR) / target) {
    fs::create_directories(folder_.parent_path());
    lock_fd_ = ::open((folder_.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (lock_fd_ >= 0) ::flock(lock_fd_, LOCK_EX);
  }
  ~SharedProject() {
    if (lock_fd_ >= 0) {
      ::flock(lock_fd_, LOCK_UN);
      ::close(lock_fd_);
    }
  }
  SharedProject(const SharedProject&) = delete;
  SharedProject& operator=(const SharedProject&) = delete;

  std::string place(const FirmwareProjectInput& project) {
    for (const ProjectFile& file : firmwareProjectFiles(project)) {
      const fs::path path = folder_ / file.path;
      std::ifstream in(path, std::ios::binary);
      const std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (in && old == file.contents) continue;
      fs::create_directories(path.parent_path());
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << file.contents;
    }
    return folder_.string();
  }

 private:
  fs::path folder_;
  int lock_fd_ = -1;
};

bool isModelData(const ImageSymbol& s) {
  return (s.type == 'r' || s.type == 'R') &&
         (s.name.rfind("tfc_op", 0) == 0 || s.name == "tfc_model_inputs" || s.name == "tfc_model_outputs");
}

// Inputs of the right size: any byte for int8, 0.25 for float inputs.
std::vector<uint8_t> someInput(const TensorModel& model) {
  std::vector<uint8_t> bytes;
  std::mt19937 rng(11);
  for (int t : model.inputs) {
    const TensorInfo& tensor = model.tensors[static_cast<size_t>(t)];
    if (tensor.type == DataType::Float32) {
      const float value = 0.25f;
      for (int64_t i = 0; i < tensor.bytes / 4; ++i) {
        uint8_t word[4];
        std::memcpy(word, &value, 4);
        bytes.insert(bytes.end(), word, word + 4);
      }
    } else {
      for (int64_t i = 0; i < tensor.bytes; ++i) bytes.push_back(static_cast<uint8_t>(rng()));
    }
  }
  return bytes;
}

void checkEstimateAgainstImage(const ShapedGraph& graph, const std::string& name) {
  const TensorModel model = lower(graph);
  for (const std::string target_id : {"qemu-m4", "qemu-m3"}) {
    SCOPED_TRACE(name + " on " + target_id);
    const FirmwareTarget target = qemuFirmwareTarget(target_id);
    auto runtime = makeRuntimeModel("tinyforge-c", target.core.dsp ? ArmIsa::Dsp : ArmIsa::None);
    RuntimeInput input;
    input.graph = &graph;
    input.model = &model;
    input.core = target.core.core;
    RuntimeEstimate estimate;
    runtime->estimate(input, estimate);

    SharedProject project(target_id);
    const std::string folder = project.place(makeFirmwareProject(graph, model, target, name, kQemuStackBytes));
    FirmwareBuildOptions board;
    board.target = "board";
    const FirmwareImage image = buildFirmware(folder, board);

    int64_t model_data_bytes = 0, arena_bytes = -1;
    for (const ImageSymbol& s : image.symbols) {
      if (isModelData(s)) model_data_bytes += s.size_bytes;
      if (s.name == "tfc_arena") arena_bytes = s.size_bytes;
    }
    EXPECT_EQ(arena_bytes, estimate.arena_used_bytes);
    EXPECT_EQ(image.sections.staticRamBytes(), estimate.arena_used_bytes) << "static RAM besides the arena";
    EXPECT_EQ(model_data_bytes, estimate.model_flash_bytes);
    const int64_t code_bytes = image.sections.flashBytes() - model_data_bytes;
    EXPECT_NEAR(static_cast<double>(estimate.code_flash_bytes), static_cast<double>(code_bytes), 0.03 * code_bytes)
        << "code: estimate " << estimate.code_flash_bytes << " B, image " << code_bytes << " B";

    const FirmwareImage harness = buildFirmware(folder);
    QemuRunOptions options;
    options.machine = target.qemu_machine;
    options.count_instructions = false;
    const QemuRunResult run = runOnQemu(harness.elf_path, someInput(model), options);
    EXPECT_GE(estimate.stack_bytes, run.stack_bytes) << "the stack estimate is below the measured high-water mark";
    EXPECT_LE(static_cast<double>(estimate.stack_bytes), 1.10 * static_cast<double>(run.stack_bytes))
        << "stack: estimate " << estimate.stack_bytes << " B, measured " << run.stack_bytes << " B";
    ::testing::Test::RecordProperty(name + "_" + target_id,
                   "code " + std::to_string(estimate.code_flash_bytes) + "/" + std::to_string(code_bytes) + " stack " +
                       std::to_string(estimate.stack_bytes) + "/" + std::to_string(run.stack_bytes));
  }
}

class SharedModelsEstimate : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedModelsEstimate, EqualsTheLinkedImageAndTheMeasuredStack) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  checkEstimateAgainstImage(inferShapes(loadModelFile(kModels + GetParam() + ".tflite")), GetParam());
}

INSTANTIATE_TEST_SUITE_P(All, SharedModelsEstimate,
                         ::testing::Values("kws_micronet_m", "ds_cnn_s_quantized", "ad_small_int8", "vww2_50_50_INT8",
                                           "person_detect", "micro_speech_quantized", "hello_world_int8",
                                           "test_conv_model", "network_tester_model", "simple_add_model"));

class BundledGraphsEstimate : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledGraphsEstimate, EqualsTheLinkedImageAndTheMeasuredStack) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  const Graph drawn = loadGraphJson(kBundled + GetParam() + ".json");
  checkEstimateAgainstImage(inferShapes(tinyforge::testing::randomInt8Model(drawn, 5)), GetParam());
}

INSTANTIATE_TEST_SUITE_P(All, BundledGraphsEstimate,
                         ::testing::Values("micronet_kws_s", "micronet_kws_m", "micronet_kws_l", "micronet_ad_s",
                                           "micronet_ad_m", "micronet_ad_l", "ds_cnn_s", "ds_cnn_m", "ds_cnn_l",
                                           "kws_backbone", "ad_backbone", "vww_backbone"));

}  // namespace
