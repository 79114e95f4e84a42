#include "core/data/mfcc.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/data/mel_filterbank.h"
#include "core/data/real_fft.h"

namespace tinyforge {

MfccFrontEnd::MfccFrontEnd(const MfccConfig& config) : config_(config) {
  if (config.window_samples < 2 || config.stride_samples < 1 || config.fft_size < config.window_samples ||
      config.coefficients < 1 || config.coefficients > config.mel_bands)
    throw std::invalid_argument("MFCC: need window >= 2, stride >= 1, fft >= window, 1 <= coefficients <= mel bands");
  fft_ = std::make_unique<RealFft>(config.fft_size);
  // Periodic Hann, as tf.signal.hann_window's default.
  window_.resize(static_cast<std::size_t>(config.window_samples));
  for (int n = 0; n < config.window_samples; ++n)
    window_[n] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / config.window_samples);
  mel_weights_ = melFilterBank(config.mel_bands, config.fft_size, config.sample_rate_hz, config.lower_hz, config.upper_hz);
  // tf.signal.mfccs_from_log_mel_spectrograms: unnormalised DCT-II times 1/sqrt(2N),
  // i.e. sqrt(2/N) * sum x_n cos(pi k (2n+1) / 2N) for every k, k = 0 included.
  const int bands = config.mel_bands;
  dct_.resize(static_cast<std::size_t>(config.coefficients) * bands);
  for (int k = 0; k < config.coefficients; ++k)
    for (int n = 0; n < bands; ++n)
      dct_[static_cast<std::size_t>(k) * bands + n] =
          std::sqrt(2.0 / bands) * std::cos(std::numbers::pi * k * (2.0 * n + 1.0) / (2.0 * bands));
}

MfccFrontEnd::~MfccFrontEnd() = default;
MfccFrontEnd::MfccFrontEnd(MfccFrontEnd&&) noexcept = default;
MfccFrontEnd& MfccFrontEnd::operator=(MfccFrontEnd&&) noexcept = default;

int MfccFrontEnd::frameCount(std::size_t samples) const {
  if (samples < static_cast<std::size_t>(config_.window_samples)) return 0;
  return 1 + static_cast<int>((samples - config_.window_samples) / config_.stride_samples);
}

std::vector<float> MfccFrontEnd::compute(std::span<const float> audio) const {
  const int frames = frameCount(audio.size());
  const int bins = fft_->bins();
  const int bands = config_.mel_bands;
  std::vector<float> out(static_cast<std::size_t>(frames) * config_.coefficients);
  std::vector<double> frame(window_.size()), power, log_mel(static_cast<std::size_t>(bands));
  for (int t = 0; t < frames; ++t) {
    const std::size_t start = static_cast<std::size_t>(t) * config_.stride_samples;
    for (std::size_t n = 0; n < window_.size(); ++n) frame[n] = audio[start + n] * window_[n];
    fft_->powerSpectrum(frame, power);
    for (int m = 0; m < bands; ++m) {
      const double* w = &mel_weights_[static_cast<std::size_t>(m) * bins];
      double sum = 0.0;
      for (int k = 0; k < bins; ++k)
        if (w[k] != 0.0) sum += w[k] * std::sqrt(power[k]);  // magnitude spectrum, as the reference
      log_mel[m] = std::log(sum + config_.log_offset);
    }
    for (int k = 0; k < config_.coefficients; ++k) {
      const double* d = &dct_[static_cast<std::size_t>(k) * bands];
      double sum = 0.0;
      for (int m = 0; m < bands; ++m) sum += d[m] * log_mel[m];
      out[static_cast<std::size_t>(t) * config_.coefficients + k] = static_cast<float>(sum);
    }
  }
  return out;
}

}  // namespace tinyforge
