#include "core/graph/shape_inference.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <limits>
#include <sstream>
#include <string_view>

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
[[noreturn, gnu::noinline, gnu::cold]] void failWith(const Node& node, Message&& message) {
  throw GraphError(node.name, std::string(message()));
}

template <typename Message>
inline void require(bool condition, const Node& node, Message&& message) {
  if (!condition) [[unlikely]] failWith(node, message);
}

[[noreturn]] void notPositive(int64_t value, const Node& node, const char* what) {
  throw GraphError(node.name, std::string(what) + " must be positive, got " + std::to_string(value));
}

inline void requirePositive(int64_t value, const Node& node, const char* what) {
  if (value <= 0) [[unlikely]] notPositive(value, node, what);
}

// Output length of a windowed op along one axis, as TFLite computes it.
int32_t windowedLength(const Node& node, int32_t input, int32_t kernel, int32_t stride, int32_t dilation,
                       const char* axis) {
  // In 64 bits: a file may hold any int32 stride and dilation, and the sums below must not wrap.
  const int64_t effective = int64_t(kernel - 1) * dilation + 1;
  if (node.padding == Padding::Same) return static_cast<int32_t>((int64_t(input) + stride - 1) / stride);
  require(effective <= input, node, [&] { return "kernel " + std::string(axis) + " " + std::to_string(effective) + " is larger than the input " +
              std::string(axis) + " " + std::to_string(input) + " with valid padding"; });
  return static_cast<int32_t>((int64_t(input) - effective + stride) / stride);
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

const std::vector<int32_t>& featureMap(const Node& node, const std::vector<int32_t>& input) {
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

void windowed(const Node& node, const std::vector<int32_t>& in, int32_t channels, std::vector<int32_t>& out) {
  checkGeometry(node);
  const int32_t height = windowedLength(node, in[1], node.kernel_h, node.stride_h, node.dilation_h, "height");
  const int32_t width = windowedLength(node, in[2], node.kernel_w, node.stride_w, node.dilation_w, "width");
  out.assign({in[0], height, width, channels});
}

void broadcast(const Node& node, const std::vector<int32_t>& a, const std::vector<int32_t>& b,
               std::vector<int32_t>& out) {
  out.assign(std::max(a.size(), b.size()), 0);
  for (size_t i = 0; i < out.size(); ++i) {
    const int32_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
    const int32_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
    require(da == db || da == 1 || db == 1, node, [&] { return "Add inputs " + shapeText(a) + " and " + shapeText(b) + " have different shapes"; });
    out[i] = std::max(da, db);
  }
}

// Writes the layer's output shape into `out` (the caller's vector, so its storage is reused).
void inferLayer(const Node& node, const std::vector<std::vector<int32_t>>& inputs, std::vector<int32_t>& out) {
  auto expectInputs = [&](size_t count) {
    require(inputs.size() == count, node, [&] { return std::string(toString(node.kind)) + " takes " + std::to_string(count) + " input(s), got " +
                std::to_string(inputs.size()); });
  };
  switch (node.kind) {
    case NodeKind::Input: {
      expectInputs(0);
      require(!node.shape.empty(), node, [&] { return "Input needs a shape"; });
      for (int32_t d : node.shape) requirePositive(d, node, "input dimension");
      out = node.shape;
      return;
    }
    case NodeKind::Conv2D: {
      expectInputs(1);
      const auto& in = featureMap(node, inputs[0]);
      requirePositive(node.out_channels, node, "out_channels");
      if (const ConstTensor* filter = constantWithRole(node, "filter"); filter && filter->shape.size() == 4) {
        require(filter->shape[3] == in[3] || in[3] % filter->shape[3] == 0, node, [&] { return "filter expects " + std::to_string(filter->shape[3]) + " input channels, input has " +
                    std::to_string(in[3]); });
      }
      windowed(node, in, node.out_channels, out);
      return;
    }
    case NodeKind::DepthwiseConv2D: {
      expectInputs(1);
      const auto& in = featureMap(node, inputs[0]);
      requirePositive(node.depth_multiplier, node, "depth_multiplier");
      const int64_t channels = static_cast<int64_t>(in[3]) * node.depth_multiplier;
      require(channels <= INT32_MAX, node, [&] {
        return "input channels x depth_multiplier = " + std::to_string(channels) + " channels is more than a tensor holds";
      });
      windowed(node, in, static_cast<int32_t>(channels), out);
      return;
    }
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: {
      expectInputs(1);
      const auto& in = featureMap(node, inputs[0]);
      windowed(node, in, in[3], out);
      return;
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
      out.assign({static_cast<int32_t>(elements / features), node.out_channels});
      return;
    }
    case NodeKind::Mean: {
      expectInputs(1);
      const auto& in = featureMap(node, inputs[0]);
      static const std::vector<int32_t> kSpatialAxes{1, 2};
      std::vector<int32_t> given;
      const ConstTensor* axis = constantWithRole(node, "axis");
      const bool has_axes = axis && !axis->data.empty();
      if (has_axes) given = int32Data(*axis);
      const std::vector<int32_t>& axes = has_axes ? given : kSpatialAxes;
      out.clear();
      for (int32_t d = 0; d < 4; ++d) {
        const bool reduced = std::count(axes.begin(), axes.end(), d) + std::count(axes.begin(), axes.end(), d - 4);
        if (!reduced) out.push_back(in[d]);
        else if (node.keep_dims) out.push_back(1);
      }
      return;
    }
    case NodeKind::Add: {
      expectInputs(2);
      broadcast(node, inputs[0], inputs[1], out);
      return;
    }
    case NodeKind::Concatenation: {
      require(!inputs.empty(), node, [&] { return "Concatenation needs at least one input"; });
      out = inputs[0];
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
      return;
    }
    case NodeKind::Pad: {
      expectInputs(1);
      out = inputs[0];
      const std::vector<int32_t>& pads = node.pads;
      if (const ConstTensor* paddings = constantWithRole(node, "paddings"); pads.empty() && paddings) {
        const auto values = int32Data(*paddings);  // [rank][2] before/after
        require(values.size() == 2 * out.size(), node, [&] { return "paddings do not match the input rank"; });
        for (size_t d = 0; d < out.size(); ++d) {
          require(values[2 * d] >= 0 && values[2 * d + 1] >= 0, node, [&] { return "padding amounts must not be negative"; });
          out[d] += values[2 * d] + values[2 * d + 1];
        }
        return;
      }
      featureMap(node, out);
      require(pads.size() == 4, node, [&] { return "Pad needs pads {top, bottom, left, right}"; });
      for (int32_t p : pads) require(p >= 0, node, [&] { return "padding amounts must not be negative, got " + std::to_string(p); });
      out[1] += pads[0] + pads[1];
      out[2] += pads[2] + pads[3];
      return;
    }
    case NodeKind::Reshape: {
      expectInputs(1);
      std::vector<int32_t>& target = out;
      target = node.shape;
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
      return;
    }
    case NodeKind::Softmax:
    case NodeKind::Quantize:
    case NodeKind::Dequantize:
      expectInputs(1);
      out = inputs[0];
      return;
    case NodeKind::DepthwiseSeparable:
    case NodeKind::InvertedBottleneck:
    case NodeKind::Residual:
      break;
  }
  throw GraphError(node.name, "is a block; blocks are expanded before shape inference");
}

// Name -> index, with std::map's emplace/find semantics but no allocation once warmed up:
// open addressing over slots live only in the current generation, so reset() is O(1).
// Keys are views: the names must outlive the table's use (one inferShapes call).
class NameTable {
 public:
  void reset(size_t expected_entries) {
    size_t wanted = 16;
    while (wanted < 2 * expected_entries) wanted *= 2;
    if (slots_.size() < wanted) slots_.resize(wanted);
    count_ = 0;
    if (++generation_ == 0) {  // wrapped: forget every slot for real
      for (Slot& slot : slots_) slot.generation = 0;
      generation_ = 1;
    }
  }
  const int* find(std::string_view key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hashOf(key) & mask; slots_[i].generation == generation_; i = (i + 1) & mask)
      if (slots_[i].key == key) return &slots_[i].value;
    return nullptr;
  }
  // Inserts key -> value unless the key is there; returns whether it inserted.
  bool emplace(std::string_view key, int value) { return insert(key, value, false); }
  // Inserts or overwrites; returns whether the key was new.
  bool assign(std::string_view key, int value) { return insert(key, value, true); }

 private:
  struct Slot {
    uint32_t generation = 0;
    int value = 0;
    std::string_view key;
  };
  // Names are short: mix them 8 bytes at a time (multiply-xorshift), cheaper than
  // std::hash's byte loop and good enough for a table at most half full.
  static size_t hashOf(std::string_view key) {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    uint64_t h = key.size() * kMul;
    const char* p = key.data();
    size_t left = key.size();
    for (; left >= 8; left -= 8, p += 8) {
      uint64_t chunk;
      std::memcpy(&chunk, p, 8);
      h = (h ^ chunk) * kMul;
      h ^= h >> 32;
    }
    if (left > 0) {
      uint64_t chunk = 0;
      for (size_t i = 0; i < left; ++i) chunk |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
      h = (h ^ chunk) * kMul;
      h ^= h >> 32;
    }
    return static_cast<size_t>(h);
  }
  bool insert(std::string_view key, int value, bool overwrite) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const size_t mask = slots_.size() - 1;
    size_t i = hashOf(key) & mask;
    for (; slots_[i].generation == generation_; i = (i + 1) & mask) {
      if (slots_[i].key == key) {
        if (overwrite) slots_[i].value = value;
        return false;
      }
    }
    slots_[i].generation = generation_;
    slots_[i].value = value;
    slots_[i].key = key;
    ++count_;
    return true;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot{});
    const uint32_t live = generation_;
    generation_ = 1;
    count_ = 0;
    for (Slot& slot : old)
      if (slot.generation == live) insert(slot.key, slot.value, true);
  }

  std::vector<Slot> slots_;
  size_t count_ = 0;
  uint32_t generation_ = 1;
};

// Working memory of inferShapes, kept per thread so repeated calls (an estimate per edit,
// a search's many candidates) allocate nothing once warmed up.
struct Scratch {
  NameTable index;     // graph node name -> node index
  NameTable layer_of;  // node, block or layer name -> layer producing its output
  std::vector<int> input_begin;  // node i's inputs are input_node[input_begin[i] .. input_begin[i + 1])
  std::vector<int> input_node;
  std::vector<int> pending;
  std::vector<int> consumer_begin;
  std::vector<int> consumer;
  std::vector<int> ready;  // min-heap of node indices
  std::vector<int> order;
  std::vector<char> consumed;
  // expandBlock is a pure function of the block node and its input channels; the k-th
  // block of the last calls is remembered, so an edit re-expands only what changed.
  struct Expansion {
    Node block;
    int32_t in_channels = -1;
    std::vector<Node> layers;
  };
  std::vector<Expansion> expansions;
};

// Kahn's algorithm, stable in the graph's node order; on a cycle, names the nodes on it.
// Writes the order into s.order.
void executionOrder(const Graph& graph, Scratch& s) {
  const int n = static_cast<int>(graph.nodes.size());
  s.pending.assign(static_cast<size_t>(n), 0);
  s.consumer_begin.assign(static_cast<size_t>(n) + 1, 0);
  for (int i = 0; i < n; ++i) {
    for (int k = s.input_begin[i]; k < s.input_begin[i + 1]; ++k) {
      ++s.consumer_begin[static_cast<size_t>(s.input_node[k]) + 1];
      ++s.pending[i];
    }
  }
  for (int i = 0; i < n; ++i) s.consumer_begin[i + 1] += s.consumer_begin[i];
  s.consumer.resize(static_cast<size_t>(s.consumer_begin[n]));
  {
    // Consumers of each node in ascending order, as the inputs are visited.
    std::vector<int>& fill = s.ready;
    fill.assign(s.consumer_begin.begin(), s.consumer_begin.end() - 1);
    for (int i = 0; i < n; ++i)
      for (int k = s.input_begin[i]; k < s.input_begin[i + 1]; ++k) s.consumer[fill[s.input_node[k]]++] = i;
  }
  auto& ready = s.ready;
  ready.clear();
  const auto later = std::greater<int>();
  for (int i = 0; i < n; ++i)
    if (s.pending[i] == 0) ready.push_back(i);  // ascending: already a min-heap
  s.order.clear();
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), later);
    const int next = ready.back();
    ready.pop_back();
    s.order.push_back(next);
    for (int k = s.consumer_begin[next]; k < s.consumer_begin[next + 1]; ++k) {
      const int c = s.consumer[k];
      if (--s.pending[c] == 0) {
        ready.push_back(c);
        std::push_heap(ready.begin(), ready.end(), later);
      }
    }
  }
  if (static_cast<int>(s.order.size()) == n) return;

  // Walk back along unresolved inputs until a node repeats: that loop is the cycle.
  int start = 0;
  while (s.pending[start] == 0) ++start;
  std::vector<int> path;
  std::vector<int> seen(n, -1);
  int current = start;
  while (seen[current] < 0) {
    seen[current] = static_cast<int>(path.size());
    path.push_back(current);
    for (int k = s.input_begin[current]; k < s.input_begin[current + 1]; ++k) {
      const int producer = s.input_node[k];
      if (s.pending[producer] > 0) {
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

// The next layer slot of `out`, reusing an element left from an earlier call.
template <typename T>
T& slot(std::vector<T>& items, size_t index) {
  if (index == items.size()) items.emplace_back();
  return items[index];
}

// Copies `node` into slot `index` of `nodes` unless the slot holds an equal node already
// (the usual case when the same or a slightly edited graph is shaped again into the same
// ShapedGraph): comparing stops at the first difference and costs less than assigning.
void place(std::vector<Node>& nodes, size_t index, const Node& node) {
  Node& target = slot(nodes, index);
  if (!(target == node)) target = node;
}

}  // namespace

int64_t elementsOf(const std::vector<int32_t>& shape) {
  int64_t count = 1;
  for (int32_t d : shape) count *= d;
  return count;
}

ShapedGraph inferShapes(const Graph& graph) {
  ShapedGraph shaped;
  inferShapes(graph, shaped);
  return shaped;
}

void inferShapes(const Graph& graph, ShapedGraph& shaped) {
  thread_local Scratch scratch;
  Scratch& s = scratch;
  const size_t n = graph.nodes.size();
  s.index.reset(n);
  for (size_t i = 0; i < n; ++i) {
    const Node& node = graph.nodes[i];
    require(!node.name.empty(), node, [&] { return "node " + std::to_string(i) + " (" + toString(node.kind) + ") has no name"; });
    require(s.index.emplace(node.name, static_cast<int>(i)), node, [&] { return "the name is used by more than one node"; });
  }
  s.input_begin.resize(n + 1);
  s.input_node.clear();
  for (size_t i = 0; i < n; ++i) {
    const Node& node = graph.nodes[i];
    s.input_begin[i] = static_cast<int>(s.input_node.size());
    for (const auto& input : node.inputs) {
      const int* producer = s.index.find(input);
      require(producer != nullptr, node, [&] { return "input '" + input + "' is not a node of the graph"; });
      require(input != node.name, node, [&] { return "is its own input (a cycle)"; });
      s.input_node.push_back(*producer);
    }
  }
  s.input_begin[n] = static_cast<int>(s.input_node.size());
  if (graph.nodes.empty()) throw GraphError("", "the graph has no nodes");

  shaped.expanded.name = graph.name;
  shaped.expanded.description = graph.description;
  shaped.expanded.imported_file = graph.imported_file;  // expansion keeps an unedited import's fingerprint
  auto& nodes = shaped.expanded.nodes;
  auto& layers = shaped.layers;
  size_t count = 0;  // layers written so far
  // Blocks expand to at most 4 layers; the table grows if a template ever makes more.
  s.layer_of.reset(4 * n);

  // Fills layer `count`, whose Node is already in place, from its producers. `name` is the
  // layer's name in storage that outlives this call (the graph's node, or the expansion).
  auto addLayer = [&](std::string_view name) {
    const int id = static_cast<int>(count);
    Node& layer = nodes[count];
    ShapedLayer& shaped_layer = slot(layers, count);
    shaped_layer.inputs.clear();
    shaped_layer.input_shapes.resize(layer.inputs.size());
    for (size_t k = 0; k < layer.inputs.size(); ++k) {
      std::string& input = layer.inputs[k];
      const int* found = s.layer_of.find(input);
      if (!found) throw std::out_of_range("map::at");  // as std::map::at; inputs were checked above
      const int producer = *found;
      shaped_layer.inputs.push_back(producer);
      shaped_layer.input_shapes[k] = layers[static_cast<size_t>(producer)].output_shape;
      input = nodes[static_cast<size_t>(producer)].name;
    }
    inferLayer(layer, shaped_layer.input_shapes, shaped_layer.output_shape);
    double elements = 1;  // in floating point: a damaged file's dimensions overflow 64 bits
    for (int32_t d : shaped_layer.output_shape) {
      require(d > 0, layer, [&] { return "produces an empty tensor " + shapeText(shaped_layer.output_shape); });
      elements *= d;
    }
    // 2^40 elements (a terabyte) is beyond any model and keeps every later count in 64 bits.
    require(elements <= 1099511627776.0, layer, [&] {
      return "produces a tensor of " + shapeText(shaped_layer.output_shape) + ": more elements than any model has";
    });
    const bool new_name = s.layer_of.assign(name, id);
    require(new_name || !layer.block.empty(), layer, [&] { return "the name is used by more than one node"; });
    ++count;
    return id;
  };

  executionOrder(graph, s);
  size_t block_count = 0;
  // The table keeps views of the expansions' names: no reallocation while this call runs.
  s.expansions.reserve(static_cast<size_t>(std::count_if(graph.nodes.begin(), graph.nodes.end(),
                                                         [](const Node& node) { return isBlock(node.kind); })));
  for (int i : s.order) {
    const Node& node = graph.nodes[static_cast<size_t>(i)];
    if (!isBlock(node.kind)) {
      place(nodes, count, node);
      addLayer(node.name);
      continue;
    }
    require(node.inputs.size() == 1, node, [&] { return std::string(toString(node.kind)) + " takes 1 input, got " +
                                               std::to_string(node.inputs.size()); });
    const int* producer = s.layer_of.find(node.inputs[0]);
    if (!producer) throw std::out_of_range("map::at");
    const auto& input_shape = layers[static_cast<size_t>(*producer)].output_shape;
    require(input_shape.size() == 4, node, [&] { return std::string(toString(node.kind)) + " needs a 4-D input [1,H,W,C], got " + shapeText(input_shape); });
    const int32_t in_channels = input_shape[3];
    Scratch::Expansion& expansion = slot(s.expansions, block_count++);
    if (expansion.in_channels != in_channels || !(expansion.block == node)) {
      expansion.in_channels = -1;  // invalid until the expansion succeeds
      expansion.layers = expandBlock(node, in_channels);
      expansion.block = node;
      expansion.in_channels = in_channels;
    }
    int last = -1;
    for (const Node& layer : expansion.layers) {
      place(nodes, count, layer);
      last = addLayer(layer.name);
    }
    s.layer_of.assign(node.name, last);
  }
  nodes.resize(count);
  layers.resize(count);

  shaped.outputs.clear();
  if (graph.outputs.empty()) {
    s.consumed.assign(count, 0);
    for (const auto& layer : layers)
      for (int input : layer.inputs) s.consumed[static_cast<size_t>(input)] = 1;
    for (size_t i = 0; i < count; ++i)
      if (!s.consumed[i] && nodes[i].kind != NodeKind::Input) shaped.outputs.push_back(static_cast<int>(i));
  } else {
    for (const auto& output : graph.outputs) {
      const int* layer = s.layer_of.find(output);
      if (!layer) throw GraphError(output, "is listed as a graph output but is not a node");
      shaped.outputs.push_back(*layer);
    }
  }
  shaped.expanded.outputs.resize(shaped.outputs.size());
  for (size_t k = 0; k < shaped.outputs.size(); ++k)
    shaped.expanded.outputs[k] = nodes[static_cast<size_t>(shaped.outputs[k])].name;
}

}  // namespace tinyforge
