#include "core/data/audio_file.h"

#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>

#include "core/data/dataset.h"

namespace tinyforge {

Audio readAudio(const std::filesystem::path& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr)
    throw DataError(path.string() + ": cannot read audio (" + std::string(sf_strerror(nullptr)) + ")");
  if (info.channels < 1 || info.samplerate < 1) {
    sf_close(file);
    throw DataError(path.string() + ": audio file with no channels or no sample rate");
  }
  std::vector<float> interleaved(static_cast<std::size_t>(info.frames) * info.channels);
  const sf_count_t read = sf_readf_float(file, interleaved.data(), info.frames);
  sf_close(file);
  if (read <= 0) throw DataError(path.string() + ": audio file holds no samples");
  Audio audio;
  audio.sample_rate_hz = info.samplerate;
  audio.samples.resize(static_cast<std::size_t>(read));
  for (sf_count_t i = 0; i < read; ++i) {
    float sum = 0.0f;
    for (int c = 0; c < info.channels; ++c) sum += interleaved[static_cast<std::size_t>(i * info.channels + c)];
    audio.samples[static_cast<std::size_t>(i)] = sum / static_cast<float>(info.channels);
  }
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
  const std::size_t out_length =
      static_cast<std::size_t>(std::llround(static_cast<double>(samples.size()) * to_hz / from_hz));
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
