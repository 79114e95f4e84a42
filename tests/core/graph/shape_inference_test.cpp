#include <gtest/gtest.h>

#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

using Shape = std::vector<int32_t>;

ShapedGraph shapesOf(const std::string& nodes, const Shape& input = {1, 49, 10, 1}) {
  std::string shape = "[";
  for (size_t i = 0; i < input.size(); ++i) shape += (i ? "," : "") + std::to_string(input[i]);
  shape += "]";
  return inferShapes(
      graphFromJsonText(R"({"nodes": [{"name": "input", "op": "Input", "shape": )" + shape + "}," + nodes + "]}", "t"));
}

Shape outputOf(const ShapedGraph& g, const std::string& name) {
  for (size_t i = 0; i < g.layers.size(); ++i)
    if (g.expanded.nodes[i].name == name) return g.layers[i].output_shape;
  ADD_FAILURE() << "no layer " << name;
  return {};
}

TEST(ShapeInference, SamePaddingRoundsUpValidPaddingDrops) {
  // TFLite: same -> ceil(H / s); valid -> ceil((H - k + 1) / s)
  const auto g = shapesOf(R"({"name": "same", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [10, 4], "stride": 2},
                             {"name": "valid", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [10, 4], "stride": 2, "padding": "valid"})");
  EXPECT_EQ(outputOf(g, "same"), (Shape{1, 25, 5, 8}));   // ceil(49/2)=25, ceil(10/2)=5
  EXPECT_EQ(outputOf(g, "valid"), (Shape{1, 20, 4, 8}));  // ceil(40/2)=20, ceil(7/2)=4
}

TEST(ShapeInference, DilationWidensTheKernel) {
  const auto g = shapesOf(R"({"name": "c", "op": "Conv2D", "inputs": ["input"], "out_channels": 2, "kernel": 3, "dilation": 2, "padding": "valid"})",
                          {1, 9, 9, 1});
  EXPECT_EQ(outputOf(g, "c"), (Shape{1, 5, 5, 2}));  // effective kernel 5
}

TEST(ShapeInference, DepthwiseMultiplierAndPools) {
  const auto g = shapesOf(R"({"name": "dw", "op": "DepthwiseConv2D", "inputs": ["input"], "kernel": 3, "depth_multiplier": 4},
                             {"name": "max", "op": "MaxPool2D", "inputs": ["dw"], "kernel": 2, "stride": 2, "padding": "valid"},
                             {"name": "mean", "op": "Mean", "inputs": ["max"]},
                             {"name": "mean2", "op": "Mean", "inputs": ["max"], "keep_dims": false})",
                          {1, 8, 8, 3});
  EXPECT_EQ(outputOf(g, "dw"), (Shape{1, 8, 8, 12}));
  EXPECT_EQ(outputOf(g, "max"), (Shape{1, 4, 4, 12}));
  EXPECT_EQ(outputOf(g, "mean"), (Shape{1, 1, 1, 12}));
  EXPECT_EQ(outputOf(g, "mean2"), (Shape{1, 12}));
}

TEST(ShapeInference, FullyConnectedFlattensAndReshapeResolvesMinusOne) {
  const auto g = shapesOf(R"({"name": "fc", "op": "FullyConnected", "inputs": ["input"], "out_channels": 12},
                             {"name": "r", "op": "Reshape", "inputs": ["fc"], "shape": [1, -1, 3]})");
  EXPECT_EQ(outputOf(g, "fc"), (Shape{1, 12}));
  EXPECT_EQ(outputOf(g, "r"), (Shape{1, 4, 3}));
}

TEST(ShapeInference, PadConcatAndAdd) {
  const auto g = shapesOf(R"({"name": "pad", "op": "Pad", "inputs": ["input"], "pads": [1, 1, 0, 2]},
                             {"name": "cat", "op": "Concatenation", "inputs": ["input", "input"]},
                             {"name": "sum", "op": "Add", "inputs": ["input", "input"], "activation": "relu"})",
                          {1, 4, 4, 3});
  EXPECT_EQ(outputOf(g, "pad"), (Shape{1, 6, 6, 3}));
  EXPECT_EQ(outputOf(g, "cat"), (Shape{1, 4, 4, 6}));
  EXPECT_EQ(outputOf(g, "sum"), (Shape{1, 4, 4, 3}));
}

TEST(ShapeInference, NodesInAnyOrderAreExecutedAfterTheirInputs) {
  const auto g = shapesOf(R"({"name": "b", "op": "Softmax", "inputs": ["a"]},
                             {"name": "a", "op": "FullyConnected", "inputs": ["input"], "out_channels": 3})");
  ASSERT_EQ(g.expanded.nodes.size(), 3u);
  EXPECT_EQ(g.expanded.nodes[1].name, "a");
  EXPECT_EQ(g.expanded.nodes[2].name, "b");
  ASSERT_EQ(g.outputs.size(), 1u);
  EXPECT_EQ(g.expanded.nodes[g.outputs[0]].name, "b");
}

TEST(BlockTemplates, DepthwiseSeparableExpandsToDwAndPw) {
  const auto g = shapesOf(R"({"name": "ds", "op": "DepthwiseSeparable", "inputs": ["input"], "out_channels": 16, "kernel": 3, "stride": 2, "activation": "relu"},
                             {"name": "head", "op": "Softmax", "inputs": ["ds"]})",
                          {1, 8, 8, 4});
  ASSERT_EQ(g.expanded.nodes.size(), 4u);
  EXPECT_EQ(g.expanded.nodes[1].name, "ds/dw");
  EXPECT_EQ(g.expanded.nodes[1].kind, NodeKind::DepthwiseConv2D);
  EXPECT_EQ(g.expanded.nodes[1].block, "ds");
  EXPECT_EQ(outputOf(g, "ds/dw"), (Shape{1, 4, 4, 4}));
  EXPECT_EQ(outputOf(g, "ds/pw"), (Shape{1, 4, 4, 16}));
  EXPECT_EQ(g.expanded.nodes[3].inputs, (std::vector<std::string>{"ds/pw"}));
}

TEST(BlockTemplates, InvertedBottleneckHasResidualOnlyWhenShapeIsKept) {
  const auto keep = shapesOf(R"({"name": "ib", "op": "InvertedBottleneck", "inputs": ["input"], "out_channels": 8, "kernel": 3, "expansion": 6, "activation": "relu6"})",
                             {1, 8, 8, 8});
  ASSERT_EQ(keep.expanded.nodes.size(), 5u);
  EXPECT_EQ(outputOf(keep, "ib/expand"), (Shape{1, 8, 8, 48}));
  EXPECT_EQ(keep.expanded.nodes[4].kind, NodeKind::Add);
  EXPECT_EQ(keep.expanded.nodes[4].inputs, (std::vector<std::string>{"input", "ib/project"}));
  EXPECT_EQ(keep.expanded.nodes[3].activation, Activation::None);  // linear bottleneck

  const auto down = shapesOf(R"({"name": "ib", "op": "InvertedBottleneck", "inputs": ["input"], "out_channels": 16, "kernel": 3, "stride": 2, "expansion": 1})",
                             {1, 8, 8, 8});
  ASSERT_EQ(down.expanded.nodes.size(), 3u);  // no expand (x1), no add (shape changes)
  EXPECT_EQ(outputOf(down, "ib/project"), (Shape{1, 4, 4, 16}));
}

TEST(BlockTemplates, ResidualAddsAProjectionShortcutWhenShapesDiffer) {
  const auto g = shapesOf(R"({"name": "res", "op": "Residual", "inputs": ["input"], "out_channels": 16, "kernel": 3, "stride": 2, "activation": "relu"})",
                          {1, 8, 8, 8});
  ASSERT_EQ(g.expanded.nodes.size(), 5u);
  EXPECT_EQ(outputOf(g, "res/shortcut"), (Shape{1, 4, 4, 16}));
  EXPECT_EQ(outputOf(g, "res/add"), (Shape{1, 4, 4, 16}));
  EXPECT_EQ(g.expanded.nodes[4].activation, Activation::Relu);
}

}  // namespace
}  // namespace tinyforge
