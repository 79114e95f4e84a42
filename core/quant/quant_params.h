#pragma once
// Quantization parameters as the TFLite converter chooses them.

#include <cstdint>

#include "core/graph/graph.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge {

struct FloatRange {
  float min = 0.0f;
  float max = 0.0f;
};

// Asymmetric int8 activation quantization of a calibrated range (the converter's
// GetAsymmetricQuantizationParams): the range is widened to contain 0, scale =
// (max - min) / 255, zero point = round(-128 - min / scale) clamped to [-128, 127], so
// that real 0 is exactly representable (zero padding, ReLU's floor). An empty range
// (min == max == 0) gets scale 1 (any scale represents it).
kernels::TensorQuantization asymmetricInt8(FloatRange range);

// The softmax output TFLM requires: scale 1/256, zero point -128.
inline constexpr kernels::TensorQuantization kSoftmaxOutputQuantization{1.0f / 256.0f, -128};

// Per-tensor graph quantization from a (scale, zero point) pair.
Quantization perTensor(kernels::TensorQuantization q);

}  // namespace tinyforge
