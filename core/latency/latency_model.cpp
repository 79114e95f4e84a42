#include "core/latency/latency_model.h"

#include <stdexcept>

#include "core/latency/energy.h"
#include "core/latency/op_measurements.h"
#include "core/latency/runtime_latency.h"

namespace tinyforge {

double kernelCycles(const BoardLatency& c, const LatencyOp& op) {
  switch (opClassOf(op)) {
    case OpClass::Free: return 0;
    case OpClass::Conv:
    case OpClass::Pointwise:
    case OpClass::FullyConnected: {
      const double penalty = missesChannelFastPath(op) ? c.channel_penalty : 1.0;
      return op.macs / c.dense_macs_per_cycle * penalty;
    }
    case OpClass::Depthwise:
    case OpClass::Pooling:
      return op.macs / (c.dense_macs_per_cycle * c.depthwise_efficiency);
    case OpClass::Other:
      return static_cast<double>(op.input_bytes + op.output_bytes) * c.other_cycles_per_byte;
  }
  return 0;
}

double modelCycles(const BoardLatency& c, const LatencyOp& op) {
  return opClassOf(op) == OpClass::Free ? 0 : kernelCycles(c, op) + c.per_op_cycles;
}

LatencyResult estimateLatency(const Board& board, const std::vector<LatencyOp>& layers,
                              const OpMeasurements* measurements, const RuntimeLatencyScaling* scaling) {
  if (!(board.latency.dense_macs_per_cycle > 0) || !(board.latency.depthwise_efficiency > 0)) {
    throw std::invalid_argument("board '" + board.id + "' has no latency coefficients (add a \"latency\" section" +
                                (board.file.empty() ? std::string() : " to " + board.file) + ")");
  }
  LatencyResult result;
  result.board_id = board.id;
  result.estimated_coefficients = board.latency.estimated;
  const RuntimeLatencyScaling unscaled;
  const RuntimeLatencyScaling& scale = scaling ? *scaling : unscaled;
  result.basis = scaling ? scaling->basis : "model fitted to TFLM + CMSIS-NN measurements";
  result.layers.reserve(layers.size());
  for (const LatencyOp& op : layers) {
    if (isBlock(op.kind)) {
      throw std::invalid_argument("layer '" + op.name + "': " + toString(op.kind) +
                                  " is a block; expand it into layers before estimating latency");
    }
    if (op.macs < 0) throw std::invalid_argument("layer '" + op.name + "': negative MACs");
    LayerLatency layer;
    layer.name = op.name;
    layer.op_class = opClassOf(op);
    const double factor = scale.kernel_factor[static_cast<size_t>(layer.op_class)];
    if (const auto us = measurements ? measurements->lookup(board.id, op) : std::nullopt) {
      // Measured with CMSIS-NN: another runtime's kernels scale the whole operator.
      layer.us = *us * factor;
      layer.measured = true;
      ++result.measured_layers;
    } else {
      const double per_op = layer.op_class != OpClass::Free && scale.interpreter ? board.latency.per_op_cycles : 0.0;
      layer.us = (kernelCycles(board.latency, op) * factor + per_op) / board.clock_mhz;
      layer.channel_penalty = missesChannelFastPath(op) && board.latency.channel_penalty > 1.0;
    }
    result.total_us += layer.us;
    result.layers.push_back(std::move(layer));
  }
  // Operator measurements add up to the whole model (AtomNet: within 0.1%), so the fitted
  // per-inference cost only applies when the model, not the table, times some layer.
  int modelled_layers = 0;
  for (const LayerLatency& layer : result.layers)
    if (!layer.measured && layer.op_class != OpClass::Free) ++modelled_layers;
  if (modelled_layers > 0) result.overhead_us = board.latency.per_inference_cycles / board.clock_mhz;
  result.total_us += result.overhead_us;
  result.energy_uj = energyPerInferenceUj(board.active_power_mw, result.total_us);
  return result;
}

}  // namespace tinyforge
