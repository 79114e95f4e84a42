#include <gtest/gtest.h>

#include "core/graph/graph_json.h"
#include "core/model/tensor_model.h"

namespace tinyforge {
namespace {

TEST(TensorModel, HandDrawnLayersGetTheConvertersConstants) {
  const auto shaped = inferShapes(graphFromJsonText(R"({"nodes": [
      {"name": "in", "op": "Input", "shape": [1, 8, 8, 3]},
      {"name": "c", "op": "Conv2D", "inputs": ["in"], "out_channels": 16, "kernel": 3},
      {"name": "dw", "op": "DepthwiseConv2D", "inputs": ["c"], "kernel": 3},
      {"name": "r", "op": "Reshape", "inputs": ["dw"], "shape": [1, -1]},
      {"name": "fc", "op": "FullyConnected", "inputs": ["r"], "out_channels": 4}]})", "t"));
  const TensorModel model = lower(shaped);
  // input + conv(filter, bias, out) + dw(filter, bias, out) + reshape(shape, out) + fc(filter, bias, out)
  ASSERT_EQ(model.tensors.size(), 1u + 3 + 3 + 2 + 3);
  ASSERT_EQ(model.operators.size(), 4u);
  const auto& conv = model.operators[0];
  ASSERT_EQ(conv.inputs.size(), 3u);
  EXPECT_EQ(model.tensors[conv.inputs[1]].shape, (std::vector<int32_t>{16, 3, 3, 3}));
  EXPECT_EQ(model.tensors[conv.inputs[1]].quant_channels, 16);
  EXPECT_EQ(model.tensors[conv.inputs[2]].type, DataType::Int32);
  EXPECT_EQ(model.tensors[model.operators[1].inputs[1]].shape, (std::vector<int32_t>{1, 3, 3, 16}));
  EXPECT_EQ(model.tensors[model.operators[3].inputs[1]].shape, (std::vector<int32_t>{4, 1024}));
  EXPECT_EQ(model.tensors[model.operators[3].inputs[1]].quant_channels, 1);
  EXPECT_EQ(model.inputs, (std::vector<int>{0}));
  ASSERT_EQ(model.outputs.size(), 1u);
  EXPECT_EQ(model.tensors[model.outputs[0]].producer, 3);
  EXPECT_EQ(model.tensors[model.inputs[0]].consumers, (std::vector<int>{0}));
  EXPECT_TRUE(model.tensors[conv.inputs[1]].is_constant);
  EXPECT_EQ(model.tensors[conv.outputs[0]].bytes, 8 * 8 * 16);
}

TEST(TensorModel, ImportedTensorOrderIsKept) {
  Graph graph = graphFromJsonText(R"({"nodes": [
      {"name": "in", "op": "Input", "shape": [1, 4], "output_tensor_index": 2},
      {"name": "s", "op": "Softmax", "inputs": ["in"], "output_tensor_index": 0}]})", "t");
  const TensorModel model = lower(inferShapes(graph));
  ASSERT_EQ(model.tensors.size(), 2u);
  EXPECT_EQ(model.tensors[0].name, "s");
  EXPECT_EQ(model.inputs, (std::vector<int>{1}));
  EXPECT_EQ(model.operators[0].inputs, (std::vector<int>{1}));
  EXPECT_EQ(model.operators[0].outputs, (std::vector<int>{0}));
}

}  // namespace
}  // namespace tinyforge
