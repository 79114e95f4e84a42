#pragma once
// MFCC front end of the TinyMLPerf keyword-spotting reference (tf.signal pipeline):
// 16 kHz audio, 640-sample (40 ms) Hann-windowed frames every 320 samples (20 ms), each
// zero-padded to a 1024-point FFT, magnitude spectrum, 40 HTK-mel triangles over
// 20-4000 Hz, log(mel + 1e-6), DCT-II scaled by sqrt(2/40), first 10 coefficients.
// 1 s of audio gives 49 frames x 10 coefficients.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "core/data/dataset.h"

namespace tinyforge {

struct MfccConfig {
  int sample_rate_hz = 16000;
  int window_samples = 640;
  int stride_samples = 320;
  int fft_size = 1024;
  int mel_bands = 40;
  double lower_hz = 20.0;
  double upper_hz = 4000.0;
  int coefficients = 10;
  double log_offset = 1e-6;
  int clip_samples = 16000;  // loaders pad or trim clips to this length
};

class RealFft;

class MfccFrontEnd {
 public:
  explicit MfccFrontEnd(const MfccConfig& config = {});
  ~MfccFrontEnd();
  MfccFrontEnd(MfccFrontEnd&&) noexcept;
  MfccFrontEnd& operator=(MfccFrontEnd&&) noexcept;

  const MfccConfig& config() const { return config_; }
  int frameCount(std::size_t samples) const;
  FeatureShape shape(std::size_t samples) const { return {frameCount(samples), config_.coefficients, 1}; }
  // frames x coefficients, row-major. Thread-safe.
  std::vector<float> compute(std::span<const float> audio) const;

 private:
  MfccConfig config_;
  std::unique_ptr<RealFft> fft_;
  std::vector<double> window_;
  std::vector<double> mel_weights_;  // mel_bands x (fft_size/2+1)
  std::vector<double> dct_;          // coefficients x mel_bands
};

}  // namespace tinyforge
