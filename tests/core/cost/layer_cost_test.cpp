#include <gtest/gtest.h>

#include "core/cost/layer_cost.h"
#include "core/graph/graph_json.h"

namespace tinyforge {
namespace {

ShapedGraph graph(const std::string& nodes) {
  return inferShapes(graphFromJsonText(
      R"({"nodes": [{"name": "input", "op": "Input", "shape": [1, 49, 10, 1]},)" + nodes + "]}", "t"));
}

TEST(LayerCost, ConvolutionByHand) {
  // Conv 10x4, 1 -> 64 channels, stride 2, same: output 25x5x64.
  // MACs = 10*4*1 * 64 * 25*5 = 320,000; weights 10*4*1*64 = 2,560 B; bias 64*4 = 256 B.
  const auto g = graph(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 64, "kernel": [10, 4], "stride": 2})");
  const LayerCost cost = layerCost(g, 1);
  EXPECT_EQ(cost.macs, 320000);
  EXPECT_EQ(cost.ops(), 640000);
  EXPECT_EQ(cost.weight_bytes, 2560);
  EXPECT_EQ(cost.bias_bytes, 256);
  EXPECT_EQ(cost.params(), 2560 + 64);
  EXPECT_EQ(cost.input_bytes, 490);
  EXPECT_EQ(cost.output_bytes, 25 * 5 * 64);
  EXPECT_EQ(cost.quant_params_bytes, (64 + 64) * 12);  // float scale + int64 zero point per channel
}

TEST(LayerCost, AtomNetTable1DepthwiseAndPointwise) {
  // AtomNet Table 1 rows: DW 3x3x32 and PW 32->32 on 64x64 maps (weights-only Flash 288 B
  // and 1024 B plus 4 B x 32 bias; MACs 1,179,648 and 4,194,304 without AtomNet's +C_out).
  const auto g = inferShapes(graphFromJsonText(R"({"nodes": [
      {"name": "in", "op": "Input", "shape": [1, 64, 64, 32]},
      {"name": "dw", "op": "DepthwiseConv2D", "inputs": ["in"], "kernel": 3},
      {"name": "pw", "op": "Conv2D", "inputs": ["dw"], "out_channels": 32}]})", "t"));
  const LayerCost dw = layerCost(g, 1);
  const LayerCost pw = layerCost(g, 2);
  EXPECT_EQ(dw.macs, 1179648);
  EXPECT_EQ(dw.weight_bytes + dw.bias_bytes, 416);
  EXPECT_EQ(pw.macs, 4194304);
  EXPECT_EQ(pw.weight_bytes + pw.bias_bytes, 1152);
}

TEST(LayerCost, Int4WeightsPackTwoPerByte) {
  const auto g = graph(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 3, "kernel": [1, 1], "weight_type": "int4"})");
  EXPECT_EQ(layerCost(g, 1).weight_bytes, 2);  // 3 weights -> 1.5 B -> 2 B
}

TEST(LayerCost, PoolingAndFullyConnected) {
  const auto g = graph(R"({"name": "pool", "op": "AveragePool2D", "inputs": ["input"], "kernel": [49, 10], "padding": "valid"},
                          {"name": "fc", "op": "FullyConnected", "inputs": ["input"], "out_channels": 12})");
  EXPECT_EQ(layerCost(g, 1).macs, 490);       // one output, 490 summands
  EXPECT_EQ(layerCost(g, 2).macs, 490 * 12);
  EXPECT_EQ(layerCost(g, 2).bias_bytes, 48);
}

TEST(LayerCost, TotalsAddUp) {
  const auto g = graph(R"({"name": "a", "op": "Conv2D", "inputs": ["input"], "out_channels": 2},
                          {"name": "b", "op": "Conv2D", "inputs": ["a"], "out_channels": 3})");
  const auto total = totalCost(layerCosts(g));
  EXPECT_EQ(total.macs, 490 * 2 + 490 * 2 * 3);
  EXPECT_EQ(total.weight_params, 2 + 6);
}

}  // namespace
}  // namespace tinyforge
