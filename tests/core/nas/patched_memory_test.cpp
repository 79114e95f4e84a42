// Searching with patch-based inference (budgets.sram_planner "patches", tinyforge-c): eq. 3
// read per patch (core/nas/patched_memory.h). On a backbone whose first layer's activations
// decide the peak, the board that fits the larger architecture only with patches admits it,
// and the search keeps it where the unpatched plan has to give it up.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <random>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/budget_fit.h"
#include "core/nas/patched_memory.h"
#include "core/nas/search_job.h"
#include "core/nas/search_space.h"
#include "core/runtime/patch_plan.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

// input 1x32x32x4 (4,096 B) -> c1 3x3 SAME (4 or 8 ch: 4,096 or 8,192 B) -> c2 3x3 stride 2
// SAME (16x16x8, 2,048 B) -> c3 3x3 stride 2 (8x8x16, 1,024 B) -> global average pool ->
// classifier (3) -> reshape.
//
// Split after c2 in 2x2 patches (8x8 of c2's output each). c2 pads 0 above and 1 below
// (stride 2 on 32 rows), so the top patch reads c1 rows [0, 17) and the bottom [16, 32):
// c1's largest slice is 17x17 = 289 of 1,024 pixels. c1 pads 1 on each side: its top
// patch reads input rows [0, 18), the input's largest slice is 18x18 = 324 of 1,024.
// Through the stage the whole input (4,096 B) and c2's whole output (2,048 B) are live.
//   c1 = 8: c1 4,096 x 324/1024 + 8,192 x 289/1024 + 6,144 = 1,296 + 2,312 + 6,144 = 9,752 B
//           c2 8,192 x 289/1024 + 2,048 x 64/256 + 6,144 = 2,312 + 512 + 6,144 = 8,968 B
//           c3 2,048 + 1,024 = 3,072 B (after the split: whole tensors)
//   c1 = 4: c1 1,296 + 4,096 x 289/1024 + 6,144 = 1,296 + 1,156 + 6,144 = 8,596 B
// Eq. 3 without patches: c1 = 8: 4,096 + 8,192 = 12,288 B; c1 = 4: 8,192 B.
const char* kStemBackbone = R"({"format": "tinyforge-graph", "version": 1, "name": "stem",
  "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 32, 32, 4]},
    {"name": "c1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3], "padding": "same",
     "activation": "relu", "search": {"widths": [4, 8]}},
    {"name": "c2", "op": "Conv2D", "inputs": ["c1"], "out_channels": 8, "kernel": [3, 3], "stride": [2, 2],
     "padding": "same", "activation": "relu"},
    {"name": "c3", "op": "Conv2D", "inputs": ["c2"], "out_channels": 16, "kernel": [3, 3], "stride": [2, 2],
     "padding": "same", "activation": "relu"},
    {"name": "pool", "op": "AveragePool2D", "inputs": ["c3"], "kernel": [8, 8], "padding": "valid"},
    {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 3},
    {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 3]}
  ], "outputs": ["reshape"]})";

Graph stemBackbone() { return graphFromJsonText(kStemBackbone, "stem"); }

int opNamed(const SearchSpace& space, const std::string& name) {
  for (size_t i = 0; i < space.ops().size(); ++i)
    if (space.ops()[i].name == name) return static_cast<int>(i);
  ADD_FAILURE() << "no op " << name;
  return 0;
}

ArchChoice withC1(const SearchSpace& space, int width_index) {
  ArchChoice choice = space.largest();
  choice.width_index[0] = width_index;
  return choice;
}

TEST(PatchedMemory, FractionsAreThePatchesLargestSlices) {
  const SearchSpace space(stemBackbone());
  const PatchedMemory patched = patchedMemoryOf(space, PatchChoice{1, 2, 2});  // c2 is operator 1
  EXPECT_EQ(patched.split_layer, "c2");
  const int input = opNamed(space, "input"), c1 = opNamed(space, "c1"), c2 = opNamed(space, "c2"),
            c3 = opNamed(space, "c3");
  EXPECT_FALSE(patched.in_stage[static_cast<size_t>(input)]);
  EXPECT_TRUE(patched.in_stage[static_cast<size_t>(c1)]);
  EXPECT_TRUE(patched.in_stage[static_cast<size_t>(c2)]);
  EXPECT_FALSE(patched.in_stage[static_cast<size_t>(c3)]);
  EXPECT_DOUBLE_EQ(patched.in_fractions[static_cast<size_t>(c1)][0], 324.0 / 1024);
  EXPECT_DOUBLE_EQ(patched.out_fraction[static_cast<size_t>(c1)], 289.0 / 1024);
  EXPECT_DOUBLE_EQ(patched.in_fractions[static_cast<size_t>(c2)][0], 289.0 / 1024);
  EXPECT_DOUBLE_EQ(patched.out_fraction[static_cast<size_t>(c2)], 64.0 / 256);
  EXPECT_EQ(patched.stage_input_ops, std::vector<int>{input});
  EXPECT_EQ(patched.stage_output_op, c2);
  // A split point that cannot run in patches is refused, naming the layer.
  try {
    patchedMemoryOf(space, PatchChoice{4, 2, 2});
    ADD_FAILURE() << "a split after the global pooling was accepted";
  } catch (const PatchError& error) {
    EXPECT_NE(std::string(error.what()).find("pool"), std::string::npos) << error.what();
  }
}

TEST(PatchedMemory, EqThreeChargesTheSlicesAndTheStagesWholeTensors) {
  SearchSpace space(stemBackbone());
  EXPECT_DOUBLE_EQ(choiceCosts(space, withC1(space, 1)).memory_bytes, 12288);
  EXPECT_DOUBLE_EQ(choiceCosts(space, withC1(space, 0)).memory_bytes, 8192);
  space.setPatchedMemory(patchedMemoryOf(space, PatchChoice{1, 2, 2}));
  EXPECT_NEAR(choiceCosts(space, withC1(space, 1)).memory_bytes, 9752, 1e-9);
  EXPECT_NEAR(choiceCosts(space, withC1(space, 0)).memory_bytes, 8596, 1e-9);
  // At even odds c1 has 6 channels in expectation: 1,296 + 6,144 x 289/1024 + 6,144 B.
  const ArchitectureProbabilities even{{{0.5, 0.5}}, {}};
  EXPECT_NEAR(expectedCostsAt(space, even).memory_bytes, 1296 + 6144.0 * 289 / 1024 + 6144, 1e-9);
  // Flash and ops do not change.
  SearchSpace plain(stemBackbone());
  EXPECT_DOUBLE_EQ(choiceCosts(space, space.largest()).flash_bytes, choiceCosts(plain, plain.largest()).flash_bytes);
  EXPECT_DOUBLE_EQ(choiceCosts(space, space.largest()).ops, choiceCosts(plain, plain.largest()).ops);
}

TEST(PatchedMemory, AutoChoosesAStageThatLowersTheLargestArchitecturesArena) {
  SearchSpace space(stemBackbone());
  const auto patched = patchedMemoryOf(space);
  ASSERT_TRUE(patched);
  EXPECT_LE(patched->extra_macs_percent, 20.0);
  const auto c1 = static_cast<size_t>(opNamed(space, "c1"));
  EXPECT_TRUE(patched->in_stage[c1]);  // the peak is c1's: any stage that helps holds it
  const double plain = choiceCosts(space, space.largest()).memory_bytes;
  space.setPatchedMemory(patched);
  EXPECT_LT(choiceCosts(space, space.largest()).memory_bytes, plain);
}

EstimatorSettings patchSettings() { return searchEstimatorSettings("patches", "tinyforge-c"); }

// The bundled boards plus "edge": the STM32F446RE with exactly the SRAM the larger
// architecture needs in the generated C with patches (`auto`).
std::shared_ptr<BoardLibrary> boardsWithEdge() {
  auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  const SearchSpace space(stemBackbone());
  const Estimate patched = Estimator(boards, patchSettings())
                               .estimate(inferShapes(space.derive(space.largest())), "stm32f446re", RuntimeKind::TinyforgeC);
  Board board = boards->get("stm32f446re");
  board.id = "edge";
  board.sram_bytes = patched.memory.sram_bytes;
  board.sram_banks.clear();
  boards->add(board);
  return boards;
}

TEST(PatchedMemory, OnlyPatchesFitTheLargerArchitectureOnTheEdge) {
  auto boards = boardsWithEdge();
  const SearchSpace space(stemBackbone());
  const ShapedGraph largest = inferShapes(space.derive(space.largest()));
  const Estimate plain = Estimator(boards).estimate(largest, "edge", RuntimeKind::TinyforgeC);
  const Estimate patched = Estimator(boards, patchSettings()).estimate(largest, "edge", RuntimeKind::TinyforgeC);
  ASSERT_TRUE(patched.patches);
  EXPECT_TRUE(patched.fit.fits());
  EXPECT_FALSE(plain.fit.fits());
  EXPECT_LT(patched.memory.sram_bytes, plain.memory.sram_bytes);
}

TEST(PatchedMemory, BudgetsAdmitTheLargerArchitectureOnlyWithPatches) {
  auto boards = boardsWithEdge();
  SearchBudgets requested;
  const DerivedBudgets plain = deriveBudgets(stemBackbone(), *boards, "edge", "tinyforge-c", requested);
  requested.sram_planner = "patches";
  const DerivedBudgets patched = deriveBudgets(stemBackbone(), *boards, "edge", "tinyforge-c", requested);
  SearchSpace space(stemBackbone());
  EXPECT_GT(choiceCosts(space, space.largest()).memory_bytes, static_cast<double>(plain.sram_bytes));
  space.setPatchedMemory(patchedMemoryOf(space));
  // The board was sized to the patched arena of the largest architecture: its eq. 3 is
  // exactly the budget (rounded up to whole bytes).
  EXPECT_EQ(patched.sram_bytes, static_cast<int64_t>(std::ceil(choiceCosts(space, space.largest()).memory_bytes)));
}

TEST(PatchedMemory, ConfigTakesPatchesForTheGeneratedCOnly) {
  const auto config = searchConfigFromJson(R"({"backbone": "kws_backbone.json", "runtime": "tinyforge-c",
      "budgets": {"sram_planner": "patches"}})", "c.json", ".");
  EXPECT_EQ(config.budgets.sram_planner, "patches");
  try {
    searchConfigFromJson(R"({"backbone": "kws_backbone.json", "runtime": "tflm", "budgets": {"sram_planner": "patches"}})",
                         "c.json", ".");
    ADD_FAILURE() << "patches with tflm were accepted";
  } catch (const SearchConfigError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("c.json: field 'budgets.sram_planner'"), std::string::npos) << message;
    EXPECT_NE(message.find("tinyforge-c"), std::string::npos) << message;
  }
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_patched_memory_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

SearchResult searchOnTheEdge(const fs::path& dir, const std::string& planner, std::shared_ptr<BoardLibrary> boards) {
  saveGraphJson(stemBackbone(), (dir / "stem.json").string());
  const std::string text = R"({"backbone": "stem.json", "data": "synthetic", "board": "edge", "runtime": "tinyforge-c",
      "epochs": 2, "warmup_epochs": 1, "finetune_epochs": 1, "batch_size": 32, "threads": 1, "seed": 3,
      "name": ")" + planner + R"(", "budgets": {"sram_planner": ")" + planner + R"("},
      "synthetic": {"train": 64, "validation": 32, "test": 32, "classes": 3}})";
  const SearchConfig config = searchConfigFromJson(text, (dir / (planner + ".json")).string(), dir.string());
  return SearchJob(config, boards).run(nullptr);
}

TEST(PatchedMemory, SearchKeepsTheLargerArchitectureThatFitsWithPatches) {
  TempDir dir;
  auto boards = boardsWithEdge();
  const SearchResult plain = searchOnTheEdge(dir.path, "greedy", boards);
  const SearchResult patched = searchOnTheEdge(dir.path, "patches", boards);
  ASSERT_TRUE(plain.finished);
  ASSERT_TRUE(patched.finished);
  auto onEdge = [](const SearchCandidate& c) {
    for (const auto& e : c.estimates)
      if (e.board == "edge") return e;
    return BoardEstimateSummary{};
  };
  EXPECT_EQ(plain.final_candidate.architecture, "c1=4");
  EXPECT_EQ(patched.final_candidate.architecture, "c1=8");
  EXPECT_TRUE(onEdge(patched.final_candidate).fits);
  // The figure the search reports is the generated C's arena with patches.
  const Graph shipped = loadGraphJson(patched.final_model_path);
  const Estimate file = Estimator(boards, patchSettings()).estimate(shipped, "edge", RuntimeKind::TinyforgeC);
  EXPECT_EQ(file.memory.sram_bytes, onEdge(patched.final_candidate).sram_bytes);
  EXPECT_TRUE(file.fit.fits());
}

}  // namespace
}  // namespace tinyforge
