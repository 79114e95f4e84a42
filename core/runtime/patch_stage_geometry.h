#pragma once
// The patched stage of patch-based inference (patch_plan.h): its operators with the
// geometry that decides which input region an output region reads, checked to be runnable
// in patches. Internal to the patch planner and the code generator.

#include <cstdint>
#include <vector>

#include "core/ckernels/tfc_conv2d.h"
#include "core/ckernels/tfc_depthwise_conv2d.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

struct PatchOpRun;

struct PatchStageOp {
  // Window: Conv2D, DepthwiseConv2D, AveragePool2D, MaxPool2D (a sliding window);
  // Pad: spatial zero-point padding; Elementwise: Add of equal shapes.
  enum class Kind { Window, Pad, Elementwise } kind = Kind::Window;
  NodeKind node_kind = NodeKind::Conv2D;
  int op = -1;
  std::vector<int> inputs;  // activation operands, in order
  int output = -1;
  int32_t in_h = 0, in_w = 0, out_h = 0, out_w = 0;
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, taps_h = 1, taps_w = 1;
  int32_t pad_h = 0, pad_w = 0;  // Window: top / left padding (TFLM's); Pad: padding before
  int64_t macs_per_pixel = 0;    // per output position (all channels), the cost model's convention
  tfc_conv2d_op conv{};          // Conv2D geometry (pointers unset), for the scratch formula
  tfc_depthwise_conv2d_op depthwise{};
};

struct PatchStage {
  std::vector<PatchStageOp> ops;  // operators 0..split, in execution order
  std::vector<int> inputs;        // activation tensors read by the stage, produced before it (model inputs)
  int output = -1;                // the split operator's output
};

// Throws PatchError (patch_plan.h) naming the layer that cannot run in patches and why.
PatchStage describePatchStage(const ShapedGraph& graph, const TensorModel& model, int split_op);

// The kernel's scratch on the slice `run` describes, on the target's path.
int32_t patchStageScratchBytes(const PatchStageOp& op, const PatchOpRun& run, const TinyforgeCPlanOptions& options);

}  // namespace tinyforge
