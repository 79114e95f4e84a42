#include "core/cost/layer_cost.h"

#include "core/cost/cost_formulas.h"

namespace tinyforge {
namespace {

// A flatbuffer QuantizationParameters stores a float scale and an int64 zero point per channel.
constexpr int64_t kQuantBytesPerChannel = 4 + 8;

int64_t activationBytes(const Node& node, const std::vector<int32_t>& shape) {
  return bytesOf(node.activation_type, elementsOf(shape));
}

}  // namespace

LayerCost& LayerCost::operator+=(const LayerCost& other) {
  macs += other.macs;
  other_ops += other.other_ops;
  weight_params += other.weight_params;
  bias_params += other.bias_params;
  weight_bytes += other.weight_bytes;
  bias_bytes += other.bias_bytes;
  quant_params_bytes += other.quant_params_bytes;
  input_bytes += other.input_bytes;
  output_bytes += other.output_bytes;
  return *this;
}

LayerCost layerCost(const ShapedGraph& graph, int index) {
  const Node& node = graph.node(index);
  const ShapedLayer& layer = graph.layers[static_cast<size_t>(index)];
  LayerCost cost;
  const auto& out = layer.output_shape;
  for (size_t i = 0; i < layer.inputs.size(); ++i)
    cost.input_bytes += bytesOf(graph.node(layer.inputs[i]).activation_type, elementsOf(layer.input_shapes[i]));
  cost.output_bytes = activationBytes(node, out);
  const int bias_bits = node.activation_type == DataType::Int16 ? 64 : 32;

  auto setWeights = [&](int64_t weights, int64_t biases, int64_t weight_channels, int64_t bias_channels) {
    cost.weight_params = weights;
    cost.bias_params = biases;
    cost.weight_bytes = bytesOf(node.weight_type, weights);
    cost.bias_bytes = biases * bias_bits / 8;
    cost.quant_params_bytes = (weight_channels + bias_channels) * kQuantBytesPerChannel;
  };

  switch (node.kind) {
    case NodeKind::Conv2D: {
      const int64_t cin = layer.input_shapes[0][3];
      const int64_t cout = out[3];
      cost.macs = cost::convMacs<int64_t>(cin, cout, node.kernel_h, node.kernel_w, out[1], out[2]);
      setWeights(cost::convParams<int64_t>(cin, cout, node.kernel_h, node.kernel_w), cout, cout, cout);
      break;
    }
    case NodeKind::DepthwiseConv2D: {
      const int64_t cout = out[3];
      cost.macs = cost::depthwiseMacs<int64_t>(cout, node.kernel_h, node.kernel_w, out[1], out[2]);
      setWeights(cost::depthwiseParams<int64_t>(cout, node.kernel_h, node.kernel_w), cout, cout, cout);
      break;
    }
    case NodeKind::FullyConnected: {
      const int64_t rows = out.front();
      const int64_t units = out.back();
      const int64_t features = elementsOf(layer.input_shapes[0]) / rows;
      cost.macs = rows * cost::fullyConnectedMacs<int64_t>(features, units);
      setWeights(features * units, units, 1, 1);
      break;
    }
    case NodeKind::AveragePool2D:
      cost.macs = cost::poolMacs<int64_t>(out[3], node.kernel_h, node.kernel_w, out[1], out[2]);
      break;
    case NodeKind::MaxPool2D:
      cost.other_ops = static_cast<int64_t>(node.kernel_h) * node.kernel_w * elementsOf(out);
      break;
    case NodeKind::Mean:
      cost.macs = elementsOf(layer.input_shapes[0]);
      break;
    case NodeKind::Add:
      cost.other_ops = elementsOf(out);
      break;
    case NodeKind::Softmax:
      // exp, sum and scale per element
      cost.other_ops = 3 * elementsOf(out);
      break;
    case NodeKind::Input:
    case NodeKind::Concatenation:
    case NodeKind::Pad:
    case NodeKind::Reshape:
    case NodeKind::Quantize:
    case NodeKind::Dequantize:
    case NodeKind::DepthwiseSeparable:
    case NodeKind::InvertedBottleneck:
    case NodeKind::Residual:
      break;
  }
  return cost;
}

std::vector<LayerCost> layerCosts(const ShapedGraph& graph) {
  std::vector<LayerCost> costs;
  costs.reserve(graph.layers.size());
  for (size_t i = 0; i < graph.layers.size(); ++i) costs.push_back(layerCost(graph, static_cast<int>(i)));
  return costs;
}

LayerCost totalCost(const std::vector<LayerCost>& costs) {
  LayerCost total;
  for (const auto& cost : costs) total += cost;
  return total;
}

}  // namespace tinyforge
