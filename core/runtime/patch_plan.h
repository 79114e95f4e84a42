#pragma once
// Patch-based inference (MCUNetV2) for the generated C runtime (`tinyforge-c`): the first
// operators of the network, up to a split point, run on a grid of spatial patches of the
// split layer's output. Each patch computes, layer by layer backwards, the region of every
// tensor it needs (receptive field: stride, kernel, dilation, padding, clipped to the
// tensor; the overlap with neighbouring patches, the halo, is recomputed), runs the C
// kernels on those slices with local padding, and copies its part of the split layer's
// output into the whole stage-output tensor. Then the rest of the network runs layer by
// layer. Only one patch's activations are live at a time.
//
// Slices never carry negative padding: a layer's input slice is exactly the region its
// output region reads (pad_local = pad - out_begin * stride + in_begin >= 0), and where a
// tensor's slice is larger than one reader needs (a tensor read by a residual ADD and a
// convolution) the reader's region is first cut out into a temporary (tfc_copy_rect_s8).
//
// Everything here is decided from the model's geometry (no weights), like the plan of
// tinyforge_c_plan.h whose rules (aliases, in place, scratch, planner) the rest of the
// network keeps. All byte figures are the plan, a model of the arena; QEMU measures it.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

// A choice the user cannot have: the message names the layer and why.
class PatchError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct PatchChoice {
  int split_op = -1;  // operator index (execution order) of the last layer of the patched stage
  int32_t rows = 1;
  int32_t cols = 1;
  bool operator==(const PatchChoice&) const = default;
};

// Rows [y0, y1) and columns [x0, x1) of an NHWC tensor.
struct PatchRect {
  int32_t y0 = 0, y1 = 0, x0 = 0, x1 = 0;
  int32_t h() const { return y1 - y0; }
  int32_t w() const { return x1 - x0; }
  bool empty() const { return y1 <= y0 || x1 <= x0; }
  bool operator==(const PatchRect&) const = default;
};

// One stage operator inside one patch.
struct PatchOpRun {
  PatchRect out;                  // the region of its output it computes
  std::vector<PatchRect> reads;   // per activation operand (in order): the region it reads
  // Conv2D, DepthwiseConv2D, pools: local top/left padding. Pad: local padding before.
  int32_t pad_h = 0, pad_w = 0;
  int32_t pad_after_h = 0, pad_after_w = 0;  // Pad only
  int32_t scratch_bytes = 0;                 // the kernel's scratch on this slice
  int64_t macs = 0;                          // on this slice
};

struct PatchRun {
  PatchRect out;                          // the patch: a region of the split layer's output
  std::vector<PatchRect> region;          // per tensor: its slice in this patch (empty outside the stage)
  std::vector<PatchOpRun> ops;            // per stage operator 0..split_op
};

// A buffer in the patch arena (the working set of one patch, reused by every patch).
struct PatchBuffer {
  enum class Kind { Slice, Cut, Scratch } kind = Kind::Slice;
  int tensor = -1;    // Slice: the tensor whose slice it holds; Cut: the tensor cut from
  int op = -1;        // Cut and Scratch: the operator; Slice: -1
  int operand = -1;   // Cut: activation operand index of `op`
  int32_t size_bytes = 0;   // the largest over the patches, aligned
  int32_t offset_bytes = 0; // inside the patch arena
  int32_t first_used = 0, last_used = 0;  // stage operator k = scope k + 1
};

struct PatchPlan {
  PatchChoice choice;
  std::string split_layer;          // the split operator's layer name
  std::vector<int> stage_inputs;    // tensors the stage reads from outside (model inputs), copied in per patch
  int stage_output = -1;            // the split layer's output tensor
  std::vector<PatchRun> patches;    // row-major
  std::vector<PatchBuffer> patch_buffers;
  std::vector<int> slice_buffer;    // per tensor: index into patch_buffers, -1 if none
  std::vector<std::vector<int>> cut_buffer;  // per stage operator, per activation operand: index or -1
  std::vector<int> scratch_buffer;  // per stage operator: index or -1
  int64_t patch_arena_bytes = 0;

  // The whole arena: the rest of the network as tinyforge_c_plan.h plans it, the stage's
  // inner tensors replaced by one patch arena alive during the stage.
  TinyforgeCPlan plan;              // offsets of the tensors used outside the stage; steps of every operator
  int32_t patch_arena_offset_bytes = 0;
  int64_t unpatched_arena_bytes = 0;  // the same model without patches

  int64_t stage_peak_bytes = 0;     // live bytes during the stage: stage input(s) + stage output + patch arena
  int64_t rest_peak_bytes = 0;      // live bytes after the stage, layer by layer
  int64_t peak_bytes() const { return plan.arena_bytes; }  // the arena the generated code declares

  int64_t stage_macs = 0;           // the stage's layers computed once (unpatched)
  int64_t patched_stage_macs = 0;   // summed over the patches
  int64_t model_macs = 0;           // the whole network, unpatched
  int64_t extra_macs() const { return patched_stage_macs - stage_macs; }
  double extra_macs_percent() const { return model_macs > 0 ? 100.0 * static_cast<double>(extra_macs()) / static_cast<double>(model_macs) : 0.0; }
};

// Throws PatchError naming the layer and why for a split point that crosses a layer that
// cannot run in patches (global pooling, fully connected, reshape, softmax, anything not
// spatially local), a stage tensor read after the split point, or an impossible grid.
PatchPlan planPatches(const ShapedGraph& graph, const TensorModel& model, const PatchChoice& choice,
                      const TinyforgeCPlanOptions& options = {});

// Const bytes the patched stage adds to the generated model data beyond the one descriptor
// per operator tinyforge_c_data.h counts: a descriptor per patch per stage operator and the
// copy tables (cuts and the copy into the stage output, 24 B per patch each on 32-bit).
int64_t patchTableBytes(const PatchPlan& plan, const TensorModel& model);

// The operator index of a layer named `layer` (its name in the graph), or PatchError.
int patchSplitOperator(const ShapedGraph& graph, const TensorModel& model, const std::string& layer);

// Every choice worth showing: each split point that can run in patches, grids of 1..8 rows
// and columns (not 1x1) that its output allows. Sorted by split point, then rows, cols.
std::vector<PatchPlan> patchCandidates(const ShapedGraph& graph, const TensorModel& model,
                                       const TinyforgeCPlanOptions& options = {});

// `auto`: the smallest peak among the candidates whose extra MACs stay within
// `max_extra_macs_percent` of the model's MACs (ties: fewer extra MACs); nullopt when no
// candidate is below the unpatched arena.
std::optional<PatchPlan> autoPatches(const ShapedGraph& graph, const TensorModel& model,
                                     double max_extra_macs_percent = 20.0, const TinyforgeCPlanOptions& options = {});

}  // namespace tinyforge
