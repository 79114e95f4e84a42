#include "core/data/log_mel.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/data/mel_filterbank.h"
#include "core/data/real_fft.h"

namespace tinyforge {

LogMelFrontEnd::LogMelFrontEnd(const LogMelConfig& config) : config_(config) {
  if (config.frame_samples < 2 || config.hop_samples < 1 || config.fft_size < config.frame_samples)
    throw std::invalid_argument("log-mel: need frame >= 2, hop >= 1, fft >= frame");
  fft_ = std::make_unique<RealFft>(config.fft_size);
  // Periodic Hann, as scipy.signal.get_window('hann') that librosa uses.
  window_.resize(static_cast<std::size_t>(config.frame_samples));
  for (int n = 0; n < config.frame_samples; ++n)
    window_[n] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / config.frame_samples);
  mel_weights_ = melFilterBank(config.mel_bands, config.fft_size, config.sample_rate_hz, config.lower_hz, config.upper_hz);
}

LogMelFrontEnd::~LogMelFrontEnd() = default;
LogMelFrontEnd::LogMelFrontEnd(LogMelFrontEnd&&) noexcept = default;
LogMelFrontEnd& LogMelFrontEnd::operator=(LogMelFrontEnd&&) noexcept = default;

int LogMelFrontEnd::frameCount(std::size_t samples) const {
  if (samples < static_cast<std::size_t>(config_.frame_samples)) return 0;
  return 1 + static_cast<int>((samples - config_.frame_samples) / config_.hop_samples);
}

std::vector<float> LogMelFrontEnd::compute(std::span<const float> audio) const {
  const int frames = frameCount(audio.size());
  const int bins = fft_->bins();
  const int bands = config_.mel_bands;
  std::vector<float> out(static_cast<std::size_t>(frames) * bands);
  std::vector<double> frame(window_.size()), power;
  for (int t = 0; t < frames; ++t) {
    const std::size_t start = static_cast<std::size_t>(t) * config_.hop_samples;
    for (std::size_t n = 0; n < window_.size(); ++n) frame[n] = audio[start + n] * window_[n];
    fft_->powerSpectrum(frame, power);
    for (int m = 0; m < bands; ++m) {
      const double* w = &mel_weights_[static_cast<std::size_t>(m) * bins];
      double sum = 0.0;
      for (int k = 0; k < bins; ++k)
        if (w[k] != 0.0) sum += w[k] * power[k];
      out[static_cast<std::size_t>(t) * bands + m] = static_cast<float>(10.0 * std::log10(sum + config_.floor));
    }
  }
  return out;
}

}  // namespace tinyforge
