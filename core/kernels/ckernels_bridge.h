#pragma once
// How core/kernels hands its prepared parameters to the C kernel library (core/ckernels):
// the kernels here validate and prepare, the C library computes (one implementation for
// the interpreter, the tests and generated firmware).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>

#include "core/ckernels/tfc_common.h"
#include "core/kernels/conv2d.h"
#include "core/kernels/kernel_error.h"
#include "core/kernels/pool_params.h"
#include "core/kernels/quantize_multiplier.h"
#include "core/kernels/shape.h"

namespace tinyforge::kernels {

// QuantizedMultiplier vectors are passed to C as tfc_requant arrays without a copy.
static_assert(sizeof(int) == sizeof(int32_t), "QuantizedMultiplier::shift must be 32-bit like tfc_requant::shift");
static_assert(std::is_standard_layout_v<QuantizedMultiplier>);
static_assert(sizeof(QuantizedMultiplier) == sizeof(tfc_requant));
static_assert(offsetof(QuantizedMultiplier, multiplier) == offsetof(tfc_requant, multiplier));
static_assert(offsetof(QuantizedMultiplier, shift) == offsetof(tfc_requant, shift));

inline const tfc_requant* toC(std::span<const QuantizedMultiplier> multipliers) {
  return reinterpret_cast<const tfc_requant*>(multipliers.data());
}

inline tfc_requant toC(const QuantizedMultiplier& multiplier) {
  return {multiplier.multiplier, multiplier.shift};
}

inline tfc_shape4 toC(const Shape4& shape) { return {shape.n, shape.h, shape.w, shape.c}; }

inline tfc_conv_params toC(const ConvParams& p) {
  return {p.stride_height, p.stride_width, p.dilation_height, p.dilation_width, p.pad_height, p.pad_width,
          p.input_offset,  p.output_offset, p.act_min,        p.act_max};
}

inline tfc_pool2d_op toC(const PoolParams& p, const Shape4& input_shape, const int8_t* input,
                         const Shape4& output_shape, int8_t* output) {
  tfc_pool2d_op op{};
  op.input = input;
  op.output = output;
  op.input_shape = toC(input_shape);
  op.output_shape = toC(output_shape);
  op.params = {p.stride_height, p.stride_width, p.filter_height, p.filter_width,
               p.pad_height,    p.pad_width,    p.act_min,       p.act_max};
  return op;
}

// The C kernels count elements in int32_t.
inline int32_t elementCount32(int64_t count, const char* op) {
  if (count < 0 || count > std::numeric_limits<int32_t>::max()) {
    throw KernelError(std::string(op) + ": " + std::to_string(count) + " elements exceed the C kernels' int32 range");
  }
  return static_cast<int32_t>(count);
}

}  // namespace tinyforge::kernels
