#pragma once
// Int8 ADD: TFLM's reference_integer_ops::AddFunc, with broadcasting.
//
// Both inputs are brought to a common scale with 20 bits of headroom, added, then
// rescaled to the output:
//   a' = multiplyByQuantizedMultiplierSmallerThanOneExp((a + in1_offset) << 20, m1, s1)
//   b' = multiplyByQuantizedMultiplierSmallerThanOneExp((b + in2_offset) << 20, m2, s2)
//   out = clamp(multiplyByQuantizedMultiplierSmallerThanOneExp(a' + b', mo, so) + out_offset,
//               act_min, act_max)
// Parameters as TFLM's CalculateOpDataAdd derives them (all in double):
//   twice_max = 2 * max(in1_scale, in2_scale)
//   m1, s1 = quantizeMultiplierSmallerThanOneExp(in1_scale / twice_max)
//   m2, s2 = quantizeMultiplierSmallerThanOneExp(in2_scale / twice_max)
//   mo, so = quantizeMultiplierSmallerThanOneExp(twice_max / ((1 << 20) * out_scale))
//   in*_offset = -in*_zp, out_offset = out_zp, act range from the fused activation.

#include <cstdint>
#include <span>

#include "core/ckernels/tfc_add.h"
#include "core/kernels/activation_range.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

struct AddParams {
  int left_shift = 20;
  int32_t input1_offset = 0;
  QuantizedMultiplier input1_multiplier;
  int32_t input2_offset = 0;
  QuantizedMultiplier input2_multiplier;
  int32_t output_offset = 0;
  QuantizedMultiplier output_multiplier;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

AddParams prepareAdd(TensorQuantization input1, TensorQuantization input2, TensorQuantization output,
                     FusedActivation activation);

// One element; the kernels below apply it.
int8_t addInt8(int8_t a, int8_t b, const AddParams& params);

// Same shapes: all three buffers have the same size (KernelError otherwise).
void addElementwise(const AddParams& params, std::span<const int8_t> input1, std::span<const int8_t> input2,
                    std::span<int8_t> output);

// NumPy-style broadcasting over up to 6 dimensions: shapes are aligned at their last
// dimension, each input dimension equals the output's or is 1.
// The C kernel's descriptor for these shapes (TFLM's broadcasting rules checked; all-equal
// shapes become one flat loop); pointers left null for the caller to bind.
tfc_add_op describeAdd(const AddParams& params, std::span<const int> input1_dims, std::span<const int> input2_dims,
                       std::span<const int> output_dims);

void addBroadcast(const AddParams& params, std::span<const int> input1_dims, std::span<const int8_t> input1,
                  std::span<const int> input2_dims, std::span<const int8_t> input2, std::span<const int> output_dims,
                  std::span<int8_t> output);

}  // namespace tinyforge::kernels
