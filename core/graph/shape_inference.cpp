#include "core/graph/shape_inference.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/graph/block_templates.h"

namespace tinyforge {
namespace {

std::string shapeText(const std::vector<int32_t>& shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? "x" : "") << shape[i];
  out << ']';
  return out.str();
}

// The message is built only on failure: shape inference runs on every edit and every
// estimate, and formatting messages that are never shown would dominate its cost.
template <typename Message>
void require(bool condition, const Node& node, Message&& message) {
  if (!condition) throw GraphError(node.name, std::string(message()));
}

void requirePositive(int64_t value, const Node& node, const char* what) {
  require(value > 0, node, [&] { return std::string(what) + " must be positive, got " + std::to_string(value); });
}

// Output length of a windowed op along one axis, as TFLite computes it.
int32_t windowedLength(const Node& node, int32_t input, int32_t kernel, int32_t stride, int32_t dilation,
                       const char* axis) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  if (node.padding == Padding::Same) return (input + stride - 1) / stride;
  require(effective <= input, node, [&] { return "kernel " + std::string(axis) + " " + std::to_string(effective) + " is larger than the input " +
              std::string(axis) + " " + std::to_string(input) + " with valid padding"; });
  return (input - effective + stride) / stride;
}

const ConstTensor* constantWithRole(const Node& node, const char* role) {
  for (const auto& c : node.constants)
    if (c.role == role) return &c;
  return nullptr;
}

std::vector<int32_t> int32Data(const ConstTensor& tensor) {
  std::vector<int32_t> values(tensor.data.size() / 4);
  for (size_t i = 0; i < values.size(); ++i) {
    const uint8_t* b = &tensor.data[i * 4];
    values[i] = static_cast<int32_t>(b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24));
  }
  return values;
}

std::vector<int32_t> featureMap(const Node& node, const std::vector<int32_t>& input) {
  require(input.size() == 4, node, [&] { return std::string(toString(node.kind)) + " needs a 4-D input [1,H,W,C], got " + shapeText(input); });
  return input;
}

void checkGeometry(const Node& node) {
  requirePositive(node.kernel_h, node, "kernel height");
  requirePositive(node.kernel_w, node, "kernel width");
  requirePositive(node.stride_h, node, "stride height");
  requirePositive(node.stride_w, node, "stride width");
  requirePositive(node.dilation_h, node, "dilation height");
  requirePositive(node.dilation_w, node, "dilation width");
}

std::vector<int32_t> windowed(const Node& node, const std::vector<int32_t>& in, int32_t channels) {
  checkGeometry(node);
  return {in[0], windowedLength(node, in[1], node.kernel_h, node.stride_h, node.dilation_h, "height"),
          windowedLength(node, in[2], node.kernel_w, node.stride_w, node.dilation_w, "width"), channels};
}

std::vector<int32_t> broadcast(const Node& node, const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  std::vector<int32_t> out(std::max(a.size(), b.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    const int32_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
    const int32_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
    require(da == db || da == 1 || db == 1, node, [&] { return "Add inputs " + shapeText(a) + " and " + shapeText(b) + " have different shapes"; });
    out[i] = std::max(da, db);
  }
  return out;
}

std::vector<int32_t> inferLayer(const Node& node, const std::vector<std::vector<int32_t>>& inputs) {
  auto expectInputs = [&](size_t count) {
    require(inputs.size() == count, node, [&] { return std::string(toString(node.kind)) + " takes " + std::to_string(count) + " input(s), got " +
                std::to_string(inputs.size()); });
  };
  switch (node.kind) {
    case NodeKind::Input: {
      expectInputs(0);
      require(!node.shape.empty(), node, [&] { return "Input needs a shape"; });
      for (int32_t d : node.shape) requirePositive(d, node, "input dimension");
      return node.shape;
    }
    case NodeKind::Conv2D: {
      expectInputs(1);
      const auto in = featureMap(node, inputs[0]);
      requirePositive(node.out_channels, node, "out_channels");
      if (const ConstTensor* filter = constantWithRole(node, "filter"); filter && filter->shape.size() == 4) {
        require(filter->shape[3] == in[3] || in[3] % filter->shape[3] == 0, node, [&] { return "filter expects " + std::to_string(filter->shape[3]) + " input channels, input has " +
                    std::to_string(in[3]); });
      }
      return windowed(node, in, node.out_channels);
    }
    case NodeKind::DepthwiseConv2D: {
      expectInputs(1);
      const auto in = featureMap(node, inputs[0]);
      requirePositive(node.depth_multiplier, node, "depth_multiplier");
      return windowed(node, in, in[3] * node.depth_multiplier);
    }
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: {
      expectInputs(1);
      const auto in = featureMap(node, inputs[0]);
      return windowed(node, in, in[3]);
    }
    case NodeKind::FullyConnected: {
      expectInputs(1);
      requirePositive(node.out_channels, node, "units (out_channels)");
      const int64_t elements = elementsOf(inputs[0]);
      int64_t features = elements;
      if (const ConstTensor* filter = constantWithRole(node, "filter"); filter && filter->shape.size() == 2) {
        features = filter->shape[1];
        require(filter->shape[0] == node.out_channels, node, [&] { return "filter has " + std::to_string(filter->shape[0]) +
                                                                 " units, the layer says " +
                                                                 std::to_string(node.out_channels); });
        require(features > 0 && elements % features == 0, node, [&] { return "input " + shapeText(inputs[0]) + " does not split into rows of " + std::to_string(features); });
      }
      return {static_cast<int32_t>(elements / features), node.out_channels};
    }
    case NodeKind::Mean: {
      expectInputs(1);
      const auto in = featureMap(node, inputs[0]);
      std::vector<int32_t> axes{1, 2};
      if (const ConstTensor* axis = constantWithRole(node, "axis"); axis && !axis->data.empty()) axes = int32Data(*axis);
      std::vector<int32_t> out;
      for (int32_t d = 0; d < 4; ++d) {
        const bool reduced = std::count(axes.begin(), axes.end(), d) + std::count(axes.begin(), axes.end(), d - 4);
        if (!reduced) out.push_back(in[d]);
        else if (node.keep_dims) out.push_back(1);
      }
      return out;
    }
    case NodeKind::Add: {
      expectInputs(2);
      return broadcast(node, inputs[0], inputs[1]);
    }
    case NodeKind::Concatenation: {
      require(!inputs.empty(), node, [&] { return "Concatenation needs at least one input"; });
      auto out = inputs[0];
      const int rank = static_cast<int>(out.size());
      const int axis = node.axis < 0 ? node.axis + rank : node.axis;
      require(axis >= 0 && axis < rank, node, [&] { return "axis " + std::to_string(node.axis) + " is outside rank " +
                                                  std::to_string(rank); });
      for (size_t i = 1; i < inputs.size(); ++i) {
        require(inputs[i].size() == out.size(), node, [&] { return "inputs " + shapeText(inputs[0]) + " and " +
                                                          shapeText(inputs[i]) + " have different ranks"; });
        for (int d = 0; d < rank; ++d) {
          if (d == axis) continue;
          require(inputs[i][d] == out[d], node, [&] { return "inputs " + shapeText(inputs[0]) + " and " + shapeText(inputs[i]) +
                      " differ outside the concatenation axis " + std::to_string(axis); });
        }
        out[axis] += inputs[i][axis];
      }
      return out;
    }
    case NodeKind::Pad: {
      expectInputs(1);
      auto out = inputs[0];
      std::vector<int32_t> pads = node.pads;
      if (const ConstTensor* paddings = constantWithRole(node, "paddings"); pads.empty() && paddings) {
        const auto values = int32Data(*paddings);  // [rank][2] before/after
        require(values.size() == 2 * out.size(), node, [&] { return "paddings do not match the input rank"; });
        for (size_t d = 0; d < out.size(); ++d) {
          require(values[2 * d] >= 0 && values[2 * d + 1] >= 0, node, [&] { return "padding amounts must not be negative"; });
          out[d] += values[2 * d] + values[2 * d + 1];
        }
        return out;
      }
      featureMap(node, out);
      require(pads.size() == 4, node, [&] { return "Pad needs pads {top, bottom, left, right}"; });
      for (int32_t p : pads) require(p >= 0, node, [&] { return "padding amounts must not be negative, got " + std::to_string(p); });
      out[1] += pads[0] + pads[1];
      out[2] += pads[2] + pads[3];
      return out;
    }
    case NodeKind::Reshape: {
      expectInputs(1);
      std::vector<int32_t> target = node.shape;
      if (const ConstTensor* shape = constantWithRole(node, "shape"); target.empty() && shape) target = int32Data(*shape);
      require(!target.empty(), node, [&] { return "Reshape needs a target shape"; });
      const int64_t elements = elementsOf(inputs[0]);
      int64_t known = 1;
      int unknown = -1;
      for (size_t i = 0; i < target.size(); ++i) {
        if (target[i] == -1) {
          require(unknown < 0, node, [&] { return "Reshape target " + shapeText(target) + " has more than one -1"; });
          unknown = static_cast<int>(i);
        } else {
          requirePositive(target[i], node, "Reshape dimension");
          known *= target[i];
        }
      }
      if (unknown >= 0) {
        require(elements % known == 0, node, [&] { return "cannot reshape " + shapeText(inputs[0]) + " to " + shapeText(target); });
        target[unknown] = static_cast<int32_t>(elements / known);
        known = elements;
      }
      require(known == elements, node, [&] { return "cannot reshape " + shapeText(inputs[0]) + " (" + std::to_string(elements) +
                                           " elements) to " + shapeText(target) + " (" + std::to_string(known) +
                                           " elements)"; });
      return target;
    }
    case NodeKind::Softmax:
    case NodeKind::Quantize:
    case NodeKind::Dequantize:
      expectInputs(1);
      return inputs[0];
    case NodeKind::DepthwiseSeparable:
    case NodeKind::InvertedBottleneck:
    case NodeKind::Residual:
      break;
  }
  throw GraphError(node.name, "is a block; blocks are expanded before shape inference");
}

// Kahn's algorithm, stable in the graph's node order; on a cycle, names the nodes on it.
std::vector<int> executionOrder(const Graph& graph, const std::map<std::string, int>& index) {
  const int n = static_cast<int>(graph.nodes.size());
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> consumers(n);
  for (int i = 0; i < n; ++i) {
    for (const auto& input : graph.nodes[i].inputs) {
      consumers[index.at(input)].push_back(i);
      ++pending[i];
    }
  }
  std::set<int> ready;
  for (int i = 0; i < n; ++i)
    if (pending[i] == 0) ready.insert(i);
  std::vector<int> order;
  while (!ready.empty()) {
    const int next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(next);
    for (int c : consumers[next])
      if (--pending[c] == 0) ready.insert(c);
  }
  if (static_cast<int>(order.size()) == n) return order;

  // Walk back along unresolved inputs until a node repeats: that loop is the cycle.
  int start = 0;
  while (pending[start] == 0) ++start;
  std::vector<int> path;
  std::vector<int> seen(n, -1);
  int current = start;
  while (seen[current] < 0) {
    seen[current] = static_cast<int>(path.size());
    path.push_back(current);
    for (const auto& input : graph.nodes[current].inputs) {
      const int producer = index.at(input);
      if (pending[producer] > 0) {
        current = producer;
        break;
      }
    }
  }
  std::string cycle;
  for (size_t i = seen[current]; i < path.size(); ++i) cycle = graph.nodes[path[i]].name + " -> " + cycle;
  cycle += graph.nodes[current].name;
  throw GraphError(graph.nodes[current].name, "is part of a cycle: " + cycle);
}

}  // namespace

int64_t elementsOf(const std::vector<int32_t>& shape) {
  int64_t count = 1;
  for (int32_t d : shape) count *= d;
  return count;
}

ShapedGraph inferShapes(const Graph& graph) {
  std::map<std::string, int> index;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    require(!node.name.empty(), node, [&] { return "node " + std::to_string(i) + " (" + toString(node.kind) + ") has no name"; });
    require(index.emplace(node.name, static_cast<int>(i)).second, node, [&] { return "the name is used by more than one node"; });
  }
  for (const Node& node : graph.nodes) {
    for (const auto& input : node.inputs) {
      require(index.count(input) > 0, node, [&] { return "input '" + input + "' is not a node of the graph"; });
      require(input != node.name, node, [&] { return "is its own input (a cycle)"; });
    }
  }
  if (graph.nodes.empty()) throw GraphError("", "the graph has no nodes");

  ShapedGraph shaped;
  shaped.expanded.name = graph.name;
  shaped.expanded.description = graph.description;
  std::map<std::string, int> layer_of;  // node or block name -> layer producing its output

  auto addLayer = [&](Node layer) {
    ShapedLayer shaped_layer;
    std::vector<std::vector<int32_t>> input_shapes;
    for (const auto& input : layer.inputs) {
      const int producer = layer_of.at(input);
      shaped_layer.inputs.push_back(producer);
      shaped_layer.input_shapes.push_back(shaped.layers[producer].output_shape);
    }
    for (auto& input : layer.inputs) input = shaped.expanded.nodes[layer_of.at(input)].name;
    shaped_layer.output_shape = inferLayer(layer, shaped_layer.input_shapes);
    for (int32_t d : shaped_layer.output_shape)
      require(d > 0, layer, [&] { return "produces an empty tensor " + shapeText(shaped_layer.output_shape); });
    const int id = static_cast<int>(shaped.layers.size());
    require(layer_of.emplace(layer.name, id).second || !layer.block.empty(), layer, [&] { return "the name is used by more than one node"; });
    layer_of[layer.name] = id;
    shaped.layers.push_back(std::move(shaped_layer));
    shaped.expanded.nodes.push_back(std::move(layer));
    return id;
  };

  for (int i : executionOrder(graph, index)) {
    const Node& node = graph.nodes[i];
    if (!isBlock(node.kind)) {
      addLayer(node);
      continue;
    }
    require(node.inputs.size() == 1, node, [&] { return std::string(toString(node.kind)) + " takes 1 input, got " +
                                               std::to_string(node.inputs.size()); });
    const auto& input_shape = shaped.layers[layer_of.at(node.inputs[0])].output_shape;
    require(input_shape.size() == 4, node, [&] { return std::string(toString(node.kind)) + " needs a 4-D input [1,H,W,C], got " + shapeText(input_shape); });
    int last = -1;
    for (Node& layer : expandBlock(node, input_shape[3])) last = addLayer(std::move(layer));
    layer_of[node.name] = last;
  }

  if (graph.outputs.empty()) {
    std::vector<bool> consumed(shaped.layers.size(), false);
    for (const auto& layer : shaped.layers)
      for (int input : layer.inputs) consumed[input] = true;
    for (size_t i = 0; i < consumed.size(); ++i)
      if (!consumed[i] && shaped.expanded.nodes[i].kind != NodeKind::Input) shaped.outputs.push_back(static_cast<int>(i));
  } else {
    for (const auto& output : graph.outputs) {
      auto it = layer_of.find(output);
      if (it == layer_of.end()) throw GraphError(output, "is listed as a graph output but is not a node");
      shaped.outputs.push_back(it->second);
    }
  }
  for (int output : shaped.outputs) shaped.expanded.outputs.push_back(shaped.expanded.nodes[output].name);
  return shaped;
}

}  // namespace tinyforge
