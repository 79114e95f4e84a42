#include "core/quant/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyforge {
namespace {

FloatRange rangeOf(const Node& node, const std::vector<float>& values) {
  FloatRange range{std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  for (float v : values) {
    if (!std::isfinite(v))
      throw GraphError(node.name, std::string("produced a ") + (std::isnan(v) ? "NaN" : "infinite") +
                                      " value during calibration");
    range.min = std::min(range.min, v);
    range.max = std::max(range.max, v);
  }
  if (values.empty()) range = {0.0f, 0.0f};
  return range;
}

// The value below which `fraction` of the histogram's mass lies (linear within a bin).
float quantile(const std::vector<double>& counts, double total, FloatRange range, double fraction) {
  const double width = (static_cast<double>(range.max) - range.min) / static_cast<double>(counts.size());
  const double target = fraction * total;
  double seen = 0.0;
  for (size_t b = 0; b < counts.size(); ++b) {
    if (seen + counts[b] >= target && counts[b] > 0) {
      const double within = (target - seen) / counts[b];
      return static_cast<float>(range.min + width * (static_cast<double>(b) + within));
    }
    seen += counts[b];
  }
  return range.max;
}

}  // namespace

ActivationRanges calibrate(const FloatModel& model, std::span<const FloatSample> samples,
                           const CalibrationOptions& options) {
  const ShapedGraph& graph = model.graph();
  if (samples.empty())
    throw GraphError("", "calibrating model '" + graph.expanded.name + "' needs at least one sample input");
  const size_t layers = graph.layers.size();
  ActivationRanges result;
  result.samples = static_cast<int>(samples.size());
  result.ranges.assign(layers, FloatRange{});

  bool first = true;
  for (const FloatSample& sample : samples) {
    const auto values = model.runAll(sample);
    for (size_t l = 0; l < layers; ++l) {
      const FloatRange r = rangeOf(graph.node(static_cast<int>(l)), values[l]);
      FloatRange& acc = result.ranges[l];
      if (first) {
        acc = r;
      } else if (options.estimator == RangeEstimator::MovingAverage) {
        const double m = options.momentum;
        acc.min = static_cast<float>(m * acc.min + (1.0 - m) * r.min);
        acc.max = static_cast<float>(m * acc.max + (1.0 - m) * r.max);
      } else {
        acc.min = std::min(acc.min, r.min);
        acc.max = std::max(acc.max, r.max);
      }
    }
    first = false;
  }
  if (options.estimator != RangeEstimator::Percentile) return result;

  // Second pass: a histogram per layer over its min/max range, then the two quantiles.
  if (!(options.percentile > 50.0 && options.percentile <= 100.0))
    throw GraphError("", "calibration percentile must lie in (50, 100]");
  const size_t bins = static_cast<size_t>(std::max(options.histogram_bins, 16));
  std::vector<std::vector<double>> histograms(layers, std::vector<double>(bins, 0.0));
  std::vector<double> totals(layers, 0.0);
  for (const FloatSample& sample : samples) {
    const auto values = model.runAll(sample);
    for (size_t l = 0; l < layers; ++l) {
      const FloatRange r = result.ranges[l];
      const double width = static_cast<double>(r.max) - r.min;
      for (float v : values[l]) {
        const size_t b = width > 0 ? std::min(bins - 1, static_cast<size_t>((v - r.min) / width * bins)) : 0;
        histograms[l][b] += 1.0;
      }
      totals[l] += static_cast<double>(values[l].size());
    }
  }
  const double tail = (100.0 - options.percentile) / 100.0;
  for (size_t l = 0; l < layers; ++l) {
    const FloatRange r = result.ranges[l];
    if (!(r.max > r.min) || totals[l] == 0.0) continue;
    result.ranges[l] = {quantile(histograms[l], totals[l], r, tail), quantile(histograms[l], totals[l], r, 1.0 - tail)};
  }
  return result;
}

}  // namespace tinyforge
