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

// `chain`: single-input layers only. A residual keeps its block's input alive across the
// block, so the estimator's lower bound can then exceed eq. 3 (never fall below it).
void expectOneHotEquality(const SearchSpace& space, int samples, uint32_t seed, bool chain = true) {
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
    if (chain) EXPECT_DOUBLE_EQ(expected.memory_bytes, static_cast<double>(figures.lower_bound_bytes));
    else EXPECT_LE(expected.memory_bytes, static_cast<double>(figures.lower_bound_bytes));
  }
}

Graph vwwBackbone() { return loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/vww_backbone.json"); }

int opIndex(const SearchSpace& space, const std::string& name) {
  for (size_t i = 0; i < space.ops().size(); ++i)
    if (space.ops()[i].name == name) return static_cast<int>(i);
  return -1;
}

bool hasLayer(const Graph& derived, const std::string& name) {
  const ShapedGraph shaped = inferShapes(derived);
  for (const Node& node : shaped.expanded.nodes)
    if (node.name == name) return true;
  return false;
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

TEST(ExpectedCost, VwwBackboneOneHotEqualsEstimator) {
  const SearchSpace space(vwwBackbone());
  expectOneHotEquality(space, 30, 3, /*chain=*/false);
}

TEST(ExpectedCost, TinyResidualBackboneOneHotEqualsEstimator) {
  // Skippable residual and downsampling bottlenecks, untied widths that sometimes match.
  const SearchSpace space(graphFromJsonText(nas_test::kTinyResidualBackbone, "tiny residual"));
  expectOneHotEquality(space, 40, 4, /*chain=*/false);
}

TEST(ExpectedCost, LargestVwwChoiceHandComputed) {
  // 50x50x1 -> conv1 (stride 2, SAME) 25x25x32 -> ibn1 25x25x16 -> ibn2 (stride 2) 13x13x24
  // -> ibn3 13x13x24 with the residual Add.
  const SearchSpace space(vwwBackbone());
  const auto costs = costsAt(space, space.largest());
  // ibn3/add reads two 13x13x24 tensors and writes one.
  const int add = opIndex(space, "ibn3/add");
  ASSERT_GE(add, 0);
  EXPECT_DOUBLE_EQ(costs.op_memory[static_cast<size_t>(add)], 3.0 * 13 * 13 * 24);
  // The peak is ibn2's depthwise conv: 25x25x96 in (16 expanded 6x) + 13x13x96 out.
  EXPECT_DOUBLE_EQ(costs.memory_bytes, 25.0 * 25 * 96 + 13.0 * 13 * 96);
  // The estimator counts one addition per output element of ibn3/add (eq. 4 equals it:
  // VwwBackboneOneHotEqualsEstimator).
  const ShapedGraph shaped = inferShapes(space.derive(space.largest()));
  for (size_t i = 0; i < shaped.layers.size(); ++i)
    if (shaped.node(static_cast<int>(i)).name == "ibn3/add") EXPECT_EQ(layerCost(shaped, static_cast<int>(i)).ops(), 13 * 13 * 24);
}

TEST(SearchSpace, ResidualAddsTieTheWidthsOfTheBlocksTheyJoin) {
  const SearchSpace space(vwwBackbone());
  std::vector<std::string> names;
  for (const auto& d : space.widthDecisions()) names.push_back(d.name);
  // MobileNetV2's stages: the blocks after a stage's first share its width.
  EXPECT_EQ(names, (std::vector<std::string>{"conv1", "ibn1", "ibn2+ibn3", "ibn4+ibn5+ibn6", "ibn7+ibn8+ibn9+ibn10",
                                             "ibn11+ibn12+ibn13", "ibn14+ibn15+ibn16", "ibn17", "conv_last"}));
  EXPECT_DOUBLE_EQ(space.size(), 1e9);
  ArchChoice choice = space.largest();
  choice.width_index[2] = 0;  // ibn2+ibn3 = 2
  const Graph derived = space.derive(choice);
  EXPECT_EQ(derived.find("ibn2")->out_channels, 2);
  EXPECT_EQ(derived.find("ibn3")->out_channels, 2);
  EXPECT_TRUE(hasLayer(derived, "ibn3/add"));
  EXPECT_NE(space.describe(choice).find("ibn2+ibn3=2 "), std::string::npos) << space.describe(choice);
}

TEST(SearchSpace, UntiedBottleneckWidthsThatHappenToMatchGetNoResidual) {
  // conv1 = 16 and ibn1 = 16 (stride 1): the block template would add a residual the
  // supernet does not have; derive writes ibn1's layers out without it.
  const SearchSpace space(vwwBackbone());
  ArchChoice choice = space.largest();
  choice.width_index[0] = 4;  // conv1 = 16
  ASSERT_EQ(space.widthDecisions()[0].widths[4], 16);
  const Graph derived = space.derive(choice);
  EXPECT_EQ(derived.find("ibn1"), nullptr);
  ASSERT_NE(derived.find("ibn1/project"), nullptr);
  EXPECT_EQ(derived.find("ibn1/project")->out_channels, 16);
  EXPECT_EQ(derived.find("ibn2")->inputs, std::vector<std::string>{"ibn1/project"});
  EXPECT_FALSE(hasLayer(derived, "ibn1/add"));
  EXPECT_TRUE(hasLayer(derived, "ibn3/add"));
  // At conv1 = 13 the block is not written out.
  choice.width_index[0] = 3;
  EXPECT_NE(space.derive(choice).find("ibn1"), nullptr);
}

TEST(SearchSpace, SkippedResidualBlockIsIdentity) {
  const SearchSpace space(graphFromJsonText(nas_test::kTinyResidualBackbone, "tiny residual"));
  ASSERT_EQ(space.skipDecisions().size(), 2u);
  EXPECT_EQ(space.widthDecisions()[2].name, "ibn2+ibn3");
  ArchChoice choice = space.largest();
  choice.skipped[0] = true;  // ibn3
  const Graph derived = space.derive(choice);
  EXPECT_EQ(derived.find("ibn3"), nullptr);
  EXPECT_EQ(derived.find("ibn4")->inputs, std::vector<std::string>{"ibn2"});
  EXPECT_NE(space.describe(choice).find("ibn3=skip"), std::string::npos) << space.describe(choice);
  choice.skipped[0] = false;
  EXPECT_NE(space.describe(choice).find("ibn3=keep"), std::string::npos) << space.describe(choice);
}

std::string searchSpaceError(const std::string& json) {
  try {
    SearchSpace space(graphFromJsonText(json, "test"));
  } catch (const SearchSpaceError& error) {
    return error.what();
  }
  return "no error";
}

TEST(SearchSpace, ResidualsThatCannotBeTiedNameTheLayer) {
  const std::string head = R"({"format": "tinyforge-graph", "version": 1, "name": "t", "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 8, 8, 1]},)";
  const std::string tail = R"(], "outputs": ["ibn"]})";
  // A fixed 8 channels against searched widths.
  std::string message = searchSpaceError(head + R"(
    {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3]},
    {"name": "ibn", "op": "InvertedBottleneck", "inputs": ["conv1"], "out_channels": 8, "search": {"widths": [4, 8]}})" + tail);
  EXPECT_NE(message.find("layer 'ibn/add'"), std::string::npos) << message;
  EXPECT_NE(message.find("a fixed 8 channels"), std::string::npos) << message;
  // Different width lists.
  message = searchSpaceError(head + R"(
    {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3], "search": {"widths": [2, 8]}},
    {"name": "ibn", "op": "InvertedBottleneck", "inputs": ["conv1"], "out_channels": 8, "search": {"widths": [4, 8]}})" + tail);
  EXPECT_NE(message.find("layer 'ibn/add'"), std::string::npos) << message;
  EXPECT_NE(message.find("same widths"), std::string::npos) << message;
  // A residual after a skippable downsampling block, whose channels change when it is skipped.
  message = searchSpaceError(head + R"(
    {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 4, "kernel": [3, 3], "search": {"widths": [2, 4]}},
    {"name": "ibn0", "op": "InvertedBottleneck", "inputs": ["conv1"], "out_channels": 8, "stride": [2, 2], "search": {"widths": [4, 8], "skippable": true}},
    {"name": "ibn", "op": "InvertedBottleneck", "inputs": ["ibn0"], "out_channels": 8, "search": {"widths": [4, 8]}})" + tail);
  EXPECT_NE(message.find("layer 'ibn/add'"), std::string::npos) << message;
  EXPECT_NE(message.find("skippable 'ibn0'"), std::string::npos) << message;
  // Two different fixed widths: the graph itself is refused, naming the Add.
  message = searchSpaceError(head + R"(
    {"name": "a", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3]},
    {"name": "b", "op": "Conv2D", "inputs": ["input"], "out_channels": 4, "kernel": [3, 3]},
    {"name": "ibn", "op": "Add", "inputs": ["a", "b"]})" + tail);
  EXPECT_NE(message.find("layer 'ibn'"), std::string::npos) << message;
}

TEST(SearchSpace, RefusesUnsupportedBlocksNamingTheLayer) {
  const std::string message = searchSpaceError(R"({"format": "tinyforge-graph", "version": 1, "name": "t", "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 8, 8, 4]},
    {"name": "res1", "op": "Residual", "inputs": ["input"], "out_channels": 4, "kernel": [3, 3]}], "outputs": ["res1"]})");
  EXPECT_NE(message.find("res1"), std::string::npos) << message;
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
