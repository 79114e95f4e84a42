#include "core/nas/search_space.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace tinyforge {
namespace {

bool supportedLayer(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input:
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
    case NodeKind::FullyConnected:
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
    case NodeKind::Mean:
    case NodeKind::Reshape:
    case NodeKind::Softmax:
      return true;
    default:
      return false;
  }
}

SearchSpaceError layerError(const std::string& name, const std::string& message) {
  return SearchSpaceError("layer '" + name + "': " + message);
}

}  // namespace

SearchSpace::SearchSpace(const Graph& backbone) : backbone_(backbone) {
  // The supernet holds every layer at its largest width.
  for (Node& node : backbone_.nodes) {
    if (node.search.widths.empty()) continue;
    auto& widths = node.search.widths;
    std::sort(widths.begin(), widths.end());
    widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
    if (widths.front() <= 0) throw layerError(node.name, "search widths must be positive");
    if (node.kind != NodeKind::Conv2D && node.kind != NodeKind::FullyConnected &&
        node.kind != NodeKind::DepthwiseSeparable)
      throw layerError(node.name, std::string("width search is supported on Conv2D, FullyConnected and "
                                              "DepthwiseSeparable, not ") + toString(node.kind));
    node.out_channels = widths.back();
  }
  for (const Node& node : backbone_.nodes) {
    if (isBlock(node.kind) && node.kind != NodeKind::DepthwiseSeparable)
      throw layerError(node.name, std::string("the search supports DepthwiseSeparable blocks; ") +
                                      toString(node.kind) + " is not supported yet");
    if (!isBlock(node.kind) && !supportedLayer(node.kind))
      throw layerError(node.name, std::string("the search does not support ") + toString(node.kind) + " layers");
    if (node.kind == NodeKind::DepthwiseConv2D && node.depth_multiplier != 1)
      throw layerError(node.name, "the search needs depth_multiplier 1");
  }
  try {
    max_graph_ = inferShapes(backbone_);
  } catch (const GraphError& error) {
    throw SearchSpaceError(std::string("backbone: ") + error.what());
  }
  if (max_graph_.outputs.size() != 1) throw SearchSpaceError("backbone: the search needs exactly one graph output");

  const auto& layers = max_graph_.layers;
  const int n = static_cast<int>(layers.size());
  // Which layers each unit (skippable block or layer) holds, and its last layer.
  std::map<std::string, int> unit_last;    // unit name -> last layer
  std::map<std::string, int> unit_input;   // unit name -> layer feeding it
  for (int i = 0; i < n; ++i) {
    const Node& layer = max_graph_.node(i);
    const std::string unit = layer.block.empty() ? layer.name : layer.block;
    const Node* owner = backbone_.find(unit);
    if (!owner || !owner->search.skippable) continue;
    unit_last[unit] = i;
    if (!unit_input.count(unit)) {
      if (layers[static_cast<size_t>(i)].inputs.size() != 1)
        throw layerError(unit, "a skippable block needs exactly one input");
      unit_input[unit] = layers[static_cast<size_t>(i)].inputs[0];
    }
  }

  std::vector<int> op_of_layer(static_cast<size_t>(n), -1);  // the op consumers read
  auto newVar = [&](ChannelVar var) {
    vars_.push_back(var);
    return static_cast<int>(vars_.size()) - 1;
  };
  for (int i = 0; i < n; ++i) {
    const Node& layer = max_graph_.node(i);
    const ShapedLayer& shaped = layers[static_cast<size_t>(i)];
    const std::string unit = layer.block.empty() ? layer.name : layer.block;
    const Node* owner = backbone_.find(unit);
    SpaceOp op;
    op.kind = SpaceOp::Kind::Layer;
    op.layer = i;
    op.name = layer.name;
    op.out_shape = shaped.output_shape;
    op.in_shapes = shaped.input_shapes;
    for (int input : shaped.inputs) op.inputs.push_back(op_of_layer[static_cast<size_t>(input)]);
    const int channels = shaped.output_shape.back();
    const int in_var = op.inputs.empty() ? -1 : ops_[static_cast<size_t>(op.inputs[0])].out_var;
    const bool is_last_of_block = !layer.block.empty() && [&] {
      for (int j = i + 1; j < n; ++j)
        if (max_graph_.node(j).block == layer.block) return false;
      return true;
    }();
    const bool has_widths = owner && !owner->search.widths.empty() && (layer.block.empty() || is_last_of_block);
    switch (layer.kind) {
      case NodeKind::Input:
        if (input_op_ >= 0) throw layerError(layer.name, "the search needs exactly one Input");
        input_op_ = static_cast<int>(ops_.size());
        op.out_var = newVar({ChannelVar::Kind::Fixed, channels, -1, -1, -1, channels});
        break;
      case NodeKind::Conv2D:
      case NodeKind::FullyConnected:
        if (has_widths) {
          widths_.push_back({unit, owner->search.widths});
          op.out_var = newVar({ChannelVar::Kind::Width, 0, static_cast<int>(widths_.size()) - 1, -1, -1, channels});
        } else {
          op.out_var = newVar({ChannelVar::Kind::Fixed, channels, -1, -1, -1, channels});
        }
        break;
      default:  // depthwise, pools, reshape, softmax, mean: channels follow the input
        op.out_var = in_var;
        break;
    }
    if (owner && owner->search.skippable) {
      // Gate every layer of the unit by its skip decision (created at the unit's first layer).
      auto found = std::find_if(skips_.begin(), skips_.end(), [&](const SkipDecision& s) { return s.name == unit; });
      if (found == skips_.end()) {
        SkipDecision skip;
        skip.name = unit;
        skip.stride_h = owner->stride_h;
        skip.stride_w = owner->stride_w;
        skip.downsamples = owner->stride_h > 1 || owner->stride_w > 1;
        skips_.push_back(skip);
        found = skips_.end() - 1;
      }
      op.gate = static_cast<int>(found - skips_.begin());
    }
    ops_.push_back(op);
    op_of_layer[static_cast<size_t>(i)] = static_cast<int>(ops_.size()) - 1;

    if (unit_last.count(unit) && unit_last[unit] == i) {
      // The merge of the kept block and its skip branch.
      const int skip = ops_.back().gate;
      const int input_op = op_of_layer[static_cast<size_t>(unit_input[unit])];
      const SpaceOp& in = ops_[static_cast<size_t>(input_op)];
      const auto& in_shape = in.out_shape;
      const auto& out_shape = shaped.output_shape;
      if (in_shape.size() != 4 || out_shape.size() != 4)
        throw layerError(unit, "a skippable block needs feature-map input and output");
      const SkipDecision& s = skips_[static_cast<size_t>(skip)];
      const int pooled_h = (in_shape[1] + s.stride_h - 1) / s.stride_h;
      const int pooled_w = (in_shape[2] + s.stride_w - 1) / s.stride_w;
      if (pooled_h != out_shape[1] || pooled_w != out_shape[2])
        throw layerError(unit, "skipping it gives " + std::to_string(pooled_h) + "x" + std::to_string(pooled_w) +
                                   " but the block outputs " + std::to_string(out_shape[1]) + "x" +
                                   std::to_string(out_shape[2]) + " (use SAME padding)");
      SpaceOp merge;
      merge.kind = SpaceOp::Kind::SkipMerge;
      merge.name = unit;
      merge.inputs = {input_op, static_cast<int>(ops_.size()) - 1};
      merge.skip = skip;
      const ChannelVar& keep = vars_[static_cast<size_t>(ops_.back().out_var)];
      const ChannelVar& bypass = vars_[static_cast<size_t>(in.out_var)];
      merge.out_var = newVar({ChannelVar::Kind::Skip, 0, skip, ops_.back().out_var, in.out_var,
                              std::max(keep.max_channels, bypass.max_channels)});
      merge.out_shape = out_shape;
      merge.out_shape[3] = vars_.back().max_channels;
      merge.in_shapes = {in_shape, out_shape};
      ops_.push_back(merge);
      op_of_layer[static_cast<size_t>(i)] = static_cast<int>(ops_.size()) - 1;
    }
  }
  output_op_ = op_of_layer[static_cast<size_t>(max_graph_.outputs[0])];
  if (input_op_ < 0) throw SearchSpaceError("backbone: no Input layer");
}

ArchChoice SearchSpace::largest() const {
  ArchChoice choice;
  for (const auto& w : widths_) choice.width_index.push_back(static_cast<int>(w.widths.size()) - 1);
  choice.skipped.assign(skips_.size(), false);
  return choice;
}

ArchChoice SearchSpace::smallest() const {
  ArchChoice choice;
  choice.width_index.assign(widths_.size(), 0);
  choice.skipped.assign(skips_.size(), true);
  return choice;
}

Graph SearchSpace::derive(const ArchChoice& choice) const {
  if (choice.width_index.size() != widths_.size() || choice.skipped.size() != skips_.size())
    throw SearchSpaceError("architecture choice does not match the search space");
  Graph graph = backbone_;
  for (size_t d = 0; d < widths_.size(); ++d) {
    const int index = choice.width_index[d];
    if (index < 0 || index >= static_cast<int>(widths_[d].widths.size()))
      throw SearchSpaceError("width choice out of range for '" + widths_[d].name + "'");
    graph.find(widths_[d].name)->out_channels = widths_[d].widths[static_cast<size_t>(index)];
  }
  std::map<std::string, std::string> bypass;  // removed node -> the node its consumers read instead
  for (size_t d = 0; d < skips_.size(); ++d) {
    if (!choice.skipped[d]) continue;
    const SkipDecision& skip = skips_[d];
    Node* node = graph.find(skip.name);
    if (skip.downsamples) {
      Node pool;
      pool.name = node->name;
      pool.kind = NodeKind::AveragePool2D;
      pool.inputs = node->inputs;
      pool.kernel_h = pool.stride_h = skip.stride_h;
      pool.kernel_w = pool.stride_w = skip.stride_w;
      pool.padding = Padding::Same;
      pool.activation_type = node->activation_type;
      *node = pool;
    } else {
      bypass[node->name] = node->inputs.at(0);
    }
  }
  auto resolve = [&](std::string name) {
    for (auto it = bypass.find(name); it != bypass.end(); it = bypass.find(name)) name = it->second;
    return name;
  };
  std::vector<Node> kept;
  for (Node& node : graph.nodes) {
    if (bypass.count(node.name)) continue;
    for (auto& input : node.inputs) input = resolve(input);
    node.search = {};
    kept.push_back(std::move(node));
  }
  graph.nodes = std::move(kept);
  for (auto& output : graph.outputs) output = resolve(output);
  return graph;
}

double SearchSpace::size() const {
  double count = 1;
  for (const auto& w : widths_) count *= static_cast<double>(w.widths.size());
  for (size_t i = 0; i < skips_.size(); ++i) count *= 2;
  return count;
}

std::string SearchSpace::describe(const ArchChoice& choice) const {
  std::ostringstream text;
  std::map<std::string, std::string> parts;
  std::vector<std::string> order;
  for (size_t d = 0; d < widths_.size(); ++d) {
    order.push_back(widths_[d].name);
    parts[widths_[d].name] = std::to_string(widths_[d].widths[static_cast<size_t>(choice.width_index[d])]);
  }
  for (size_t d = 0; d < skips_.size(); ++d) {
    if (!parts.count(skips_[d].name)) order.push_back(skips_[d].name);
    if (choice.skipped[d]) parts[skips_[d].name] = skips_[d].downsamples ? "pool" : "skip";
  }
  for (size_t i = 0; i < order.size(); ++i) text << (i ? " " : "") << order[i] << "=" << parts[order[i]];
  return text.str();
}

}  // namespace tinyforge
