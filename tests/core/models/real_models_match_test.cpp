// The bundled MicroNet-KWS-M, MicroNet-AD-S and DS-CNN-S graphs mirror ML-zoo's real .tflite
// files (in the shared folder) layer by layer: the hand-written JSON and the imported file give
// the same operators in the same order with the same geometry, channels and output shapes, so
// estimates of the bundled graphs are estimates of the deployed models.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

#ifdef TINYFORGE_HAVE_TFLITE_IMPORTER
#include "core/tflite/tflite_reader.h"
#endif

namespace tinyforge {
namespace {

std::string modelPath(const std::string& file) { return std::string(TINYFORGE_RESOURCES_DIR) + "/models/" + file; }
std::string sharedModel(const std::string& file) { return std::string(TINYFORGE_SHARED_DIR) + "/models/" + file; }

std::string shapeText(const std::vector<int32_t>& shape) {
  std::ostringstream out;
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? "x" : "") << shape[i];
  return out.str();
}

// One operator as the runtime sees it; Input nodes are not operators.
std::vector<std::string> operatorList(const ShapedGraph& graph) {
  std::vector<std::string> list;
  for (size_t i = 0; i < graph.expanded.nodes.size(); ++i) {
    const Node& node = graph.expanded.nodes[i];
    if (node.kind == NodeKind::Input) continue;
    std::ostringstream row;
    row << toString(node.kind);
    const bool has_window = node.kind == NodeKind::Conv2D || node.kind == NodeKind::DepthwiseConv2D ||
                            node.kind == NodeKind::AveragePool2D || node.kind == NodeKind::MaxPool2D;
    if (has_window) {
      row << " kernel " << node.kernel_h << "x" << node.kernel_w << " stride " << node.stride_h << "x" << node.stride_w
          << " padding " << toString(node.padding);
    }
    if (node.kind == NodeKind::DepthwiseConv2D) row << " multiplier " << node.depth_multiplier;
    if (has_window || node.kind == NodeKind::FullyConnected) row << " activation " << toString(node.activation);
    row << " in " << shapeText(graph.layers[i].input_shapes.at(0)) << " out " << shapeText(graph.layers[i].output_shape);
    list.push_back(row.str());
  }
  return list;
}

#ifdef TINYFORGE_HAVE_TFLITE_IMPORTER
void expectSameOperators(const std::string& json_file, const std::string& tflite_file) {
  SCOPED_TRACE(json_file + " vs " + tflite_file);
  const ShapedGraph bundled = inferShapes(loadGraphJson(modelPath(json_file)));
  const ShapedGraph real = inferShapes(importTflite(sharedModel(tflite_file)));
  const auto ours = operatorList(bundled);
  const auto theirs = operatorList(real);
  ASSERT_EQ(ours.size(), theirs.size());
  for (size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(ours[i], theirs[i]) << "operator " << i;
  // Same arithmetic and the same weights, layer for layer.
  const LayerCost ours_total = totalCost(layerCosts(bundled));
  const LayerCost theirs_total = totalCost(layerCosts(real));
  EXPECT_EQ(ours_total.macs, theirs_total.macs);
  EXPECT_EQ(ours_total.weight_params, theirs_total.weight_params);
  EXPECT_EQ(ours_total.bias_params, theirs_total.bias_params);
}
#endif

TEST(RealModelsMatch, MicroNetKwsMediumMirrorsMlZooFile) {
#ifdef TINYFORGE_HAVE_TFLITE_IMPORTER
  expectSameOperators("micronet_kws_m.json", "kws_micronet_m.tflite");
#else
  GTEST_SKIP() << "built without the .tflite importer (tinyforge_tflite)";
#endif
}

TEST(RealModelsMatch, MicroNetAdSmallMirrorsMlZooFile) {
#ifdef TINYFORGE_HAVE_TFLITE_IMPORTER
  expectSameOperators("micronet_ad_s.json", "ad_small_int8.tflite");
#else
  GTEST_SKIP() << "built without the .tflite importer (tinyforge_tflite)";
#endif
}

TEST(RealModelsMatch, DsCnnSmallMirrorsMlZooFile) {
#ifdef TINYFORGE_HAVE_TFLITE_IMPORTER
  expectSameOperators("ds_cnn_s.json", "ds_cnn_s_quantized.tflite");
#else
  GTEST_SKIP() << "built without the .tflite importer (tinyforge_tflite)";
#endif
}

// The operator histograms that TFLM reports for the real files (shared/models/README.md),
// checked on the bundled graphs without the importer.
std::string histogram(const std::string& json_file) {
  const ShapedGraph graph = inferShapes(loadGraphJson(modelPath(json_file)));
  std::map<std::string, int> counts;
  for (const Node& node : graph.expanded.nodes)
    if (node.kind != NodeKind::Input) ++counts[toString(node.kind)];
  std::ostringstream out;
  for (const auto& [kind, count] : counts) out << kind << "=" << count << " ";
  return out.str();
}

TEST(RealModelsMatch, OperatorHistogramsAsTflmReportsThem) {
  EXPECT_EQ(histogram("micronet_kws_m.json"), "AveragePool2D=1 Conv2D=7 DepthwiseConv2D=5 Reshape=1 ");
  EXPECT_EQ(histogram("micronet_ad_s.json"), "AveragePool2D=1 Conv2D=6 DepthwiseConv2D=4 Reshape=1 ");
  EXPECT_EQ(histogram("ds_cnn_s.json"),
            "AveragePool2D=1 Conv2D=5 DepthwiseConv2D=4 FullyConnected=1 Reshape=2 Softmax=1 ");
}

}  // namespace
}  // namespace tinyforge
