#pragma once
// The float forward pass of a float graph: what calibration observes and what the int8
// model's accuracy is compared with. A float graph is a Graph whose weighted layers
// (Conv2D, DepthwiseConv2D, FullyConnected) carry "filter" and optional "bias" constants
// of DataType::Float32 in TFLite's layouts (see float_constant.h), e.g. what the DNAS
// exports after training. Blocks are expanded by shape inference; their layers need
// their own constants.

#include <span>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {

// One buffer per graph input (the Input layers in execution order), NHWC.
using FloatSample = std::vector<std::vector<float>>;

struct FloatLayerWeights {
  std::vector<int32_t> filter_shape;
  std::vector<float> filter;
  std::vector<float> bias;  // empty: the layer has no bias
};

class FloatModel {
 public:
  // Shape inference, then every weighted layer's float constants decoded and checked
  // against its geometry. Throws GraphError naming the layer (missing or non-float
  // weights, wrong sizes, NaN or infinite values).
  explicit FloatModel(const Graph& graph);

  const ShapedGraph& graph() const { return graph_; }
  const std::vector<int>& inputLayers() const { return input_layers_; }
  // Decoded weights of a Conv2D / DepthwiseConv2D / FullyConnected layer (empty otherwise).
  const FloatLayerWeights& weights(int layer) const { return weights_[static_cast<size_t>(layer)]; }

  // Every layer's output, parallel to graph().layers. Throws GraphError naming the input
  // layer when a buffer's size does not match its shape.
  std::vector<std::vector<float>> runAll(const FloatSample& inputs) const;
  // The graph outputs, in graph().outputs order.
  std::vector<std::vector<float>> run(const FloatSample& inputs) const;
  // One input, first output.
  std::vector<float> run(std::span<const float> input) const;

 private:
  ShapedGraph graph_;
  std::vector<int> input_layers_;
  std::vector<FloatLayerWeights> weights_;
};

// The index of the largest value (first on ties): the predicted class of a classifier.
int argmax(std::span<const float> values);

}  // namespace tinyforge
