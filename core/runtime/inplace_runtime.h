#pragma once
// TinyEngine-style code generation (mit-han-lab/tinyengine, code_generator/
// GeneralMemoryScheduler.py, allocator/firstFit.py): no interpreter, one static buffer.
//  - Tensors are rectangles (lifetime x bytes), sorted by size and placed first-fit at
//    the lowest address free over their lifetime (our GreedyMemoryPlanner, no alignment).
//  - In-place depthwise: an int8 DEPTHWISE_CONV_2D whose input dies at it writes its
//    output over its input (one buffer of max(in, out) bytes); a RESHAPE likewise
//    aliases its input (TinyEngine emits no copy).
//  - Peak = plan + the largest im2col/temp buffer (sbuf) + the largest kernel buffer
//    (kbuf) of any op, as TinyEngine's scheduler adds them:
//      depthwise in place: 2*(H+2p)*(W+2p) (one padded channel plane of q15),
//      depthwise otherwise: 2*kh*kw*cin; conv: 2*2*kh*kw*cin; kbuf: 2*weights when k > 1x1.
//  - Flash = weights + biases + per-channel scales (float) + generated code (estimate).

#include <vector>

#include "core/runtime/greedy_memory_planner.h"
#include "core/runtime/runtime_model.h"

namespace tinyforge {

class InplaceRuntime : public RuntimeModel {
 public:
  const char* name() const override { return "inplace"; }
  void estimate(const RuntimeInput& input, RuntimeEstimate& out) override;

 private:
  std::vector<int> buffer_of_;     // tensor -> buffer index (-1 = none)
  std::vector<PlannerBuffer> buffers_;
  std::vector<int> owner_;
  std::vector<int32_t> offsets_;
  std::vector<int64_t> live_;
  GreedyMemoryPlanner planner_;
};

}  // namespace tinyforge
