// The fingerprint that tells an imported graph nobody has edited (model Flash = the file's
// size) from an edited one (model Flash = what TinyForge writes): every edit a user can
// make in the studio or the CLI changes it, and nothing else does.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/graph/graph_fingerprint.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

// A small imported-looking graph: input -> conv (with constants and quantization) -> fc.
Graph importedLooking() {
  Graph g;
  g.name = "model";
  g.description = "MLIR Converted.";
  Node input;
  input.name = "input";
  input.kind = NodeKind::Input;
  input.shape = {1, 8, 8, 2};
  input.output_quant = {{0.5f}, {-1}, 0, {}, {}};
  Node conv;
  conv.name = "conv";
  conv.kind = NodeKind::Conv2D;
  conv.inputs = {"input"};
  conv.out_channels = 4;
  conv.kernel_h = conv.kernel_w = 3;
  conv.activation = Activation::Relu;
  ConstTensor filter;
  filter.role = "filter";
  filter.name = "conv/filter";
  filter.shape = {4, 3, 3, 2};
  filter.data.assign(72, 1);
  filter.quant = {{0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 0, {}, {}};
  filter.tensor_index = 1;
  conv.constants.push_back(filter);
  conv.output_quant = {{0.25f}, {-128}, 0, {-32.0f}, {31.75f}};
  conv.output_name = "conv_out";
  conv.output_tensor_index = 2;
  Node fc;
  fc.name = "fc";
  fc.kind = NodeKind::FullyConnected;
  fc.inputs = {"conv"};
  fc.out_channels = 3;
  g.nodes = {input, conv, fc};
  g.outputs = {"fc"};
  return g;
}

TEST(GraphFingerprint, AnImportStaysUnmodifiedUntilEdited) {
  Graph g = importedLooking();
  EXPECT_FALSE(isUnmodifiedImport(g));  // never imported
  markImportedFrom(g, 1234);
  EXPECT_TRUE(isUnmodifiedImport(g));
  const Graph before = g;
  g.nodes[1].stride_h = 2;
  EXPECT_FALSE(isUnmodifiedImport(g));
  g = before;  // undo
  EXPECT_TRUE(isUnmodifiedImport(g));
}

TEST(GraphFingerprint, EveryEditChangesIt) {
  const Graph base = importedLooking();
  const uint64_t original = graphFingerprint(base);
  const std::vector<std::pair<std::string, std::function<void(Graph&)>>> edits = {
      {"rename a node", [](Graph& g) { g.nodes[1].name = "conv2"; }},
      {"kind", [](Graph& g) { g.nodes[1].kind = NodeKind::DepthwiseConv2D; }},
      {"input edge", [](Graph& g) { g.nodes[2].inputs = {"input"}; }},
      {"input shape", [](Graph& g) { g.nodes[0].shape = {1, 8, 8, 3}; }},
      {"channels", [](Graph& g) { g.nodes[1].out_channels = 5; }},
      {"kernel", [](Graph& g) { g.nodes[1].kernel_w = 1; }},
      {"stride", [](Graph& g) { g.nodes[1].stride_w = 2; }},
      {"dilation", [](Graph& g) { g.nodes[1].dilation_h = 2; }},
      {"depth multiplier", [](Graph& g) { g.nodes[1].depth_multiplier = 2; }},
      {"expansion", [](Graph& g) { g.nodes[1].expansion = 4; }},
      {"padding", [](Graph& g) { g.nodes[1].padding = Padding::Valid; }},
      {"pads", [](Graph& g) { g.nodes[1].pads = {1, 1, 1, 1}; }},
      {"axis", [](Graph& g) { g.nodes[1].axis = 1; }},
      {"keep dims", [](Graph& g) { g.nodes[1].keep_dims = false; }},
      {"beta", [](Graph& g) { g.nodes[1].beta = 0.5f; }},
      {"activation", [](Graph& g) { g.nodes[1].activation = Activation::Relu6; }},
      {"activation type", [](Graph& g) { g.nodes[1].activation_type = DataType::Int16; }},
      {"weight type", [](Graph& g) { g.nodes[1].weight_type = DataType::Int4; }},
      {"constant role", [](Graph& g) { g.nodes[1].constants[0].role = "bias"; }},
      {"constant name", [](Graph& g) { g.nodes[1].constants[0].name = "w"; }},
      {"constant type", [](Graph& g) { g.nodes[1].constants[0].type = DataType::Int4; }},
      {"constant shape", [](Graph& g) { g.nodes[1].constants[0].shape = {4, 3, 3, 1}; }},
      {"constant size", [](Graph& g) { g.nodes[1].constants[0].data.pop_back(); }},
      {"constant scales", [](Graph& g) { g.nodes[1].constants[0].quant.scale.push_back(0.5f); }},
      {"constant index", [](Graph& g) { g.nodes[1].constants[0].tensor_index = 7; }},
      {"a constant removed", [](Graph& g) { g.nodes[1].constants.clear(); }},
      {"zero points", [](Graph& g) { g.nodes[1].output_quant.zero_point.push_back(0); }},
      {"quantized dimension", [](Graph& g) { g.nodes[1].constants[0].quant.quantized_dimension = 3; }},
      {"min added", [](Graph& g) { g.nodes[0].output_quant.min = {-30.0f}; }},
      {"max dropped", [](Graph& g) { g.nodes[1].output_quant.max.clear(); }},
      {"output name", [](Graph& g) { g.nodes[1].output_name = "x"; }},
      {"output tensor index", [](Graph& g) { g.nodes[1].output_tensor_index = 5; }},
      {"search widths", [](Graph& g) { g.nodes[1].search.widths = {2, 4}; }},
      {"skippable", [](Graph& g) { g.nodes[1].search.skippable = true; }},
      {"block", [](Graph& g) { g.nodes[1].block = "b"; }},
      {"a node added", [](Graph& g) { g.nodes.push_back(g.nodes[2]), g.nodes.back().name = "fc2"; }},
      {"a node removed", [](Graph& g) { g.nodes.pop_back(); }},
      {"graph outputs", [](Graph& g) { g.outputs = {"conv"}; }},
      {"description", [](Graph& g) { g.description = "edited"; }},
  };
  for (const auto& [what, edit] : edits) {
    Graph edited = base;
    edit(edited);
    EXPECT_NE(graphFingerprint(edited), original) << what;
  }
}

// What the file's size cannot depend on leaves the fingerprint alone: the graph's name (not
// in the file), the order of the nodes (shape inference reorders them), and the values in
// numeric arrays (a flatbuffer's size depends on their lengths only).
TEST(GraphFingerprint, NameOrderAndArrayValuesDoNotChangeIt) {
  const Graph base = importedLooking();
  Graph g = base;
  g.name = "renamed";
  std::reverse(g.nodes.begin(), g.nodes.end());
  Node& conv = g.nodes[1];
  ASSERT_EQ(conv.name, "conv");
  std::fill(conv.constants[0].data.begin(), conv.constants[0].data.end(), 0x7f);
  conv.constants[0].quant.scale[3] = 0.5f;
  conv.output_quant.zero_point = {0};
  conv.output_quant.min = {-30.0f};
  EXPECT_EQ(graphFingerprint(g), graphFingerprint(base));
}

TEST(GraphFingerprint, ShapeInferenceKeepsAnUnmodifiedImport) {
  Graph g = importedLooking();
  markImportedFrom(g, 999);
  std::reverse(g.nodes.begin(), g.nodes.end());  // any order in the graph; execution order after
  const ShapedGraph shaped = inferShapes(g);
  EXPECT_EQ(shaped.expanded.imported_file, g.imported_file);
  EXPECT_TRUE(isUnmodifiedImport(shaped.expanded));
}

TEST(GraphFingerprint, SurvivesSavingAsJson) {
  Graph g = importedLooking();
  markImportedFrom(g, 4242);
  const Graph again = graphFromJsonText(graphToJsonText(g), "saved.json");
  EXPECT_EQ(again, g);
  EXPECT_TRUE(isUnmodifiedImport(again));
}

}  // namespace
}  // namespace tinyforge
