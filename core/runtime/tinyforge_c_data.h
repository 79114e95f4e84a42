#pragma once
// The constant data of TinyForge's generated C runtime (core/codegen) on a 32-bit core, in
// bytes, from the model's geometry alone: what the estimator reports as the model's Flash
// for `tinyforge-c` without generating or compiling anything. The generator emits exactly
// these objects (it checks its own total against this), and the firmware tests check them
// against the linked image's symbols.
//
// Per operator: its descriptor (the C kernels' struct on a 32-bit core), the filter (int8
// values, or int4 packed two per byte), the int32 bias, one {multiplier, shift} pair per
// output channel (per tensor for a per-tensor fully connected layer), and for a
// concatenation its input pointer and size arrays. Per model input and output: one entry of
// the model's tensor table. Every array is padded to a multiple of 4 bytes.

#include <cstdint>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

// sizeof on a 32-bit (ILP32) Arm core.
int64_t tinyforgeCDescriptorBytes(NodeKind kind);
inline constexpr int64_t kTinyforgeCTensorEntryBytes = 48;  // tfc_model_tensor in model.h

inline int64_t paddedTo4(int64_t bytes) { return (bytes + 3) / 4 * 4; }

struct TinyforgeCData {
  int64_t weights_bytes = 0;      // filters and biases
  int64_t parameters_bytes = 0;   // multipliers, descriptors, pointer tables, tensor tables
  int64_t total() const { return weights_bytes + parameters_bytes; }
  std::vector<int64_t> op_bytes;  // per operator: all of its constant data
};

// Operators the plan runs as aliases (RESHAPE) have no descriptor: `alias[i]` says which.
// An operator whose output the plan moves after an in-place kernel (`moved[i]`) has one more
// descriptor, the tfc_reshape_op of the move.
TinyforgeCData tinyforgeCData(const ShapedGraph& graph, const TensorModel& model, const std::vector<bool>& alias,
                              const std::vector<bool>& moved = {});

}  // namespace tinyforge
