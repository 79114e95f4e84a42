#pragma once
// Int8 CONCATENATION: TFLM's reference_ops::Concatenation, a copy of each input's slab
// along the axis.
//
// TFLM does not requantize: its Prepare refuses int8 inputs whose scale or zero point
// differ from the output's (the TFLite converter gives concat inputs the output's
// quantization). checkConcatenationQuantization() enforces the same rule. A model whose
// inputs do have other scales must requantize each of them first with requantizeInt8()
// (quantize.h, TFLM's int8 -> int8 QUANTIZE), which is what a converter inserts.

#include <cstdint>
#include <span>
#include <vector>

#include "core/ckernels/tfc_concatenation.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

// Throws KernelError naming the first input whose scale or zero point differs from the
// output's (exact float equality, as TFLM).
void checkConcatenationQuantization(std::span<const TensorQuantization> inputs, TensorQuantization output);

// All inputs have the output's rank and the output's dimensions except along `axis`
// (negative counts from the end); their sizes along it add up to the output's.
// The C kernel's descriptor, folded to {outer, axis, inner}; the input pointers, the
// output and input_axis_dims are left for the caller to bind (input_axis_dims from here).
struct ConcatenationDescription {
  tfc_concatenation_op op{};
  std::vector<int32_t> input_axis_dims;
};
ConcatenationDescription describeConcatenation(int axis, std::span<const std::vector<int>> input_dims,
                                               std::span<const int> output_dims);

void concatenation(int axis, std::span<const std::vector<int>> input_dims,
                   std::span<const std::span<const int8_t>> inputs, std::span<const int> output_dims,
                   std::span<int8_t> output);

}  // namespace tinyforge::kernels
