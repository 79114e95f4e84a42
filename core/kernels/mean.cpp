#include "core/kernels/mean.h"

#include <algorithm>
#include <string>

#include "core/kernels/fixed_point.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

MeanParams prepareMean(TensorQuantization input, TensorQuantization output) {
  if (!(output.scale > 0.0f)) {
    throw KernelError("Mean: output scale " + std::to_string(output.scale) + " is not positive");
  }
  return {quantizeMultiplier(static_cast<double>(input.scale) / static_cast<double>(output.scale)), input.zero_point,
          output.zero_point};
}

void meanInt8(const MeanParams& params, std::span<const int> input_dims, std::span<const int8_t> input,
              std::span<const int> axes, std::span<int8_t> output) {
  const int rank = static_cast<int>(input_dims.size());
  if (rank == 0) throw KernelError("Mean: the input has no dimensions");
  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  for (int axis : axes) {
    const int resolved = axis < 0 ? axis + rank : axis;
    if (resolved < 0 || resolved >= rank) {
      throw KernelError("Mean: axis " + std::to_string(axis) + " is outside a rank-" + std::to_string(rank) + " input");
    }
    reduced[static_cast<size_t>(resolved)] = true;
  }
  int64_t input_count = 1;
  int64_t output_count = 1;
  int64_t reduced_count = 1;
  for (int d = 0; d < rank; ++d) {
    if (input_dims[static_cast<size_t>(d)] <= 0) throw KernelError("Mean: input dimension " + std::to_string(d) + " is not positive");
    input_count *= input_dims[static_cast<size_t>(d)];
    if (reduced[static_cast<size_t>(d)]) {
      reduced_count *= input_dims[static_cast<size_t>(d)];
    } else {
      output_count *= input_dims[static_cast<size_t>(d)];
    }
  }
  if (static_cast<int64_t>(input.size()) != input_count || static_cast<int64_t>(output.size()) != output_count) {
    throw KernelError("Mean: buffers of " + std::to_string(input.size()) + " -> " + std::to_string(output.size()) +
                      " elements do not match " + std::to_string(input_count) + " -> " + std::to_string(output_count));
  }

  // Sum: walk the input in row-major order, tracking the output offset of the kept axes.
  std::vector<int32_t> sums(static_cast<size_t>(output_count), 0);
  std::vector<int> index(static_cast<size_t>(rank), 0);
  std::vector<int64_t> out_stride(static_cast<size_t>(rank), 0);
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    if (!reduced[static_cast<size_t>(d)]) {
      out_stride[static_cast<size_t>(d)] = stride;
      stride *= input_dims[static_cast<size_t>(d)];
    }
  }
  int64_t out_offset = 0;
  for (int64_t i = 0; i < input_count; ++i) {
    sums[static_cast<size_t>(out_offset)] += input[static_cast<size_t>(i)];
    for (int d = rank - 1; d >= 0; --d) {
      const auto ud = static_cast<size_t>(d);
      ++index[ud];
      out_offset += out_stride[ud];
      if (index[ud] < input_dims[ud]) break;
      out_offset -= out_stride[ud] * index[ud];
      index[ud] = 0;
    }
  }

  // Fold 1/n into the multiplier, exactly as TFLM does at Eval time.
  int shift = 63 - __builtin_clzll(static_cast<uint64_t>(reduced_count));
  shift = std::min(shift, 32);
  shift = std::min(shift, 31 + params.multiplier.shift);
  const auto multiplier =
      static_cast<int32_t>((static_cast<int64_t>(params.multiplier.multiplier) << shift) / reduced_count);
  const int output_shift = params.multiplier.shift - shift;
  const auto zero_point_sum = static_cast<int32_t>(params.input_zero_point * reduced_count);
  for (int64_t o = 0; o < output_count; ++o) {
    const int32_t shifted_sum = sums[static_cast<size_t>(o)] - zero_point_sum;
    const int32_t value = multiplyByQuantizedMultiplier(shifted_sum, multiplier, output_shift) + params.output_zero_point;
    output[static_cast<size_t>(o)] = static_cast<int8_t>(clampToRange(value, -128, 127));
  }
}

}  // namespace tinyforge::kernels
