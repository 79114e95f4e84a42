#pragma once
// Speech-like test audio made without external tools: a glottal pulse train at a gliding
// pitch through three vowel formant resonators, plus a little noise. Real spoken words
// (espeak-ng) are used where the synthesizer is installed; this one is always available.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace tinyforge::test {

inline std::vector<float> vowelLikeAudio(std::size_t samples, int sample_rate_hz = 16000, std::uint32_t seed = 7) {
  std::vector<double> source(samples, 0.0);
  double phase = 0.0;
  for (std::size_t n = 0; n < samples; ++n) {
    const double t = static_cast<double>(n) / sample_rate_hz;
    const double pitch_hz = 110.0 + 40.0 * t;  // rising intonation
    phase += pitch_hz / sample_rate_hz;
    if (phase >= 1.0) {
      phase -= 1.0;
      source[n] = 1.0;
    }
    seed = seed * 1664525u + 1013904223u;  // LCG noise (aspiration)
    source[n] += 0.02 * (static_cast<double>(seed >> 8) / 16777216.0 - 0.5);
  }
  std::vector<double> out(samples, 0.0);
  for (double formant_hz : {700.0, 1220.0, 2600.0}) {  // /a/-like vowel
    const double r = 0.97, w = 2.0 * std::numbers::pi * formant_hz / sample_rate_hz;
    double y1 = 0.0, y2 = 0.0;
    for (std::size_t n = 0; n < samples; ++n) {
      const double y = source[n] + 2.0 * r * std::cos(w) * y1 - r * r * y2;
      y2 = y1;
      y1 = y;
      out[n] += y;
    }
  }
  double peak = 0.0;
  for (double v : out) peak = std::max(peak, std::abs(v));
  std::vector<float> result(samples);
  for (std::size_t n = 0; n < samples; ++n) {
    const double envelope = std::sin(std::numbers::pi * static_cast<double>(n) / samples);  // word-like onset and decay
    result[n] = static_cast<float>(0.8 * envelope * out[n] / peak);
  }
  return result;
}

}  // namespace tinyforge::test
