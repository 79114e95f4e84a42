// resources/latency/qemu_instruction_ratios.json is current: the generated firmware of the
// shared models executes, operator by operator, exactly the instructions the table holds
// (QEMU's counts are exact and repeatable). A kernel or code-generator change that moves
// a count fails here: rerun scripts/latency_table.sh. Skipped without the Arm toolchain
// and QEMU. Checks the two MicroNets (the latency model's own models); the script measures
// every shared model the same way.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/shape_inference.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kTable = std::string(TINYFORGE_RESOURCES_DIR) + "/latency/qemu_instruction_ratios.json";

std::vector<uint8_t> fromHex(const std::string& text) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < text.size(); i += 2) bytes.push_back(static_cast<uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  return bytes;
}

nlohmann::json readJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

class InstructionTableIsCurrent : public ::testing::TestWithParam<std::string> {};

TEST_P(InstructionTableIsCurrent, OperatorByOperatorOnBothPaths) {
  if (!armToolchainAvailable() || !qemuAvailable()) GTEST_SKIP() << "needs gcc-arm-none-eabi and qemu-system-arm";
  const std::string name = GetParam();
  if (!fs::exists(kModels + name + ".tflite")) GTEST_SKIP() << "no shared models at " << kModels;
  const nlohmann::json table = readJson(kTable);
  const nlohmann::json* entry = nullptr;
  for (const auto& m : table["models"])
    if (m["model"] == name) entry = &m;
  ASSERT_NE(entry, nullptr) << name << " is not in " << kTable;

  const ShapedGraph graph = inferShapes(loadModelFile(kModels + name + ".tflite"));
  const TensorModel model = lower(graph);
  const auto input = fromHex(readJson(kModels + "vectors/" + name + ".json")["cases"][0]["input_hex"].get<std::string>());
  const fs::path work = fs::temp_directory_path() / ("tinyforge_instruction_table_" + std::to_string(::getpid()) + "_" +
                                                     std::to_string(std::random_device{}()));
  for (const auto& [target, key] : {std::pair{"qemu-m4", "dsp_instructions"}, std::pair{"qemu-m3", "plain_instructions"}}) {
    SCOPED_TRACE(std::string(target) + ": if the kernels changed on purpose, rerun scripts/latency_table.sh");
    const QemuModelRun run = runModelOnQemu(graph, model, target, input, (work / target).string(), name);
    const auto& operators = (*entry)["operators"];
    ASSERT_EQ(run.run.operator_instructions.size(), operators.size());
    for (size_t i = 0; i < operators.size(); ++i)
      EXPECT_EQ(run.run.operator_instructions[i], operators[i][key].get<int64_t>()) << operators[i]["layer"];
    EXPECT_EQ(run.run.instructions, (*entry)[key].get<int64_t>());
  }
  fs::remove_all(work);
}

INSTANTIATE_TEST_SUITE_P(MicroNets, InstructionTableIsCurrent, ::testing::Values("kws_micronet_m", "ad_small_int8"));

}  // namespace
