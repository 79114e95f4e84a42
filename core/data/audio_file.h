#pragma once
// Audio files through libsndfile (WAV and whatever else libsndfile reads), as mono float
// samples in [-1, 1]; multi-channel files are averaged to mono. Sample-rate conversion
// through libsoxr (the resampler of SoX, "high quality" preset).

#include <filesystem>
#include <span>
#include <vector>

namespace tinyforge {

struct Audio {
  std::vector<float> samples;
  int sample_rate_hz = 0;
};

// Throws DataError naming the file when it cannot be opened or decoded, or is empty.
Audio readAudio(const std::filesystem::path& path);
// readAudio, converted to `sample_rate_hz` when the file has another rate.
Audio readAudioAt(const std::filesystem::path& path, int sample_rate_hz);
// 16-bit PCM WAV, mono; samples are clipped to [-1, 1]. Throws DataError naming the file.
void writeWav(const std::filesystem::path& path, std::span<const float> samples, int sample_rate_hz);

std::vector<float> resample(std::span<const float> samples, int from_hz, int to_hz);

// Pads with zeros or cuts at the end to exactly `length` samples.
void padOrTrim(std::vector<float>& samples, std::size_t length);

}  // namespace tinyforge
