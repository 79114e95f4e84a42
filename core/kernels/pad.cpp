#include "core/kernels/pad.h"

#include <string>
#include <vector>

#include "core/ckernels/tfc_pad.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

tfc_pad_op describePad(std::span<const int> input_dims, std::span<const std::pair<int, int>> paddings, int8_t pad_value) {
  const int rank = static_cast<int>(input_dims.size());
  if (rank == 0 || rank > 5) throw KernelError("Pad: rank " + std::to_string(rank) + " is outside 1..5");
  if (static_cast<int>(paddings.size()) != rank) {
    throw KernelError("Pad: " + std::to_string(paddings.size()) + " padding pairs for a rank-" + std::to_string(rank) +
                      " input");
  }
  int64_t out_count = 1;
  tfc_pad_op op{};
  op.rank = rank;
  for (int d = 0; d < rank; ++d) {
    const auto ud = static_cast<size_t>(d);
    if (paddings[ud].first < 0 || paddings[ud].second < 0 || input_dims[ud] < 0) {
      throw KernelError("Pad: negative padding or dimension at axis " + std::to_string(d));
    }
    out_count *= input_dims[ud] + paddings[ud].first + paddings[ud].second;
    op.input_dims[d] = input_dims[ud];
    op.pad_before[d] = paddings[ud].first;
    op.pad_after[d] = paddings[ud].second;
  }
  elementCount32(out_count, "Pad");
  op.pad_value = pad_value;
  return op;
}

void padInt8(std::span<const int> input_dims, std::span<const int8_t> input,
             std::span<const std::pair<int, int>> paddings, int8_t pad_value, std::span<int8_t> output) {
  tfc_pad_op op = describePad(input_dims, paddings, pad_value);
  int64_t in_count = 1;
  int64_t out_count = 1;
  for (int d = 0; d < op.rank; ++d) {
    in_count *= op.input_dims[d];
    out_count *= op.input_dims[d] + op.pad_before[d] + op.pad_after[d];
  }
  if (static_cast<int64_t>(input.size()) != in_count || static_cast<int64_t>(output.size()) != out_count) {
    throw KernelError("Pad: buffer sizes " + std::to_string(input.size()) + " -> " + std::to_string(output.size()) +
                      " do not match " + std::to_string(in_count) + " -> " + std::to_string(out_count));
  }
  op.input = input.data();
  op.output = output.data();
  tfc_pad_s8(&op);
}

}  // namespace tinyforge::kernels
