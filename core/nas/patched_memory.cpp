#include "core/nas/patched_memory.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/model/tensor_model.h"
#include "core/nas/search_space.h"
#include "core/runtime/patch_plan.h"

namespace tinyforge {
namespace {

// The largest slice of tensor `t` over the patches, as a fraction of its height x width;
// nullopt when no patch holds a slice of it (outside the stage).
std::optional<double> sliceFraction(const PatchPlan& plan, const TensorInfo& tensor, int t) {
  if (tensor.shape.size() != 4) return std::nullopt;
  const double area = static_cast<double>(tensor.shape[1]) * static_cast<double>(tensor.shape[2]);
  double largest = 0;
  bool held = false;
  for (const PatchRun& patch : plan.patches) {
    const PatchRect& r = patch.region[static_cast<size_t>(t)];
    if (r.empty()) continue;
    held = true;
    largest = std::max(largest, static_cast<double>(r.h()) * static_cast<double>(r.w()) / area);
  }
  if (!held) return std::nullopt;
  return largest;
}

PatchedMemory fromPlan(const SearchSpace& space, const ShapedGraph& largest, const TensorModel& model,
                       const PatchPlan& plan_on_largest) {
  const PatchPlan* plan = &plan_on_largest;

  // Each layer's output tensor (the last one its operators write; a graph input's own).
  std::map<std::string, int> tensor_of_layer;
  for (int t : model.inputs) {
    const int layer = model.tensors[static_cast<size_t>(t)].layer;
    if (layer >= 0) tensor_of_layer[largest.node(layer).name] = t;
  }
  for (const OperatorInfo& op : model.operators)
    for (int t : op.outputs)
      if (t >= 0) tensor_of_layer[largest.node(op.layer).name] = t;

  const auto& ops = space.ops();
  PatchedMemory result;
  result.split_layer = plan->split_layer;
  result.rows = plan->choice.rows;
  result.cols = plan->choice.cols;
  result.extra_macs_percent = plan->extra_macs_percent();
  // The tensor each op's output is in the largest architecture: a layer's own; a skippable
  // block's merge is its last layer's output there (no block is skipped).
  std::vector<int> tensor_of_op(ops.size(), -1);
  for (size_t i = 0; i < ops.size(); ++i) {
    const SpaceOp& op = ops[i];
    if (op.kind == SpaceOp::Kind::SkipMerge) {
      tensor_of_op[i] = tensor_of_op[static_cast<size_t>(op.inputs.at(1))];
      continue;
    }
    const auto found = tensor_of_layer.find(space.maxGraph().node(op.layer).name);
    if (found != tensor_of_layer.end()) tensor_of_op[i] = found->second;
  }
  auto fractionOf = [&](int op) -> std::optional<double> {
    const int t = tensor_of_op[static_cast<size_t>(op)];
    if (t < 0) return std::nullopt;
    return sliceFraction(*plan, model.tensors[static_cast<size_t>(t)], t);
  };

  result.in_stage.assign(ops.size(), false);
  result.out_fraction.assign(ops.size(), 1.0);
  result.in_fractions.resize(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    const SpaceOp& op = ops[i];
    const int t = tensor_of_op[i];
    // A block's merge comes after its last layer and shares its tensor: where the split is
    // a skippable block's end, the stage output is the merge (block output or bypass).
    if (t >= 0 && t == plan->stage_output) result.stage_output_op = static_cast<int>(i);
    if (t >= 0 && std::find(plan->stage_inputs.begin(), plan->stage_inputs.end(), t) != plan->stage_inputs.end())
      result.stage_input_ops.push_back(static_cast<int>(i));
    result.in_fractions[i].assign(op.inputs.size(), 1.0);
    const bool is_input = op.kind == SpaceOp::Kind::Layer && space.maxGraph().node(op.layer).kind == NodeKind::Input;
    const std::optional<double> out = fractionOf(static_cast<int>(i));
    if (is_input || !out) continue;
    result.in_stage[i] = true;
    result.out_fraction[i] = *out;
    for (size_t k = 0; k < op.inputs.size(); ++k)
      result.in_fractions[i][k] = fractionOf(op.inputs[k]).value_or(1.0);
  }
  if (result.stage_output_op < 0) throw std::logic_error("patched memory: the split layer '" + plan->split_layer +
                                                         "' is no operator of the search space");
  return result;
}

}  // namespace

std::optional<PatchedMemory> patchedMemoryOf(const SearchSpace& space, double max_extra_macs_percent) {
  const ShapedGraph largest = inferShapes(space.derive(space.largest()));
  const TensorModel model = lower(largest);
  const std::optional<PatchPlan> plan = autoPatches(largest, model, max_extra_macs_percent);
  if (!plan) return std::nullopt;
  return fromPlan(space, largest, model, *plan);
}

PatchedMemory patchedMemoryOf(const SearchSpace& space, const PatchChoice& choice) {
  const ShapedGraph largest = inferShapes(space.derive(space.largest()));
  const TensorModel model = lower(largest);
  return fromPlan(space, largest, model, planPatches(largest, model, choice));
}

}  // namespace tinyforge
