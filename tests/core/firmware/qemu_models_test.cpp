// Issue 11's headline check: every shared model and every bundled graph (random weights,
// quantized), generated as C (tinyforge-c), cross-compiled for Cortex-M4F and Cortex-M7 and
// run under QEMU, gives TFLM's reference output bytes (models/vectors: TFLM's reference
// kernels, every recorded case) and our interpreter's on random inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cstring>
#include <random>

#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "random_float_weights.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kBundled = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

// The inputs TFLM was given, as models/README.md defines them.
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

// Random inputs of the model's types (float inputs normal, int8 inputs any byte).
std::vector<uint8_t> randomInput(const Interpreter& interpreter, std::mt19937& rng) {
  std::vector<uint8_t> all;
  for (const InterpreterTensor& t : interpreter.inputs()) {
    std::vector<uint8_t> bytes(static_cast<size_t>(t.bytes));
    if (t.type == DataType::Float32) {
      std::normal_distribution<float> normal(0.0f, 1.0f);
      for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
        const float v = normal(rng);
        std::memcpy(&bytes[i], &v, 4);
      }
    } else {
      for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    }
    all.insert(all.end(), bytes.begin(), bytes.end());
  }
  return all;
}

std::vector<uint8_t> interpreterOutput(Interpreter& interpreter, const std::vector<uint8_t>& all) {
  std::vector<std::vector<uint8_t>> inputs;
  size_t at = 0;
  for (const InterpreterTensor& t : interpreter.inputs()) {
    inputs.emplace_back(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(at + t.bytes));
    at += static_cast<size_t>(t.bytes);
  }
  std::vector<uint8_t> out;
  for (const auto& o : interpreter.invoke(inputs)) out.insert(out.end(), o.begin(), o.end());
  return out;
}

// Builds the model's firmware once per target; runs every vector case and random inputs.
void checkOnQemu(const ShapedGraph& graph, const std::string& name, const nlohmann::json* vectors, int random_inputs,
                 const std::vector<std::string>& targets = {"qemu-m4", "qemu-m7"}) {
  const TensorModel model = lower(graph);
  Interpreter interpreter(graph, model);
  size_t input_bytes = 0;
  for (const auto& t : interpreter.inputs()) input_bytes += static_cast<size_t>(t.bytes);
  TempDir dir;
  std::mt19937 rng(7);
  for (const std::string target_id : targets) {
    SCOPED_TRACE(name + " on " + target_id);
    const FirmwareTarget target = qemuFirmwareTarget(target_id);
    const fs::path folder = dir.path / target_id;
    FirmwareImage image;
    ASSERT_NO_THROW({
      writeFirmwareProject(makeFirmwareProject(graph, model, target, name, kQemuStackBytes), folder.string(), true);
      image = buildFirmware(folder.string());
    });
    QemuRunOptions options;
    options.machine = target.qemu_machine;
    if (vectors) {
      for (size_t k = 0; k < (*vectors)["cases"].size(); ++k) {
        const QemuRunResult run = runOnQemu(image.elf_path, xorshiftBytes(static_cast<int>(k), input_bytes), options);
        EXPECT_EQ(run.output_bytes, fromHex((*vectors)["cases"][k]["output_hex"].get<std::string>())) << "case " << k;
        EXPECT_EQ(run.operator_instructions.size(), model.operators.size());
      }
    }
    for (int k = 0; k < random_inputs; ++k) {
      const std::vector<uint8_t> input = randomInput(interpreter, rng);
      const QemuRunResult run = runOnQemu(image.elf_path, input, options);
      EXPECT_EQ(run.output_bytes, interpreterOutput(interpreter, input)) << "random input " << k;
      EXPECT_GT(run.stack_bytes, 0);
    }
  }
}

class SharedModelsOnQemu : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedModelsOnQemu, GiveTflmsBytesAndTheInterpretersOnCortexM4M7AndM3) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  const std::string name = GetParam();
  const ShapedGraph graph = inferShapes(loadModelFile(kModels + name + ".tflite"));
  const fs::path vectors_path = kModels + "vectors/" + name + ".json";
  if (fs::exists(vectors_path)) {
    std::ifstream in(vectors_path);
    const nlohmann::json vectors = nlohmann::json::parse(in);
    // Cortex-M4 and M7 take the kernels' DSP path, Cortex-M3 the plain C path.
    checkOnQemu(graph, name, &vectors, 1, {"qemu-m4", "qemu-m7", "qemu-m3"});
  } else {
    // test_conv_model: float input and output, no vectors.
    checkOnQemu(graph, name, nullptr, 3, {"qemu-m4", "qemu-m7", "qemu-m3"});
  }
}

INSTANTIATE_TEST_SUITE_P(All, SharedModelsOnQemu,
                         ::testing::Values("kws_micronet_m", "ds_cnn_s_quantized", "ad_small_int8", "vww2_50_50_INT8",
                                           "person_detect", "micro_speech_quantized", "hello_world_int8",
                                           "test_conv_model", "network_tester_model", "simple_add_model"));

class BundledGraphsOnQemu : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledGraphsOnQemu, GiveTheInterpretersBytesOnCortexM4AndM7) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  const Graph drawn = loadGraphJson(kBundled + GetParam() + ".json");
  checkOnQemu(inferShapes(tinyforge::testing::randomInt8Model(drawn, 5)), GetParam(), nullptr, 2);
}

INSTANTIATE_TEST_SUITE_P(All, BundledGraphsOnQemu,
                         ::testing::Values("micronet_kws_s", "micronet_kws_m", "micronet_kws_l", "micronet_ad_s",
                                           "micronet_ad_m", "micronet_ad_l", "ds_cnn_s", "ds_cnn_m", "ds_cnn_l",
                                           "kws_backbone", "ad_backbone", "vww_backbone"));

}  // namespace
