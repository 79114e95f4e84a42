#include "core/kernels/quantize_multiplier.h"

#include <cmath>
#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

QuantizedMultiplier quantizeMultiplier(double real_multiplier) {
  if (real_multiplier == 0.0) return {};
  if (!std::isfinite(real_multiplier)) {
    throw KernelError("quantizeMultiplier: the real multiplier is not finite (" +
                      std::to_string(real_multiplier) + "); a scale is zero or missing");
  }
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  // std::round rounds half away from zero, as TfLiteRound.
  auto q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++shift;
  }
  if (shift < -31) {
    shift = 0;
    q_fixed = 0;
  }
  return {static_cast<int32_t>(q_fixed), shift};
}

QuantizedMultiplier quantizeMultiplierSmallerThanOneExp(double real_multiplier) {
  if (!(real_multiplier > 0.0 && real_multiplier < 1.0)) {
    throw KernelError("quantizeMultiplierSmallerThanOneExp: multiplier " + std::to_string(real_multiplier) +
                      " is outside (0, 1)");
  }
  const QuantizedMultiplier result = quantizeMultiplier(real_multiplier);
  if (result.shift > 0) {
    throw KernelError("quantizeMultiplierSmallerThanOneExp: multiplier " + std::to_string(real_multiplier) +
                      " rounds to 1.0");
  }
  return result;
}

QuantizedMultiplier quantizeMultiplierGreaterThanOne(double real_multiplier) {
  if (!(real_multiplier > 1.0) || !std::isfinite(real_multiplier)) {
    throw KernelError("quantizeMultiplierGreaterThanOne: multiplier " + std::to_string(real_multiplier) +
                      " is not above 1");
  }
  return quantizeMultiplier(real_multiplier);
}

}  // namespace tinyforge::kernels

namespace tinyforge::kernels {

std::vector<QuantizedMultiplier> perChannelMultipliers(float input_scale, std::span<const float> filter_scales,
                                                       float output_scale, int channels) {
  if (filter_scales.empty() || (filter_scales.size() != 1 && static_cast<int>(filter_scales.size()) != channels)) {
    throw KernelError("per-channel multipliers: " + std::to_string(filter_scales.size()) +
                      " filter scales for " + std::to_string(channels) + " output channels");
  }
  if (!(output_scale > 0.0f)) {
    throw KernelError("per-channel multipliers: output scale " + std::to_string(output_scale) + " is not positive");
  }
  std::vector<QuantizedMultiplier> result;
  result.reserve(static_cast<size_t>(channels));
  for (int c = 0; c < channels; ++c) {
    const float filter_scale = filter_scales.size() == 1 ? filter_scales[0] : filter_scales[static_cast<size_t>(c)];
    const double effective = static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
                             static_cast<double>(output_scale);
    result.push_back(quantizeMultiplier(effective));
  }
  return result;
}

}  // namespace tinyforge::kernels
