// The MFCC and log-mel front ends against a direct, slow computation written out here:
// naive O(N^2) DFT in double, mel triangles computed per bin from the formula, DCT as an
// explicit sum. Independent of FFTW and of the filter-bank code under test.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>

#include "core/data/audio_file.h"
#include "core/data/log_mel.h"
#include "core/data/mel_filterbank.h"
#include "core/data/mfcc.h"
#include "core/data/process.h"
#include "core/data/test_signals.h"

namespace tinyforge {
namespace {

constexpr double kPi = std::numbers::pi;

double melOf(double hz) { return 1127.0 * std::log(1.0 + hz / 700.0); }

// Triangle weight of FFT bin k in band m, straight from tf.signal.linear_to_mel_weight_matrix's definition.
double triangle(int m, int k, int bands, int fft, int rate, double lo, double hi) {
  if (k == 0) return 0.0;
  const double step = (melOf(hi) - melOf(lo)) / (bands + 1);
  const double left = melOf(lo) + m * step, centre = left + step, right = centre + step;
  const double mel = melOf(k * static_cast<double>(rate) / fft);
  if (mel <= left || mel >= right) return 0.0;
  return mel <= centre ? (mel - left) / (centre - left) : (right - mel) / (right - centre);
}

// |DFT|^2 of the Hann-windowed frame zero-padded to `fft`, bins 0..fft/2.
std::vector<double> naivePower(const std::vector<float>& audio, std::size_t start, int window, int fft) {
  std::vector<double> power(static_cast<std::size_t>(fft / 2 + 1));
  for (int k = 0; k <= fft / 2; ++k) {
    double re = 0.0, im = 0.0;
    for (int n = 0; n < window; ++n) {
      const double x = audio[start + n] * (0.5 - 0.5 * std::cos(2.0 * kPi * n / window));
      re += x * std::cos(2.0 * kPi * k * n / fft);
      im -= x * std::sin(2.0 * kPi * k * n / fft);
    }
    power[k] = re * re + im * im;
  }
  return power;
}

std::vector<double> referenceMfcc(const std::vector<float>& audio, const MfccConfig& c) {
  const int frames = 1 + (static_cast<int>(audio.size()) - c.window_samples) / c.stride_samples;
  std::vector<double> out;
  for (int t = 0; t < frames; ++t) {
    const auto power = naivePower(audio, static_cast<std::size_t>(t) * c.stride_samples, c.window_samples, c.fft_size);
    std::vector<double> log_mel(c.mel_bands);
    for (int m = 0; m < c.mel_bands; ++m) {
      double sum = 0.0;
      for (int k = 0; k <= c.fft_size / 2; ++k)
        sum += triangle(m, k, c.mel_bands, c.fft_size, c.sample_rate_hz, c.lower_hz, c.upper_hz) * std::sqrt(power[k]);
      log_mel[m] = std::log(sum + 1e-6);
    }
    for (int k = 0; k < c.coefficients; ++k) {
      double sum = 0.0;
      for (int n = 0; n < c.mel_bands; ++n) sum += log_mel[n] * std::cos(kPi * k * (2 * n + 1) / (2.0 * c.mel_bands));
      out.push_back(sum * std::sqrt(2.0 / c.mel_bands));
    }
  }
  return out;
}

std::vector<float> spokenWordOrVowel() {
  // A real spoken word when espeak-ng and sox are installed (the tool chain the data sets use).
  if (programOnPath("espeak-ng")) {
    const auto dir = std::filesystem::temp_directory_path() / ("tf_front_end_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    if (runProgram({"espeak-ng", "-v", "en-us", "-w", (dir / "w.wav").string(), "seven"}) == 0) {
      auto audio = readAudioAt(dir / "w.wav", 16000).samples;
      std::filesystem::remove_all(dir);
      padOrTrim(audio, 16000);
      return audio;
    }
    std::filesystem::remove_all(dir);
  }
  return test::vowelLikeAudio(16000);
}

TEST(MelFilterBank, HtkMelScaleAndTriangles) {
  // 700 Hz is 1127 ln 2 mel by definition of the HTK scale.
  EXPECT_NEAR(hertzToMel(700.0), 1127.0 * std::log(2.0), 1e-9);
  const auto weights = melFilterBank(40, 1024, 16000, 20.0, 4000.0);
  ASSERT_EQ(weights.size(), 40u * 513u);
  for (int m = 0; m < 40; ++m)
    for (int k = 0; k < 513; ++k)
      ASSERT_NEAR(weights[m * 513 + k], triangle(m, k, 40, 1024, 16000, 20.0, 4000.0), 1e-12) << m << "," << k;
  // Nothing above 4000 Hz (bin 256) and nothing at DC.
  for (int m = 0; m < 40; ++m) {
    EXPECT_EQ(weights[m * 513 + 0], 0.0);
    for (int k = 257; k < 513; ++k) EXPECT_EQ(weights[m * 513 + k], 0.0);
  }
}

TEST(Mfcc, OneSecondGives49By10) {
  const MfccFrontEnd mfcc;
  // (16000 - 640) / 320 + 1 = 49 frames.
  EXPECT_EQ(mfcc.frameCount(16000), 49);
  EXPECT_EQ(mfcc.shape(16000), (FeatureShape{49, 10, 1}));
  EXPECT_EQ(mfcc.compute(std::vector<float>(16000, 0.0f)).size(), 490u);
  EXPECT_EQ(mfcc.frameCount(639), 0);
}

TEST(Mfcc, MatchesDirectComputationOnSpeech) {
  const auto audio = spokenWordOrVowel();
  const MfccConfig config;
  const auto fast = MfccFrontEnd(config).compute(audio);
  const auto slow = referenceMfcc(audio, config);
  ASSERT_EQ(fast.size(), slow.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < fast.size(); ++i) worst = std::max(worst, std::abs(fast[i] - slow[i]) / (1.0 + std::abs(slow[i])));
  // float output of a double computation: relative error at float precision.
  EXPECT_LT(worst, 2e-6);
}

TEST(Mfcc, SilenceGivesLogOffset) {
  // All-zero input: every log-mel value is ln(1e-6), so c0 = sqrt(2/40) * 40 * ln(1e-6) and the rest 0.
  const auto features = MfccFrontEnd().compute(std::vector<float>(16000, 0.0f));
  EXPECT_NEAR(features[0], std::sqrt(2.0 / 40.0) * 40.0 * std::log(1e-6), 1e-4);
  for (int k = 1; k < 10; ++k) EXPECT_NEAR(features[k], 0.0, 1e-4);
}

TEST(LogMel, MatchesDirectComputation) {
  auto audio = test::vowelLikeAudio(4096 + 512);
  const LogMelConfig c;
  const LogMelFrontEnd front_end(c);
  ASSERT_EQ(front_end.frameCount(audio.size()), 8);  // (4608 - 1024) / 512 + 1
  const auto fast = front_end.compute(audio);
  ASSERT_EQ(fast.size(), 8u * 64u);
  for (int t = 0; t < 8; ++t) {
    const auto power = naivePower(audio, static_cast<std::size_t>(t) * c.hop_samples, c.frame_samples, c.fft_size);
    for (int m = 0; m < c.mel_bands; ++m) {
      double sum = 0.0;
      for (int k = 0; k <= c.fft_size / 2; ++k) sum += triangle(m, k, 64, 1024, 16000, 0.0, 8000.0) * power[k];
      const double expected = 10.0 * std::log10(sum + 1e-10);
      ASSERT_NEAR(fast[t * 64 + m], expected, 1e-4 * (1.0 + std::abs(expected))) << "frame " << t << " band " << m;
    }
  }
}

TEST(LogMel, TenSecondClipGives311Frames) {
  // MIMII clips are 10 s at 16 kHz: (160000 - 1024) / 512 + 1 = 311 frames.
  EXPECT_EQ(LogMelFrontEnd().frameCount(160000), 311);
}

TEST(LogMel, ToneLandsInItsBand) {
  // A 1 kHz tone: the loudest band is the one whose triangle peaks nearest 1000 Hz.
  std::vector<float> tone(1024);
  for (std::size_t n = 0; n < tone.size(); ++n) tone[n] = static_cast<float>(0.5 * std::sin(2 * kPi * 1000.0 * n / 16000.0));
  const auto frame = LogMelFrontEnd().compute(tone);
  const int loudest = static_cast<int>(std::max_element(frame.begin(), frame.end()) - frame.begin());
  const double step = melOf(8000.0) / 65.0;
  int nearest = 0;
  for (int m = 0; m < 64; ++m)
    if (std::abs((m + 1) * step - melOf(1000.0)) < std::abs((nearest + 1) * step - melOf(1000.0))) nearest = m;
  EXPECT_EQ(loudest, nearest);
}

}  // namespace
}  // namespace tinyforge
