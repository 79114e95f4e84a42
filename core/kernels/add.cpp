#include "core/kernels/add.h"

#include <algorithm>
#include <string>

#include "core/ckernels/tfc_add.h"
#include "core/kernels/ckernels_bridge.h"
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

namespace {
tfc_add_params toC(const AddParams& p) {
  tfc_add_params c{};
  c.left_shift = p.left_shift;
  c.input1_offset = p.input1_offset;
  c.input1_requant = kernels::toC(p.input1_multiplier);
  c.input2_offset = p.input2_offset;
  c.input2_requant = kernels::toC(p.input2_multiplier);
  c.output_offset = p.output_offset;
  c.output_requant = kernels::toC(p.output_multiplier);
  c.act_min = p.act_min;
  c.act_max = p.act_max;
  return c;
}
}  // namespace

int8_t addInt8(int8_t a, int8_t b, const AddParams& params) {
  const tfc_add_params c = toC(params);
  return tfc_add_s8_element(a, b, &c);
}

void addElementwise(const AddParams& params, std::span<const int8_t> input1, std::span<const int8_t> input2,
                    std::span<int8_t> output) {
  if (input1.size() != output.size() || input2.size() != output.size()) {
    throw KernelError("Add: element counts " + std::to_string(input1.size()) + " + " + std::to_string(input2.size()) +
                      " -> " + std::to_string(output.size()) + " differ; use broadcasting");
  }
  tfc_add_op op{};
  op.input1 = input1.data();
  op.input2 = input2.data();
  op.output = output.data();
  op.params = toC(params);
  op.rank = 1;
  op.input1_dims[0] = op.input2_dims[0] = op.output_dims[0] = elementCount32(static_cast<int64_t>(output.size()), "Add");
  tfc_add_s8_plain(&op);
}

namespace {
constexpr int kMaxDims = 6;

// Each dimension of `dims`, aligned to the output's last dimension, equals the output's or is 1.
void checkBroadcast(std::span<const int> dims, std::span<const int> output_dims, const char* which) {
  const int out_rank = static_cast<int>(output_dims.size());
  const int rank = static_cast<int>(dims.size());
  if (rank > out_rank) {
    throw KernelError(std::string("Add: ") + which + " has more dimensions than the output");
  }
  for (int i = rank - 1; i >= 0; --i) {
    const int d = dims[static_cast<size_t>(i)];
    const int od = output_dims[static_cast<size_t>(out_rank - rank + i)];
    if (d != od && d != 1) {
      throw KernelError(std::string("Add: ") + which + " dimension " + std::to_string(i) + " (" + std::to_string(d) +
                        ") neither matches the output's (" + std::to_string(od) + ") nor is 1");
    }
  }
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

tfc_add_op describeAdd(const AddParams& params, std::span<const int> input1_dims, std::span<const int> input2_dims,
                       std::span<const int> output_dims) {
  if (output_dims.size() > static_cast<size_t>(kMaxDims)) {
    throw KernelError("Add: broadcasting supports at most 6 dimensions");
  }
  checkBroadcast(input1_dims, output_dims, "input 1");
  checkBroadcast(input2_dims, output_dims, "input 2");
  elementCount32(elementCount(output_dims), "Add");
  tfc_add_op op{};
  op.params = toC(params);
  if (std::equal(input1_dims.begin(), input1_dims.end(), output_dims.begin(), output_dims.end()) &&
      std::equal(input2_dims.begin(), input2_dims.end(), output_dims.begin(), output_dims.end())) {
    // Same shapes: one flat element-wise loop.
    op.rank = 1;
    op.input1_dims[0] = op.input2_dims[0] = op.output_dims[0] = static_cast<int32_t>(elementCount(output_dims));
    return op;
  }
  // The C kernel takes all three shapes at the output's rank, inputs left-padded with 1.
  const int rank = std::max<int>(1, static_cast<int>(output_dims.size()));
  op.rank = rank;
  for (int d = 0; d < rank; ++d) {
    const int from_end = rank - 1 - d;
    auto dim = [&](std::span<const int> dims) {
      return from_end < static_cast<int>(dims.size()) ? dims[dims.size() - 1 - static_cast<size_t>(from_end)] : 1;
    };
    op.input1_dims[d] = dim(input1_dims);
    op.input2_dims[d] = dim(input2_dims);
    op.output_dims[d] = dim(output_dims);
  }
  return op;
}

void addBroadcast(const AddParams& params, std::span<const int> input1_dims, std::span<const int8_t> input1,
                  std::span<const int> input2_dims, std::span<const int8_t> input2, std::span<const int> output_dims,
                  std::span<int8_t> output) {
  tfc_add_op op = describeAdd(params, input1_dims, input2_dims, output_dims);
  if (elementCount(input1_dims) != static_cast<int64_t>(input1.size()) ||
      elementCount(input2_dims) != static_cast<int64_t>(input2.size()) ||
      elementCount(output_dims) != static_cast<int64_t>(output.size())) {
    throw KernelError("Add: buffer sizes do not match their shapes");
  }
  op.input1 = input1.data();
  op.input2 = input2.data();
  op.output = output.data();
  tfc_add_s8_plain(&op);
}

}  // namespace tinyforge::kernels
