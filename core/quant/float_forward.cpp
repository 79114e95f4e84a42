#include "core/quant/float_forward.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/quant/float_constant.h"
#include "core/quant/float_ops.h"

namespace tinyforge {
namespace {

floatops::Shape4 shape4(const Node& node, const std::vector<int32_t>& dims) {
  if (dims.size() != 4) throw GraphError(node.name, "expects a 4-D NHWC tensor");
  return {dims[0], dims[1], dims[2], dims[3]};
}

floatops::Window windowOf(const Node& node) {
  return {node.kernel_h, node.kernel_w, node.stride_h, node.stride_w, node.dilation_h, node.dilation_w, node.padding};
}

std::vector<int32_t> int32Values(const ConstTensor& constant, const Node& node) {
  if (constant.type != DataType::Int32 || constant.data.size() % 4 != 0)
    throw GraphError(node.name, "constant '" + constant.role + "' must hold int32 values");
  std::vector<int32_t> values(constant.data.size() / 4);
  if (!values.empty()) std::memcpy(values.data(), constant.data.data(), constant.data.size());
  return values;
}

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

FloatLayerWeights decodeWeights(const Node& node, const ShapedLayer& layer) {
  FloatLayerWeights weights;
  const ConstTensor* filter = findConstant(node, "filter");
  if (!filter) throw GraphError(node.name, "has no \"filter\" constant (missing float weights)");
  weights.filter_shape = filter->shape;
  weights.filter = floatValues(*filter, node.name);
  const auto& in = layer.input_shapes[0];
  const auto& out = layer.output_shape;
  const auto& f = filter->shape;
  std::vector<int32_t> expected;
  switch (node.kind) {
    case NodeKind::Conv2D: {
      const bool ok = f.size() == 4 && f[3] > 0 && in[3] % f[3] == 0;
      expected = {out[3], node.kernel_h, node.kernel_w, ok ? f[3] : in[3]};
      break;
    }
    case NodeKind::DepthwiseConv2D: expected = {1, node.kernel_h, node.kernel_w, out[3]}; break;
    default: {
      const int32_t rows = out.front();
      expected = {out.back(), static_cast<int32_t>(elementsOf(in) / std::max(rows, 1))};
      break;
    }
  }
  if (f != expected)
    throw GraphError(node.name, "filter shape " + shapeText(f) + " does not match the layer, which needs " +
                                    shapeText(expected));
  if (const ConstTensor* bias = findConstant(node, "bias")) {
    weights.bias = floatValues(*bias, node.name);
    const int32_t channels = expected[node.kind == NodeKind::DepthwiseConv2D ? 3 : 0];
    if (bias->shape != std::vector<int32_t>{channels})
      throw GraphError(node.name, "bias shape " + shapeText(bias->shape) + " does not match " +
                                      std::to_string(channels) + " output channels");
  }
  return weights;
}

}  // namespace

FloatModel::FloatModel(const Graph& graph) : graph_(inferShapes(graph)) {
  weights_.resize(graph_.layers.size());
  for (size_t i = 0; i < graph_.layers.size(); ++i) {
    const Node& node = graph_.node(static_cast<int>(i));
    switch (node.kind) {
      case NodeKind::Input: input_layers_.push_back(static_cast<int>(i)); break;
      case NodeKind::Conv2D:
      case NodeKind::DepthwiseConv2D:
      case NodeKind::FullyConnected: weights_[i] = decodeWeights(node, graph_.layers[i]); break;
      default: break;
    }
  }
}

std::vector<std::vector<float>> FloatModel::runAll(const FloatSample& inputs) const {
  if (inputs.size() != input_layers_.size())
    throw GraphError("", "the float model has " + std::to_string(input_layers_.size()) + " inputs, the sample " +
                             std::to_string(inputs.size()));
  std::vector<std::vector<float>> values(graph_.layers.size());
  size_t next_input = 0;
  for (size_t i = 0; i < graph_.layers.size(); ++i) {
    const Node& node = graph_.node(static_cast<int>(i));
    const ShapedLayer& layer = graph_.layers[i];
    auto& out = values[i];
    out.assign(static_cast<size_t>(elementsOf(layer.output_shape)), 0.0f);
    auto in = [&](size_t k) -> const std::vector<float>& { return values[static_cast<size_t>(layer.inputs[k])]; };
    try {
      switch (node.kind) {
        case NodeKind::Input: {
          const auto& given = inputs[next_input++];
          if (given.size() != out.size())
            throw GraphError(node.name, "input holds " + std::to_string(given.size()) + " values, its shape " +
                                            shapeText(layer.output_shape) + " needs " + std::to_string(out.size()));
          out = given;
          break;
        }
        case NodeKind::Conv2D: {
          const auto& w = weights_[i];
          const auto& f = w.filter_shape;
          floatops::conv2d(windowOf(node), shape4(node, layer.input_shapes[0]), in(0), {f[0], f[1], f[2], f[3]},
                           w.filter, w.bias, shape4(node, layer.output_shape), out);
          break;
        }
        case NodeKind::DepthwiseConv2D: {
          const auto& w = weights_[i];
          floatops::depthwiseConv2d(windowOf(node), node.depth_multiplier, shape4(node, layer.input_shapes[0]), in(0),
                                    w.filter, w.bias, shape4(node, layer.output_shape), out);
          break;
        }
        case NodeKind::FullyConnected: {
          const auto& w = weights_[i];
          floatops::fullyConnected(w.filter_shape[1], w.filter_shape[0], in(0), w.filter, w.bias, out);
          break;
        }
        case NodeKind::AveragePool2D:
          floatops::averagePool2d(windowOf(node), shape4(node, layer.input_shapes[0]), in(0),
                                  shape4(node, layer.output_shape), out);
          break;
        case NodeKind::MaxPool2D:
          floatops::maxPool2d(windowOf(node), shape4(node, layer.input_shapes[0]), in(0),
                              shape4(node, layer.output_shape), out);
          break;
        case NodeKind::Mean: {
          std::vector<int32_t> axes{1, 2};
          if (const ConstTensor* axis = findConstant(node, "axis"); axis && !axis->data.empty())
            axes = int32Values(*axis, node);
          floatops::mean(layer.input_shapes[0], in(0), axes, out);
          break;
        }
        case NodeKind::Add:
          floatops::add(layer.input_shapes[0], in(0), layer.input_shapes[1], in(1), layer.output_shape, out);
          break;
        case NodeKind::Concatenation: {
          std::vector<std::span<const float>> parts;
          for (size_t k = 0; k < layer.inputs.size(); ++k) parts.emplace_back(in(k));
          floatops::concatenation(node.axis, layer.input_shapes, parts, out);
          break;
        }
        case NodeKind::Pad: {
          std::vector<std::pair<int32_t, int32_t>> paddings;
          if (node.pads.size() == 4) {
            paddings = {{0, 0}, {node.pads[0], node.pads[1]}, {node.pads[2], node.pads[3]}, {0, 0}};
          } else if (const ConstTensor* p = findConstant(node, "paddings")) {
            const auto v = int32Values(*p, node);
            for (size_t d = 0; d + 1 < v.size(); d += 2) paddings.emplace_back(v[d], v[d + 1]);
          }
          floatops::pad(layer.input_shapes[0], in(0), paddings, out);
          break;
        }
        case NodeKind::Reshape:
        case NodeKind::Quantize:    // identities in the float domain
        case NodeKind::Dequantize:
          out = in(0);
          break;
        case NodeKind::Softmax:
          floatops::softmax(node.beta, layer.output_shape.back(), in(0), out);
          break;
        default: throw GraphError(node.name, std::string("cannot run a ") + toString(node.kind) + " layer");
      }
    } catch (const std::invalid_argument& e) {
      throw GraphError(node.name, e.what());
    } catch (const kernels::KernelError& e) {
      throw GraphError(node.name, e.what());
    }
    switch (node.kind) {
      case NodeKind::Conv2D:
      case NodeKind::DepthwiseConv2D:
      case NodeKind::FullyConnected:
      case NodeKind::AveragePool2D:
      case NodeKind::MaxPool2D:
      case NodeKind::Add:
      case NodeKind::Concatenation: floatops::applyActivation(node.activation, out); break;
      default: break;  // TFLite fuses activations into these kinds only
    }
  }
  return values;
}

std::vector<std::vector<float>> FloatModel::run(const FloatSample& inputs) const {
  auto all = runAll(inputs);
  std::vector<std::vector<float>> outputs;
  for (int layer : graph_.outputs) outputs.push_back(all[static_cast<size_t>(layer)]);
  return outputs;
}

std::vector<float> FloatModel::run(std::span<const float> input) const {
  auto outputs = run(FloatSample{std::vector<float>(input.begin(), input.end())});
  if (outputs.empty()) throw GraphError("", "the float model has no output");
  return std::move(outputs.front());
}

int argmax(std::span<const float> values) {
  return values.empty() ? -1 : static_cast<int>(std::max_element(values.begin(), values.end()) - values.begin());
}

}  // namespace tinyforge
