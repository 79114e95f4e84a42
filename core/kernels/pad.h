#pragma once
// Int8 PAD / PADV2: TFLM's reference_ops::Pad. Up to 5 dimensions; each output element
// inside the copied region takes the next input element in row-major order, every other
// element the pad value. TFLM pads an int8 PAD with the output's zero point (real 0.0);
// PADV2 passes its constant, which must share the output's quantization.

#include <cstdint>
#include <span>
#include <utility>

#include "core/ckernels/tfc_pad.h"

namespace tinyforge::kernels {

// paddings: one (before, after) pair per input dimension, all >= 0;
// output dim = input dim + before + after (KernelError otherwise).
// The C kernel's descriptor (rank 1..5 as TFLM); pointers left null for the caller to bind.
tfc_pad_op describePad(std::span<const int> input_dims, std::span<const std::pair<int, int>> paddings, int8_t pad_value);

void padInt8(std::span<const int> input_dims, std::span<const int8_t> input,
             std::span<const std::pair<int, int>> paddings, int8_t pad_value, std::span<int8_t> output);

}  // namespace tinyforge::kernels
