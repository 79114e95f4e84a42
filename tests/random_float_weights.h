#pragma once
// A graph drawn by hand (resources/models) made runnable for tests: every weighted layer of
// the expanded graph gets He-initialised float weights in TFLite's layouts (the shapes
// lower() gives its filter and bias), every layer float activations; quantize() with random
// calibration samples then gives an int8 model the interpreter and the generated C run.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/quant/calibration.h"
#include "core/quant/float_constant.h"
#include "core/quant/quantize_graph.h"

namespace tinyforge::testing {

// xorshift32 + Box-Muller: the same numbers on every platform (std distributions are not).
class WeightRng {
 public:
  explicit WeightRng(uint32_t seed) : state_(seed ? seed : 1u) {}
  float uniform() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return static_cast<float>(state_ >> 8) / 16777216.0f;
  }
  float normal() {
    const float u1 = std::max(uniform(), 1e-7f);
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * uniform());
  }

 private:
  uint32_t state_;
};

inline Graph withRandomFloatWeights(const Graph& drawn, uint32_t seed) {
  const ShapedGraph shaped = inferShapes(drawn);
  const TensorModel model = lower(shaped);
  Graph graph = shaped.expanded;
  WeightRng rng(seed);
  for (Node& node : graph.nodes) node.activation_type = DataType::Float32;
  for (const OperatorInfo& op : model.operators) {
    if (op.kind != NodeKind::Conv2D && op.kind != NodeKind::DepthwiseConv2D && op.kind != NodeKind::FullyConnected)
      continue;
    Node& node = graph.nodes[static_cast<size_t>(op.layer)];
    const std::vector<int32_t>& filter_shape = model.tensors[static_cast<size_t>(op.inputs.at(1))].shape;
    int64_t elements = 1;
    for (int32_t d : filter_shape) elements *= d;
    const int64_t fan_in = op.kind == NodeKind::DepthwiseConv2D ? filter_shape[1] * filter_shape[2] : elements / filter_shape[0];
    std::vector<float> weights(static_cast<size_t>(elements));
    for (float& w : weights) w = rng.normal() * std::sqrt(2.0f / static_cast<float>(fan_in));
    const int32_t channels = op.kind == NodeKind::DepthwiseConv2D ? filter_shape.back() : filter_shape.front();
    std::vector<float> bias(static_cast<size_t>(channels));
    for (float& b : bias) b = 0.1f * rng.normal();
    node.constants = {floatConstant("filter", filter_shape, weights), floatConstant("bias", {channels}, bias)};
  }
  return graph;
}

inline std::vector<FloatSample> randomFloatSamples(const ShapedGraph& shaped, int count, uint32_t seed) {
  const TensorModel model = lower(shaped);
  WeightRng rng(seed);
  std::vector<FloatSample> samples;
  for (int i = 0; i < count; ++i) {
    FloatSample sample;
    for (int t : model.inputs) {
      int64_t n = 1;
      for (int32_t d : model.tensors[static_cast<size_t>(t)].shape) n *= d;
      std::vector<float> values(static_cast<size_t>(n));
      for (float& v : values) v = rng.normal();
      sample.push_back(std::move(values));
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

// The drawn graph as an int8 model with random weights, calibrated on random inputs.
inline Graph randomInt8Model(const Graph& drawn, uint32_t seed) {
  const Graph float_graph = withRandomFloatWeights(drawn, seed);
  const ShapedGraph shaped = inferShapes(float_graph);
  Graph quantized = quantize(float_graph, randomFloatSamples(shaped, 8, seed + 1));
  quantized.name = drawn.name;
  return quantized;
}

}  // namespace tinyforge::testing
