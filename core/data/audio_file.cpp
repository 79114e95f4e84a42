#include "core/data/audio_file.h"

#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>

#include "core/data/dataset.h"

namespace tinyforge {
namespace {

// 2^26 mono samples (23 minutes at 48 kHz, 256 MiB of floats): far beyond any clip a
// keyword or anomaly model is trained on; a file (or a resampling) beyond it is refused.
constexpr std::size_t kMaxAudioSamples = std::size_t{1} << 26;
constexpr int kMinAudioRateHz = 1000;

}  // namespace

Audio readAudio(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr)
    throw DataError(path.string() + ": cannot read audio (" + std::string(sf_strerror(nullptr)) + ")");
  if (info.channels < 1 || info.samplerate < 1) {
    sf_close(file);
    throw DataError(path.string() + ": audio file with no channels or no sample rate");
  }
  // 768 kHz is the highest rate audio hardware records; a header claiming more is damaged.
  // Below 1 kHz no sound a keyword or machine model hears is left, and converting such a
  // rate to 16 kHz costs soxr seconds for a few hundred bytes (a 1 Hz file took 20 s).
  if (info.samplerate < kMinAudioRateHz || info.samplerate > 768000) {
    sf_close(file);
    throw DataError(path.string() + ": sample rate " + std::to_string(info.samplerate) + " Hz is not an audio rate");
  }
  // Read in blocks, averaging to mono as it goes: memory follows the samples the file
  // really holds, not the frame count its header claims (a 60-byte file may claim hours).
  const sf_count_t kBlockFrames = std::max(1, 65536 / info.channels);  // 256 KiB of floats per block
  constexpr std::size_t kMaxSamples = kMaxAudioSamples;
  std::vector<float> block(static_cast<std::size_t>(kBlockFrames) * static_cast<std::size_t>(info.channels));
  Audio audio;
  audio.sample_rate_hz = info.samplerate;
  for (;;) {
    const sf_count_t read = sf_readf_float(file, block.data(), kBlockFrames);
    if (read <= 0) break;
    if (audio.samples.size() + static_cast<std::size_t>(read) > kMaxSamples) {
      sf_close(file);
      throw DataError(path.string() + ": audio file longer than " + std::to_string(kMaxSamples) +
                      " samples; cut it into clips first");
    }
    for (sf_count_t i = 0; i < read; ++i) {
      float sum = 0.0f;
      for (int c = 0; c < info.channels; ++c) sum += block[static_cast<std::size_t>(i * info.channels + c)];
      audio.samples.push_back(sum / static_cast<float>(info.channels));
    }
  }
  sf_close(file);
  if (audio.samples.empty()) throw DataError(path.string() + ": audio file holds no samples");
  return audio;
}

Audio readAudioAt(const std::filesystem::path& path, int sample_rate_hz) {
  Audio audio = readAudio(path);
  if (audio.sample_rate_hz != sample_rate_hz) {
    try {
      audio.samples = resample(audio.samples, audio.sample_rate_hz, sample_rate_hz);
    } catch (const std::exception& error) {
      throw DataError(path.string() + ": cannot convert " + std::to_string(audio.sample_rate_hz) + " Hz to " +
                      std::to_string(sample_rate_hz) + " Hz (" + error.what() + ")");
    }
    audio.sample_rate_hz = sample_rate_hz;
  }
  return audio;
}

void writeWav(const std::filesystem::path& path, std::span<const float> samples, int sample_rate_hz) {
  SF_INFO info{};
  info.samplerate = sample_rate_hz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) throw DataError(path.string() + ": cannot write (" + std::string(sf_strerror(nullptr)) + ")");
  std::vector<float> clipped(samples.begin(), samples.end());
  for (float& s : clipped) s = std::clamp(s, -1.0f, 1.0f);
  const sf_count_t written = sf_writef_float(file, clipped.data(), static_cast<sf_count_t>(clipped.size()));
  sf_close(file);
  if (written != static_cast<sf_count_t>(clipped.size())) throw DataError(path.string() + ": short write");
}

std::vector<float> resample(std::span<const float> samples, int from_hz, int to_hz) {
  if (from_hz <= 0 || to_hz <= 0) throw DataError("sample rates must be positive");
  if (from_hz == to_hz) return {samples.begin(), samples.end()};
  const double out_samples = static_cast<double>(samples.size()) * to_hz / from_hz;
  if (out_samples > static_cast<double>(kMaxAudioSamples))
    throw DataError("resampling " + std::to_string(samples.size()) + " samples from " + std::to_string(from_hz) +
                    " Hz to " + std::to_string(to_hz) + " Hz gives more than " + std::to_string(kMaxAudioSamples));
  const std::size_t out_length = static_cast<std::size_t>(std::llround(out_samples));
  // soxr writes through the output pointer even for no output (an empty vector's data() is
  // null): a handful of samples at a very high rate gives none at the target rate.
  if (out_length == 0 || samples.empty()) return {};
  std::vector<float> out(out_length);
  std::size_t done = 0;
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  const soxr_error_t error = soxr_oneshot(from_hz, to_hz, 1, samples.data(), samples.size(), nullptr, out.data(),
                                          out.size(), &done, nullptr, &quality, nullptr);
  if (error) throw DataError(std::string("resampling failed: ") + soxr_strerror(error));
  out.resize(done);
  padOrTrim(out, out_length);
  return out;
}

void padOrTrim(std::vector<float>& samples, std::size_t length) { samples.resize(length, 0.0f); }

}  // namespace tinyforge
