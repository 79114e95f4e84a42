#pragma once
// Int8 MEAN: TFLM's reduce kernel for int8 (reference_ops::QuantizedMeanOrSum with
// compute_sum = false). Since TFLM's 2022-11 "Update MEAN to be compliant with TFL"
// every int8 MEAN takes this path; the special case for 4-D inputs reduced over axes
// {1, 2} (reference_integer_ops::Mean) is now used by float MEAN only.
//
//   sum[o]  = int32 sum of the n inputs reduced into output o
//   Prepare: (m, shift) = quantizeMultiplier(double(in_scale) / double(out_scale))
//   Eval:    s = min(floor(log2 n), 32, 31 + shift)
//            m' = int32((int64(m) << s) / n)       (truncating division)
//            shift' = shift - s
//            out = clamp(multiplyByQuantizedMultiplier(sum - in_zp * n, m', shift') + out_zp,
//                        -128, 127)
// No fused activation. keep_dims changes only the output's shape, not its values.

#include <cstdint>
#include <span>
#include <vector>

#include "core/ckernels/tfc_mean.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

struct MeanParams {
  QuantizedMultiplier multiplier;  // in_scale / out_scale
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
};

MeanParams prepareMean(TensorQuantization input, TensorQuantization output);

// input_dims: any rank >= 1; axes: may be negative (counted from the end) and repeat
// (duplicates are ignored, as TFLM's ResolveAxis). The output holds the product of the
// kept dimensions in row-major order (KernelError otherwise).
// The C kernel's descriptor (neighbouring kept or reduced axes merged, at most 6); pointers
// left null for the caller to bind.
tfc_mean_op describeMean(const MeanParams& params, std::span<const int> input_dims, std::span<const int> axes);

void meanInt8(const MeanParams& params, std::span<const int> input_dims, std::span<const int8_t> input,
              std::span<const int> axes, std::span<int8_t> output);

}  // namespace tinyforge::kernels
