// The measured tinyforge-c code table (resources/firmware/tinyforge_c_code_sizes.json) and the
// estimate made from it agree with what the code generator and the firmware project really do,
// without a toolchain: the table was measured with the flags the firmware build uses, every Arm
// core of the board library has a row, and the kernel calls the estimate counts are the calls
// the generated invoke makes, on every shared model and bundled graph. Whether the table's
// numbers are current is tinyforge_c_code_table_is_current (scripts/firmware_table.sh --check).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "core/boards/board_library.h"
#include "core/estimate/load_model.h"
#include "core/firmware/embedded_sources.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/runtime/tinyforge_c_code_size.h"
#include "random_float_weights.h"

using namespace tinyforge;

namespace {

namespace fs = std::filesystem;

TEST(TinyforgeCCodeTable, RowsUseTheFirmwareBuildsFlags) {
  const TinyforgeCCodeTable& table = tinyforgeCCodeTable();
  ASSERT_FALSE(table.cores.empty());
  EXPECT_EQ(table.gcc_version, "12.2");
  for (const auto& [name, row] : table.cores) {
    SCOPED_TRACE(name);
    const auto core = targetCoreFor(name);
    ASSERT_TRUE(core && core->arm);
    EXPECT_EQ(row.cpu_flags, core->cpu_flags);
    EXPECT_EQ(row.dsp, core->dsp);
  }
  // The compile options of the generated CMakeLists.txt (core/firmware/templates).
  std::string cmake;
  for (const EmbeddedFile& file : firmwareTemplateFiles())
    if (file.path == "CMakeLists.txt.in") cmake = std::string(file.contents);
  const size_t options = cmake.find("target_compile_options(firmware.elf");
  ASSERT_NE(options, std::string::npos);
  const std::string line = cmake.substr(options, cmake.find(')', options) - options);
  for (const std::string& flag : table.compile_flags) EXPECT_NE(line.find(" " + flag), std::string::npos) << flag;
}

TEST(TinyforgeCCodeTable, EveryArmCoreOfTheBoardLibraryHasARow) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  ASSERT_FALSE(library.boards().empty());
  for (const Board& board : library.boards()) {
    SCOPED_TRACE(board.id);
    const auto core = targetCoreFor(board.core);
    ASSERT_TRUE(core);
    const TinyforgeCCoreSizes* row = tinyforgeCCoreSizes(tinyforgeCCodeTable(), board.core);
    EXPECT_EQ(row != nullptr, core->arm);
  }
}

TEST(TinyforgeCCodeTable, ACoreWithoutARowSaysWhichRowStandsIn) {
  const ShapedGraph graph = inferShapes(loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/hello_world_int8.tflite"));
  const TensorModel model = lower(graph);
  const TinyforgeCPlan plan = planTinyforgeC(graph, model, {});
  const TinyforgeCCode xtensa = tinyforgeCCode("xtensa-lx7", true, model, plan);
  EXPECT_FALSE(xtensa.core_measured);
  ASSERT_NE(xtensa.row, nullptr);
  EXPECT_EQ(xtensa.row->core, "cortex-m4f");
  std::string source;
  tinyforgeCCodeSource(xtensa, "xtensa-lx7", source);
  EXPECT_NE(source.find("no table for xtensa-lx7, the cortex-m4f row stands in"), std::string::npos) << source;
  const TinyforgeCCode m4 = tinyforgeCCode("cortex-m4f", true, model, plan);
  EXPECT_TRUE(m4.core_measured);
  tinyforgeCCodeSource(m4, "cortex-m4f", source);
  EXPECT_EQ(source.find("measured table, arm-none-eabi-gcc 12.2 -Os (cortex-m4f)"), 0u) << source;
  EXPECT_EQ(xtensa.code_bytes, m4.code_bytes);
}

// The calls inside tfc_model_invoke() of a generated model.c, in order.
std::vector<std::string> generatedCalls(const GeneratedModel& generated) {
  std::string source;
  for (const GeneratedFile& file : generated.files)
    if (file.name == "model.c") source = file.contents;
  const size_t body = source.find("void tfc_model_invoke(void) {");
  EXPECT_NE(body, std::string::npos);
  const std::string text = source.substr(body);
  std::vector<std::string> calls;
  const std::regex call(R"(\n  (tfc_[a-z0-9_]+)\()");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
    calls.push_back((*it)[1].str());
  return calls;
}

void expectSameCalls(const ShapedGraph& graph, const std::string& name) {
  const TensorModel model = lower(graph);
  for (const bool dsp : {true, false}) {
    SCOPED_TRACE(name + (dsp ? " (DSP path)" : " (plain path)"));
    CModelOptions options;
    options.dsp = dsp;
    const GeneratedModel generated = generateCModel(graph, model, options);
    std::vector<std::string> predicted;
    for (size_t i = 0; i < model.operators.size(); ++i) {
      const TinyforgeCOpCalls calls = tinyforgeCKernelCalls(model, generated.plan, i);
      for (int k = 0; k < calls.count; ++k) predicted.push_back(tinyforgeCCallName(calls.calls[static_cast<size_t>(k)]));
    }
    EXPECT_EQ(predicted, generatedCalls(generated));
  }
}

TEST(TinyforgeCCodeTable, TheEstimateCountsTheCallsTheGeneratedInvokeMakes) {
  for (const auto& entry : fs::directory_iterator(std::string(TINYFORGE_SHARED_DIR) + "/models")) {
    if (entry.path().extension() != ".tflite") continue;
    expectSameCalls(inferShapes(loadModelFile(entry.path().string())), entry.path().stem().string());
  }
  for (const auto& entry : fs::directory_iterator(std::string(TINYFORGE_RESOURCES_DIR) + "/models")) {
    if (entry.path().extension() != ".json") continue;
    const Graph drawn = loadGraphJson(entry.path().string());
    expectSameCalls(inferShapes(tinyforge::testing::randomInt8Model(drawn, 5)), entry.path().stem().string());
  }
}

}  // namespace

namespace {

TEST(TinyforgeCCodeTable, AMalformedTableNamesTheFileAndTheKey) {
  try {
    parseTinyforgeCCodeTable(R"({"toolchain": "gcc", "gcc_version": "12.2", "compile_flags": [], "cores": {"cortex-m3": {}}})",
                             "sizes.json");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("sizes.json: cores.cortex-m3: no 'cpu_flags'"), std::string::npos)
        << error.what();
  }
}

}  // namespace
