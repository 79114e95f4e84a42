#include "core/runtime/tinyforge_c_plan.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/graph/name_in_message.h"
#include "core/runtime/greedy_memory_planner.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/tinyforge_c_geometry.h"

namespace tinyforge {
namespace {

int32_t alignUp(int64_t bytes, int32_t alignment) {
  const int64_t aligned = (bytes + alignment - 1) / alignment * alignment;
  if (aligned > INT32_MAX) throw std::invalid_argument("a buffer of " + std::to_string(bytes) + " bytes does not fit a 32-bit arena");
  return static_cast<int32_t>(aligned);
}

bool sameShape(const TensorInfo& a, const TensorInfo& b) { return a.shape == b.shape && a.type == b.type; }

class Planner {
 public:
  Planner(const ShapedGraph& graph, const TensorModel& model, const TinyforgeCPlanOptions& options, bool shrink)
      : graph_(graph), model_(model), options_(options), shrink_(shrink), end_scope_(static_cast<int32_t>(model.operators.size())) {}

  bool shrankAny() const { return shrank_any_; }

  TinyforgeCPlan run() {
    plan_.steps.resize(model_.operators.size());
    plan_.buffer_of_tensor.assign(model_.tensors.size(), -1);
    for (int t : model_.inputs) newBuffer(t, 0);
    for (size_t i = 0; i < model_.operators.size(); ++i) planOperator(static_cast<int>(i));
    place();
    return std::move(plan_);
  }

 private:
  // TFLM's scopes: graph inputs at 0, operator i at i + 1, graph outputs alive to the end.
  int32_t lastUse(int t) const {
    const TensorInfo& tensor = model_.tensors[static_cast<size_t>(t)];
    int32_t last = tensor.producer >= 0 ? tensor.producer + 1 : 0;
    for (int c : tensor.consumers) last = std::max(last, c + 1);
    for (int o : model_.outputs)
      if (o == t) last = end_scope_;
    return last;
  }

  int newBuffer(int t, int32_t first) {
    const int b = static_cast<int>(plan_.buffers.size());
    const TensorInfo& tensor = model_.tensors[static_cast<size_t>(t)];
    int32_t bytes = 0;
    try {
      bytes = alignUp(tensor.bytes, options_.alignment_bytes);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument("tensor '" + nameInMessage(tensor.name) + "': " + error.what());  // which one
    }
    plan_.buffers.push_back({t, -1, bytes, 0, first, lastUse(t)});
    members_.push_back({t});
    plan_.buffer_of_tensor[static_cast<size_t>(t)] = b;
    return b;
  }

  // Whether operator `op` may write over the buffer holding tensor `t`: an activation whose
  // buffer's every tensor is last read by this operator.
  bool bufferDiesAt(int t, int op) const {
    if (t < 0 || model_.tensors[static_cast<size_t>(t)].is_constant) return false;
    const int b = plan_.buffer_of_tensor[static_cast<size_t>(t)];
    if (b < 0) return false;
    for (int member : members_[static_cast<size_t>(b)])
      if (lastUse(member) != op + 1) return false;
    return true;
  }

  void join(int t, int b) {
    PlannedBuffer& buffer = plan_.buffers[static_cast<size_t>(b)];
    buffer.size_bytes = std::max(buffer.size_bytes, alignUp(model_.tensors[static_cast<size_t>(t)].bytes, options_.alignment_bytes));
    buffer.last_used = std::max(buffer.last_used, lastUse(t));
    members_[static_cast<size_t>(b)].push_back(t);
    plan_.buffer_of_tensor[static_cast<size_t>(t)] = b;
  }

  void planOperator(int i) {
    const OperatorInfo& op = model_.operators[static_cast<size_t>(i)];
    const Node& node = graph_.node(op.layer);
    TinyforgeCStep& step = plan_.steps[static_cast<size_t>(i)];
    step.op = i;
    const int out = op.outputs.empty() ? -1 : op.outputs[0];
    const TensorInfo* output = out >= 0 ? &model_.tensors[static_cast<size_t>(out)] : nullptr;
    auto input = [&](size_t k) -> const TensorInfo* {
      return k < op.inputs.size() && op.inputs[k] >= 0 ? &model_.tensors[static_cast<size_t>(op.inputs[k])] : nullptr;
    };

    // Where the output goes.
    bool own_buffer_after = false;
    if (output) {
      if (op.kind == NodeKind::Reshape && input(0) && !input(0)->is_constant &&
          plan_.buffer_of_tensor[static_cast<size_t>(op.inputs[0])] >= 0) {
        step.execution = TinyforgeCExecution::Alias;
        step.inplace_input = 0;
      } else if (op.kind == NodeKind::DepthwiseConv2D && output->type == DataType::Int8 && bufferDiesAt(op.inputs[0], i)) {
        const tfc_depthwise_conv2d_op g = depthwiseConv2dGeometry(node, model_, op);
        if (tfc_depthwise_conv2d_can_run_inplace(&g)) {
          step.execution = TinyforgeCExecution::InPlace;
          step.inplace_input = 0;
          const int input_buffer = plan_.buffer_of_tensor[static_cast<size_t>(op.inputs[0])];
          // Scope i + 2 is the next operator's: an output nobody reads after this one keeps the
          // input's buffer.
          own_buffer_after = shrink_ && lastUse(out) >= i + 2 &&
                             alignUp(output->bytes, options_.alignment_bytes) <
                                 plan_.buffers[static_cast<size_t>(input_buffer)].size_bytes;
        }
      } else if (op.kind == NodeKind::Add && output->type == DataType::Int8) {
        for (size_t k = 0; k < 2 && step.execution == TinyforgeCExecution::Kernel; ++k)
          if (input(k) && sameShape(*input(k), *output) && bufferDiesAt(op.inputs[k], i)) {
            step.execution = TinyforgeCExecution::InPlace;
            step.inplace_input = static_cast<int>(k);
          }
      } else if (op.kind == NodeKind::Quantize && output->type == DataType::Int8 && input(0) &&
                 input(0)->type == DataType::Int8 && bufferDiesAt(op.inputs[0], i)) {
        step.execution = TinyforgeCExecution::InPlace;
        step.inplace_input = 0;
      }
      if (step.execution == TinyforgeCExecution::Kernel) {
        newBuffer(out, i + 1);
      } else if (own_buffer_after) {
        newBuffer(out, i + 2);
        shrank_any_ = true;
      } else {
        join(out, plan_.buffer_of_tensor[static_cast<size_t>(op.inputs[static_cast<size_t>(step.inplace_input)])]);
      }
      for (size_t k = 1; k < op.outputs.size(); ++k) newBuffer(op.outputs[k], i + 1);
    }

    // Scratch on the target's path (the one tfc_<op>_s8 picks where the code is compiled).
    const int path = options_.x86 ? TFC_PATH_X86 : options_.dsp ? TFC_PATH_DSP : TFC_PATH_PLAIN;
    if (op.kind == NodeKind::Conv2D) {
      const tfc_conv2d_op g = conv2dGeometry(node, model_, op);
      step.kernel_scratch_bytes = tfc_conv2d_s8_scratch_bytes(&g, path);
    } else if (op.kind == NodeKind::DepthwiseConv2D) {
      const tfc_depthwise_conv2d_op g = depthwiseConv2dGeometry(node, model_, op);
      step.kernel_scratch_bytes = step.execution == TinyforgeCExecution::InPlace
                                      ? tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&g, path)
                                      : tfc_depthwise_conv2d_s8_scratch_bytes(&g, path);
    } else if (op.kind == NodeKind::FullyConnected) {
      const tfc_fully_connected_op g = fullyConnectedGeometry(node, model_, op);
      step.kernel_scratch_bytes = tfc_fully_connected_s8_scratch_bytes(&g, path);
    }
    const TensorInfo* filter = input(1);
    if (filter && filter->type == DataType::Int4 &&
        (op.kind == NodeKind::Conv2D || op.kind == NodeKind::DepthwiseConv2D || op.kind == NodeKind::FullyConnected)) {
      int64_t elements = 1;
      for (int32_t d : filter->shape) elements *= d;
      step.unpack_bytes = alignUp(elements, options_.alignment_bytes);
    }
    const int64_t scratch = int64_t{step.unpack_bytes} + step.kernel_scratch_bytes;
    if (scratch > 0) {
      step.scratch_buffer = static_cast<int>(plan_.buffers.size());
      plan_.buffers.push_back({-1, i, alignUp(scratch, options_.alignment_bytes), 0, i + 1, i + 1});
      members_.push_back({});
    }
  }

  void place() {
    std::vector<PlannerBuffer> requests(plan_.buffers.size());
    for (size_t b = 0; b < plan_.buffers.size(); ++b)
      requests[b] = {plan_.buffers[b].size_bytes, plan_.buffers[b].first_used, plan_.buffers[b].last_used, -1};
    std::vector<int32_t> offsets(requests.size(), 0);
    try {
      if (options_.planner == MemoryPlanner::Best) {
        const OffsetPlan best = planBestOffsets(requests);
        offsets = best.offsets_bytes;
        plan_.arena_bytes = best.peak_bytes;
      } else {
        GreedyMemoryPlanner planner;
        plan_.arena_bytes = planner.plan(requests, offsets);
      }
    } catch (const ArenaOverflowError& error) {
      // A scratch buffer is named by its operator's output.
      const PlannedBuffer& largest = plan_.buffers[static_cast<size_t>(error.buffer)];
      const int t = largest.tensor >= 0 ? largest.tensor : model_.operators[static_cast<size_t>(largest.op)].outputs.at(0);
      throw std::invalid_argument("tensor '" + nameInMessage(model_.tensors[static_cast<size_t>(t)].name) + "'" +
                                  (largest.tensor >= 0 ? "" : " (its operator's scratch buffer)") + ": " + error.what());
    }
    for (size_t b = 0; b < plan_.buffers.size(); ++b) plan_.buffers[b].offset_bytes = offsets[b];
    plan_.tensor_offset_bytes.assign(model_.tensors.size(), -1);
    for (size_t t = 0; t < model_.tensors.size(); ++t) {
      const int b = plan_.buffer_of_tensor[t];
      if (b >= 0) plan_.tensor_offset_bytes[t] = offsets[static_cast<size_t>(b)];
    }
    for (TinyforgeCStep& step : plan_.steps) {
      if (step.execution != TinyforgeCExecution::InPlace) continue;
      const OperatorInfo& op = model_.operators[static_cast<size_t>(step.op)];
      const int in = op.inputs[static_cast<size_t>(step.inplace_input)];
      step.moves_output = plan_.tensor_offset_bytes[static_cast<size_t>(op.outputs[0])] !=
                          plan_.tensor_offset_bytes[static_cast<size_t>(in)];
    }
    plan_.live_bytes.assign(model_.operators.size(), 0);
    plan_.arena_end_bytes.assign(model_.operators.size(), 0);
    for (const PlannedBuffer& buffer : plan_.buffers) {
      for (int32_t scope = std::max(1, buffer.first_used); scope <= buffer.last_used && scope <= end_scope_; ++scope) {
        const auto i = static_cast<size_t>(scope - 1);
        plan_.live_bytes[i] += buffer.size_bytes;
        plan_.arena_end_bytes[i] = std::max<int64_t>(plan_.arena_end_bytes[i], int64_t{buffer.offset_bytes} + buffer.size_bytes);
      }
    }
    plan_.lower_bound_bytes = 0;
    for (int64_t live : plan_.live_bytes) plan_.lower_bound_bytes = std::max(plan_.lower_bound_bytes, live);
  }

  const ShapedGraph& graph_;
  const TensorModel& model_;
  const TinyforgeCPlanOptions& options_;
  const bool shrink_;
  const int32_t end_scope_;
  bool shrank_any_ = false;
  TinyforgeCPlan plan_;
  std::vector<std::vector<int>> members_;  // tensors of each buffer (empty for scratch)
};

}  // namespace

TinyforgeCPlan planTinyforgeC(const ShapedGraph& graph, const TensorModel& model, const TinyforgeCPlanOptions& options) {
  using Shrink = TinyforgeCPlanOptions::Shrink;
  if (options.shrink == Shrink::Never) return Planner(graph, model, options, false).run();
  Planner shrinking(graph, model, options, true);
  TinyforgeCPlan shrunk = shrinking.run();
  if (options.shrink == Shrink::Always || !shrinking.shrankAny()) return shrunk;
  // Heuristic planners are not monotone in lifetimes: keep whichever arena is smaller, and
  // on a tie the plan without moves.
  TinyforgeCPlan whole = Planner(graph, model, options, false).run();
  return shrunk.arena_bytes < whole.arena_bytes ? std::move(shrunk) : std::move(whole);
}

std::vector<bool> tinyforgeCAliasedOps(const TinyforgeCPlan& plan) {
  std::vector<bool> aliased(plan.steps.size(), false);
  for (const TinyforgeCStep& step : plan.steps)
    aliased[static_cast<size_t>(step.op)] = step.execution == TinyforgeCExecution::Alias;
  return aliased;
}

std::vector<bool> tinyforgeCMovedOutputs(const TinyforgeCPlan& plan) {
  std::vector<bool> moved(plan.steps.size(), false);
  for (const TinyforgeCStep& step : plan.steps) moved[static_cast<size_t>(step.op)] = step.moves_output;
  return moved;
}

}  // namespace tinyforge
