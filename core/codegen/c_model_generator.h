#pragma once
// TinyForge's generated C runtime (`tinyforge-c`): an int8 model written as portable C99
// that calls the C kernel library (core/ckernels) in a straight line.
//
//   model.h       the model's interface: input/output tensors (pointers into the arena,
//                 shapes, quantization, sizes) and tfc_model_invoke()
//   model.c       one static arena with the planned offsets (core/runtime/tinyforge_c_plan.h),
//                 one const descriptor per operator, tfc_model_invoke()
//   model_data.c  the weights and every parameter TFLM computes in Prepare (per-channel
//                 multipliers and shifts, biases; offsets, activation ranges, padding and
//                 pool windows sit in the descriptors) as aligned const arrays
// No malloc, no float on int8 paths, nothing from libc beyond memcpy/memset. Every
// parameter comes from the same preparation the interpreter runs (kernel_call.h), so the
// generated code computes the interpreter's bytes.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/patch_plan.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

// An operator, data type or geometry the C runtime lacks; the message names the layer.
class CodegenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GeneratedFile {
  std::string name;  // "model.h", "model.c", "model_data.c"
  std::string contents;
};

struct CModelOptions {
  std::string model_name = "model";  // for comments
  bool dsp = true;                    // the target core has the DSP extension (plans its scratch)
  bool x86 = false;                   // compiled for an x86-64 host: the x86 paths' scratch (dsp ignored)
  // Patch-based inference (core/runtime/patch_plan.h): operators up to the split point run
  // patch by patch; nullopt: every operator runs once on whole tensors.
  std::optional<PatchChoice> patches;
  // The arena's offsets: TFLM's greedy rule, or the best offset planner (never larger; the
  // estimate with --planner best is then the arena the code declares).
  MemoryPlanner planner = MemoryPlanner::Greedy;
};

struct GeneratedModel {
  std::vector<GeneratedFile> files;
  TinyforgeCPlan plan;
  std::optional<PatchPlan> patch_plan;  // with CModelOptions::patches
  int64_t model_data_bytes = 0;  // const data the files define (weights, parameters, descriptors, tables)
};

// Throws CodegenError naming the layer for anything the runtime cannot run (a graph
// without weights or quantization, an unsupported operator or type, a patch choice
// planPatches refuses).
GeneratedModel generateCModel(const ShapedGraph& graph, const TensorModel& model, const CModelOptions& options);

}  // namespace tinyforge
