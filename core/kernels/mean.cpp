#include "core/kernels/mean.h"

#include <string>

#include "core/ckernels/tfc_mean.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

MeanParams prepareMean(TensorQuantization input, TensorQuantization output) {
  if (!(output.scale > 0.0f)) {
    throw KernelError("Mean: output scale " + std::to_string(output.scale) + " is not positive");
  }
  return {quantizeMultiplier(static_cast<double>(input.scale) / static_cast<double>(output.scale)), input.zero_point,
          output.zero_point};
}

tfc_mean_op describeMean(const MeanParams& params, std::span<const int> input_dims, std::span<const int> axes) {
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
  for (int d = 0; d < rank; ++d) {
    if (input_dims[static_cast<size_t>(d)] <= 0) throw KernelError("Mean: input dimension " + std::to_string(d) + " is not positive");
    input_count *= input_dims[static_cast<size_t>(d)];
  }
  elementCount32(input_count, "Mean");

  // The C kernel takes at most 6 dimensions: neighbouring dimensions that are both kept or
  // both reduced merge into one without changing the sums or the output order.
  tfc_mean_op op{};
  op.requant = toC(params.multiplier);
  op.input_zero_point = params.input_zero_point;
  op.output_zero_point = params.output_zero_point;
  op.rank = 0;
  for (int d = 0; d < rank; ++d) {
    const bool is_reduced = reduced[static_cast<size_t>(d)];
    const bool merges = op.rank > 0 && ((op.reduce_mask >> (op.rank - 1)) & 1u) == (is_reduced ? 1u : 0u);
    if (merges) {
      op.input_dims[op.rank - 1] *= input_dims[static_cast<size_t>(d)];
      continue;
    }
    if (op.rank == TFC_MAX_DIMS) {
      throw KernelError("Mean: more than 6 alternations of kept and reduced axes");
    }
    op.input_dims[op.rank] = input_dims[static_cast<size_t>(d)];
    if (is_reduced) op.reduce_mask |= 1u << op.rank;
    ++op.rank;
  }
  return op;
}

void meanInt8(const MeanParams& params, std::span<const int> input_dims, std::span<const int8_t> input,
              std::span<const int> axes, std::span<int8_t> output) {
  tfc_mean_op op = describeMean(params, input_dims, axes);
  int64_t input_count = 1, output_count = 1;
  for (int d = 0; d < op.rank; ++d) {
    input_count *= op.input_dims[d];
    if (((op.reduce_mask >> d) & 1u) == 0) output_count *= op.input_dims[d];
  }
  if (static_cast<int64_t>(input.size()) != input_count || static_cast<int64_t>(output.size()) != output_count) {
    throw KernelError("Mean: buffers of " + std::to_string(input.size()) + " -> " + std::to_string(output.size()) +
                      " elements do not match " + std::to_string(input_count) + " -> " + std::to_string(output_count));
  }
  op.input = input.data();
  op.output = output.data();
  tfc_mean_s8(&op);
}

}  // namespace tinyforge::kernels
