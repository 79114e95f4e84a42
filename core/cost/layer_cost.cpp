#include "core/cost/layer_cost.h"

#include <string>

#include "core/cost/cost_formulas.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

// A flatbuffer QuantizationParameters stores a float scale and an int64 zero point per channel.
constexpr int64_t kQuantBytesPerChannel = 4 + 8;

int64_t activationBytes(const Node& node, const std::vector<int32_t>& shape) {
  return bytesOf(node.activation_type, elementsOf(shape));
}

// 2^50 (10^15) MACs, ops or weights in one layer is far beyond any network, let alone a
// microcontroller's; a damaged file can ask for 2^80, which no 64-bit count holds, and the
// sums over thousands of layers must not overflow either.
constexpr double kMaxLayerCount = static_cast<double>(int64_t{1} << 50);

// A count computed in floating point, refused naming the layer when it is beyond any model.
int64_t counted(const Node& node, double value, const char* what) {
  if (!(value <= kMaxLayerCount))
    throw GraphError(node.name, std::to_string(value) + " " + what + " in one layer: more than any model has (the "
                                "file is damaged, or its shapes are not what was meant)");
  return static_cast<int64_t>(value);
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
      cost.macs = counted(node, cost::convMacs<double>(cin, cout, node.kernel_h, node.kernel_w, out[1], out[2]), "MACs");
      setWeights(counted(node, cost::convParams<double>(cin, cout, node.kernel_h, node.kernel_w), "weights"), cout, cout,
                 cout);
      break;
    }
    case NodeKind::DepthwiseConv2D: {
      const int64_t cout = out[3];
      cost.macs = counted(node, cost::depthwiseMacs<double>(cout, node.kernel_h, node.kernel_w, out[1], out[2]), "MACs");
      setWeights(counted(node, cost::depthwiseParams<double>(cout, node.kernel_h, node.kernel_w), "weights"), cout,
                 cout, cout);
      break;
    }
    case NodeKind::FullyConnected: {
      const int64_t rows = out.front();
      const int64_t units = out.back();
      const int64_t features = elementsOf(layer.input_shapes[0]) / rows;
      cost.macs = counted(node, static_cast<double>(rows) * cost::fullyConnectedMacs<double>(features, units), "MACs");
      setWeights(counted(node, static_cast<double>(features) * static_cast<double>(units), "weights"), units, 1, 1);
      break;
    }
    case NodeKind::AveragePool2D:
      cost.macs = counted(node, cost::poolMacs<double>(out[3], node.kernel_h, node.kernel_w, out[1], out[2]), "MACs");
      break;
    case NodeKind::MaxPool2D:
      cost.other_ops = counted(node,
                               static_cast<double>(node.kernel_h) * node.kernel_w * static_cast<double>(elementsOf(out)),
                               "ops");
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
