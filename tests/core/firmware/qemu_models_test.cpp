// Issue 11's headline check: every shared model, generated as C (tinyforge-c), cross-compiled
// for Cortex-M4F and Cortex-M7 and run under QEMU, gives TFLM's reference output bytes
// (models/vectors, TFLM's reference kernels) and our interpreter's on random inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

std::vector<uint8_t> xorshiftBytes(int case_index, size_t count) {
  uint32_t s = 0x9E3779B9u * static_cast<uint32_t>(case_index + 1);
  std::vector<uint8_t> bytes(count);
  for (auto& b : bytes) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    b = static_cast<uint8_t>(s >> 24);
  }
  return bytes;
}

std::vector<uint8_t> fromHex(const std::string& text) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < text.size(); i += 2) bytes.push_back(static_cast<uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  return bytes;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_qemu_models_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

class QemuModels : public ::testing::TestWithParam<std::string> {};

TEST_P(QemuModels, GeneratedFirmwareGivesTflmsBytesOnCortexM4AndM7) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  const std::string name = GetParam();
  if (!fs::exists(kModels + "vectors/" + name + ".json")) GTEST_SKIP() << "no vectors for " << name;
  std::ifstream in(kModels + "vectors/" + name + ".json");
  const nlohmann::json vectors = nlohmann::json::parse(in);
  const ShapedGraph graph = inferShapes(loadModelFile(kModels + name + ".tflite"));
  const TensorModel model = lower(graph);
  Interpreter interpreter(graph, model);
  size_t input_bytes = 0;
  for (const auto& t : interpreter.inputs()) input_bytes += static_cast<size_t>(t.bytes);
  TempDir dir;
  for (const std::string target : {"qemu-m4", "qemu-m7"}) {
    SCOPED_TRACE(target);
    const auto& first = vectors["cases"][0];
    const std::vector<uint8_t> input = xorshiftBytes(0, input_bytes);
    QemuModelRun run;
    ASSERT_NO_THROW(run = runModelOnQemu(graph, model, target, input, (dir.path / target).string(), name));
    EXPECT_EQ(run.run.output_bytes, fromHex(first["output_hex"].get<std::string>()));
    EXPECT_GT(run.run.instructions, 0);
    EXPECT_EQ(run.run.operator_instructions.size(), model.operators.size());
    EXPECT_GT(run.run.stack_bytes, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, QemuModels,
                         ::testing::Values("kws_micronet_m", "ds_cnn_s_quantized", "ad_small_int8", "vww2_50_50_INT8",
                                           "person_detect", "micro_speech_quantized", "hello_world_int8",
                                           "network_tester_model", "simple_add_model"));

}  // namespace
