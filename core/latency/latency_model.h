#pragma once
// Per-layer latency on a board (TFLM + CMSIS-NN), from the board's fitted coefficients:
//
//   conv, pointwise, fully connected:  cycles = macs / dense_macs_per_cycle (x channel_penalty
//                                      for a conv off CMSIS-NN's multiple-of-4 fast path)
//   depthwise, pooling:                cycles = macs / (dense_macs_per_cycle x depthwise_efficiency)
//   elementwise / other:               cycles = (input + output bytes) x other_cycles_per_byte
//   every op but graph inputs:         + per_op_cycles
//
// Pooling shares the depthwise throughput: both are per-channel windows with no weight
// reuse, and the MicroNets models have one pooling layer each, too few to fit it alone.
// A layer with an exact entry in an OpMeasurements table takes the measured time instead.
//
// The coefficients describe TFLM with CMSIS-NN; a RuntimeLatencyScaling (runtime_latency.h)
// turns them into another runtime's figures: each layer's kernel cycles (or measured time)
// times its op class's factor, and no per-operator cycles for a runtime without interpreter.

#include <string>
#include <vector>

#include "core/boards/board.h"
#include "core/latency/latency_op.h"

namespace tinyforge {

class OpMeasurements;
struct RuntimeLatencyScaling;

struct LayerLatency {
  std::string name;
  OpClass op_class = OpClass::Other;
  double us = 0;
  bool measured = false;          // from the measurement table, not the model
  bool channel_penalty = false;   // the CMSIS-NN multiple-of-4 penalty applied
};

struct LatencyResult {
  std::string board_id;
  std::vector<LayerLatency> layers;
  double total_us = 0;             // layers + overhead
  double overhead_us = 0;          // the board's fixed cost per inference, in no layer
  double energy_uj = 0;            // board active power x latency
  bool estimated_coefficients = false;  // the board's coefficients were not fitted to it
  int measured_layers = 0;
  std::string basis;  // where the figures come from (RuntimeLatencyScaling::basis)

  double totalMs() const { return total_us / 1000.0; }
  double fps() const { return total_us > 0 ? 1e6 / total_us : 0; }
};

// Cycles of one layer by the model alone (no measurement table), per-operator cycles included.
double modelCycles(const BoardLatency& coefficients, const LatencyOp& op);
// The same without the per-operator cycles: the kernel's own work.
double kernelCycles(const BoardLatency& coefficients, const LatencyOp& op);

// Throws std::invalid_argument naming the board (no coefficients) or the layer (a block
// kind, negative MACs).
LatencyResult estimateLatency(const Board& board, const std::vector<LatencyOp>& layers,
                              const OpMeasurements* measurements = nullptr,
                              const RuntimeLatencyScaling* scaling = nullptr);

}  // namespace tinyforge
