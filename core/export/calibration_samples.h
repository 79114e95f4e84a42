#pragma once
// Reads calibration samples for post-training quantization from files a user can make
// with NumPy: a .npy array of float32 (or float64) holding one sample or a batch
// [N, ...input shape], a raw little-endian float32 file (.f32, .raw, .bin) of one or
// more samples back to back, or a folder of such files (read in name order).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/quant/float_forward.h"

namespace tinyforge {

class CalibrationDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `input_shape` is the model's (single) input shape, batch 1. Throws CalibrationDataError
// naming the file: missing, unreadable, not float, not a whole number of samples, empty.
std::vector<FloatSample> loadCalibrationSamples(const std::string& path, const std::vector<int32_t>& input_shape);

// Writes a float32 .npy (version 1.0) of `values` with `shape`: for tests and tools.
std::string makeNpyFloat32(const std::vector<int64_t>& shape, const std::vector<float>& values);

}  // namespace tinyforge
