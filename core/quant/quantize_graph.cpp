#include "core/quant/quantize_graph.h"

#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "core/kernels/int4.h"
#include "core/quant/float_constant.h"
#include "core/quant/quant_params.h"
#include "core/quant/weight_quantization.h"

namespace tinyforge {
namespace {

// Layers whose output must carry their input's quantization (TFLM does not requantize).
bool sharesInputQuantization(NodeKind kind) {
  switch (kind) {
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
    case NodeKind::Reshape:
    case NodeKind::Pad:
    case NodeKind::Concatenation: return true;
    default: return false;
  }
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(int a, int b) { parent[find(a)] = find(b); }
};

template <typename T>
std::vector<uint8_t> bytesOfValues(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

}  // namespace

Graph quantizeModel(const FloatModel& model, const ActivationRanges& ranges, const QuantizeOptions& options) {
  const ShapedGraph& shaped = model.graph();
  const size_t layers = shaped.layers.size();
  if (ranges.ranges.size() != layers)
    throw GraphError("", "the calibration ranges cover " + std::to_string(ranges.ranges.size()) +
                             " layers, the model has " + std::to_string(layers));

  // Activation quantization, one per group of layers that must share it.
  UnionFind groups(layers);
  for (size_t l = 0; l < layers; ++l) {
    const Node& node = shaped.node(static_cast<int>(l));
    if (node.kind == NodeKind::Quantize || node.kind == NodeKind::Dequantize)
      throw GraphError(node.name, std::string("is a ") + toString(node.kind) +
                                      " layer; a float model for quantization has none (the quantizer adds the "
                                      "int8 boundary itself)");
    if (sharesInputQuantization(node.kind))
      for (int producer : shaped.layers[l].inputs) groups.unite(static_cast<int>(l), producer);
  }
  std::vector<FloatRange> group_range(layers, FloatRange{});
  std::vector<bool> group_seen(layers, false);
  std::vector<const Node*> group_softmax(layers, nullptr);
  for (size_t l = 0; l < layers; ++l) {
    const int g = groups.find(static_cast<int>(l));
    const FloatRange r = ranges.ranges[l];
    if (!std::isfinite(r.min) || !std::isfinite(r.max) || r.min > r.max)
      throw GraphError(shaped.node(static_cast<int>(l)).name, "has an invalid calibrated range");
    FloatRange& acc = group_range[g];
    acc = group_seen[g] ? FloatRange{std::min(acc.min, r.min), std::max(acc.max, r.max)} : r;
    group_seen[g] = true;
    if (shaped.node(static_cast<int>(l)).kind == NodeKind::Softmax) group_softmax[g] = &shaped.node(static_cast<int>(l));
  }
  std::vector<kernels::TensorQuantization> activation(layers);
  for (size_t l = 0; l < layers; ++l) {
    const int g = groups.find(static_cast<int>(l));
    activation[l] = group_softmax[g] ? kSoftmaxOutputQuantization : asymmetricInt8(group_range[g]);
  }

  Graph out = shaped.expanded;
  for (size_t l = 0; l < layers; ++l) {
    Node& node = out.nodes[l];
    node.activation_type = DataType::Int8;
    node.output_quant = perTensor(activation[l]);
    const bool weighted = node.kind == NodeKind::Conv2D || node.kind == NodeKind::DepthwiseConv2D ||
                          node.kind == NodeKind::FullyConnected;
    if (!weighted) {
      for (const ConstTensor& constant : node.constants)
        if (constant.type == DataType::Float32)
          throw GraphError(node.name, "constant '" + constant.role + "' is float32; only the filters and biases of "
                                      "Conv2D, DepthwiseConv2D and FullyConnected layers are quantized");
      continue;
    }

    const DataType weight_type = options.weight_type.value_or(node.weight_type);
    if (weight_type != DataType::Int8 && weight_type != DataType::Int4)
      throw GraphError(node.name, std::string("weights can be quantized to int8 or int4, not ") + toString(weight_type));
    const FloatLayerWeights& w = model.weights(static_cast<int>(l));
    const ShapedLayer& layer = shaped.layers[l];
    const int channels = layer.output_shape.back();
    int channel_dim = 0;
    if (node.kind == NodeKind::DepthwiseConv2D) channel_dim = 3;
    if (node.kind == NodeKind::FullyConnected && !options.fully_connected_per_channel) channel_dim = -1;
    const float input_scale = activation[static_cast<size_t>(layer.inputs.at(0))].scale;
    QuantizedLayerWeights q;
    try {
      q = quantizeLayerWeights(w.filter, w.filter_shape, channel_dim, weight_type == DataType::Int4 ? 7 : 127, w.bias,
                               channels, input_scale);
    } catch (const std::invalid_argument& e) {
      throw GraphError(node.name, e.what());
    }

    const ConstTensor* float_filter = findConstant(node, "filter");
    const ConstTensor* float_bias = findConstant(node, "bias");
    ConstTensor filter;
    filter.role = "filter";
    filter.name = float_filter ? float_filter->name : std::string();
    filter.type = weight_type;
    filter.shape = w.filter_shape;
    filter.data = weight_type == DataType::Int4 ? kernels::packInt4(q.filter) : bytesOfValues(q.filter);
    filter.quant.scale = q.filter_scales;
    filter.quant.zero_point.assign(q.filter_scales.size(), 0);
    filter.quant.quantized_dimension = std::max(channel_dim, 0);

    ConstTensor bias;
    bias.role = "bias";
    bias.name = float_bias ? float_bias->name : std::string();
    bias.type = DataType::Int32;
    bias.shape = {channels};
    bias.data = bytesOfValues(q.bias);
    bias.quant.scale = q.bias_scales;
    bias.quant.zero_point.assign(q.bias_scales.size(), 0);
    bias.quant.quantized_dimension = 0;

    node.weight_type = weight_type;
    node.constants = {std::move(filter), std::move(bias)};
  }
  return out;
}

Graph quantize(const Graph& float_graph, std::span<const FloatSample> samples, const QuantizeOptions& options) {
  const FloatModel model(float_graph);
  return quantizeModel(model, calibrate(model, samples, options.calibration), options);
}

}  // namespace tinyforge
