#pragma once
// Log-mel spectrogram of the MIMII / DCASE 2020 task 2 baseline: 16 kHz audio, 1024-sample
// (64 ms) Hann-windowed frames every 512 samples (32 ms), 1024-point FFT, power spectrum,
// 64 HTK-mel triangles over 0-8000 Hz, 10*log10(mel + 1e-10) (dB).
// Differences from the baseline's librosa call, on purpose: HTK mel triangles without
// Slaney area normalisation (the same filter code as the MFCC front end) and frames that
// start at sample 0 (librosa centres frames with reflection padding).

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "core/data/dataset.h"

namespace tinyforge {

struct LogMelConfig {
  int sample_rate_hz = 16000;
  int frame_samples = 1024;
  int hop_samples = 512;
  int fft_size = 1024;
  int mel_bands = 64;
  double lower_hz = 0.0;
  double upper_hz = 8000.0;
  double floor = 1e-10;  // added to the mel power before the log
};

class RealFft;

class LogMelFrontEnd {
 public:
  explicit LogMelFrontEnd(const LogMelConfig& config = {});
  ~LogMelFrontEnd();
  LogMelFrontEnd(LogMelFrontEnd&&) noexcept;
  LogMelFrontEnd& operator=(LogMelFrontEnd&&) noexcept;

  const LogMelConfig& config() const { return config_; }
  int frameCount(std::size_t samples) const;
  // frames x mel_bands, row-major, in dB. Thread-safe.
  std::vector<float> compute(std::span<const float> audio) const;

 private:
  LogMelConfig config_;
  std::unique_ptr<RealFft> fft_;
  std::vector<double> window_;
  std::vector<double> mel_weights_;  // mel_bands x (fft_size/2+1)
};

}  // namespace tinyforge
