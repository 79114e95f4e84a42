#include "core/data/mel_filterbank.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tinyforge {

double hertzToMel(double hertz) { return 1127.0 * std::log(1.0 + hertz / 700.0); }

std::vector<double> melFilterBank(int bands, int fft_size, int sample_rate_hz, double lower_hz, double upper_hz) {
  if (bands < 1 || fft_size < 2 || !(lower_hz >= 0.0) || !(upper_hz > lower_hz) || upper_hz > sample_rate_hz / 2.0)
    throw std::invalid_argument("mel filter bank: need bands >= 1 and 0 <= lower < upper <= Nyquist");
  const int bins = fft_size / 2 + 1;
  const double lower_mel = hertzToMel(lower_hz);
  const double upper_mel = hertzToMel(upper_hz);
  std::vector<double> edges(static_cast<std::size_t>(bands) + 2);
  for (std::size_t i = 0; i < edges.size(); ++i)
    edges[i] = lower_mel + (upper_mel - lower_mel) * static_cast<double>(i) / static_cast<double>(bands + 1);
  std::vector<double> weights(static_cast<std::size_t>(bands) * bins, 0.0);
  for (int k = 1; k < bins; ++k) {  // bin 0 (DC) carries no weight, as in TensorFlow
    const double mel = hertzToMel(static_cast<double>(k) * sample_rate_hz / fft_size);
    for (int m = 0; m < bands; ++m) {
      const double left = edges[m], centre = edges[m + 1], right = edges[m + 2];
      const double rising = (mel - left) / (centre - left);
      const double falling = (right - mel) / (right - centre);
      weights[static_cast<std::size_t>(m) * bins + k] = std::max(0.0, std::min(rising, falling));
    }
  }
  return weights;
}

}  // namespace tinyforge
