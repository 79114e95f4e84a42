#include "core/nas/search_space.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

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
    case NodeKind::Add:
      return true;
    default:
      return false;
  }
}

SearchSpaceError layerError(const std::string& name, const std::string& message) {
  return SearchSpaceError("layer '" + name + "': " + message);
}

std::string widthsText(const std::vector<int>& widths) {
  std::string text = "[";
  for (size_t i = 0; i < widths.size(); ++i) text += (i ? ", " : "") + std::to_string(widths[i]);
  return text + "]";
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
        node.kind != NodeKind::DepthwiseSeparable && node.kind != NodeKind::InvertedBottleneck)
      throw layerError(node.name, std::string("width search is supported on Conv2D, FullyConnected, "
                                              "DepthwiseSeparable and InvertedBottleneck, not ") +
                                      toString(node.kind));
    node.out_channels = widths.back();
  }
  for (const Node& node : backbone_.nodes) {
    if (isBlock(node.kind) && node.kind != NodeKind::DepthwiseSeparable && node.kind != NodeKind::InvertedBottleneck)
      throw layerError(node.name, std::string("the search supports DepthwiseSeparable and InvertedBottleneck blocks; ") +
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
  std::map<std::string, int> width_layer;  // block name -> its last conv, which takes the block's widths
  for (int i = 0; i < n; ++i) {
    const Node& layer = max_graph_.node(i);
    if (!layer.block.empty() && layer.kind == NodeKind::Conv2D) width_layer[layer.block] = i;
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

  // Tying: width decisions joined by a residual Add become one (union-find, the earlier
  // decision is the root; compacted after the loop).
  std::vector<int> root;
  auto findRoot = [&](int d) {
    while (root[static_cast<size_t>(d)] != d) d = root[static_cast<size_t>(d)];
    return d;
  };
  std::function<bool(int, int)> sameChannels;
  // A skip variable whose two sides always have the same channels is that side.
  std::function<int(int)> canonical = [&](int v) -> int {
    const ChannelVar& var = vars_[static_cast<size_t>(v)];
    if (var.kind == ChannelVar::Kind::Skip && sameChannels(var.keep_var, var.skip_var)) return canonical(var.keep_var);
    return v;
  };
  sameChannels = [&](int a, int b) -> bool {
    a = canonical(a);
    b = canonical(b);
    if (a == b) return true;
    const ChannelVar& x = vars_[static_cast<size_t>(a)];
    const ChannelVar& y = vars_[static_cast<size_t>(b)];
    if (x.kind != y.kind) return false;
    switch (x.kind) {
      case ChannelVar::Kind::Fixed:
        return x.fixed == y.fixed;
      case ChannelVar::Kind::Width:
        return findRoot(x.decision) == findRoot(y.decision);
      case ChannelVar::Kind::Scaled:
        return x.factor == y.factor && sameChannels(x.base_var, y.base_var);
      case ChannelVar::Kind::Skip:
        return x.decision == y.decision && sameChannels(x.keep_var, y.keep_var) &&
               sameChannels(x.skip_var, y.skip_var);
    }
    return false;
  };
  auto varText = [&](int v) -> std::string {
    const ChannelVar& var = vars_[static_cast<size_t>(v)];
    switch (var.kind) {
      case ChannelVar::Kind::Fixed:
        return "a fixed " + std::to_string(var.fixed) + " channels";
      case ChannelVar::Kind::Width: {
        const WidthDecision& d = widths_[static_cast<size_t>(findRoot(var.decision))];
        return "the widths " + widthsText(d.widths) + " of '" + d.name + "'";
      }
      case ChannelVar::Kind::Skip:
        return "the output of skippable '" + skips_[static_cast<size_t>(var.decision)].name +
               "', whose channels change when it is skipped";
      case ChannelVar::Kind::Scaled:
        return "an expanded tensor (" + std::to_string(var.factor) + " x its input's channels)";
    }
    return "";
  };
  auto tie = [&](int a, int b, const std::string& layer_name) {
    if (sameChannels(a, b)) return;
    const ChannelVar& x = vars_[static_cast<size_t>(canonical(a))];
    const ChannelVar& y = vars_[static_cast<size_t>(canonical(b))];
    const std::string why = "a residual Add needs both operands at the same channel count for every choice, "
                            "but it joins " + varText(a) + " and " + varText(b);
    if (x.kind != ChannelVar::Kind::Width || y.kind != ChannelVar::Kind::Width) throw layerError(layer_name, why);
    const int first = std::min(findRoot(x.decision), findRoot(y.decision));
    const int second = std::max(findRoot(x.decision), findRoot(y.decision));
    WidthDecision& kept = widths_[static_cast<size_t>(first)];
    const WidthDecision& merged = widths_[static_cast<size_t>(second)];
    if (kept.widths != merged.widths) throw layerError(layer_name, why + "; give both the same widths to tie them");
    kept.name += "+" + merged.name;
    kept.nodes.insert(kept.nodes.end(), merged.nodes.begin(), merged.nodes.end());
    root[static_cast<size_t>(second)] = first;
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
    const bool has_widths = owner && !owner->search.widths.empty() &&
                            (layer.block.empty() || width_layer[layer.block] == i);
    const bool is_expand = owner && owner->kind == NodeKind::InvertedBottleneck && layer.name == unit + "/expand";
    switch (layer.kind) {
      case NodeKind::Input:
        if (input_op_ >= 0) throw layerError(layer.name, "the search needs exactly one Input");
        input_op_ = static_cast<int>(ops_.size());
        op.out_var = newVar({ChannelVar::Kind::Fixed, channels, -1, -1, -1, channels});
        break;
      case NodeKind::Conv2D:
      case NodeKind::FullyConnected:
        if (has_widths) {
          widths_.push_back({unit, owner->search.widths, {unit}});
          root.push_back(static_cast<int>(root.size()));
          op.out_var = newVar({ChannelVar::Kind::Width, 0, static_cast<int>(widths_.size()) - 1, -1, -1, channels});
        } else if (is_expand && vars_[static_cast<size_t>(in_var)].kind != ChannelVar::Kind::Fixed) {
          ChannelVar scaled{ChannelVar::Kind::Scaled, 0, -1, -1, -1, 0};
          scaled.base_var = in_var;
          scaled.factor = owner->expansion;
          scaled.max_channels = vars_[static_cast<size_t>(in_var)].max_channels * owner->expansion;
          op.out_var = newVar(scaled);
        } else {
          op.out_var = newVar({ChannelVar::Kind::Fixed, channels, -1, -1, -1, channels});
        }
        break;
      case NodeKind::Add: {
        if (shaped.input_shapes[0] != shaped.input_shapes[1])
          throw layerError(layer.name, "the search needs Add operands of the same shape");
        const int main_var = ops_[static_cast<size_t>(op.inputs[1])].out_var;
        tie(in_var, main_var, layer.name);
        op.out_var = main_var;
        break;
      }
      default:  // depthwise, pools, reshape, softmax, mean: channels follow the input
        op.out_var = in_var;
        break;
    }
    // A skip merge can be wider than the largest-width graph's tensor: shapes follow the variables.
    if (op.out_shape.size() == 4) op.out_shape[3] = vars_[static_cast<size_t>(op.out_var)].max_channels;
    for (size_t k = 0; k < op.in_shapes.size(); ++k)
      if (op.in_shapes[k].size() == 4)
        op.in_shapes[k][3] = vars_[static_cast<size_t>(ops_[static_cast<size_t>(op.inputs[k])].out_var)].max_channels;
    if (owner && owner->kind == NodeKind::InvertedBottleneck) {
      if (bottlenecks_.empty() || bottlenecks_.back().name != unit) bottlenecks_.push_back({unit, in_var, -1, false});
      bottlenecks_.back().out_var = op.out_var;
      bottlenecks_.back().residual = bottlenecks_.back().residual || layer.kind == NodeKind::Add;
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
      merge.in_shapes = {in_shape, ops_.back().out_shape};
      ops_.push_back(merge);
      op_of_layer[static_cast<size_t>(i)] = static_cast<int>(ops_.size()) - 1;
    }
  }
  output_op_ = op_of_layer[static_cast<size_t>(max_graph_.outputs[0])];
  // Compact the tied width decisions.
  std::vector<int> new_index(widths_.size(), -1);
  std::vector<WidthDecision> compact;
  for (size_t d = 0; d < widths_.size(); ++d) {
    if (findRoot(static_cast<int>(d)) != static_cast<int>(d)) continue;
    new_index[d] = static_cast<int>(compact.size());
    compact.push_back(widths_[d]);
  }
  for (ChannelVar& var : vars_)
    if (var.kind == ChannelVar::Kind::Width) var.decision = new_index[static_cast<size_t>(findRoot(var.decision))];
  widths_ = std::move(compact);
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
    for (const std::string& name : widths_[d].nodes)
      graph.find(name)->out_channels = widths_[d].widths[static_cast<size_t>(index)];
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
  // A bottleneck whose untied widths match at this choice would get a residual Add from the
  // block template that the supernet does not have: write its layers out without it.
  const std::vector<int> channels = channelsAt(choice);
  std::vector<Node> written_out;
  for (const Bottleneck& b : bottlenecks_) {
    const auto skip = std::find_if(skips_.begin(), skips_.end(), [&](const SkipDecision& s) { return s.name == b.name; });
    if (skip != skips_.end() && choice.skipped[static_cast<size_t>(skip - skips_.begin())]) continue;
    const Node* block = graph.find(b.name);
    const bool residual = block->stride_h == 1 && block->stride_w == 1 &&
                          channels[static_cast<size_t>(b.in_var)] == channels[static_cast<size_t>(b.out_var)];
    if (residual == b.residual) continue;
    if (b.residual) throw std::logic_error("search space: the tied residual of '" + b.name + "' lost its shape");
    for (const SpaceOp& op : ops_) {
      if (op.kind != SpaceOp::Kind::Layer || max_graph_.node(op.layer).block != b.name) continue;
      Node layer = max_graph_.node(op.layer);
      layer.search = {};
      if (written_out.empty() || written_out.back().block != b.name) layer.inputs = block->inputs;
      if (layer.kind == NodeKind::Conv2D) layer.out_channels = channels[static_cast<size_t>(op.out_var)];
      written_out.push_back(std::move(layer));
    }
    bypass[b.name] = written_out.back().name;
  }
  graph.nodes.insert(graph.nodes.end(), written_out.begin(), written_out.end());
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

std::vector<int> SearchSpace::channelsAt(const ArchChoice& choice) const {
  if (choice.width_index.size() != widths_.size() || choice.skipped.size() != skips_.size())
    throw SearchSpaceError("architecture choice does not match the search space");
  std::vector<int> channels;
  channels.reserve(vars_.size());
  for (const ChannelVar& var : vars_) {  // variables refer only to earlier ones
    switch (var.kind) {
      case ChannelVar::Kind::Fixed:
        channels.push_back(var.fixed);
        break;
      case ChannelVar::Kind::Width: {
        const WidthDecision& d = widths_[static_cast<size_t>(var.decision)];
        channels.push_back(d.widths.at(static_cast<size_t>(choice.width_index[static_cast<size_t>(var.decision)])));
        break;
      }
      case ChannelVar::Kind::Skip:
        channels.push_back(channels[static_cast<size_t>(
            choice.skipped[static_cast<size_t>(var.decision)] ? var.skip_var : var.keep_var)]);
        break;
      case ChannelVar::Kind::Scaled:
        channels.push_back(var.factor * channels[static_cast<size_t>(var.base_var)]);
        break;
    }
  }
  return channels;
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
    else if (parts[skips_[d].name].empty()) parts[skips_[d].name] = "keep";
  }
  for (size_t i = 0; i < order.size(); ++i) text << (i ? " " : "") << order[i] << "=" << parts[order[i]];
  return text.str();
}

}  // namespace tinyforge
