#pragma once
// The last step of every conv / depthwise output pixel, for all its channels at once:
//   out[c] = clamp(multiplyByQuantizedMultiplier(acc[c], m[c], shift[c]) + output_offset,
//                  act_min, act_max)
// with exactly the integer semantics of core/kernels/fixed_point.h (TFLM's double-rounding
// build), 8 channels per AVX2 step where the CPU has AVX2, the scalar function otherwise.
// With 3x3 depthwise layers this step costs more than the multiply-adds.

#include <cstdint>
#include <span>
#include <vector>

#include "core/kernels/quantize_multiplier.h"

namespace tinyforge {

class Requantizer {
 public:
  Requantizer() = default;
  Requantizer(std::span<const kernels::QuantizedMultiplier> multipliers, int32_t output_offset, int32_t act_min,
              int32_t act_max, bool allow_simd = true);

  // acc: one int32 per channel (at least channels() readable); out: channels() bytes.
  void run(const int32_t* acc, int8_t* out) const;
  int channels() const { return channels_; }
  bool simd() const { return simd_; }

 private:
  int channels_ = 0;
  int32_t output_offset_ = 0, act_min_ = -128, act_max_ = 127;
  bool simd_ = false;
  // Per channel, padded to a multiple of 8.
  std::vector<int32_t> multiplier_, left_shift_, right_shift_, remainder_mask_, threshold_;
};

}  // namespace tinyforge
