#pragma once
// Int8 FullyConnected: TFLM's reference_integer_ops::FullyConnected (per-tensor filter
// scale) and FullyConnectedPerChannel.
//
//   acc[b][o] = sum_d (filter[o][d] + filter_offset) * (input[b][d] + input_offset) + bias[o]
//   out = clamp(multiplyByQuantizedMultiplier(acc, m, shift) + output_offset, act_min, act_max)
// (the per-channel kernel ignores filter_offset: per-channel filters are symmetric).
//
// Parameters as TFLM's Prepare derives them:
//   per-tensor:  m, shift = quantizeMultiplier(double(float(in_scale * filter_scale)) /
//                                              double(out_scale))
//                -- the product is rounded to float first (GetQuantizedConvolutionMultipler),
//                unlike Conv2D, which can change the multiplier's last bit.
//   per-channel: perChannelMultipliers(in_scale, filter_scales, out_scale, units)
//   input_offset = -in_zp, filter_offset = -filter_zp (0 in valid models),
//   output_offset = out_zp, act range = activationRangeInt8(...).
// Batches = output size / units; the input is read as [batches][accum_depth] whatever its
// shape (TFLM flattens it the same way).

#include "core/ckernels/tfc_fully_connected.h"
#include <cstdint>
#include <span>
#include <vector>

#include "core/kernels/activation_range.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

struct FullyConnectedParams {
  int32_t input_offset = 0;
  int32_t filter_offset = 0;  // used by the per-tensor kernel only
  int32_t output_offset = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// filter: [units][accum_depth]; bias: units int32 or empty; output: [batches][units].
void fullyConnectedPerTensor(const FullyConnectedParams& params, QuantizedMultiplier multiplier, int accum_depth,
                             int units, std::span<const int8_t> input, std::span<const int8_t> filter,
                             std::span<const int32_t> bias, std::span<int8_t> output);

void fullyConnectedPerChannel(const FullyConnectedParams& params,
                              std::span<const QuantizedMultiplier> channel_multipliers, int accum_depth, int units,
                              std::span<const int8_t> input, std::span<const int8_t> filter,
                              std::span<const int32_t> bias, std::span<int8_t> output);

struct PreparedFullyConnected {
  FullyConnectedParams params;
  bool per_channel = false;
  std::vector<QuantizedMultiplier> multipliers;  // 1 (per-tensor) or `units`
};

// `filter_scales` of size 1 selects the per-tensor kernel, as TFLM does (scale size > 1
// means per-channel).
PreparedFullyConnected prepareFullyConnected(FusedActivation activation, TensorQuantization input,
                                             std::span<const float> filter_scales, int32_t filter_zero_point,
                                             TensorQuantization output, int units);

// Runs the kernel `prepared` selects.
// The C kernel's descriptor for `batches` rows; pointers but requant left null for the
// caller to bind (see describeConv2d).
tfc_fully_connected_op describeFullyConnected(const PreparedFullyConnected& prepared, int batches, int accum_depth,
                                              int units);

void fullyConnected(const PreparedFullyConnected& prepared, int accum_depth, int units,
                    std::span<const int8_t> input, std::span<const int8_t> filter, std::span<const int32_t> bias,
                    std::span<int8_t> output);

}  // namespace tinyforge::kernels
