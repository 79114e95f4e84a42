#pragma once
// TFLM's QuantizeMultiplier (tensorflow/lite/kernels/internal/quantization_util.cc):
// a real multiplier M becomes (m, shift) with M ~= m * 2^(shift - 31) and m in
// [2^30, 2^31). Every requantization parameter of every int8 kernel comes from here.

#include <cstdint>

namespace tinyforge::kernels {

struct QuantizedMultiplier {
  int32_t multiplier = 0;  // Q0.31
  int shift = 0;           // > 0: left shift, < 0: right shift
  bool operator==(const QuantizedMultiplier&) const = default;
};

// frexp-based: M = q * 2^shift with q in [0.5, 1); m = round(q * 2^31) (ties away from
// zero); m == 2^31 after rounding becomes 2^30 with shift + 1; a shift below -31 flushes
// to (0, 0). M == 0 gives (0, 0). Negative M gives a negative m, as in TFLM.
QuantizedMultiplier quantizeMultiplier(double real_multiplier);

// TFLM's QuantizeMultiplierSmallerThanOneExp: requires 0 < M < 1 (throws KernelError
// otherwise); shift <= 0.
QuantizedMultiplier quantizeMultiplierSmallerThanOneExp(double real_multiplier);

// TFLM's QuantizeMultiplierGreaterThanOne: requires M > 1 (throws otherwise); shift >= 0.
QuantizedMultiplier quantizeMultiplierGreaterThanOne(double real_multiplier);

}  // namespace tinyforge::kernels

#include <span>
#include <vector>

namespace tinyforge::kernels {

// Scale and zero point of a per-tensor quantized int8 tensor (real = scale * (q - zp)).
struct TensorQuantization {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

// Conv2D / DepthwiseConv2D / per-channel FullyConnected: for each output channel
// quantizeMultiplier(double(input_scale) * double(filter_scale[c]) / double(output_scale)),
// the products taken in double (PopulateConvolutionQuantizationParams). A single filter
// scale is broadcast to all `channels`; otherwise filter_scales.size() must equal
// `channels` (KernelError otherwise).
std::vector<QuantizedMultiplier> perChannelMultipliers(float input_scale, std::span<const float> filter_scales,
                                                       float output_scale, int channels);

}  // namespace tinyforge::kernels
