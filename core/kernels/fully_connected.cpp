#include "core/kernels/fully_connected.h"

#include <string>

#include "core/ckernels/tfc_fully_connected.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/shape.h"

namespace tinyforge::kernels {

namespace {
constexpr const char* kOp = "FullyConnected";

int checkSizes(int accum_depth, int units, std::span<const int8_t> input, std::span<const int8_t> filter,
               std::span<const int32_t> bias, std::span<int8_t> output) {
  if (accum_depth <= 0 || units <= 0) {
    throw KernelError(std::string(kOp) + ": accum depth " + std::to_string(accum_depth) + " and units " +
                      std::to_string(units) + " must be positive");
  }
  requireSize(filter, static_cast<int64_t>(units) * accum_depth, kOp, "filter");
  if (!bias.empty()) requireSize(bias, units, kOp, "bias");
  if (output.size() % static_cast<size_t>(units) != 0) {
    throw KernelError(std::string(kOp) + ": output of " + std::to_string(output.size()) +
                      " elements is not a whole number of rows of " + std::to_string(units));
  }
  const int batches = static_cast<int>(output.size() / static_cast<size_t>(units));
  requireSize(input, static_cast<int64_t>(batches) * accum_depth, kOp, "input");
  return batches;
}

void runPlain(const FullyConnectedParams& params, bool per_channel, const tfc_requant* requant, int batches,
              int accum_depth, int units, std::span<const int8_t> input, std::span<const int8_t> filter,
              std::span<const int32_t> bias, std::span<int8_t> output) {
  tfc_fully_connected_op op{};
  op.input = input.data();
  op.filter = filter.data();
  op.bias = bias.empty() ? nullptr : bias.data();
  op.requant = requant;
  op.output = output.data();
  op.scratch = nullptr;
  op.batches = batches;
  op.accum_depth = accum_depth;
  op.units = units;
  op.per_channel = per_channel ? 1 : 0;
  op.input_offset = params.input_offset;
  op.filter_offset = params.filter_offset;
  op.output_offset = params.output_offset;
  op.act_min = params.act_min;
  op.act_max = params.act_max;
  tfc_fully_connected_s8_plain(&op);
}
}  // namespace

void fullyConnectedPerTensor(const FullyConnectedParams& params, QuantizedMultiplier multiplier, int accum_depth,
                             int units, std::span<const int8_t> input, std::span<const int8_t> filter,
                             std::span<const int32_t> bias, std::span<int8_t> output) {
  const int batches = checkSizes(accum_depth, units, input, filter, bias, output);
  const tfc_requant requant = toC(multiplier);
  runPlain(params, false, &requant, batches, accum_depth, units, input, filter, bias, output);
}

void fullyConnectedPerChannel(const FullyConnectedParams& params,
                              std::span<const QuantizedMultiplier> channel_multipliers, int accum_depth, int units,
                              std::span<const int8_t> input, std::span<const int8_t> filter,
                              std::span<const int32_t> bias, std::span<int8_t> output) {
  const int batches = checkSizes(accum_depth, units, input, filter, bias, output);
  requireSize(channel_multipliers, units, kOp, "channel multipliers");
  runPlain(params, true, toC(channel_multipliers), batches, accum_depth, units, input, filter, bias, output);
}

PreparedFullyConnected prepareFullyConnected(FusedActivation activation, TensorQuantization input,
                                             std::span<const float> filter_scales, int32_t filter_zero_point,
                                             TensorQuantization output, int units) {
  if (filter_scales.empty()) throw KernelError(std::string(kOp) + ": the filter has no quantization scale");
  if (!(output.scale > 0.0f)) {
    throw KernelError(std::string(kOp) + ": output scale " + std::to_string(output.scale) + " is not positive");
  }
  PreparedFullyConnected prepared;
  prepared.per_channel = filter_scales.size() > 1;
  if (prepared.per_channel) {
    prepared.multipliers = perChannelMultipliers(input.scale, filter_scales, output.scale, units);
  } else {
    const float product = input.scale * filter_scales[0];  // float, as TFLM
    prepared.multipliers = {quantizeMultiplier(static_cast<double>(product) / static_cast<double>(output.scale))};
  }
  const ActivationRange range = activationRangeInt8(activation, output.scale, output.zero_point);
  prepared.params = {-input.zero_point, -filter_zero_point, output.zero_point, range.min, range.max};
  return prepared;
}

tfc_fully_connected_op describeFullyConnected(const PreparedFullyConnected& prepared, int batches, int accum_depth,
                                              int units) {
  if (accum_depth <= 0 || units <= 0 || batches <= 0) {
    throw KernelError(std::string(kOp) + ": batches " + std::to_string(batches) + ", accum depth " +
                      std::to_string(accum_depth) + " and units " + std::to_string(units) + " must be positive");
  }
  if (prepared.per_channel) {
    requireSize(std::span<const QuantizedMultiplier>(prepared.multipliers), units, kOp, "channel multipliers");
  } else if (prepared.multipliers.size() != 1) {
    throw KernelError(std::string(kOp) + ": per-tensor kernel needs one multiplier");
  }
  tfc_fully_connected_op op{};
  op.requant = toC(std::span<const QuantizedMultiplier>(prepared.multipliers));
  op.batches = batches;
  op.accum_depth = accum_depth;
  op.units = units;
  op.per_channel = prepared.per_channel ? 1 : 0;
  op.input_offset = prepared.params.input_offset;
  op.filter_offset = prepared.params.filter_offset;
  op.output_offset = prepared.params.output_offset;
  op.act_min = prepared.params.act_min;
  op.act_max = prepared.params.act_max;
  return op;
}

void fullyConnected(const PreparedFullyConnected& prepared, int accum_depth, int units,
                    std::span<const int8_t> input, std::span<const int8_t> filter, std::span<const int32_t> bias,
                    std::span<int8_t> output) {
  if (prepared.per_channel) {
    fullyConnectedPerChannel(prepared.params, prepared.multipliers, accum_depth, units, input, filter, bias, output);
  } else {
    if (prepared.multipliers.size() != 1) throw KernelError(std::string(kOp) + ": per-tensor kernel needs one multiplier");
    fullyConnectedPerTensor(prepared.params, prepared.multipliers[0], accum_depth, units, input, filter, bias, output);
  }
}

}  // namespace tinyforge::kernels
