#pragma once
// Mel filter bank as tf.signal.linear_to_mel_weight_matrix builds it: HTK mel scale
// (1127 ln(1 + f/700)), FFT bin k at frequency k * sample_rate / fft_size, triangles with
// corners equally spaced in mel between lower_hz and upper_hz, weights taken in mel space,
// the DC bin always 0.

#include <vector>

namespace tinyforge {

double hertzToMel(double hertz);

// bands x (fft_size/2 + 1), row-major.
std::vector<double> melFilterBank(int bands, int fft_size, int sample_rate_hz, double lower_hz, double upper_hz);

}  // namespace tinyforge
