#include "core/latency/latency_fit.h"

#include <cmath>
#include <stdexcept>

#include <Eigen/Dense>

#include "core/latency/latency_model.h"

namespace tinyforge {
namespace {

struct Features {
  double dense_macs = 0;      // penalty-weighted
  double depthwise_macs = 0;  // depthwise + pooling
  double ops = 0;
  double other_cycles = 0;
};

Features featuresOf(const LatencySample& sample, const LatencyFitOptions& options) {
  Features f;
  for (const LatencyOp& op : sample.layers) {
    switch (opClassOf(op)) {
      case OpClass::Free: continue;
      case OpClass::Conv:
      case OpClass::Pointwise:
      case OpClass::FullyConnected:
        f.dense_macs += op.macs * (missesChannelFastPath(op) ? options.channel_penalty : 1.0);
        break;
      case OpClass::Depthwise:
      case OpClass::Pooling: f.depthwise_macs += op.macs; break;
      case OpClass::Other:
        f.other_cycles += static_cast<double>(op.input_bytes + op.output_bytes) * options.other_cycles_per_byte;
        break;
    }
    f.ops += 1;
  }
  return f;
}

}  // namespace

LatencyFit fitLatency(const std::vector<LatencySample>& samples, double clock_mhz, const LatencyFitOptions& options) {
  if (samples.size() < 3) {
    throw std::invalid_argument("latency fit needs at least 3 measured models, got " + std::to_string(samples.size()));
  }
  if (!(clock_mhz > 0)) throw std::invalid_argument("latency fit needs a positive clock");
  const auto n = static_cast<Eigen::Index>(samples.size());
  Eigen::MatrixXd a(n, 3);
  Eigen::VectorXd b(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const LatencySample& s = samples[static_cast<size_t>(i)];
    if (!(s.measured_ms > 0)) throw std::invalid_argument("latency fit: sample '" + s.name + "' has no positive measured time");
    const Features f = featuresOf(s, options);
    const double cycles = s.measured_ms * 1000.0 * clock_mhz;
    a(i, 0) = f.dense_macs / cycles;
    a(i, 1) = f.depthwise_macs / cycles;
    a(i, 2) = 1.0 / cycles;
    b(i) = (cycles - f.other_cycles - f.ops * options.per_op_cycles) / cycles;
  }

  LatencyFit fit;
  Eigen::VectorXd x = a.colPivHouseholderQr().solve(b);
  if (x(2) < 0) {
    // A negative fixed cost is not physical; the data say the overhead is absorbed by the
    // throughputs, so fit those alone.
    const Eigen::VectorXd x2 = a.leftCols(2).colPivHouseholderQr().solve(b);
    x << x2(0), x2(1), 0.0;
    fit.intercept_dropped = true;
  }
  if (!(x(0) > 0) || !(x(1) > 0)) {
    throw std::invalid_argument("latency fit: the measurements give no positive throughput (dense " + std::to_string(x(0)) +
                                ", depthwise " + std::to_string(x(1)) + " cycles per MAC); the models are too alike");
  }
  fit.coefficients.dense_macs_per_cycle = 1.0 / x(0);
  fit.coefficients.depthwise_efficiency = x(0) / x(1);
  fit.coefficients.per_op_cycles = options.per_op_cycles;
  fit.coefficients.per_inference_cycles = x(2);
  fit.coefficients.channel_penalty = options.channel_penalty;
  fit.coefficients.other_cycles_per_byte = options.other_cycles_per_byte;
  fit.samples = static_cast<int>(samples.size());

  double sum_sq = 0;
  for (const LatencySample& s : samples) {
    double cycles = fit.coefficients.per_inference_cycles;
    for (const LatencyOp& op : s.layers) cycles += modelCycles(fit.coefficients, op);
    const double predicted_ms = cycles / clock_mhz / 1000.0;
    const double error = (predicted_ms - s.measured_ms) / s.measured_ms * 100.0;
    fit.predicted_ms.push_back(predicted_ms);
    fit.error_pct.push_back(error);
    sum_sq += error * error;
    fit.max_error_pct = std::max(fit.max_error_pct, std::abs(error));
  }
  fit.rms_error_pct = std::sqrt(sum_sq / static_cast<double>(samples.size()));
  return fit;
}

}  // namespace tinyforge
