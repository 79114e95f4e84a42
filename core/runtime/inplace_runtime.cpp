#include "core/runtime/inplace_runtime.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tinyforge {
namespace {

// Code of a generated model: per-op call plus the specialised kernels it links.
// Estimates (docs/runtime-memory.md): TinyEngine's measured Flash minus weights is
// 10-20 KB on the MCUNet models.
constexpr int64_t kGeneratedRuntimeBytes = 4096;
constexpr int64_t kBytesPerOpCall = 48;
constexpr int64_t kKernelBytes = 1536;

}  // namespace

void InplaceRuntime::estimate(const RuntimeInput& input, RuntimeEstimate& out) {
  if (!input.model || !input.graph) throw std::invalid_argument("runtime estimate: no model given");
  const TensorModel& model = *input.model;
  const size_t op_count = model.operators.size();
  const int32_t end_scope = static_cast<int32_t>(op_count);

  buffer_of_.assign(model.tensors.size(), -1);
  buffers_.clear();
  owner_.clear();
  auto lastUse = [&](int t) {
    const TensorInfo& tensor = model.tensors[static_cast<size_t>(t)];
    int32_t last = tensor.producer >= 0 ? tensor.producer + 1 : 0;
    for (int c : tensor.consumers) last = std::max(last, c + 1);
    for (int o : model.outputs)
      if (o == t) last = end_scope;
    return last;
  };
  for (int t : model.inputs) {
    buffer_of_[static_cast<size_t>(t)] = static_cast<int>(buffers_.size());
    buffers_.push_back({static_cast<int32_t>(model.tensors[static_cast<size_t>(t)].bytes), 0, lastUse(t), -1});
    owner_.push_back(t);
  }
  int64_t sbuf = 0, kbuf = 0, code = kGeneratedRuntimeBytes, weights = 0;
  std::array<bool, 64> kernel_used{};
  out.runtime = name();
  out.ops.resize(op_count);
  for (size_t i = 0; i < op_count; ++i) {
    const OperatorInfo& op = model.operators[i];
    const Node& node = input.graph->node(op.layer);
    OpMemory& row = out.ops[i];
    row = OpMemory{static_cast<int>(i)};
    const int32_t scope = static_cast<int32_t>(i) + 1;
    const int out_t = op.outputs.empty() ? -1 : op.outputs[0];
    const int in_t = op.inputs.empty() ? -1 : op.inputs[0];
    const TensorInfo* in = in_t >= 0 ? &model.tensors[static_cast<size_t>(in_t)] : nullptr;
    bool aliased = false;
    if (out_t >= 0 && in && !in->is_constant && buffer_of_[static_cast<size_t>(in_t)] >= 0 &&
        lastUse(in_t) == scope &&
        ((op.kind == NodeKind::DepthwiseConv2D && in->type == DataType::Int8) || op.kind == NodeKind::Reshape)) {
      const int b = buffer_of_[static_cast<size_t>(in_t)];
      buffer_of_[static_cast<size_t>(out_t)] = b;
      buffers_[static_cast<size_t>(b)].size_bytes =
          std::max<int32_t>(buffers_[static_cast<size_t>(b)].size_bytes,
                            static_cast<int32_t>(model.tensors[static_cast<size_t>(out_t)].bytes));
      buffers_[static_cast<size_t>(b)].last_used = std::max(buffers_[static_cast<size_t>(b)].last_used, lastUse(out_t));
      aliased = true;
    }
    for (int t : op.outputs) {
      if (buffer_of_[static_cast<size_t>(t)] >= 0) continue;
      buffer_of_[static_cast<size_t>(t)] = static_cast<int>(buffers_.size());
      buffers_.push_back({static_cast<int32_t>(model.tensors[static_cast<size_t>(t)].bytes), scope, lastUse(t), -1});
      owner_.push_back(t);
    }
    // Temporary buffers of TinyEngine's kernels.
    const int64_t cin = in && !in->shape.empty() ? in->shape.back() : 0;
    const int64_t k = int64_t{node.kernel_h} * node.kernel_w;
    int64_t op_sbuf = 0, op_kbuf = 0;
    if (op.kind == NodeKind::DepthwiseConv2D && in && in->shape.size() == 4) {
      const int64_t pad_h = node.padding == Padding::Same ? node.kernel_h / 2 : 0;
      const int64_t pad_w = node.padding == Padding::Same ? node.kernel_w / 2 : 0;
      op_sbuf = aliased ? 2 * (in->shape[1] + 2 * pad_h) * (in->shape[2] + 2 * pad_w) : 2 * k * cin;
    } else if (op.kind == NodeKind::Conv2D) {
      op_sbuf = 2 * 2 * k * cin;
      if (k > 1 && op.inputs.size() > 1 && op.inputs[1] >= 0) op_kbuf = 2 * model.tensors[static_cast<size_t>(op.inputs[1])].bytes;
    }
    row.scratch_bytes = op_sbuf + op_kbuf;
    sbuf = std::max(sbuf, op_sbuf);
    kbuf = std::max(kbuf, op_kbuf);
    for (size_t j = 1; j < op.inputs.size(); ++j) {
      const int t = op.inputs[j];
      if (t < 0 || !model.tensors[static_cast<size_t>(t)].is_constant) continue;
      const TensorInfo& c = model.tensors[static_cast<size_t>(t)];
      row.flash_bytes += c.bytes + (c.quant_channels > 1 && j == 1 ? 4 * int64_t{c.quant_channels} : 0);
    }
    weights += row.flash_bytes;
    code += kBytesPerOpCall;
    const size_t kind = static_cast<size_t>(op.kind);
    if (kind < kernel_used.size() && !kernel_used[kind]) {
      kernel_used[kind] = true;
      code += kKernelBytes;
    }
  }
  // TinyEngine's sortSize keeps the first-seen tensor first among equal sizes; our
  // planner (TFLM's rule) favours the last added, so hand it the buffers reversed.
  std::reverse(buffers_.begin(), buffers_.end());
  std::reverse(owner_.begin(), owner_.end());
  offsets_.resize(buffers_.size());
  const int64_t plan = planner_.plan(buffers_, offsets_);
  out.buffers.resize(buffers_.size());
  for (size_t b = 0; b < buffers_.size(); ++b) {
    out.buffers[b] = {owner_[b], -1, buffers_[b].size_bytes, offsets_[b], buffers_[b].first_used, buffers_[b].last_used};
    for (int32_t s = std::max(1, buffers_[b].first_used); s <= buffers_[b].last_used && s <= end_scope; ++s) {
      OpMemory& row = out.ops[static_cast<size_t>(s - 1)];
      row.arena_end_bytes = std::max<int64_t>(row.arena_end_bytes, int64_t{offsets_[b]} + buffers_[b].size_bytes);
    }
  }
  liveActivationBytes(model, live_);
  int64_t bound = 0;
  for (size_t i = 0; i < op_count; ++i) {
    out.ops[i].live_bytes = live_[i];
    bound = std::max(bound, live_[i]);
  }
  out.head_bytes = plan + sbuf + kbuf;
  out.tail_bytes = 0;
  out.arena_used_bytes = out.head_bytes;
  out.min_arena_bytes = out.head_bytes;
  out.lower_bound_bytes = bound;
  out.sram_bytes = out.head_bytes;
  out.model_flash_bytes = weights;
  out.code_flash_bytes = code;
  out.flash_bytes = weights + code;
}

}  // namespace tinyforge
