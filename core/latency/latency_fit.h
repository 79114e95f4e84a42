#pragma once
// Fits a board's latency coefficients to whole-model measurements (least squares, Eigen).
//
// Per board three unknowns: 1/dense MACs-per-cycle, 1/depthwise MACs-per-cycle and the
// fixed cycles per inference. The model is linear in them, so each sample gives one equation
//   measured cycles - other-op cycles - per-op cycles x ops = a * dense MACs + b * depthwise MACs + c
// The intercept c is per inference, not per operator: MicroNets Fig 4 finds latency linear
// in ops with a non-zero intercept for models of one backbone whose depth varies, and the
// Table 4 models have too similar operator counts (11-19) to tell a per-op cost apart from
// it; a per-op cost fitted here would charge a Reshape milliseconds. per_op_cycles is an
// input (default 0).
// (dense MACs already scaled by the channel penalty where it applies). Rows are divided by
// the measured cycles so the fit minimises relative error: a 60 ms model counts as much
// as a 600 ms one. With ~4-10 samples per board, three unknowns stay well determined; the
// channel penalty and the cost of "other" ops cannot be told apart from these samples and
// are inputs (MicroNets Fig 3, and an assumed cycles-per-byte).

#include <string>
#include <vector>

#include "core/boards/board.h"
#include "core/latency/latency_op.h"

namespace tinyforge {

struct LatencySample {
  std::string name;
  std::vector<LatencyOp> layers;
  double measured_ms = 0;
};

struct LatencyFitOptions {
  double channel_penalty = 1.0;
  double other_cycles_per_byte = 1.0;
  double per_op_cycles = 0;
};

struct LatencyFit {
  BoardLatency coefficients;         // source/estimated left for the caller to fill
  std::vector<double> predicted_ms;  // per sample, in input order
  std::vector<double> error_pct;     // (predicted - measured) / measured x 100
  double rms_error_pct = 0;
  double max_error_pct = 0;          // largest |error|
  int samples = 0;
  bool intercept_dropped = false;    // the free fit gave a negative intercept; refitted without it
};

// Throws std::invalid_argument with fewer than 3 samples, a non-positive measurement
// (naming the sample) or a fit without positive throughputs.
LatencyFit fitLatency(const std::vector<LatencySample>& samples, double clock_mhz, const LatencyFitOptions& options);

}  // namespace tinyforge
