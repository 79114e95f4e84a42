#include "core/data/speech_commands.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/data/audio_file.h"
#include "core/data/feature_cache.h"
#include "core/data/file_list.h"
#include "core/data/parallel.h"
#include "core/data/rng.h"
#include "core/data/split_hash.h"

namespace tinyforge {
namespace {

constexpr int kSilenceLabel = 0;
constexpr int kUnknownLabel = 1;

// One sample before feature extraction: a file, or a silence segment of background noise.
struct Entry {
  std::filesystem::path path;  // empty for silence
  int label = 0;
  std::uint64_t seed = 0;      // silence: picks the noise segment and its volume
};

std::set<std::string> readList(const std::filesystem::path& file) {
  std::set<std::string> names;
  std::ifstream in(file);
  if (!in) return names;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) names.insert(line);
  }
  return names;
}

void normalizePeak(std::vector<float>& clip) {
  float peak = 0.0f;
  for (float s : clip) peak = std::max(peak, std::abs(s));
  if (peak > 0.0f)
    for (float& s : clip) s /= peak;
}

// Shared by the loader and the training augmenter: everything needed to rebuild a clip.
struct Source {
  SpeechCommandsOptions options;
  std::vector<Entry> entries;
  std::vector<std::vector<float>> noise;  // background recordings at 16 kHz
  MfccFrontEnd mfcc;

  Source(const SpeechCommandsOptions& o) : options(o), mfcc(o.mfcc) {}

  std::size_t clipSamples() const { return static_cast<std::size_t>(options.mfcc.clip_samples); }

  std::vector<float> foreground(const Entry& entry) const {
    if (entry.path.empty()) return std::vector<float>(clipSamples(), 0.0f);
    Audio audio = readAudioAt(entry.path, options.mfcc.sample_rate_hz);
    padOrTrim(audio.samples, clipSamples());
    if (options.normalize_peak) normalizePeak(audio.samples);
    return audio.samples;
  }

  // Adds `volume` x a random segment of a random background recording.
  void mixNoise(std::vector<float>& clip, Rng& rng, double volume) const {
    if (noise.empty() || volume <= 0.0) return;
    const auto& recording = noise[static_cast<std::size_t>(rng.integer(0, static_cast<std::int64_t>(noise.size()) - 1))];
    const std::size_t span = recording.size() > clip.size() ? recording.size() - clip.size() : 0;
    const std::size_t offset = static_cast<std::size_t>(rng.integer(0, static_cast<std::int64_t>(span)));
    for (std::size_t i = 0; i < clip.size() && offset + i < recording.size(); ++i)
      clip[i] = std::clamp(clip[i] + static_cast<float>(volume) * recording[offset + i], -1.0f, 1.0f);
  }

  // Features without training distortions: files as they are, silence as noise at a volume
  // drawn from the entry's own seed (uniform 0..1, as TensorFlow's silence samples).
  Sample plain(const Entry& entry) const {
    std::vector<float> clip = foreground(entry);
    if (entry.path.empty()) {
      Rng rng(entry.seed);
      const double volume = rng.uniform();
      mixNoise(clip, rng, volume);
    }
    return {mfcc.compute(clip), entry.label};
  }

  Sample augmented(const Entry& entry, std::uint64_t seed) const {
    Rng rng(mixSeed(seed, entry.seed));
    std::vector<float> clip = foreground(entry);
    const std::int64_t max_shift = static_cast<std::int64_t>(options.time_shift_ms) * options.mfcc.sample_rate_hz / 1000;
    if (max_shift > 0 && !entry.path.empty()) {
      const std::int64_t shift = rng.integer(-max_shift, max_shift);
      std::vector<float> shifted(clip.size(), 0.0f);
      for (std::int64_t i = 0; i < static_cast<std::int64_t>(clip.size()); ++i) {
        const std::int64_t from = i - shift;
        if (from >= 0 && from < static_cast<std::int64_t>(clip.size())) shifted[i] = clip[from];
      }
      clip.swap(shifted);
    }
    double volume = 0.0;
    if (entry.path.empty()) volume = rng.uniform();
    else if (rng.uniform() < options.background_frequency) volume = rng.uniform(0.0, options.background_volume);
    mixNoise(clip, rng, volume);
    return {mfcc.compute(clip), entry.label};
  }
};

class SpeechCommandsAugmenter : public Augmenter {
 public:
  explicit SpeechCommandsAugmenter(std::shared_ptr<const Source> source) : source_(std::move(source)) {}
  Sample augment(std::size_t index, std::uint64_t seed) const override {
    return source_->augmented(source_->entries.at(index), seed);
  }

 private:
  std::shared_ptr<const Source> source_;
};

std::string optionsKey(const SpeechCommandsOptions& o, Split split) {
  std::ostringstream key;
  key.precision(17);
  key << "speech_commands v1|" << toString(split) << "|";
  for (const auto& w : o.words) key << w << ",";
  key << "|" << o.validation_percent << "|" << o.testing_percent << "|" << o.silence_percent << "|"
      << o.unknown_percent << "|" << o.normalize_peak << "|" << o.seed << "|" << o.mfcc.sample_rate_hz << "|"
      << o.mfcc.window_samples << "|" << o.mfcc.stride_samples << "|" << o.mfcc.fft_size << "|" << o.mfcc.mel_bands
      << "|" << o.mfcc.lower_hz << "|" << o.mfcc.upper_hz << "|" << o.mfcc.coefficients << "|" << o.mfcc.log_offset
      << "|" << o.mfcc.clip_samples;
  return key.str();
}

}  // namespace

Split speechCommandsHashSplit(const std::string& file_name, double validation_percent, double testing_percent) {
  std::string speaker = file_name;
  const auto nohash = speaker.find("_nohash_");
  if (nohash != std::string::npos) speaker.erase(nohash);
  return splitForPercent(hashPercent(speaker), validation_percent, testing_percent);
}

Dataset loadSpeechCommands(const std::filesystem::path& dir, Split split, const SpeechCommandsOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) throw DataError(dir.string() + ": Speech Commands folder not found");
  std::vector<std::string> class_names = {"silence", "unknown"};
  class_names.insert(class_names.end(), options.words.begin(), options.words.end());

  const auto validation_list = readList(dir / "validation_list.txt");
  const auto testing_list = readList(dir / "testing_list.txt");
  const bool have_lists = !validation_list.empty() || !testing_list.empty();

  auto source = std::make_shared<Source>(options);
  std::vector<Entry> keywords, unknowns;
  std::size_t word_folders = 0;
  for (const auto& folder : listFolders(dir)) {
    const std::string word = folder.filename().string();
    if (word.empty() || word[0] == '_' || word[0] == '.') continue;
    ++word_folders;
    const auto it = std::find(options.words.begin(), options.words.end(), word);
    const int label = it == options.words.end() ? kUnknownLabel : 2 + static_cast<int>(it - options.words.begin());
    for (const auto& file : listFiles(folder, {".wav"})) {
      const std::string relative = word + "/" + file.filename().string();
      Split file_split;
      if (have_lists)
        file_split = validation_list.count(relative) ? Split::kValidation
                     : testing_list.count(relative)  ? Split::kTest
                                                     : Split::kTrain;
      else
        file_split = speechCommandsHashSplit(file.filename().string(), options.validation_percent, options.testing_percent);
      if (file_split != split) continue;
      (label == kUnknownLabel ? unknowns : keywords).push_back({file, label, 0});
    }
  }
  if (word_folders == 0) throw DataError(dir.string() + ": no word folders (expected DIR/<word>/*.wav)");
  if (keywords.empty())
    throw DataError(dir.string() + ": no " + std::string(toString(split)) + " clips of the keywords in any word folder");

  // Unknown and silence counts follow TensorFlow: a percentage of the keyword count.
  const std::uint64_t split_seed = mixSeed(options.seed, static_cast<std::uint64_t>(split));
  Rng rng(split_seed);
  for (std::size_t i = unknowns.size(); i > 1; --i)  // Fisher-Yates with our portable Rng
    std::swap(unknowns[i - 1], unknowns[static_cast<std::size_t>(rng.integer(0, static_cast<std::int64_t>(i) - 1))]);
  const auto percentOf = [&](double percent) {
    return static_cast<std::size_t>(std::ceil(static_cast<double>(keywords.size()) * percent / 100.0));
  };
  const std::size_t silences = percentOf(options.silence_percent);
  unknowns.resize(std::min(unknowns.size(), percentOf(options.unknown_percent)));
  std::sort(unknowns.begin(), unknowns.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });

  std::vector<Entry>& entries = source->entries;
  entries = std::move(keywords);
  entries.insert(entries.end(), unknowns.begin(), unknowns.end());
  for (std::size_t i = 0; i < silences; ++i) entries.push_back({{}, kSilenceLabel, mixSeed(split_seed, i + 1)});

  const auto noise_dir = dir / "_background_noise_";
  std::vector<std::filesystem::path> noise_files;
  if (std::filesystem::is_directory(noise_dir, error)) {
    noise_files = listFiles(noise_dir, {".wav"});
    if (noise_files.empty()) throw DataError(noise_dir.string() + ": folder holds no .wav files");
    for (const auto& file : noise_files) source->noise.push_back(readAudioAt(file, options.mfcc.sample_rate_hz).samples);
  }

  const FeatureShape shape = source->mfcc.shape(static_cast<std::size_t>(options.mfcc.clip_samples));
  Dataset dataset(class_names, shape);
  auto sourceName = [&](std::size_t i) {
    return entries[i].path.empty() ? "silence#" + std::to_string(i) : entries[i].path.string();
  };

  std::filesystem::path cache_file;
  std::string key;
  if (!options.cache_dir.empty()) {
    key = optionsKey(options, split);
    for (const auto& e : entries) key += "\n" + (e.path.empty() ? std::to_string(e.seed) : fileKey(e.path));
    for (const auto& f : noise_files) key += "\nnoise " + fileKey(f);
    cache_file = options.cache_dir / ("speech_commands_" + std::string(toString(split)) + "_" + sha1Hex(key).substr(0, 16) + ".feat");
    if (auto cached = readFeatureCache(cache_file, key); cached && cached->dataset.size() == entries.size())
      dataset = std::move(cached->dataset);
  }
  if (dataset.size() != entries.size()) {
    std::vector<Sample> samples(entries.size());
    parallelFor(entries.size(), [&](std::size_t i) { samples[i] = source->plain(entries[i]); });
    for (std::size_t i = 0; i < samples.size(); ++i) dataset.add(std::move(samples[i]), sourceName(i));
    if (!cache_file.empty()) writeFeatureCache(cache_file, key, dataset);
  }
  if (split == Split::kTrain && options.augment_training)
    dataset.setAugmenter(std::make_shared<SpeechCommandsAugmenter>(source));
  return dataset;
}

}  // namespace tinyforge
