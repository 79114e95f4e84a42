// Exploration without training: counts, ops and ranking on a backbone small enough to
// enumerate and compute by hand; a tighter board admits fewer models.
#include "core/nas/explore.h"

#include <gtest/gtest.h>

#include <memory>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/search_space.h"

namespace tinyforge {
namespace {

// input HxWx1 -> conv1 3x3 SAME (4|8) -> conv2 1x1 (4|8) -> global average pool ->
// classifier 1x1 (3) -> reshape. Four architectures per configuration.
Graph tinyBackbone() {
  return graphFromJsonText(R"({
    "format": "tinyforge-graph", "version": 1, "name": "tiny",
    "nodes": [
      {"name": "input", "op": "Input", "shape": [1, 8, 8, 1]},
      {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3], "stride": [1, 1],
       "padding": "same", "activation": "relu", "search": {"widths": [4, 8]}},
      {"name": "conv2", "op": "Conv2D", "inputs": ["conv1"], "out_channels": 8, "kernel": [1, 1], "stride": [1, 1],
       "activation": "relu", "search": {"widths": [4, 8]}},
      {"name": "pool", "op": "AveragePool2D", "inputs": ["conv2"], "kernel": [8, 8], "stride": [1, 1], "padding": "valid"},
      {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 3, "kernel": [1, 1], "stride": [1, 1]},
      {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 3]}
    ],
    "outputs": ["reshape"]})",
                           "tiny");
}

// Ops by hand (1 MAC = 2 ops): conv1 H*W*9*c1, conv2 H*W*c1*c2, average pool H*W*c2
// (one MAC per input element), classifier 3*c2; reshape none.
double handOps(int h, int w, int c1, int c2) {
  const double hw = h * w;
  return 2 * (hw * 9 * c1 + hw * c1 * c2 + hw * c2 + 3.0 * c2);
}

std::shared_ptr<BoardLibrary> boardsWith(int64_t flash_bytes, int64_t sram_bytes) {
  auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  Board board = boards->get("stm32f446re");
  board.id = "test-board";
  board.flash_bytes = flash_bytes;
  board.sram_bytes = sram_bytes;
  board.flash_banks.clear();
  board.sram_banks.clear();
  boards->add(board);
  return boards;
}

TEST(Explore, ScaledBackboneScalesInputWidthsAndGlobalPool) {
  const Graph scaled = scaleBackbone(tinyBackbone(), {4, 6}, 0.5);
  EXPECT_EQ(scaled.find("input")->shape, (std::vector<int32_t>{1, 4, 6, 1}));
  EXPECT_EQ(scaled.find("conv1")->search.widths, (std::vector<int>{2, 4}));
  EXPECT_EQ(scaled.find("conv1")->out_channels, 4);
  EXPECT_EQ(scaled.find("classifier")->out_channels, 3);  // fixed width: the classes
  EXPECT_EQ(scaled.find("pool")->kernel_h, 4);            // still covers its whole input
  EXPECT_EQ(scaled.find("pool")->kernel_w, 6);
  // 0.75 x {4, 8} = {3, 6}; 0.1 x {4, 8} rounds to {0, 1} -> at least 1, once.
  EXPECT_EQ(scaleBackbone(tinyBackbone(), {8, 8}, 0.75).find("conv2")->search.widths, (std::vector<int>{3, 6}));
  EXPECT_EQ(scaleBackbone(tinyBackbone(), {8, 8}, 0.1).find("conv2")->search.widths, (std::vector<int>{1}));
}

TEST(Explore, EveryModelFitsAnAmpleBoardAndConfigsRankByMeanOps) {
  ExploreOptions options;
  options.board = "test-board";
  options.samples = 100;  // more than the 4 architectures: every one is evaluated once
  options.resolutions = {{8, 8}, {4, 4}};
  options.width_multipliers = {0.5, 1.0, 2.0};
  const ExploreResult result = explore(tinyBackbone(), boardsWith(64 << 20, 64 << 20), options);
  ASSERT_EQ(result.configs.size(), 6u);

  // Mean over c1, c2 in the scaled widths of handOps; with everything fitting it is the
  // mean of the four architectures.
  auto meanOps = [](int h, int w, int a, int b) {
    return (handOps(h, w, a, a) + handOps(h, w, a, b) + handOps(h, w, b, a) + handOps(h, w, b, b)) / 4;
  };
  const double expected[6] = {meanOps(8, 8, 2, 4), meanOps(8, 8, 4, 8), meanOps(8, 8, 8, 16),
                              meanOps(4, 4, 2, 4), meanOps(4, 4, 4, 8), meanOps(4, 4, 8, 16)};
  // Written out: 8x8 x0.5 = 5010, x1 = 12324, x2 = 33864; 4x4 x0.5 = 1266, x1 = 3108, x2 = 8520.
  EXPECT_DOUBLE_EQ(expected[1], 12324);
  EXPECT_DOUBLE_EQ(expected[5], 8520);
  for (size_t i = 0; i < 6; ++i) {
    const auto& c = result.configs[i];
    SCOPED_TRACE(i);
    EXPECT_TRUE(c.error.empty()) << c.error;
    EXPECT_TRUE(c.exhaustive);
    EXPECT_EQ(c.samples, 4);
    EXPECT_EQ(c.fitting, 4);
    EXPECT_DOUBLE_EQ(c.fit_fraction, 1.0);
    EXPECT_DOUBLE_EQ(c.mean_ops, expected[i]);
  }
  // Ranking by mean ops: 8x8 x2, 8x8 x1, 4x4 x2, 8x8 x0.5, 4x4 x1, 4x4 x0.5.
  EXPECT_EQ(result.ranking, (std::vector<int>{2, 1, 5, 0, 4, 3}));
  EXPECT_EQ(result.configs[2].rank, 1);
  EXPECT_EQ(result.configs[3].rank, 6);

  // The CDF of 8x8 x1: the four models' ops 7192, 9776, 13848, 18480 (c1,c2 = 4,4; 4,8; 8,4; 8,8).
  const auto& c = result.configs[1];
  EXPECT_EQ(c.fitting_ops, (std::vector<double>{7192, 9776, 13848, 18480}));
  ASSERT_EQ(c.ops_cdf.size(), 11u);
  EXPECT_DOUBLE_EQ(c.ops_cdf.front().ops, 7192);
  EXPECT_DOUBLE_EQ(c.ops_cdf[5].ops, 9776);  // median, nearest rank: 2nd of 4
  EXPECT_DOUBLE_EQ(c.ops_cdf.back().ops, 18480);
}

TEST(Explore, TighterFlashAdmitsOnlyTheModelsUnderIt) {
  // The tight board's Flash admits the two mixed-width models at 8x8 and not 8+8.
  const Graph backbone = tinyBackbone();
  const SearchSpace space(backbone);
  auto ample = boardsWith(64 << 20, 64 << 20);
  Estimator estimator(ample);
  auto flashOf = [&](int i1, int i2) {
    return estimator.estimate(space.derive({{i1, i2}, {}}), "test-board", RuntimeKind::TflmCmsis).memory.flash_bytes;
  };
  const int64_t largest = flashOf(1, 1);
  const int64_t mixed = std::max(flashOf(1, 0), flashOf(0, 1));
  ASSERT_LT(mixed, largest);

  ExploreOptions options;
  options.board = "test-board";
  options.samples = 100;
  const ExploreResult loose = explore(backbone, ample, options);
  const ExploreResult tight = explore(backbone, boardsWith(mixed, 64 << 20), options);
  ASSERT_EQ(tight.configs.size(), 1u);
  EXPECT_EQ(loose.configs[0].fitting, 4);
  EXPECT_EQ(tight.configs[0].fitting, 3);
  EXPECT_DOUBLE_EQ(tight.configs[0].fit_fraction, 0.75);
  EXPECT_DOUBLE_EQ(tight.configs[0].mean_ops, (7192.0 + 9776 + 13848) / 3);
  EXPECT_EQ(tight.flash_budget_bytes, mixed);

  // Nothing fits a board smaller than the smallest model: ranked last, figures say by how much.
  const ExploreResult none = explore(backbone, boardsWith(1024, 64 << 20), options);
  EXPECT_EQ(none.configs[0].fitting, 0);
  EXPECT_EQ(none.configs[0].mean_ops, 0);
  EXPECT_TRUE(none.configs[0].ops_cdf.empty());
  EXPECT_EQ(none.configs[0].min_flash_bytes, flashOf(0, 0));
}

TEST(Explore, KwsBackboneOnRealBoards) {
  // Random samples (the space has 63^10 x 2^9 architectures): the same seed draws the same
  // architectures for both boards, so the F446RE (128 KiB SRAM, 512 KiB Flash) admits a
  // subset of what the F746ZG (320 KiB, 1 MiB) admits; the full-width resolution fits less
  // often than half width.
  const Graph backbone = loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json");
  auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  ExploreOptions options;
  options.samples = 200;
  options.width_multipliers = {0.5, 1.0};
  options.board = "stm32f446re";
  const ExploreResult small = explore(backbone, boards, options);
  options.board = "stm32f746zg";
  const ExploreResult large = explore(backbone, boards, options);
  ASSERT_EQ(small.configs.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_FALSE(small.configs[i].exhaustive);
    EXPECT_EQ(small.configs[i].samples, 200);
    EXPECT_LE(small.configs[i].fitting, large.configs[i].fitting);
  }
  EXPECT_LT(small.configs[1].fitting, large.configs[1].fitting);
  EXPECT_LT(small.configs[1].fit_fraction, small.configs[0].fit_fraction);
  // Invalid input: an unknown board names the known ones.
  options.board = "no-such-board";
  EXPECT_THROW(explore(backbone, boards, options), ExploreError);
}

TEST(Explore, VwwBackboneOnRealBoards) {
  // The MobileNetV2 backbone with tied residual stages (10^9 architectures at each
  // configuration): every sampled model derives and estimates. At full width the F746ZG
  // admits some but not all of them, the F446RE fewer; at half width more fit.
  const Graph backbone = loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/vww_backbone.json");
  auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  ExploreOptions options;
  options.samples = 100;
  options.resolutions = {{50, 50}, {96, 96}};
  options.width_multipliers = {0.5, 1.0};
  options.board = "stm32f746zg";
  const ExploreResult large = explore(backbone, boards, options);
  options.board = "stm32f446re";
  const ExploreResult small = explore(backbone, boards, options);
  ASSERT_EQ(large.configs.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(large.configs[i].error.empty()) << large.configs[i].error;
    EXPECT_EQ(large.configs[i].samples, 100);
    EXPECT_LE(small.configs[i].fitting, large.configs[i].fitting);
  }
  EXPECT_GT(large.configs[1].fitting, 0);     // 50x50, full width
  EXPECT_LT(large.configs[1].fitting, 100);
  EXPECT_GT(large.configs[0].fitting, large.configs[1].fitting);  // half width fits more often
  EXPECT_LT(small.configs[1].fitting, large.configs[1].fitting);
}

TEST(Explore, AResolutionTheBackboneCannotTakeIsReportedAndRankedLast) {
  Graph backbone = tinyBackbone();
  backbone.find("conv1")->padding = Padding::Valid;  // 8x8 -> 6x6: the pool covers 6x6
  backbone.find("pool")->kernel_h = backbone.find("pool")->kernel_w = 6;
  ExploreOptions options;
  options.board = "test-board";
  options.resolutions = {{2, 2}, {8, 8}};  // a 3x3 VALID conv cannot read 2x2
  const ExploreResult result = explore(backbone, boardsWith(64 << 20, 64 << 20), options);
  ASSERT_EQ(result.configs.size(), 2u);
  EXPECT_NE(result.configs[0].error.find("conv1"), std::string::npos) << result.configs[0].error;
  EXPECT_EQ(result.configs[0].rank, 0);
  EXPECT_EQ(result.configs[1].rank, 1);
  EXPECT_EQ(result.ranking, (std::vector<int>{1, 0}));
  // At 8x8 the global pool still covers conv1's 6x6 output: ops by hand with H = W = 6
  // for conv2, the pool and conv1 (36 outputs of 9 MACs per channel).
  const double mean = (handOps(6, 6, 4, 4) + handOps(6, 6, 4, 8) + handOps(6, 6, 8, 4) + handOps(6, 6, 8, 8)) / 4;
  EXPECT_DOUBLE_EQ(result.configs[1].mean_ops, mean);
}

}  // namespace
}  // namespace tinyforge
