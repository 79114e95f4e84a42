// Searching with the best achievable memory (budgets.sram_planner "best", explore
// --planner best): on a backbone whose TFLM greedy plan wastes memory on every
// architecture, the board that fits only the best plan admits its models, and the search
// keeps the larger architecture that the greedy plan has to give up.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/explore.h"
#include "core/nas/search_job.h"
#include "core/nas/search_space.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

// input 1x32x32x8 (8,192 B) -> c1 1x1 (4 or 5 ch: 4,096 or 5,120 B) -> c2 1x1 (7 ch, 7,168 B)
// -> c3 1x1 (7 ch) -> global average pool -> classifier (3) -> reshape.
// Head bound (16-byte aligned): c2 + c3 = 14,336 B for both choices. TFLM's greedy plan
// (tests/core/runtime/tflm_offline_plan_test.cpp, the same chain): input 0, c3 0, c2 7,168,
// c1 above input and c2 at 14,336 -> heads 19,456 B (c1 = 5) and 18,432 B (c1 = 4); the
// 16-byte tail tensors fit below. The best plan puts c1 at 8,192 and c3 at 7,168: 14,336 B.
const char* kChainBackbone = R"({"format": "tinyforge-graph", "version": 1, "name": "chain",
  "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 32, 32, 8]},
    {"name": "c1", "op": "Conv2D", "inputs": ["input"], "out_channels": 5, "activation": "relu", "search": {"widths": [4, 5]}},
    {"name": "c2", "op": "Conv2D", "inputs": ["c1"], "out_channels": 7, "activation": "relu"},
    {"name": "c3", "op": "Conv2D", "inputs": ["c2"], "out_channels": 7, "activation": "relu"},
    {"name": "pool", "op": "AveragePool2D", "inputs": ["c3"], "kernel": [32, 32], "padding": "valid"},
    {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 3},
    {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 3]}
  ], "outputs": ["reshape"]})";

Graph chainBackbone() { return graphFromJsonText(kChainBackbone, "chain"); }

EstimatorSettings bestSettings() { return searchEstimatorSettings("best", "tflm-cmsis"); }

// The bundled boards plus "edge": the STM32F446RE with exactly the SRAM the larger
// architecture needs with the best plan.
std::shared_ptr<BoardLibrary> boardsWithEdge(int64_t* edge_sram = nullptr) {
  auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  const SearchSpace space(chainBackbone());
  const Estimate best = Estimator(boards, bestSettings())
                            .estimate(inferShapes(space.derive(space.largest())), "stm32f446re", RuntimeKind::TflmCmsis);
  Board board = boards->get("stm32f446re");
  board.id = "edge";
  board.sram_bytes = best.memory.sram_bytes;
  board.sram_banks.clear();
  boards->add(board);
  if (edge_sram) *edge_sram = board.sram_bytes;
  return boards;
}

TEST(BestMemory, TheLargerArchitectureNeedsTheBoundWithTheBestPlanAndMoreWithTflms) {
  auto boards = boardsWithEdge();
  const SearchSpace space(chainBackbone());
  const ShapedGraph largest = inferShapes(space.derive(space.largest()));
  const Estimate greedy = Estimator(boards).estimate(largest, "edge", RuntimeKind::TflmCmsis);
  const Estimate best = Estimator(boards, bestSettings()).estimate(largest, "edge", RuntimeKind::TflmCmsis);
  EXPECT_EQ(greedy.memory.head_bytes, 19456);
  EXPECT_EQ(best.memory.head_bytes, 14336);
  EXPECT_EQ(best.memory.head_lower_bound_bytes, 14336);
  EXPECT_TRUE(best.offline_plan);
  EXPECT_TRUE(best.fit.fits());
  EXPECT_FALSE(greedy.fit.fits());
  // The head decides the smallest arena here: the plan saves its 5,120 B of SRAM.
  EXPECT_EQ(greedy.memory.sram_bytes - best.memory.sram_bytes, 19456 - 14336);
}

TEST(BestMemory, ExploreAdmitsTheModelsOnlyTheBestPlanFits) {
  auto boards = boardsWithEdge();
  ExploreOptions options;
  options.board = "edge";
  options.runtime = "tflm-cmsis";
  const ExploreResult greedy = explore(chainBackbone(), boards, options);
  options.sram_planner = "best";
  const ExploreResult best = explore(chainBackbone(), boards, options);
  ASSERT_EQ(greedy.configs.size(), 1u);
  EXPECT_TRUE(greedy.configs[0].exhaustive);  // two architectures
  EXPECT_EQ(greedy.configs[0].fitting, 0);
  EXPECT_EQ(best.configs[0].fitting, 2);
  EXPECT_EQ(best.sram_planner, "best");
  options.runtime = "tinyforge-c";  // the generated C plans its own arena with the best planner too
  EXPECT_EQ(explore(chainBackbone(), boards, options).sram_planner, "best");
  options.runtime = "tvm";
  EXPECT_THROW(explore(chainBackbone(), boards, options), ExploreError);
}

TEST(BestMemory, BudgetsHoldTheBestPlansSmallerOverhead) {
  auto boards = boardsWithEdge();
  SearchBudgets requested;
  const DerivedBudgets greedy = deriveBudgets(chainBackbone(), *boards, "edge", "tflm-cmsis", requested);
  requested.sram_planner = "best";
  const DerivedBudgets best = deriveBudgets(chainBackbone(), *boards, "edge", "tflm-cmsis", requested);
  // Eq. 3 of the largest architecture is 14,336 B (c2 + c3); with the best plan that is
  // exactly what the board leaves for it, with TFLM's plan 5,120 B less.
  EXPECT_EQ(best.sram_bytes, 14336);
  EXPECT_EQ(best.sram_bytes - greedy.sram_bytes, 19456 - 14336);
}

TEST(BestMemory, ConfigNamesTheFieldOfAnUnknownOrImpossiblePlanner) {
  const auto config = searchConfigFromJson(R"({"backbone": "kws_backbone.json", "runtime": "tflm",
      "budgets": {"sram_planner": "best"}})", "c.json", ".");
  EXPECT_EQ(config.budgets.sram_planner, "best");
  for (const char* text : {R"({"backbone": "kws_backbone.json", "budgets": {"sram_planner": "optimal"}})"}) {
    try {
      searchConfigFromJson(text, "c.json", ".");
      FAIL() << text;
    } catch (const SearchConfigError& error) {
      EXPECT_NE(std::string(error.what()).find("c.json: field 'budgets.sram_planner'"), std::string::npos) << error.what();
    }
  }
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_best_memory_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

SearchResult searchOnTheEdge(const fs::path& dir, const std::string& planner, std::shared_ptr<BoardLibrary> boards) {
  saveGraphJson(chainBackbone(), (dir / "chain.json").string());
  const std::string text = R"({"backbone": "chain.json", "data": "synthetic", "board": "edge", "runtime": "tflm-cmsis",
      "epochs": 2, "warmup_epochs": 1, "finetune_epochs": 1, "batch_size": 32, "threads": 1, "seed": 3,
      "name": ")" + planner + R"(", "budgets": {"sram_planner": ")" + planner + R"("},
      "synthetic": {"train": 64, "validation": 32, "test": 32, "classes": 3}})";
  const SearchConfig config = searchConfigFromJson(text, (dir / (planner + ".json")).string(), dir.string());
  return SearchJob(config, boards).run(nullptr);
}

TEST(BestMemory, SearchKeepsTheLargerArchitectureAndShipsItsPlan) {
  TempDir dir;
  auto boards = boardsWithEdge();
  const SearchResult greedy = searchOnTheEdge(dir.path, "greedy", boards);
  const SearchResult best = searchOnTheEdge(dir.path, "best", boards);
  ASSERT_TRUE(greedy.finished);
  ASSERT_TRUE(best.finished);
  auto onEdge = [](const SearchCandidate& c) {
    for (const auto& e : c.estimates)
      if (e.board == "edge") return e;
    return BoardEstimateSummary{};
  };
  // With TFLM's plan nothing fits the board (even c1 = 4 needs an 18,432 B head): the
  // smallest comes back; with the best plan c1 = 5 fits.
  EXPECT_EQ(greedy.final_candidate.architecture, "c1=4");
  EXPECT_FALSE(onEdge(greedy.final_candidate).fits);
  EXPECT_EQ(best.final_candidate.architecture, "c1=5");
  EXPECT_TRUE(onEdge(best.final_candidate).fits);
  // The .tflite it wrote carries the plan, and TFLM's figure for it is the search's.
  const Graph shipped = importTflite(best.final_tflite_path);
  bool planned = false;
  for (const Node& node : shipped.nodes) planned = planned || node.offline_offset_bytes >= 0;
  EXPECT_TRUE(planned);
  const Estimate file = Estimator(boards).estimate(shipped, "edge", RuntimeKind::TflmCmsis);
  EXPECT_EQ(file.memory.sram_bytes, onEdge(best.final_candidate).sram_bytes);
  EXPECT_TRUE(file.fit.fits());
}

}  // namespace
}  // namespace tinyforge
