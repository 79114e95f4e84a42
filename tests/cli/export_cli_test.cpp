// tinyforge export end to end, as a script or CI calls it: exit codes (0 written, 1 does
// not fit and nothing written, 2 bad input or unwritable), messages naming the file, the
// layer or the board, and no partial output after a failure (a full disk included).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/tflite/tflite_reader.h"

namespace {

namespace fs = std::filesystem;

const std::string kModels = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";
const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// `prefix` runs in the same shell before the binary (e.g. "ulimit -f 64;").
CliRun tinyforge(const std::string& arguments, const std::string& prefix = "") {
  const std::string command = prefix + std::string(TINYFORGE_CLI) + " " + arguments + " 2>&1";
  CliRun run;
  FILE* pipe = popen(("bash -c '" + command + "'").c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class ExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tinyforge_export_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& child) const { return (dir_ / child).string(); }
  int files(const std::string& child) const {
    int n = 0;
    if (!fs::exists(dir_ / child)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / child)) n += e.is_regular_file();
    return n;
  }
  fs::path dir_;
};

TEST_F(ExportCli, WritesTheModelSourcesMapsAndReports) {
  const CliRun run = tinyforge("export " + kShared + "kws_micronet_m.tflite --board STM32F746ZG --board stm32f767zi --out " +
                               path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("wrote 14 files"), std::string::npos) << run.out;
  for (const char* f : {"kws_micronet_m.tflite", "c/main.cc", "c/model_data.cc", "c/model_data.h",
                        "stm32f746zg/memory_map.json", "stm32f746zg/memory_map.svg", "stm32f746zg/memory_map.png",
                        "stm32f746zg/memory_map.pdf", "stm32f746zg/report.html", "stm32f767zi/report.html"})
    EXPECT_TRUE(fs::is_regular_file(path("out/") + f)) << f;
  // The memory map's figures are `tinyforge estimate --json`'s for the written file.
  const CliRun estimate = tinyforge("estimate " + path("out/kws_micronet_m.tflite") + " --board stm32f746zg --json");
  ASSERT_EQ(estimate.exit_code, 0) << estimate.out;
  const auto totals = nlohmann::json::parse(estimate.out)["totals"];
  const auto map = nlohmann::json::parse(std::ifstream(path("out/stm32f746zg/memory_map.json")));
  EXPECT_EQ(map["totals"]["flash_bytes"], totals["flash_bytes"]);
  EXPECT_EQ(map["totals"]["sram_bytes"], totals["sram_bytes"]);
  EXPECT_EQ(map["totals"]["model_flash_bytes"], static_cast<int64_t>(fs::file_size(path("out/kws_micronet_m.tflite"))));
}

TEST_F(ExportCli, FormatSelectsTheFiles) {
  const CliRun run = tinyforge("export " + kShared + "hello_world_int8.tflite -b stm32f446re --format tflite,memmap --out " +
                               path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(files("out"), 5);  // model + json/svg/png/pdf
  const CliRun bad = tinyforge("export " + kShared + "hello_world_int8.tflite -b stm32f446re --format tflite,pdf --out " +
                               path("bad"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("unknown export format 'pdf'"), std::string::npos) << bad.out;
  EXPECT_FALSE(fs::exists(path("bad")));
}

TEST_F(ExportCli, DoesNotFitExitsOneWithoutWritingUnlessForced) {
  // MicroNet-KWS-L's arena (about 200 KiB) is larger than the STM32F446RE's 128 KiB SRAM.
  const std::string args = "export " + kModels + "micronet_kws_l.json -b stm32f446re --allow-empty-weights --out " + path("out");
  const CliRun run = tinyforge(args);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("DOES NOT FIT"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("SRAM: needs"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("nothing was written"), std::string::npos) << run.out;
  EXPECT_EQ(files("out"), 0);

  const CliRun forced = tinyforge(args + " --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.out;
  EXPECT_NE(forced.out.find("does not fit every board"), std::string::npos) << forced.out;
  EXPECT_NE(forced.out.find("placeholders"), std::string::npos) << forced.out;
  EXPECT_EQ(files("out"), 9);  // model, 3 C files, json/svg/png/pdf, report
}

TEST_F(ExportCli, GraphWithoutWeightsNeedsTheFlag) {
  const CliRun run = tinyforge("export " + kModels + "micronet_kws_s.json -b stm32f746zg --out " + path("out"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("has no weights"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("--allow-empty-weights"), std::string::npos) << run.out;
  EXPECT_EQ(files("out"), 0);
}

TEST_F(ExportCli, UnwritableOutputFolderIsExitTwoWithAClearMessage) {
  std::ofstream(path("plain_file")) << "x";
  const CliRun run = tinyforge("export " + kShared + "hello_world_int8.tflite -b stm32f446re --out " + path("plain_file/out"));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("cannot write " + path("plain_file/out")), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("nothing was exported"), std::string::npos) << run.out;
}

// A full disk: the shell ignores SIGXFSZ (inherited by the binary) and limits file size
// to 64 KiB, so the 1.1 MB C array cannot be written.
TEST_F(ExportCli, FullDiskLeavesNoHalfFiles) {
  fs::create_directories(path("out"));
  std::ofstream(path("out/earlier.txt")) << "kept";
  const CliRun run = tinyforge("export " + kShared + "kws_micronet_m.tflite -b stm32f746zg --out " + path("out"),
                               "trap \"\" XFSZ; ulimit -f 64; ");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("cannot write"), std::string::npos) << run.out;
  EXPECT_EQ(files("out"), 1) << "only the file that was there before";
  EXPECT_EQ(fs::file_size(path("out/earlier.txt")), 4u);
}

TEST_F(ExportCli, MissingCalibrationDataIsNamed) {
  // A float graph: the quantizer's test builder is not reachable from here, so make one
  // from a drawn graph's JSON by giving its only conv float weights.
  const std::string graph = R"({"format": "tinyforge-graph", "version": 1, "name": "tiny_float", "nodes": [
    {"name": "in", "op": "Input", "shape": [1, 4, 4, 1], "activation_type": "float32"},
    {"name": "conv", "op": "Conv2D", "inputs": ["in"], "out_channels": 1, "kernel": [1, 1],
     "activation_type": "float32",
     "constants": [{"role": "filter", "type": "float32", "shape": [1, 1, 1, 1], "data_base64": "AACAPw=="}]}]})";
  std::ofstream(path("float.json")) << graph;
  const CliRun run = tinyforge("export " + path("float.json") + " -b stm32f446re --calibration " + path("missing.npy") +
                               " --out " + path("out"));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("missing.npy: calibration data not found"), std::string::npos) << run.out;
  const CliRun none = tinyforge("export " + path("float.json") + " -b stm32f446re --out " + path("out"));
  EXPECT_EQ(none.exit_code, 2) << none.out;
  EXPECT_NE(none.out.find("--calibration"), std::string::npos) << none.out;
  EXPECT_EQ(files("out"), 0);
}

TEST_F(ExportCli, FloatGraphIsQuantizedWithCalibrationData) {
  std::ofstream(path("float.json")) << R"({"format": "tinyforge-graph", "version": 1, "name": "tiny_float", "nodes": [
    {"name": "in", "op": "Input", "shape": [1, 4, 4, 1], "activation_type": "float32"},
    {"name": "conv", "op": "Conv2D", "inputs": ["in"], "out_channels": 1, "kernel": [1, 1],
     "activation_type": "float32",
     "constants": [{"role": "filter", "type": "float32", "shape": [1, 1, 1, 1], "data_base64": "AACAPw=="}]}]})";
  // A .npy as NumPy writes it: magic, version 1.0, header padded to 64 bytes, 5 samples.
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4, 4, 1), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string npy("\x93NUMPY\x01\x00", 8);
  npy += static_cast<char>(header.size());
  npy += '\0';
  npy += header;
  for (int i = 0; i < 80; ++i) {
    const float v = static_cast<float>(i % 17) / 16.0f;
    npy.append(reinterpret_cast<const char*>(&v), 4);
  }
  std::ofstream(path("calib.npy"), std::ios::binary) << npy;
  const CliRun run = tinyforge("export " + path("float.json") + " -b stm32f446re --calibration " + path("calib.npy") +
                               " --out " + path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("quantized to int8 with 5 calibration samples"), std::string::npos) << run.out;
  // The written model is int8 and imports back.
  const auto graph = tinyforge::importTflite(path("out/float.tflite"));
  for (const auto& node : graph.nodes)
    if (node.kind == tinyforge::NodeKind::Conv2D) EXPECT_EQ(node.constants.at(0).type, tinyforge::DataType::Int8);
}

TEST_F(ExportCli, UnknownBoardIsExitTwo) {
  const CliRun run = tinyforge("export " + kShared + "hello_world_int8.tflite -b no_such_board --out " + path("out"));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("no_such_board"), std::string::npos) << run.out;
  EXPECT_EQ(files("out"), 0);
}


// A chain whose TFLM greedy head (19,456 B) is above the bound (14,336 B), and two branches whose
// order decides the peak (11,264 B in the listed order, 9,472 B the other way): the cases
// of tests/core/runtime/tflm_offline_plan_test.cpp and operator_order_test.cpp.
constexpr const char* kChain = R"({"format": "tinyforge-graph", "version": 1, "name": "chain", "nodes": [
  {"name": "input", "op": "Input", "shape": [1, 32, 32, 8]},
  {"name": "c1", "op": "Conv2D", "inputs": ["input"], "out_channels": 5},
  {"name": "c2", "op": "Conv2D", "inputs": ["c1"], "out_channels": 7},
  {"name": "c3", "op": "Conv2D", "inputs": ["c2"], "out_channels": 7}]})";
constexpr const char* kBranches = R"({"format": "tinyforge-graph", "version": 1, "name": "branches", "nodes": [
  {"name": "input", "op": "Input", "shape": [1, 8, 8, 16]},
  {"name": "a1", "op": "Conv2D", "inputs": ["input"], "out_channels": 32},
  {"name": "a2", "op": "Conv2D", "inputs": ["a1"], "out_channels": 32},
  {"name": "b1", "op": "Conv2D", "inputs": ["input"], "out_channels": 128},
  {"name": "b2", "op": "Conv2D", "inputs": ["b1"], "out_channels": 4},
  {"name": "cat", "op": "Concatenation", "inputs": ["a2", "b2"]}]})";

TEST_F(ExportCli, BestPlannerIsWrittenIntoTheModelAndReadBack) {
  std::ofstream(path("chain.json")) << kChain;
  const CliRun greedy = tinyforge("estimate " + path("chain.json") + " -b stm32f746zg --json");
  ASSERT_EQ(greedy.exit_code, 0) << greedy.out;
  EXPECT_EQ(nlohmann::json::parse(greedy.out)["totals"]["arena_head_bytes"], 19456);
  const CliRun best = tinyforge("estimate " + path("chain.json") + " -b stm32f746zg --planner best --json");
  ASSERT_EQ(best.exit_code, 0) << best.out;
  const auto predicted = nlohmann::json::parse(best.out)["totals"];
  EXPECT_EQ(predicted["arena_head_bytes"], 14336);
  EXPECT_EQ(predicted["greedy_head_bytes"], 19456);
  EXPECT_EQ(predicted["head_lower_bound_bytes"], 14336);

  const CliRun run = tinyforge("export " + path("chain.json") + " -b stm32f746zg --planner best --allow-empty-weights " +
                               "--format tflite --out " + path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("the best arena plan for stm32f746zg is written into the model as OfflineMemoryAllocation "
                         "metadata (head 14336 B; TFLM's own plan 19456 B, lower bound 14336 B)"),
            std::string::npos)
      << run.out;
  // TFLM's figures for the written file, as `estimate` reads it: what --planner best predicted.
  const CliRun file = tinyforge("estimate " + path("out/chain.tflite") + " -b stm32f746zg --json");
  ASSERT_EQ(file.exit_code, 0) << file.out;
  const auto totals = nlohmann::json::parse(file.out)["totals"];
  for (const char* key : {"arena_head_bytes", "arena_tail_bytes", "arena_used_bytes", "min_arena_bytes", "sram_bytes",
                          "flash_bytes", "model_flash_bytes"})
    EXPECT_EQ(totals[key], predicted[key]) << key;
  EXPECT_EQ(totals["model_flash_bytes"], static_cast<int64_t>(fs::file_size(path("out/chain.tflite"))));

  const CliRun text = tinyforge("estimate " + path("out/chain.tflite") + " -b stm32f746zg");
  EXPECT_NE(text.out.find("plan     greedy planner: head 14336 B by the model's offline plan (offline plan in the "
                          "model); TFLM greedy 19456 B; head lower bound 14336 B"),
            std::string::npos)
      << text.out;
}

TEST_F(ExportCli, PlannerChoicesThatCannotBeMadeAreExitTwo) {
  std::ofstream(path("chain.json")) << kChain;
  const CliRun unknown = tinyforge("estimate " + path("chain.json") + " -b stm32f746zg --planner smart");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.out;
  EXPECT_NE(unknown.out.find("unknown planner 'smart' (known: greedy, best)"), std::string::npos) << unknown.out;
  // The generated C plans its own arena with either planner.
  const CliRun generated = tinyforge("estimate " + path("chain.json") + " -b stm32f746zg --runtime tinyforge-c --planner best");
  EXPECT_EQ(generated.exit_code, 0) << generated.out;
  const CliRun exported = tinyforge("export " + path("chain.json") + " -b stm32f746zg --runtime inplace --offline-plan "
                                    "--allow-empty-weights --out " + path("out"));
  EXPECT_EQ(exported.exit_code, 2) << exported.out;
  EXPECT_NE(exported.out.find("only TFLM reads"), std::string::npos) << exported.out;
  EXPECT_EQ(files("out"), 0);
}

TEST_F(ExportCli, ReorderWritesTheOperatorsInTheSmallerOrder) {
  std::ofstream(path("branches.json")) << kBranches;
  const CliRun estimate = tinyforge("estimate " + path("branches.json") + " -b stm32f746zg --reorder");
  ASSERT_EQ(estimate.exit_code, 0) << estimate.out;
  EXPECT_NE(estimate.out.find("order    reordered: peak 11264 B -> 9472 B (saves 1792 B, least of all orders)"),
            std::string::npos)
      << estimate.out;
  const CliRun run = tinyforge("export " + path("branches.json") + " -b stm32f746zg --reorder --allow-empty-weights " +
                               "--format tflite --out " + path("out"));
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("operators reordered for stm32f746zg: peak 11264 B -> 9472 B (saves 1792 B"), std::string::npos)
      << run.out;
  const auto graph = tinyforge::importTflite(path("out/branches.tflite"));
  std::vector<std::string> order;  // from the converter-style tensor names ".../b1/PartitionedCall/..."
  for (const auto& node : graph.nodes)
    for (const char* layer : {"a1", "a2", "b1", "b2", "cat"})
      if (node.output_name.find(std::string("/") + layer + "/") != std::string::npos) order.push_back(layer);
  EXPECT_EQ(order, (std::vector<std::string>{"b1", "b2", "a1", "a2", "cat"}));
}

TEST_F(ExportCli, AModelWhosePlanOverlapsLiveTensorsIsRefused) {
  // The chain with c2 put onto c1's bytes while c2's operator reads c1.
  std::string graph = kChain;
  auto replace = [&](const std::string& from, const std::string& to) { graph.replace(graph.find(from), from.size(), to); };
  replace(R"("out_channels": 5})", R"("out_channels": 5, "offline_offset_bytes": 8192})");
  replace(R"("inputs": ["c1"], "out_channels": 7})", R"("inputs": ["c1"], "out_channels": 7, "offline_offset_bytes": 10240})");
  std::ofstream(path("bad.json")) << graph;
  const CliRun run = tinyforge("estimate " + path("bad.json") + " -b stm32f746zg");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(path("bad.json") + ": offline memory plan overlaps live tensors: tensor "), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("'c1' (output of layer 'c1') at bytes [8192, 13312) and tensor "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("'c2' (output of layer 'c2') at bytes [10240, 17408) are both alive at operator 1 (layer 'c2')"),
            std::string::npos)
      << run.out;
  const CliRun exported = tinyforge("export " + path("bad.json") + " -b stm32f746zg --allow-empty-weights --out " +
                                    path("out"));
  EXPECT_EQ(exported.exit_code, 2) << exported.out;
  EXPECT_EQ(files("out"), 0);
  // Planning anew is the way out.
  const CliRun replanned = tinyforge("estimate " + path("bad.json") + " -b stm32f746zg --planner best");
  EXPECT_EQ(replanned.exit_code, 2) << replanned.out;  // the loader refuses the file itself
}

}  // namespace
