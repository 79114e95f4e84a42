// At every one-hot architecture choice the search's expected costs (eqs. 2-4) must equal
// the estimator's figures for the derived graph: the DESIGN's "one cost model" rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>

#include "core/boards/board_library.h"
#include "core/cost/layer_cost.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/expected_cost.h"
#include "core/nas/nas_test_support.h"

namespace tinyforge {
namespace {

struct OneHot {
  std::vector<std::vector<double>> widths;
  std::vector<double> keep, skip;
};

OneHot oneHot(const SearchSpace& space, const ArchChoice& choice) {
  OneHot z;
  for (size_t d = 0; d < space.widthDecisions().size(); ++d) {
    z.widths.emplace_back(space.widthDecisions()[d].widths.size(), 0.0);
    z.widths.back()[static_cast<size_t>(choice.width_index[d])] = 1.0;
  }
  for (bool skipped : choice.skipped) {
    z.keep.push_back(skipped ? 0.0 : 1.0);
    z.skip.push_back(skipped ? 1.0 : 0.0);
  }
  return z;
}

ExpectedCosts<double> costsAt(const SearchSpace& space, const ArchChoice& choice) {
  const OneHot z = oneHot(space, choice);
  auto constant = [](double x) { return x; };
  auto maximum = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
  const auto channels = expectedChannels<double>(space, z.widths, z.keep, z.skip, constant);
  return expectedCosts<double>(space, channels, z.keep, z.skip, constant, maximum);
}

// The estimator side: LayerCost totals and the lower bound (max over operators of live bytes).
struct EstimatorFigures {
  int64_t flash_bytes = 0;  // weights + biases + quantization parameters
  int64_t ops = 0;
  int64_t per_op_memory_bytes = 0;  // max over operators of inputs + outputs
  int64_t lower_bound_bytes = 0;
};

EstimatorFigures estimatorFigures(const Graph& derived, const Estimator& estimator) {
  const ShapedGraph shaped = inferShapes(derived);
  EstimatorFigures figures;
  const auto costs = layerCosts(shaped);
  for (size_t i = 0; i < costs.size(); ++i) {
    figures.flash_bytes += costs[i].weight_bytes + costs[i].bias_bytes + costs[i].quant_params_bytes;
    figures.ops += costs[i].ops();
    if (shaped.node(static_cast<int>(i)).kind != NodeKind::Input)
      figures.per_op_memory_bytes =
          std::max(figures.per_op_memory_bytes, costs[i].input_bytes + costs[i].output_bytes);
  }
  figures.lower_bound_bytes = estimator.estimate(shaped, "stm32f746zg", RuntimeKind::TflmCmsis).memory.lower_bound_bytes;
  return figures;
}

void expectOneHotEquality(const SearchSpace& space, int samples, uint32_t seed) {
  Estimator estimator(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()));
  std::mt19937 rng(seed);
  std::vector<ArchChoice> choices = {space.largest(), space.smallest()};
  for (int s = 0; s < samples; ++s) choices.push_back(nas_test::randomChoice(space, rng));
  for (const ArchChoice& choice : choices) {
    SCOPED_TRACE(space.describe(choice));
    const auto expected = costsAt(space, choice);
    const auto figures = estimatorFigures(space.derive(choice), estimator);
    EXPECT_DOUBLE_EQ(expected.flash_bytes, static_cast<double>(figures.flash_bytes));
    EXPECT_DOUBLE_EQ(expected.ops, static_cast<double>(figures.ops));
    EXPECT_DOUBLE_EQ(expected.memory_bytes, static_cast<double>(figures.per_op_memory_bytes));
    // A chain of single-input layers keeps nothing alive across operators, so eq. 3 is
    // exactly the estimator's lower bound.
    EXPECT_DOUBLE_EQ(expected.memory_bytes, static_cast<double>(figures.lower_bound_bytes));
  }
}

TEST(ExpectedCost, KwsBackboneOneHotEqualsEstimator) {
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  EXPECT_EQ(space.widthDecisions().size(), 10u);  // conv1 + 9 DS blocks
  EXPECT_EQ(space.skipDecisions().size(), 9u);
  expectOneHotEquality(space, 40, 1);
}

TEST(ExpectedCost, AdBackboneOneHotEqualsEstimator) {
  // Three downsampling DS blocks: a skipped one becomes a 2x2 average pooling.
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/ad_backbone.json"));
  expectOneHotEquality(space, 40, 2);
}

TEST(ExpectedCost, LargestKwsChoiceHandComputed) {
  // conv1 10x4 on 49x10x1 -> 49x10x276 (SAME): 10*4*1*276*490 MACs; ds1 stride 2 -> 25x5.
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  const auto costs = costsAt(space, space.largest());
  const double conv1 = 10.0 * 4 * 1 * 276 * 49 * 10;
  const double ds1 = 3.0 * 3 * 276 * 25 * 5 + 276.0 * 276 * 25 * 5;
  const double ds_rest = 8 * ds1;
  const double pool = 276.0 * 25 * 5;  // 25x5 window over 1x1 output
  const double classifier = 276.0 * 12;
  EXPECT_DOUBLE_EQ(costs.ops, 2 * (conv1 + ds1 + ds_rest + pool + classifier));
  // Working memory peaks at ds1's depthwise conv: 49x10x276 in + 25x5x276 out
  // (conv1 needs only 490 + 49x10x276).
  EXPECT_DOUBLE_EQ(costs.memory_bytes, 490.0 * 276 + 125.0 * 276);
}

TEST(ExpectedCost, ExpectationIsLinearBetweenOneHotPoints) {
  // Half-and-half between two widths of one decision gives the mean channel count.
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  OneHot z = oneHot(space, space.largest());
  std::fill(z.widths[0].begin(), z.widths[0].end(), 0.0);
  z.widths[0][0] = 0.5;  // 28
  z.widths[0].back() = 0.5;  // 276
  auto constant = [](double x) { return x; };
  const auto channels = expectedChannels<double>(space, z.widths, z.keep, z.skip, constant);
  EXPECT_DOUBLE_EQ(channels[static_cast<size_t>(space.ops()[1].out_var)], 152.0);
}

TEST(SearchSpace, RefusesUnsupportedBlocksNamingTheLayer) {
  Graph graph = loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/vww_backbone.json");
  try {
    SearchSpace space(graph);
    FAIL() << "expected an error";
  } catch (const SearchSpaceError& error) {
    EXPECT_NE(std::string(error.what()).find("ibn1"), std::string::npos) << error.what();
  }
}

TEST(SearchSpace, DeriveRemovesSkippedBlocksAndPoolsDownsamplingOnes) {
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  ArchChoice choice = space.largest();
  choice.skipped[0] = true;  // ds1, stride 2 -> average pooling
  choice.skipped[1] = true;  // ds2 -> removed
  choice.width_index[0] = 0;
  const Graph derived = space.derive(choice);
  EXPECT_EQ(derived.find("ds2"), nullptr);
  ASSERT_NE(derived.find("ds1"), nullptr);
  EXPECT_EQ(derived.find("ds1")->kind, NodeKind::AveragePool2D);
  EXPECT_EQ(derived.find("ds3")->inputs, std::vector<std::string>{"ds1"});
  EXPECT_EQ(derived.find("conv1")->out_channels, 28);
  const ShapedGraph shaped = inferShapes(derived);
  // ds3 reads the pooled conv1 output: 25x5x28.
  for (int i = 0; i < static_cast<int>(shaped.layers.size()); ++i)
    if (shaped.node(i).name == "ds3/dw") EXPECT_EQ(shaped.layers[static_cast<size_t>(i)].input_shapes[0], (std::vector<int32_t>{1, 25, 5, 28}));
}

}  // namespace
}  // namespace tinyforge
