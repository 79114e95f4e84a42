#include "core/kernels/concatenation.h"

#include <string>

#include "core/ckernels/tfc_concatenation.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

void checkConcatenationQuantization(std::span<const TensorQuantization> inputs, TensorQuantization output) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].scale != output.scale || inputs[i].zero_point != output.zero_point) {
      throw KernelError("Concatenation: input " + std::to_string(i) + " (scale " + std::to_string(inputs[i].scale) +
                        ", zero point " + std::to_string(inputs[i].zero_point) + ") differs from the output (scale " +
                        std::to_string(output.scale) + ", zero point " + std::to_string(output.zero_point) +
                        "); TFLM does not requantize int8 concatenation inputs");
    }
  }
}

ConcatenationDescription describeConcatenation(int axis, std::span<const std::vector<int>> input_dims,
                                               std::span<const int> output_dims) {
  const int rank = static_cast<int>(output_dims.size());
  const int resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) {
    throw KernelError("Concatenation: axis " + std::to_string(axis) + " is outside a rank-" + std::to_string(rank) +
                      " output");
  }
  if (input_dims.empty()) throw KernelError("Concatenation: no inputs");
  ConcatenationDescription description;
  int64_t axis_total = 0;
  for (size_t i = 0; i < input_dims.size(); ++i) {
    const std::vector<int>& dims = input_dims[i];
    if (static_cast<int>(dims.size()) != rank) {
      throw KernelError("Concatenation: input " + std::to_string(i) + " has rank " + std::to_string(dims.size()) +
                        ", the output " + std::to_string(rank));
    }
    for (int d = 0; d < rank; ++d) {
      if (d != resolved && dims[static_cast<size_t>(d)] != output_dims[static_cast<size_t>(d)]) {
        throw KernelError("Concatenation: input " + std::to_string(i) + " dimension " + std::to_string(d) +
                          " differs from the output's");
      }
    }
    axis_total += dims[static_cast<size_t>(resolved)];
    description.input_axis_dims.push_back(dims[static_cast<size_t>(resolved)]);
  }
  int64_t outer = 1;
  int64_t inner = 1;
  for (int d = 0; d < resolved; ++d) outer *= output_dims[static_cast<size_t>(d)];
  for (int d = resolved + 1; d < rank; ++d) inner *= output_dims[static_cast<size_t>(d)];
  if (axis_total != output_dims[static_cast<size_t>(resolved)]) {
    throw KernelError("Concatenation: the inputs do not add up to the output's shape");
  }
  elementCount32(outer * axis_total * inner, "Concatenation");
  // Any rank folds to {outer, axis, inner} for the C kernel.
  tfc_concatenation_op& op = description.op;
  op.num_inputs = static_cast<int32_t>(input_dims.size());
  op.rank = 3;
  op.output_dims[0] = static_cast<int32_t>(outer);
  op.output_dims[1] = static_cast<int32_t>(axis_total);
  op.output_dims[2] = static_cast<int32_t>(inner);
  op.axis = 1;
  return description;
}

void concatenation(int axis, std::span<const std::vector<int>> input_dims,
                   std::span<const std::span<const int8_t>> inputs, std::span<const int> output_dims,
                   std::span<int8_t> output) {
  if (input_dims.size() != inputs.size() || inputs.empty()) {
    throw KernelError("Concatenation: " + std::to_string(inputs.size()) + " inputs but " +
                      std::to_string(input_dims.size()) + " shapes");
  }
  ConcatenationDescription description = describeConcatenation(axis, input_dims, output_dims);
  std::vector<const int8_t*> pointers;
  for (size_t i = 0; i < inputs.size(); ++i) {
    int64_t count = 1;
    for (int d : input_dims[i]) count *= d;
    if (count != static_cast<int64_t>(inputs[i].size())) {
      throw KernelError("Concatenation: input " + std::to_string(i) + " holds " + std::to_string(inputs[i].size()) +
                        " elements, its shape needs " + std::to_string(count));
    }
    pointers.push_back(inputs[i].data());
  }
  tfc_concatenation_op& op = description.op;
  if (int64_t{op.output_dims[0]} * op.output_dims[1] * op.output_dims[2] != static_cast<int64_t>(output.size())) {
    throw KernelError("Concatenation: the inputs do not add up to the output's shape");
  }
  op.inputs = pointers.data();
  op.input_axis_dims = description.input_axis_dims.data();
  op.output = output.data();
  tfc_concatenation_s8(&op);
}

}  // namespace tinyforge::kernels
