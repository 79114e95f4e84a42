// End to end: the tinyforge binary as scripts and CI gates use it (exit codes, messages,
// JSON that agrees with the in-process estimator).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"

namespace {

const std::string kModels = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";
const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun tinyforge(const std::string& arguments) {
  const std::string command = std::string(TINYFORGE_CLI) + " " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string tempFile(const std::string& name, const std::string& contents) {
  const auto path = std::filesystem::temp_directory_path() / ("tinyforge_cli_" + name);
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

TEST(Cli, BoardsListsTheTwelveBundledBoards) {
  const CliRun run = tinyforge("boards --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto boards = nlohmann::json::parse(run.out);
  EXPECT_GE(boards.size(), 12u);
  bool f446 = false;
  for (const auto& b : boards) f446 = f446 || b["id"] == "stm32f446re";
  EXPECT_TRUE(f446);
}

TEST(Cli, EstimateJsonEqualsTheEstimatorInProcess) {
  const CliRun run = tinyforge("estimate " + kModels + "micronet_kws_m.json --board STM32F746ZG --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  const tinyforge::Estimator estimator(std::make_shared<tinyforge::BoardLibrary>(tinyforge::BoardLibrary::loadBundled()));
  const auto e = estimator.estimate(tinyforge::loadGraphJson(kModels + "micronet_kws_m.json"), "stm32f746zg",
                                    tinyforge::RuntimeKind::Tflm);
  const auto& totals = json["totals"];
  EXPECT_EQ(totals["macs"], e.total.macs);
  EXPECT_EQ(totals["ops"], 2 * e.total.macs);
  EXPECT_EQ(totals["flash_bytes"], e.memory.flash_bytes);
  EXPECT_EQ(totals["sram_bytes"], e.memory.sram_bytes);
  EXPECT_EQ(totals["arena_head_bytes"], 86112);  // TFLM's own figure for this architecture
  EXPECT_DOUBLE_EQ(totals["latency_ms"].template get<double>(), e.latency_ms);
  EXPECT_EQ(json["layers"].size(), e.layers.size());
  EXPECT_EQ(json["fit"]["fits"], true);
}

TEST(Cli, EstimatePrintsAPerLayerTableWithUnits) {
  const CliRun run = tinyforge("estimate " + kModels + "micronet_kws_m.json -b stm32f446re -b stm32f746zg");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  for (const char* text : {"ds1/dw", "MACs", "KiB", "ms", "<- SRAM peak", "FITS", "stm32f446re", "FPS", "mJ"})
    EXPECT_NE(run.out.find(text), std::string::npos) << text << "\n" << run.out;
}

TEST(Cli, EstimateReadsTfliteFiles) {
  if (!std::filesystem::exists(kShared)) GTEST_SKIP();
  const CliRun run = tinyforge("estimate " + kShared + "kws_micronet_m.tflite -b stm32f446re --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto totals = nlohmann::json::parse(run.out)["totals"];
  EXPECT_EQ(totals["arena_used_bytes"], 100932);  // TFLM's arena_used_bytes on a Cortex-M4
  EXPECT_EQ(totals["min_arena_bytes"], 100936);
  EXPECT_EQ(totals["model_flash_bytes"], 181968);  // the file's own size (models/README.md)
  EXPECT_EQ(totals["model_flash_source"], "imported-file");
}

// The text output says what the model's Flash figure is: the imported file's size, or,
// for a drawn graph, the file TinyForge would write.
TEST(Cli, EstimateSaysWhatTheModelFlashIs) {
  if (!std::filesystem::exists(kShared)) GTEST_SKIP();
  const CliRun imported = tinyforge("estimate " + kShared + "person_detect.tflite -b stm32f746zg");
  ASSERT_EQ(imported.exit_code, 0) << imported.out;
  EXPECT_NE(imported.out.find("(size of the imported file)"), std::string::npos) << imported.out;
  const CliRun drawn = tinyforge("estimate " + kModels + "micronet_kws_m.json -b stm32f746zg");
  ASSERT_EQ(drawn.exit_code, 0) << drawn.out;
  EXPECT_NE(drawn.out.find("(as TinyForge would write it)"), std::string::npos) << drawn.out;
}

TEST(Cli, CheckPassesWhenTheModelFits) {
  const CliRun run = tinyforge("check " + kModels + "micronet_kws_m.json --board stm32f446re");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("fits"), std::string::npos) << run.out;
}

TEST(Cli, CheckFailsAndSaysWhichBudgetAndByHowMuch) {
  const CliRun run = tinyforge("check " + kModels + "micronet_kws_l.json --board stm32f446re");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("DOES NOT FIT"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Flash: needs"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("over by"), std::string::npos) << run.out;
}

TEST(Cli, UnknownBoardIsABadInput) {
  const CliRun run = tinyforge("check " + kModels + "micronet_kws_m.json --board stm32z999");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("unknown board 'stm32z999'"), std::string::npos) << run.out;
}

TEST(Cli, UnknownRuntimeIsABadInput) {
  const CliRun run = tinyforge("estimate " + kModels + "micronet_kws_m.json --runtime tvm");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("unknown runtime 'tvm'"), std::string::npos) << run.out;
}

TEST(Cli, MalformedJsonNamesFileAndLine) {
  const std::string path = tempFile("bad.json", "{\n \"nodes\": [\n  {\"name\": \"in\" \"op\": \"Input\"}\n ]\n}\n");
  const CliRun run = tinyforge("estimate " + path);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(path), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("line 3"), std::string::npos) << run.out;
}

TEST(Cli, ImpossibleShapeNamesTheLayer) {
  const std::string path = tempFile("shape.json", R"({"nodes": [
    {"name": "in", "op": "Input", "shape": [1, 4, 4, 1]},
    {"name": "big", "op": "Conv2D", "inputs": ["in"], "out_channels": 8, "kernel": 5, "padding": "valid"}]})");
  const CliRun run = tinyforge("estimate " + path);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("layer 'big'"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("larger than the input"), std::string::npos) << run.out;
}

TEST(Cli, TruncatedTfliteIsABadInputNotACrash) {
  if (!std::filesystem::exists(kShared)) GTEST_SKIP();
  std::ifstream in(kShared + "kws_micronet_m.tflite", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string path = tempFile("cut.tflite", bytes.substr(0, bytes.size() / 3));
  const CliRun run = tinyforge("estimate " + path);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(path), std::string::npos) << run.out;
}

TEST(Cli, MissingModelFileAndUnknownExtension) {
  CliRun run = tinyforge("estimate /no/such/model.json");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("/no/such/model.json"), std::string::npos) << run.out;
  const std::string path = tempFile("model.onnx", "x");
  run = tinyforge("estimate " + path);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("unknown model file type '.onnx'"), std::string::npos) << run.out;
}

TEST(Cli, UserBoardsFileAddsABoard) {
  // A user board: the F446RE with a quarter of its SRAM; KWS-M no longer fits it.
  std::ifstream in(std::string(TINYFORGE_RESOURCES_DIR) + "/boards/stm32f446re.json");
  auto board = nlohmann::json::parse(in);
  board["id"] = "my-small-f4";
  board["part"] = "STM32F446RE (32 KiB SRAM)";
  board["sram_bytes"] = 32768;
  board.erase("sram_banks");
  const std::string path = tempFile("boards.json", nlohmann::json::array({board}).dump());
  const CliRun run = tinyforge("--boards-file " + path + " check " + kModels + "micronet_kws_m.json -b my-small-f4");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("SRAM: needs"), std::string::npos) << run.out;
}

TEST(Cli, BadBoardsFileNamesTheFile) {
  const std::string path = tempFile("badboards.json", "[{\"id\": 3}]");
  const CliRun run = tinyforge("--boards-file " + path + " boards");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(path), std::string::npos) << run.out;
}

}  // namespace
