#include "core/data/synth_keywords.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include "core/data/audio_file.h"
#include "core/data/dataset.h"
#include "core/data/parallel.h"
#include "core/data/process.h"
#include "core/data/rng.h"

namespace tinyforge {
namespace {

constexpr int kSampleRateHz = 16000;

struct Speaker {
  std::string voice;  // e.g. "en-us+f3"
  int speed_wpm = 160;
  int pitch = 50;
  std::string name;   // 8 hex digits
};

std::vector<Speaker> makeSpeakers(std::uint64_t seed) {
  // espeak-ng's English voices and the variants shipped with it (male m1..m7, female f1..f4).
  const std::vector<std::string> voices = {"en", "en-us", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan"};
  const std::vector<std::string> variants = {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4"};
  Rng rng(mixSeed(seed, 0x5EA4E7));
  std::vector<Speaker> speakers;
  for (std::size_t v = 0; v < voices.size(); ++v)
    for (std::size_t w = 0; w < variants.size(); ++w) {
      Speaker s;
      s.voice = voices[v] + "+" + variants[w];
      s.speed_wpm = static_cast<int>(rng.integer(120, 210));
      s.pitch = static_cast<int>(rng.integer(25, 80));
      char name[9];
      std::snprintf(name, sizeof name, "%08x", static_cast<unsigned>(mixSeed(seed, v * 100 + w) & 0xffffffffu));
      s.name = name;
      speakers.push_back(s);
    }
  // Shuffle so that a small clip count still spans accents and sexes.
  for (std::size_t i = speakers.size(); i > 1; --i)
    std::swap(speakers[i - 1], speakers[static_cast<std::size_t>(rng.integer(0, static_cast<std::int64_t>(i) - 1))]);
  return speakers;
}

struct Job {
  std::string word;
  std::size_t speaker = 0;
  int repetition = 0;
  std::uint64_t seed = 0;
};

// Cuts espeak's leading and trailing silence, then places the word at a random offset of a
// 1 s clip at a random gain, as a person speaking somewhere in the recording window would.
std::vector<float> placeInClip(const std::vector<float>& speech, Rng& rng) {
  float peak = 0.0f;
  for (float s : speech) peak = std::max(peak, std::abs(s));
  std::size_t first = 0, last = speech.size();
  if (peak > 0.0f) {
    while (first < speech.size() && std::abs(speech[first]) < 0.02f * peak) ++first;
    while (last > first && std::abs(speech[last - 1]) < 0.02f * peak) --last;
  }
  const std::size_t length = std::min<std::size_t>(last - first, kSampleRateHz);
  const std::size_t offset = static_cast<std::size_t>(rng.integer(0, static_cast<std::int64_t>(kSampleRateHz - length)));
  const float gain = peak > 0.0f ? static_cast<float>(rng.uniform(0.3, 0.9)) / peak : 0.0f;
  std::vector<float> clip(kSampleRateHz, 0.0f);
  for (std::size_t i = 0; i < length; ++i) clip[offset + i] = speech[first + i] * gain;
  return clip;
}

void synthesizeClip(const Job& job, const Speaker& speaker, const std::filesystem::path& out,
                    const std::filesystem::path& scratch) {
  Rng rng(job.seed);
  // Small per-repetition changes so one speaker's clips of a word are not identical.
  const int speed = speaker.speed_wpm + static_cast<int>(rng.integer(-15, 15));
  const int pitch = std::clamp(speaker.pitch + static_cast<int>(rng.integer(-8, 8)), 0, 99);
  const auto raw = scratch / ("raw_" + std::to_string(job.seed) + ".wav");
  const auto resampled = scratch / ("16k_" + std::to_string(job.seed) + ".wav");
  std::string log;
  if (runProgram({"espeak-ng", "-v", speaker.voice, "-s", std::to_string(speed), "-p", std::to_string(pitch), "-w",
                  raw.string(), job.word},
                 &log) != 0)
    throw DataError("espeak-ng failed for word '" + job.word + "' voice " + speaker.voice + ": " + log);
  log.clear();
  // -R: sox seeds its dither from the clock by default, so two syntheses would differ.
  if (runProgram({"sox", "-R", raw.string(), "-r", std::to_string(kSampleRateHz), "-c", "1", "-b", "16",
                  resampled.string()},
                 &log) != 0)
    throw DataError("sox failed to resample " + raw.string() + ": " + log);
  const Audio audio = readAudio(resampled);
  if (audio.sample_rate_hz != kSampleRateHz) throw DataError(resampled.string() + ": sox did not give 16 kHz");
  const std::vector<float> clip = placeInClip(audio.samples, rng);
  std::filesystem::create_directories(out / job.word);
  writeWav(out / job.word / (speaker.name + "_nohash_" + std::to_string(job.repetition) + ".wav"), clip, kSampleRateHz);
  std::error_code ignored;
  std::filesystem::remove(raw, ignored);
  std::filesystem::remove(resampled, ignored);
}

}  // namespace

bool keywordSynthesisAvailable() { return programOnPath("espeak-ng") && programOnPath("sox"); }

KeywordSynthReport synthesizeKeywordSet(const std::filesystem::path& out, const KeywordSynthOptions& options) {
  if (!programOnPath("espeak-ng")) throw DataError("espeak-ng not found on PATH (apt-get install espeak-ng)");
  if (!programOnPath("sox")) throw DataError("sox not found on PATH (apt-get install sox)");
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) throw DataError(out.string() + ": cannot create (" + error.message() + ")");
  const std::vector<Speaker> speakers = makeSpeakers(options.seed);

  std::vector<Job> jobs;
  auto addWord = [&](const std::string& word, int count) {
    for (int i = 0; i < count; ++i) {
      Job job{word, static_cast<std::size_t>(i) % speakers.size(), i / static_cast<int>(speakers.size()), 0};
      job.seed = mixSeed(options.seed, jobs.size() + 1);
      jobs.push_back(job);
    }
  };
  for (const auto& w : options.words) addWord(w, options.clips_per_word);
  for (const auto& w : options.unknown_words) addWord(w, options.clips_per_unknown_word);

  const auto scratch = out / (".synth_tmp_" + std::to_string(getpid()));
  std::filesystem::create_directories(scratch);
  std::mutex progress_mutex;
  std::size_t done = 0;
  try {
    parallelFor(
        jobs.size(),
        [&](std::size_t i) {
          synthesizeClip(jobs[i], speakers[jobs[i].speaker], out, scratch);
          if (options.progress) {
            std::lock_guard lock(progress_mutex);
            options.progress(++done, jobs.size());
          }
        },
        static_cast<unsigned>(std::max(1, options.jobs)));
  } catch (...) {
    std::filesystem::remove_all(scratch, error);
    throw;
  }
  std::filesystem::remove_all(scratch, error);

  // Background noise: sox's coloured-noise generators, a few seconds to minutes long as in
  // the real data set's _background_noise_ folder.
  const auto noise_dir = out / "_background_noise_";
  std::filesystem::create_directories(noise_dir);
  const std::string seconds = std::to_string(options.noise_seconds);
  const std::vector<std::pair<std::string, std::vector<std::string>>> noises = {
      {"white_noise.wav", {"synth", seconds, "whitenoise", "vol", "0.5"}},
      {"pink_noise.wav", {"synth", seconds, "pinknoise", "vol", "0.6"}},
      {"brown_noise.wav", {"synth", seconds, "brownnoise", "vol", "0.7"}},
      {"pink_tremolo_noise.wav", {"synth", seconds, "pinknoise", "tremolo", "3", "80", "vol", "0.6"}},
  };
  for (const auto& [name, effects] : noises) {
    std::vector<std::string> argv = {"sox", "-R", "-n", "-r", std::to_string(kSampleRateHz), "-c", "1", "-b", "16",
                                     (noise_dir / name).string()};
    argv.insert(argv.end(), effects.begin(), effects.end());
    std::string log;
    if (runProgram(argv, &log) != 0) throw DataError("sox failed to make " + (noise_dir / name).string() + ": " + log);
  }
  return {jobs.size(), noises.size(), std::min(speakers.size(), static_cast<std::size_t>(options.clips_per_word))};
}

}  // namespace tinyforge
