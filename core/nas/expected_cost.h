#pragma once
// MicroNets' differentiable costs of a supernet, written over the number type T so that
// the search evaluates them on torch tensors (gradients reach the architecture
// parameters) and tests evaluate them on doubles. They use the cost formulas of
// core/cost/cost_formulas.h with expected channel counts, so at a one-hot choice they
// equal the estimator's figures of the derived graph (tests/core/nas/expected_cost_test).
//
//   flash (eq. 2):  sum over layers of presence x (weight + bias + quantization-parameter bytes)
//   memory (eq. 3): max over operators of presence x (input bytes + output bytes), with
//                   expected tensor sizes ("|x| replaced by (2)" read as the z-weighted size)
//   ops (eq. 4):    sum over layers of presence x ops (1 MAC = 2 ops; an Add's ops are
//                   its output elements, as core/cost counts them)
//
// presence is 1, a block's keep probability for its layers, or its skip probability for
// the average pooling that replaces a downsampling block.
//
// With the space's patched memory (patched_memory.h) an operator of the patched stage
// charges its operands' patch slices plus the stage's whole inputs and output instead.

#include <cstdint>
#include <vector>

#include "core/cost/cost_formulas.h"
#include "core/graph/graph.h"
#include "core/nas/search_space.h"

namespace tinyforge {

template <typename T>
struct ExpectedCosts {
  T flash_bytes;
  T ops;
  T memory_bytes;              // eq. 3: the max over operators
  std::vector<T> op_memory;    // per SpaceOp (zero-presence ones included)
};

// Per-element quantization parameters in the flatbuffer: a float scale and an int64 zero point.
constexpr double kNasQuantBytesPerChannel = 4 + 8;

// `channels[v]`: expected channel count of ChannelVar v. `keep[d]` / `skip[d]`: the
// probabilities of skip decision d. `constant(x)` makes a T; `maximum(values)` is the max.
template <typename T, typename Constant, typename Maximum>
ExpectedCosts<T> expectedCosts(const SearchSpace& space, const std::vector<T>& channels, const std::vector<T>& keep,
                               const std::vector<T>& skip, Constant constant, Maximum maximum) {
  const auto& ops = space.ops();
  const auto& vars = space.vars();
  ExpectedCosts<T> result{constant(0.0), constant(0.0), constant(0.0), {}};
  std::vector<T> memory;
  // Bytes of a tensor whose max-width shape is `shape` on variable `var`.
  auto tensorBytes = [&](const std::vector<int32_t>& shape, int var, DataType type) {
    const double per_channel =
        static_cast<double>(elementsOf(shape)) / static_cast<double>(vars[static_cast<size_t>(var)].max_channels);
    return channels[static_cast<size_t>(var)] * (per_channel * bitsOf(type) / 8.0);
  };
  auto outputType = [&](const SpaceOp& op) {
    return op.kind == SpaceOp::Kind::Layer ? space.maxGraph().node(op.layer).activation_type
                                           : space.backbone().find(op.name)->activation_type;
  };
  const auto& patched = space.patchedMemory();
  // Live through the whole patched stage: its whole inputs and output.
  T stage_bytes = constant(0.0);
  if (patched) {
    std::vector<int> whole = patched->stage_input_ops;
    whole.push_back(patched->stage_output_op);
    for (int w : whole) {
      const SpaceOp& op = ops[static_cast<size_t>(w)];
      stage_bytes = stage_bytes + tensorBytes(op.out_shape, op.out_var, outputType(op));
    }
  }
  auto patchedStage = [&](size_t i) { return patched && patched->in_stage[i]; };
  for (size_t i = 0; i < ops.size(); ++i) {
    const SpaceOp& op = ops[i];
    if (op.kind == SpaceOp::Kind::SkipMerge) {
      const SkipDecision& s = space.skipDecisions()[static_cast<size_t>(op.skip)];
      if (!s.downsamples) {
        memory.push_back(constant(0.0));
        continue;
      }
      // The average pooling of a skipped downsampling block: kernel = stride.
      const SpaceOp& in = ops[static_cast<size_t>(op.inputs[0])];
      const Node& block = *space.backbone().find(op.name);
      const int in_var = in.out_var;
      const T& c = channels[static_cast<size_t>(in_var)];
      const T& p = skip[static_cast<size_t>(op.skip)];
      result.ops = result.ops + p * (cost::poolMacs<T>(c, s.stride_h, s.stride_w, op.out_shape[1], op.out_shape[2]) * 2.0);
      std::vector<int32_t> out_shape = op.out_shape;
      out_shape[3] = vars[static_cast<size_t>(in_var)].max_channels;
      const T pool_in = tensorBytes(in.out_shape, in_var, block.activation_type);
      const T pool_out = tensorBytes(out_shape, in_var, block.activation_type);
      if (patchedStage(i))
        memory.push_back(p * (pool_in * patched->in_fractions[i][0] + pool_out * patched->out_fraction[i]) + stage_bytes);
      else
        memory.push_back(p * (pool_in + pool_out));
      continue;
    }
    const Node& node = space.maxGraph().node(op.layer);
    if (node.kind == NodeKind::Input) {
      memory.push_back(constant(0.0));
      continue;
    }
    const bool gated = op.gate >= 0;
    const T presence = gated ? keep[static_cast<size_t>(op.gate)] : constant(1.0);
    const int out_var = op.out_var;
    const int in_var = ops[static_cast<size_t>(op.inputs.at(0))].out_var;
    const T& cout = channels[static_cast<size_t>(out_var)];
    const T& cin = channels[static_cast<size_t>(in_var)];
    const int oh = op.out_shape.size() == 4 ? op.out_shape[1] : 1;
    const int ow = op.out_shape.size() == 4 ? op.out_shape[2] : 1;
    const double weight_bytes_per = bitsOf(node.weight_type) / 8.0;
    const double bias_bytes_per = node.activation_type == DataType::Int16 ? 8.0 : 4.0;

    const bool sliced = patchedStage(i);
    T in_bytes = constant(0.0);
    for (size_t k = 0; k < op.inputs.size(); ++k) {
      const SpaceOp& producer = ops[static_cast<size_t>(op.inputs[k])];
      const T bytes = tensorBytes(op.in_shapes[k], producer.out_var, outputType(producer));
      in_bytes = in_bytes + (sliced ? bytes * patched->in_fractions[i][k] : bytes);
    }
    const T out_bytes = tensorBytes(op.out_shape, out_var, node.activation_type);
    if (sliced)
      memory.push_back(presence * (in_bytes + out_bytes * patched->out_fraction[i]) + stage_bytes);
    else
      memory.push_back(presence * (in_bytes + out_bytes));

    T layer_ops = constant(0.0);
    T layer_flash = constant(0.0);
    switch (node.kind) {
      case NodeKind::Conv2D: {
        layer_ops = cost::convMacs<T>(cin, cout, node.kernel_h, node.kernel_w, oh, ow) * 2.0;
        layer_flash = cost::convParams<T>(cin, cout, node.kernel_h, node.kernel_w) * weight_bytes_per +
                      cout * (bias_bytes_per + 2 * kNasQuantBytesPerChannel);
        break;
      }
      case NodeKind::DepthwiseConv2D: {
        layer_ops = cost::depthwiseMacs<T>(cout, node.kernel_h, node.kernel_w, oh, ow) * 2.0;
        layer_flash = cost::depthwiseParams<T>(cout, node.kernel_h, node.kernel_w) * weight_bytes_per +
                      cout * (bias_bytes_per + 2 * kNasQuantBytesPerChannel);
        break;
      }
      case NodeKind::FullyConnected: {
        const double rows = op.out_shape.front();
        const double per_channel = static_cast<double>(elementsOf(op.in_shapes[0])) / rows /
                                   vars[static_cast<size_t>(in_var)].max_channels;
        const T features = cin * per_channel;
        layer_ops = cost::fullyConnectedMacs<T>(features, cout) * (2.0 * rows);
        layer_flash = features * cout * weight_bytes_per + cout * bias_bytes_per +
                      constant(2 * kNasQuantBytesPerChannel);
        break;
      }
      case NodeKind::AveragePool2D:
        layer_ops = cost::poolMacs<T>(cout, node.kernel_h, node.kernel_w, oh, ow) * 2.0;
        break;
      case NodeKind::MaxPool2D:
        layer_ops = tensorBytes(op.out_shape, out_var, DataType::Int8) * static_cast<double>(node.kernel_h * node.kernel_w);
        break;
      case NodeKind::Mean:
        layer_ops = tensorBytes(op.in_shapes[0], in_var, DataType::Int8) * 2.0;
        break;
      case NodeKind::Softmax:
        layer_ops = tensorBytes(op.out_shape, out_var, DataType::Int8) * 3.0;
        break;
      case NodeKind::Add:
        layer_ops = tensorBytes(op.out_shape, out_var, DataType::Int8);
        break;
      default:
        break;
    }
    result.ops = result.ops + presence * layer_ops;
    result.flash_bytes = result.flash_bytes + presence * layer_flash;
  }
  result.memory_bytes = maximum(memory);
  result.op_memory = std::move(memory);
  return result;
}

// Expected channel count of every variable, from per-decision probabilities
// (`width_probs[d][k]`: probability of width k of width decision d).
template <typename T, typename Constant>
std::vector<T> expectedChannels(const SearchSpace& space, const std::vector<std::vector<T>>& width_probs,
                                const std::vector<T>& keep, const std::vector<T>& skip, Constant constant) {
  std::vector<T> channels;
  channels.reserve(space.vars().size());
  for (const ChannelVar& var : space.vars()) {  // Skip and Scaled vars refer only to earlier vars
    switch (var.kind) {
      case ChannelVar::Kind::Fixed:
        channels.push_back(constant(static_cast<double>(var.fixed)));
        break;
      case ChannelVar::Kind::Width: {
        const auto& widths = space.widthDecisions()[static_cast<size_t>(var.decision)].widths;
        T sum = constant(0.0);
        for (size_t k = 0; k < widths.size(); ++k)
          sum = sum + width_probs[static_cast<size_t>(var.decision)][k] * static_cast<double>(widths[k]);
        channels.push_back(sum);
        break;
      }
      case ChannelVar::Kind::Skip:
        channels.push_back(keep[static_cast<size_t>(var.decision)] * channels[static_cast<size_t>(var.keep_var)] +
                           skip[static_cast<size_t>(var.decision)] * channels[static_cast<size_t>(var.skip_var)]);
        break;
      case ChannelVar::Kind::Scaled:
        channels.push_back(channels[static_cast<size_t>(var.base_var)] * static_cast<double>(var.factor));
        break;
    }
  }
  return channels;
}

}  // namespace tinyforge
