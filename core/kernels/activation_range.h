#pragma once
// The clamp range of a fused activation on an int8 output, as TFLM's
// CalculateActivationRangeQuantized derives it in Prepare. Kernels apply it as
// min(max(x, act_min), act_max) after adding the output zero point.

#include <cstdint>

namespace tinyforge::kernels {

// TFLite's TfLiteFusedActivation values that TFLM accepts on int8 kernels.
enum class FusedActivation { None, Relu, ReluN1To1, Relu6 };

struct ActivationRange {
  int32_t min = -128;
  int32_t max = 127;
  bool operator==(const ActivationRange&) const = default;
};

// Quantizes the activation's bounds with the output's scale and zero point in float
// arithmetic (zero_point + round(bound / scale), ties away from zero) and intersects
// them with [-128, 127]. Throws KernelError for a non-positive or non-finite scale.
ActivationRange activationRangeInt8(FusedActivation activation, float output_scale,
                                    int32_t output_zero_point);

}  // namespace tinyforge::kernels
