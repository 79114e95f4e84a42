#include "core/runtime/patch_plan.h"

#include <algorithm>

#include "core/cost/layer_cost.h"
#include "core/runtime/greedy_memory_planner.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/patch_stage_geometry.h"
#include "core/runtime/tinyforge_c_data.h"

namespace tinyforge {
namespace {

int32_t align4(int64_t bytes) { return static_cast<int32_t>((bytes + 3) / 4 * 4); }

PatchRect unite(const PatchRect& a, const PatchRect& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return {std::min(a.y0, b.y0), std::max(a.y1, b.y1), std::min(a.x0, b.x0), std::max(a.x1, b.x1)};
}

// Places buffers with the project's planner; returns the arena bytes.
int64_t placeBuffers(const std::vector<PlannerBuffer>& requests, MemoryPlanner planner, std::vector<int32_t>& offsets) {
  offsets.assign(requests.size(), 0);
  if (requests.empty()) return 0;
  if (planner == MemoryPlanner::Best) {
    const OffsetPlan best = planBestOffsets(requests);
    offsets = best.offsets_bytes;
    return best.peak_bytes;
  }
  GreedyMemoryPlanner greedy;
  return greedy.plan(requests, offsets);
}

class PatchPlanner {
 public:
  PatchPlanner(const ShapedGraph& graph, const TensorModel& model, const PatchChoice& choice,
               const TinyforgeCPlanOptions& options, const TinyforgeCPlan* base)
      : graph_(graph), model_(model), choice_(choice), options_(options), base_(base) {}

  PatchPlan run() {
    plan_.choice = choice_;
    const int ops = static_cast<int>(model_.operators.size());
    const int s = choice_.split_op;
    if (s < 0 || s >= ops)
      throw PatchError("split point: operator " + std::to_string(s) + " does not exist (the model has " +
                       std::to_string(ops) + ")");
    stage_ = describePatchStage(graph_, model_, s);  // throws PatchError for layers that cannot be patched
    plan_.split_layer = layerName(s);
    plan_.stage_output = stage_.output;
    plan_.stage_inputs = stage_.inputs;
    checkGrid();
    for (int32_t r = 0; r < choice_.rows; ++r)
      for (int32_t c = 0; c < choice_.cols; ++c) plan_.patches.push_back(runPatch(r, c));
    planPatchArena();
    planArena();
    countMacs();
    return std::move(plan_);
  }

 private:
  const TensorInfo& tensor(int t) const { return model_.tensors[static_cast<size_t>(t)]; }
  std::string layerName(int op) const { return graph_.node(model_.operators[static_cast<size_t>(op)].layer).name; }

  void checkGrid() const {
    const TensorInfo& out = tensor(stage_.output);
    const int32_t h = out.shape[1], w = out.shape[2];
    const std::string where = "patch grid " + std::to_string(choice_.rows) + "x" + std::to_string(choice_.cols) +
                              " at layer '" + layerName(choice_.split_op) + "'";
    if (choice_.rows < 1 || choice_.cols < 1) throw PatchError(where + ": rows and columns must be at least 1");
    if (choice_.rows > h || choice_.cols > w)
      throw PatchError(where + ": its output is only " + std::to_string(h) + "x" + std::to_string(w) +
                       " (rows x columns), a patch needs at least one row and one column");
  }

  PatchRun runPatch(int32_t r, int32_t c) const {
    const TensorInfo& out = tensor(stage_.output);
    const int32_t h = out.shape[1], w = out.shape[2];
    PatchRun run;
    // Rows and columns split as evenly as integers allow.
    run.out = {r * h / choice_.rows, (r + 1) * h / choice_.rows, c * w / choice_.cols, (c + 1) * w / choice_.cols};
    run.region.assign(model_.tensors.size(), PatchRect{});
    run.ops.resize(stage_.ops.size());
    run.region[static_cast<size_t>(stage_.output)] = run.out;
    for (int k = static_cast<int>(stage_.ops.size()) - 1; k >= 0; --k) {
      const PatchStageOp& g = stage_.ops[static_cast<size_t>(k)];
      PatchOpRun& op = run.ops[static_cast<size_t>(k)];
      op.out = run.region[static_cast<size_t>(g.output)];
      if (op.out.empty())
        throw PatchError("layer '" + layerName(k) + "' does not lead to the split layer '" + layerName(choice_.split_op) +
                         "': it cannot run in patches");
      readsOf(g, op);
      for (size_t j = 0; j < g.inputs.size(); ++j) {
        PatchRect& region = run.region[static_cast<size_t>(g.inputs[j])];
        region = unite(region, op.reads[j]);
      }
      op.macs = g.macs_per_pixel * op.out.h() * op.out.w();
      op.scratch_bytes = patchStageScratchBytes(g, op, options_);
    }
    return run;
  }

  // The input region an output region reads, and the local padding.
  static void readsOf(const PatchStageOp& g, PatchOpRun& op) {
    op.reads.clear();
    if (g.kind == PatchStageOp::Kind::Window) {
      auto axis = [](int32_t o0, int32_t o1, int32_t stride, int32_t pad, int32_t taps, int32_t dilation, int32_t size,
                     int32_t& i0, int32_t& i1, int32_t& local_pad) {
        const int32_t first = o0 * stride - pad;
        const int32_t last = (o1 - 1) * stride - pad + (taps - 1) * dilation;  // inclusive
        i0 = std::clamp(first, 0, size);
        i1 = std::clamp(last + 1, i0, size);
        local_pad = i0 - first;  // >= 0: rows before the slice are the image's own padding
      };
      PatchRect in;
      axis(op.out.y0, op.out.y1, g.stride_h, g.pad_h, g.taps_h, g.dilation_h, g.in_h, in.y0, in.y1, op.pad_h);
      axis(op.out.x0, op.out.x1, g.stride_w, g.pad_w, g.taps_w, g.dilation_w, g.in_w, in.x0, in.x1, op.pad_w);
      op.reads.push_back(in);
    } else if (g.kind == PatchStageOp::Kind::Pad) {
      PatchRect in;
      in.y0 = std::clamp(op.out.y0 - g.pad_h, 0, g.in_h);
      in.y1 = std::clamp(op.out.y1 - g.pad_h, in.y0, g.in_h);
      in.x0 = std::clamp(op.out.x0 - g.pad_w, 0, g.in_w);
      in.x1 = std::clamp(op.out.x1 - g.pad_w, in.x0, g.in_w);
      op.pad_h = in.y0 + g.pad_h - op.out.y0;
      op.pad_w = in.x0 + g.pad_w - op.out.x0;
      op.pad_after_h = op.out.h() - op.pad_h - in.h();
      op.pad_after_w = op.out.w() - op.pad_w - in.w();
      op.reads.push_back(in);
    } else {  // elementwise
      for (size_t j = 0; j < g.inputs.size(); ++j) op.reads.push_back(op.out);
    }
  }

  int addBuffer(PatchBuffer buffer) {
    plan_.patch_buffers.push_back(buffer);
    return static_cast<int>(plan_.patch_buffers.size()) - 1;
  }

  // The working set of one patch: the slices of the stage's inner tensors, the regions cut
  // for a reader that needs less than the slice (always for the stage inputs: cut from the
  // whole tensor), the kernels' scratch; each the largest over the patches.
  void planPatchArena() {
    const size_t n = stage_.ops.size();
    plan_.slice_buffer.assign(model_.tensors.size(), -1);
    plan_.cut_buffer.assign(n, {});
    plan_.scratch_buffer.assign(n, -1);
    for (size_t k = 0; k < n; ++k) {
      const PatchStageOp& g = stage_.ops[k];
      const int32_t channels = tensor(g.output).shape[3];
      int64_t bytes = 0;
      for (const PatchRun& p : plan_.patches) bytes = std::max<int64_t>(bytes, int64_t{p.ops[k].out.h()} * p.ops[k].out.w() * channels);
      int32_t last = static_cast<int32_t>(k) + 1;
      for (int consumer : tensor(g.output).consumers)
        if (consumer <= choice_.split_op) last = std::max(last, consumer + 1);
      plan_.slice_buffer[static_cast<size_t>(g.output)] =
          addBuffer({PatchBuffer::Kind::Slice, g.output, -1, -1, align4(bytes), 0, static_cast<int32_t>(k) + 1, last});
    }
    for (size_t k = 0; k < n; ++k) {
      const PatchStageOp& g = stage_.ops[k];
      plan_.cut_buffer[k].assign(g.inputs.size(), -1);
      for (size_t j = 0; j < g.inputs.size(); ++j) {
        const int t = g.inputs[j];
        const bool outside = tensor(t).producer < 0;
        bool cut = outside;
        int64_t bytes = 0;
        for (const PatchRun& p : plan_.patches) {
          const PatchRect& read = p.ops[k].reads[j];
          if (!(read == p.region[static_cast<size_t>(t)])) cut = true;
          bytes = std::max<int64_t>(bytes, int64_t{read.h()} * read.w() * tensor(t).shape[3]);
        }
        if (cut)
          plan_.cut_buffer[k][j] = addBuffer({PatchBuffer::Kind::Cut, t, static_cast<int>(k), static_cast<int>(j),
                                              align4(bytes), 0, static_cast<int32_t>(k) + 1, static_cast<int32_t>(k) + 1});
      }
      int32_t scratch = 0;
      for (const PatchRun& p : plan_.patches) scratch = std::max(scratch, p.ops[k].scratch_bytes);
      if (scratch > 0)
        plan_.scratch_buffer[k] = addBuffer({PatchBuffer::Kind::Scratch, -1, static_cast<int>(k), -1, align4(scratch), 0,
                                             static_cast<int32_t>(k) + 1, static_cast<int32_t>(k) + 1});
    }
    std::vector<PlannerBuffer> requests;
    for (const PatchBuffer& b : plan_.patch_buffers) requests.push_back({b.size_bytes, b.first_used, b.last_used, -1});
    std::vector<int32_t> offsets;
    plan_.patch_arena_bytes = placeBuffers(requests, options_.planner, offsets);
    for (size_t b = 0; b < offsets.size(); ++b) plan_.patch_buffers[b].offset_bytes = offsets[b];
  }

  // TFLM's scopes, as tinyforge_c_plan.h: inputs at 0, operator i at i + 1, outputs to the end.
  int32_t lastUse(int t) const {
    const TensorInfo& info = tensor(t);
    int32_t last = info.producer >= 0 ? info.producer + 1 : 0;
    for (int c : info.consumers) last = std::max(last, c + 1);
    for (int o : model_.outputs)
      if (o == t) last = static_cast<int32_t>(model_.operators.size());
    return last;
  }

  // The whole arena: the unpatched plan's buffers, less the stage's inner tensors and
  // scratch, plus the patch arena alive during the stage.
  void planArena() {
    TinyforgeCPlan base = base_ ? *base_ : planTinyforgeC(graph_, model_, options_);
    plan_.unpatched_arena_bytes = base.arena_bytes;
    const int s = choice_.split_op;
    auto inner = [&](int t) { return tensor(t).producer >= 0 && tensor(t).producer <= s && t != stage_.output; };
    auto stageInput = [&](int t) { return std::find(stage_.inputs.begin(), stage_.inputs.end(), t) != stage_.inputs.end(); };
    TinyforgeCPlan& plan = plan_.plan;
    plan.steps = base.steps;
    plan.buffer_of_tensor.assign(model_.tensors.size(), -1);
    std::vector<std::vector<int>> members(base.buffers.size());
    for (size_t t = 0; t < model_.tensors.size(); ++t)
      if (base.buffer_of_tensor[t] >= 0) members[static_cast<size_t>(base.buffer_of_tensor[t])].push_back(static_cast<int>(t));
    std::vector<int> new_index_of_scratch(base.buffers.size(), -1);
    for (size_t b = 0; b < base.buffers.size(); ++b) {
      const PlannedBuffer& old = base.buffers[b];
      if (old.tensor < 0) {  // scratch: the stage's own is in the patch arena
        if (old.op > s) {
          new_index_of_scratch[b] = static_cast<int>(plan.buffers.size());
          plan.buffers.push_back(old);
        }
        continue;
      }
      // A stage input never shares a buffer with what the stage writes: patches read it
      // while others are written.
      for (int part = 0; part < 2; ++part) {
        PlannedBuffer buffer{-1, -1, 0, 0, INT32_MAX, 0};
        for (int t : members[b]) {
          if (inner(t) || stageInput(t) != (part == 0)) continue;
          if (buffer.tensor < 0) buffer.tensor = t;
          buffer.size_bytes = std::max(buffer.size_bytes, align4(tensor(t).bytes));
          const int32_t first = t == stage_.output ? 1 : tensor(t).producer >= 0 ? tensor(t).producer + 1 : 0;
          buffer.first_used = std::min(buffer.first_used, first);
          buffer.last_used = std::max(buffer.last_used, lastUse(t));
        }
        if (buffer.tensor < 0) continue;
        const int index = static_cast<int>(plan.buffers.size());
        plan.buffers.push_back(buffer);
        for (int t : members[b])
          if (!inner(t) && stageInput(t) == (part == 0)) plan.buffer_of_tensor[static_cast<size_t>(t)] = index;
      }
    }
    for (TinyforgeCStep& step : plan.steps) {
      if (step.op <= s) {
        step.scratch_buffer = -1;
        step.execution = TinyforgeCExecution::Kernel;
        step.moves_output = false;
      } else if (step.scratch_buffer >= 0) {
        step.scratch_buffer = new_index_of_scratch[static_cast<size_t>(step.scratch_buffer)];
      }
    }
    const int patch_arena = static_cast<int>(plan.buffers.size());
    plan.buffers.push_back({-1, -1, align4(plan_.patch_arena_bytes), 0, 1, s + 1});

    std::vector<PlannerBuffer> requests;
    for (const PlannedBuffer& b : plan.buffers) requests.push_back({b.size_bytes, b.first_used, b.last_used, -1});
    std::vector<int32_t> offsets;
    plan.arena_bytes = placeBuffers(requests, options_.planner, offsets);
    for (size_t b = 0; b < offsets.size(); ++b) plan.buffers[b].offset_bytes = offsets[b];
    plan_.patch_arena_offset_bytes = offsets[static_cast<size_t>(patch_arena)];
    plan.tensor_offset_bytes.assign(model_.tensors.size(), -1);
    for (size_t t = 0; t < model_.tensors.size(); ++t)
      if (plan.buffer_of_tensor[t] >= 0) plan.tensor_offset_bytes[t] = offsets[static_cast<size_t>(plan.buffer_of_tensor[t])];
    // An in-place operator whose output has a buffer of its own (a shrunk stride-2 depthwise,
    // tinyforge_c_plan.h) moves its output when this placement puts it elsewhere.
    for (TinyforgeCStep& step : plan.steps) {
      if (step.op <= s || step.execution != TinyforgeCExecution::InPlace) continue;
      const OperatorInfo& op = model_.operators[static_cast<size_t>(step.op)];
      const int in = op.inputs[static_cast<size_t>(step.inplace_input)];
      step.moves_output = plan.tensor_offset_bytes[static_cast<size_t>(op.outputs[0])] !=
                          plan.tensor_offset_bytes[static_cast<size_t>(in)];
    }
    const int32_t end_scope = static_cast<int32_t>(model_.operators.size());
    plan.live_bytes.assign(model_.operators.size(), 0);
    plan.arena_end_bytes.assign(model_.operators.size(), 0);
    for (const PlannedBuffer& b : plan.buffers)
      for (int32_t scope = std::max(1, b.first_used); scope <= b.last_used && scope <= end_scope; ++scope) {
        const auto i = static_cast<size_t>(scope - 1);
        plan.live_bytes[i] += b.size_bytes;
        plan.arena_end_bytes[i] = std::max<int64_t>(plan.arena_end_bytes[i], int64_t{b.offset_bytes} + b.size_bytes);
      }
    plan.lower_bound_bytes = 0;
    plan_.stage_peak_bytes = plan_.rest_peak_bytes = 0;
    for (size_t i = 0; i < plan.live_bytes.size(); ++i) {
      plan.lower_bound_bytes = std::max(plan.lower_bound_bytes, plan.live_bytes[i]);
      int64_t& peak = static_cast<int>(i) <= s ? plan_.stage_peak_bytes : plan_.rest_peak_bytes;
      peak = std::max(peak, plan.live_bytes[i]);
    }
  }

  void countMacs() {
    const std::vector<LayerCost> costs = layerCosts(graph_);
    plan_.model_macs = 0;
    for (const OperatorInfo& op : model_.operators) plan_.model_macs += costs[static_cast<size_t>(op.layer)].macs;
    plan_.stage_macs = plan_.patched_stage_macs = 0;
    for (const PatchStageOp& g : stage_.ops) plan_.stage_macs += g.macs_per_pixel * g.out_h * g.out_w;
    for (const PatchRun& p : plan_.patches)
      for (const PatchOpRun& op : p.ops) plan_.patched_stage_macs += op.macs;
  }

  const ShapedGraph& graph_;
  const TensorModel& model_;
  const PatchChoice choice_;
  const TinyforgeCPlanOptions& options_;
  const TinyforgeCPlan* base_;
  PatchStage stage_;
  PatchPlan plan_;
};

}  // namespace

PatchPlan planPatches(const ShapedGraph& graph, const TensorModel& model, const PatchChoice& choice,
                      const TinyforgeCPlanOptions& options) {
  return PatchPlanner(graph, model, choice, options, nullptr).run();
}

int64_t patchTableBytes(const PatchPlan& plan, const TensorModel& model) {
  constexpr int64_t kCopyRectBytes = 24;
  const auto patches = static_cast<int64_t>(plan.patches.size());
  int64_t bytes = kCopyRectBytes * patches;  // the copy into the stage output
  for (size_t k = 0; k < plan.cut_buffer.size(); ++k) {
    bytes += (patches - 1) * tinyforgeCDescriptorBytes(model.operators[k].kind);
    for (int cut : plan.cut_buffer[k])
      if (cut >= 0) bytes += kCopyRectBytes * patches;
  }
  return bytes;
}

int patchSplitOperator(const ShapedGraph& graph, const TensorModel& model, const std::string& layer) {
  for (size_t i = 0; i < model.operators.size(); ++i)
    if (graph.node(model.operators[i].layer).name == layer) return static_cast<int>(i);
  throw PatchError("split point: the model has no layer '" + layer + "'");
}

std::vector<PatchPlan> patchCandidates(const ShapedGraph& graph, const TensorModel& model,
                                       const TinyforgeCPlanOptions& options) {
  const TinyforgeCPlan base = planTinyforgeC(graph, model, options);
  std::vector<PatchPlan> plans;
  for (size_t s = 0; s < model.operators.size(); ++s) {
    PatchStage stage;
    try {
      stage = describePatchStage(graph, model, static_cast<int>(s));
    } catch (const PatchError&) {
      continue;  // this split point cannot run in patches
    }
    const TensorInfo& out = model.tensors[static_cast<size_t>(stage.output)];
    for (int32_t rows = 1; rows <= std::min(8, out.shape[1]); ++rows)
      for (int32_t cols = 1; cols <= std::min(8, out.shape[2]); ++cols) {
        if (rows == 1 && cols == 1) continue;
        try {
          plans.push_back(PatchPlanner(graph, model, {static_cast<int>(s), rows, cols}, options, &base).run());
        } catch (const PatchError&) {
        }
      }
  }
  return plans;
}

std::optional<PatchPlan> autoPatches(const ShapedGraph& graph, const TensorModel& model, double max_extra_macs_percent,
                                     const TinyforgeCPlanOptions& options) {
  const TinyforgeCPlan base = planTinyforgeC(graph, model, options);
  std::optional<PatchPlan> best;
  for (size_t s = 0; s < model.operators.size(); ++s) {
    PatchStage stage;
    try {
      stage = describePatchStage(graph, model, static_cast<int>(s));
    } catch (const PatchError&) {
      continue;
    }
    // No grid at this split point goes below what stays live whatever the grid: the stage's
    // input and output tensors during the stage, the rest of the network after it (known
    // from the first grid planned). The arena is at least the live bytes of every step.
    int64_t floor_bytes = align4(model.tensors[static_cast<size_t>(stage.output)].bytes);
    for (int t : stage.inputs) floor_bytes += align4(model.tensors[static_cast<size_t>(t)].bytes);
    bool rest_known = false;
    const TensorInfo& out = model.tensors[static_cast<size_t>(stage.output)];
    for (int32_t rows = 1; rows <= std::min(8, out.shape[1]); ++rows)
      for (int32_t cols = 1; cols <= std::min(8, out.shape[2]); ++cols) {
        if (rows == 1 && cols == 1) continue;
        const int64_t target = best ? best->peak_bytes() : base.arena_bytes;
        if (floor_bytes > target || (floor_bytes == target && !best)) break;
        PatchPlan plan;
        try {
          plan = PatchPlanner(graph, model, {static_cast<int>(s), rows, cols}, options, &base).run();
        } catch (const PatchError&) {
          continue;
        }
        if (!rest_known) {
          floor_bytes = std::max(floor_bytes, plan.rest_peak_bytes);
          rest_known = true;
        }
        if (plan.extra_macs_percent() > max_extra_macs_percent) continue;
        if (plan.peak_bytes() >= plan.unpatched_arena_bytes) continue;
        if (!best || plan.peak_bytes() < best->peak_bytes() ||
            (plan.peak_bytes() == best->peak_bytes() && plan.extra_macs() < best->extra_macs()))
          best = std::move(plan);
      }
  }
  return best;
}

}  // namespace tinyforge
