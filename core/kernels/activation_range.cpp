#include "core/kernels/activation_range.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

namespace {
// TFLM's kernel_util.cc Quantize(): the division and the rounding are in float.
int32_t quantizeBound(float scale, int32_t zero_point, float bound) {
  const float q = std::round(bound / scale);
  if (!(q >= -2147483648.0f && q <= 2147483520.0f)) {
    throw KernelError("activation range: bound " + std::to_string(bound) + " overflows int32 at scale " +
                      std::to_string(scale));
  }
  return zero_point + static_cast<int32_t>(q);
}
}  // namespace

ActivationRange activationRangeInt8(FusedActivation activation, float output_scale,
                                    int32_t output_zero_point) {
  if (!(output_scale > 0.0f) || !std::isfinite(output_scale)) {
    throw KernelError("activation range: output scale " + std::to_string(output_scale) + " is not positive");
  }
  constexpr int32_t kQmin = -128;
  constexpr int32_t kQmax = 127;
  ActivationRange range{kQmin, kQmax};
  switch (activation) {
    case FusedActivation::None:
      break;
    case FusedActivation::Relu:
      range.min = std::max(kQmin, quantizeBound(output_scale, output_zero_point, 0.0f));
      break;
    case FusedActivation::Relu6:
      range.min = std::max(kQmin, quantizeBound(output_scale, output_zero_point, 0.0f));
      range.max = std::min(kQmax, quantizeBound(output_scale, output_zero_point, 6.0f));
      break;
    case FusedActivation::ReluN1To1:
      range.min = std::max(kQmin, quantizeBound(output_scale, output_zero_point, -1.0f));
      range.max = std::min(kQmax, quantizeBound(output_scale, output_zero_point, 1.0f));
      break;
  }
  return range;
}

}  // namespace tinyforge::kernels
