#include "core/kernels/add.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/kernels/fixed_point.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

AddParams prepareAdd(TensorQuantization input1, TensorQuantization input2, TensorQuantization output,
                     FusedActivation activation) {
  if (!(input1.scale > 0.0f) || !(input2.scale > 0.0f) || !(output.scale > 0.0f)) {
    throw KernelError("Add: scales must be positive (inputs " + std::to_string(input1.scale) + ", " +
                      std::to_string(input2.scale) + ", output " + std::to_string(output.scale) + ")");
  }
  AddParams p;
  p.left_shift = 20;
  p.input1_offset = -input1.zero_point;
  p.input2_offset = -input2.zero_point;
  p.output_offset = output.zero_point;
  const double twice_max_input_scale = 2 * static_cast<double>(std::max(input1.scale, input2.scale));
  p.input1_multiplier = quantizeMultiplierSmallerThanOneExp(static_cast<double>(input1.scale) / twice_max_input_scale);
  p.input2_multiplier = quantizeMultiplierSmallerThanOneExp(static_cast<double>(input2.scale) / twice_max_input_scale);
  p.output_multiplier = quantizeMultiplierSmallerThanOneExp(
      twice_max_input_scale / ((1 << p.left_shift) * static_cast<double>(output.scale)));
  const ActivationRange range = activationRangeInt8(activation, output.scale, output.zero_point);
  p.act_min = range.min;
  p.act_max = range.max;
  return p;
}

int8_t addInt8(int8_t a, int8_t b, const AddParams& params) {
  const int32_t shifted1 = shiftLeftWrapping(params.input1_offset + a, params.left_shift);
  const int32_t shifted2 = shiftLeftWrapping(params.input2_offset + b, params.left_shift);
  const int32_t scaled1 = multiplyByQuantizedMultiplierSmallerThanOneExp(
      shifted1, params.input1_multiplier.multiplier, params.input1_multiplier.shift);
  const int32_t scaled2 = multiplyByQuantizedMultiplierSmallerThanOneExp(
      shifted2, params.input2_multiplier.multiplier, params.input2_multiplier.shift);
  const int32_t raw_output = multiplyByQuantizedMultiplierSmallerThanOneExp(scaled1 + scaled2,
                                                                            params.output_multiplier.multiplier,
                                                                            params.output_multiplier.shift) +
                             params.output_offset;
  return static_cast<int8_t>(clampToRange(raw_output, params.act_min, params.act_max));
}

void addElementwise(const AddParams& params, std::span<const int8_t> input1, std::span<const int8_t> input2,
                    std::span<int8_t> output) {
  if (input1.size() != output.size() || input2.size() != output.size()) {
    throw KernelError("Add: element counts " + std::to_string(input1.size()) + " + " + std::to_string(input2.size()) +
                      " -> " + std::to_string(output.size()) + " differ; use broadcasting");
  }
  for (size_t i = 0; i < output.size(); ++i) output[i] = addInt8(input1[i], input2[i], params);
}

namespace {
constexpr int kMaxDims = 6;

// Strides of `dims` aligned to the output's last dimension; 0 where the input broadcasts.
std::vector<int64_t> broadcastStrides(std::span<const int> dims, std::span<const int> output_dims, const char* which) {
  const int out_rank = static_cast<int>(output_dims.size());
  const int rank = static_cast<int>(dims.size());
  if (rank > out_rank) {
    throw KernelError(std::string("Add: ") + which + " has more dimensions than the output");
  }
  std::vector<int64_t> strides(static_cast<size_t>(out_rank), 0);
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    const int out_axis = out_rank - rank + i;
    const int d = dims[static_cast<size_t>(i)];
    const int od = output_dims[static_cast<size_t>(out_axis)];
    if (d != od && d != 1) {
      throw KernelError(std::string("Add: ") + which + " dimension " + std::to_string(i) + " (" + std::to_string(d) +
                        ") neither matches the output's (" + std::to_string(od) + ") nor is 1");
    }
    strides[static_cast<size_t>(out_axis)] = d == 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

int64_t elementCount(std::span<const int> dims) {
  int64_t n = 1;
  for (int d : dims) {
    if (d <= 0) throw KernelError("Add: a dimension is not positive");
    n *= d;
  }
  return n;
}
}  // namespace

void addBroadcast(const AddParams& params, std::span<const int> input1_dims, std::span<const int8_t> input1,
                  std::span<const int> input2_dims, std::span<const int8_t> input2, std::span<const int> output_dims,
                  std::span<int8_t> output) {
  if (output_dims.size() > static_cast<size_t>(kMaxDims)) {
    throw KernelError("Add: broadcasting supports at most 6 dimensions");
  }
  if (elementCount(input1_dims) != static_cast<int64_t>(input1.size()) ||
      elementCount(input2_dims) != static_cast<int64_t>(input2.size()) ||
      elementCount(output_dims) != static_cast<int64_t>(output.size())) {
    throw KernelError("Add: buffer sizes do not match their shapes");
  }
  const std::vector<int64_t> stride1 = broadcastStrides(input1_dims, output_dims, "input 1");
  const std::vector<int64_t> stride2 = broadcastStrides(input2_dims, output_dims, "input 2");
  const int rank = static_cast<int>(output_dims.size());
  std::vector<int> index(static_cast<size_t>(rank), 0);
  int64_t off1 = 0;
  int64_t off2 = 0;
  for (size_t o = 0; o < output.size(); ++o) {
    output[o] = addInt8(input1[static_cast<size_t>(off1)], input2[static_cast<size_t>(off2)], params);
    for (int d = rank - 1; d >= 0; --d) {
      const auto ud = static_cast<size_t>(d);
      ++index[ud];
      off1 += stride1[ud];
      off2 += stride2[ud];
      if (index[ud] < output_dims[ud]) break;
      off1 -= stride1[ud] * index[ud];
      off2 -= stride2[ud] * index[ud];
      index[ud] = 0;
    }
  }
}

}  // namespace tinyforge::kernels
