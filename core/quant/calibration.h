#pragma once
// Calibration: runs the float model on sample inputs and records the range of every
// layer's output, from which the int8 activation quantization is derived.

#include <span>
#include <vector>

#include "core/quant/float_forward.h"
#include "core/quant/quant_params.h"

namespace tinyforge {

enum class RangeEstimator {
  MinMax,         // the smallest and largest value seen (the TFLite converter's calibration)
  MovingAverage,  // exponential moving average of each sample's min and max (TF's QAT ranges)
  Percentile,     // clips the tails: the `percentile` and 100 - `percentile` quantiles
};

struct CalibrationOptions {
  RangeEstimator estimator = RangeEstimator::MinMax;
  double momentum = 0.9;        // MovingAverage: weight of the running value
  double percentile = 99.99;    // Percentile: in (50, 100]
  int histogram_bins = 2048;    // Percentile: bins over the min/max range
};

struct ActivationRanges {
  std::vector<FloatRange> ranges;  // per layer of FloatModel::graph()
  int samples = 0;
};

// Throws GraphError when `samples` is empty (naming the model), when a sample does not
// fit the inputs, or when a layer produces NaN or infinite values (naming the layer).
ActivationRanges calibrate(const FloatModel& model, std::span<const FloatSample> samples,
                           const CalibrationOptions& options = {});

}  // namespace tinyforge
