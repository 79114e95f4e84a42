#include "core/data/machine_sounds.h"

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "core/data/audio_file.h"
#include "core/data/feature_cache.h"
#include "core/data/file_list.h"
#include "core/data/image.h"
#include "core/data/parallel.h"
#include "core/data/split_hash.h"

namespace tinyforge {
namespace {

struct ClipFile {
  std::filesystem::path path;
  std::string machine_id;
  bool abnormal = false;
};

std::vector<ClipFile> mimiiClips(const std::filesystem::path& dir, Split split, const MachineSoundOptions& options) {
  std::vector<ClipFile> clips;
  for (const auto& id_dir : listFolders(dir)) {
    const std::string id = id_dir.filename().string();
    if (id.rfind("id_", 0) != 0) continue;
    std::size_t files_in_id = 0;
    for (const char* kind : {"normal", "abnormal"}) {
      const auto folder = id_dir / kind;
      std::error_code error;
      if (!std::filesystem::is_directory(folder, error)) continue;
      const bool abnormal = std::string(kind) == "abnormal";
      for (const auto& file : listFiles(folder, {".wav"})) {
        ++files_in_id;
        Split file_split = Split::kTest;
        if (!abnormal)
          file_split = splitForPercent(hashPercent(id + "/" + file.filename().string()), options.validation_percent,
                                       options.test_normal_percent);
        if (file_split == split) clips.push_back({file, id, abnormal});
      }
    }
    if (files_in_id == 0) throw DataError(id_dir.string() + ": no .wav files in normal/ or abnormal/");
  }
  return clips;
}

std::vector<ClipFile> dcaseClips(const std::filesystem::path& dir, Split split, const MachineSoundOptions& options) {
  static const std::regex pattern(R"(^(normal|anomaly)_(id_[0-9]+)_.*)");
  std::vector<ClipFile> clips;
  const auto folder = dir / (split == Split::kTest ? "test" : "train");
  for (const auto& file : listFiles(folder, {".wav"})) {
    std::smatch match;
    const std::string name = file.filename().string();
    if (!std::regex_match(name, match, pattern))
      throw DataError(file.string() + ": expected a name like normal_id_00_00000000.wav or anomaly_id_00_...");
    if (split != Split::kTest) {
      const Split file_split = splitForPercent(hashPercent(name), options.validation_percent, 0.0);
      if (file_split != split) continue;
    }
    clips.push_back({file, match[2].str(), match[1].str() == "anomaly"});
  }
  return clips;
}

// Machine ids of the whole data set (not only of this split), so every split numbers them alike.
std::vector<std::string> machineIds(const std::filesystem::path& dir, bool mimii) {
  std::vector<std::string> ids;
  if (mimii) {
    for (const auto& folder : listFolders(dir))
      if (folder.filename().string().rfind("id_", 0) == 0) ids.push_back(folder.filename().string());
  } else {
    static const std::regex pattern(R"(^(?:normal|anomaly)_(id_[0-9]+)_.*)");
    for (const char* sub : {"train", "test"}) {
      std::error_code error;
      if (!std::filesystem::is_directory(dir / sub, error)) continue;
      for (const auto& file : listFiles(dir / sub, {".wav"})) {
        std::smatch match;
        const std::string name = file.filename().string();
        if (std::regex_match(name, match, pattern)) ids.push_back(match[1].str());
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::vector<float>> clipPatches(const ClipFile& clip, const LogMelFrontEnd& front_end,
                                            const MachineSoundOptions& options) {
  const Audio audio = readAudioAt(clip.path, options.log_mel.sample_rate_hz);
  const std::vector<float> spectrogram = front_end.compute(audio.samples);
  const int bands = options.log_mel.mel_bands;
  const int frames = front_end.frameCount(audio.samples.size());
  if (frames < options.patch_frames)
    throw DataError(clip.path.string() + ": too short for one image (" + std::to_string(frames) + " frames, need " +
                    std::to_string(options.patch_frames) + ")");
  std::vector<std::vector<float>> patches;
  for (int start = 0; start + options.patch_frames <= frames; start += options.patch_hop_frames) {
    const auto first = spectrogram.begin() + static_cast<std::ptrdiff_t>(start) * bands;
    const std::vector<float> image(first, first + static_cast<std::ptrdiff_t>(options.patch_frames) * bands);
    patches.push_back(resizeBilinear(image, options.patch_frames, bands, options.patch_size, options.patch_size));
  }
  return patches;
}

std::string optionsKey(const MachineSoundOptions& o, Split split) {
  std::ostringstream key;
  key.precision(17);
  const LogMelConfig& m = o.log_mel;
  key << "machine_sounds v1|" << toString(split) << "|" << m.sample_rate_hz << "|" << m.frame_samples << "|"
      << m.hop_samples << "|" << m.fft_size << "|" << m.mel_bands << "|" << m.lower_hz << "|" << m.upper_hz << "|"
      << m.floor << "|" << o.patch_frames << "|" << o.patch_hop_frames << "|" << o.patch_size << "|"
      << o.validation_percent << "|" << o.test_normal_percent;
  return key.str();
}

std::string clipRecord(const MachineClip& c) {
  return c.path + "\t" + std::to_string(c.label) + "\t" + (c.abnormal ? "1" : "0") + "\t" +
         std::to_string(c.first_sample) + "\t" + std::to_string(c.sample_count);
}

std::optional<MachineClip> parseClipRecord(const std::string& record) {
  std::istringstream in(record);
  MachineClip c;
  std::string abnormal;
  if (!std::getline(in, c.path, '\t') || !(in >> c.label >> abnormal >> c.first_sample >> c.sample_count))
    return std::nullopt;
  c.abnormal = abnormal == "1";
  return c;
}

}  // namespace

MachineSoundData loadMachineSounds(const std::filesystem::path& dir, Split split, const MachineSoundOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) throw DataError(dir.string() + ": machine sound folder not found");
  bool mimii = false;
  for (const auto& folder : listFolders(dir)) mimii |= folder.filename().string().rfind("id_", 0) == 0;
  if (!mimii && !std::filesystem::is_directory(dir / "train", error))
    throw DataError(dir.string() + ": neither MIMII (id_XX/normal, id_XX/abnormal) nor DCASE (train/, test/) layout");
  const std::vector<std::string> ids = machineIds(dir, mimii);
  if (ids.empty()) throw DataError(dir.string() + ": no machine ids found");
  const std::vector<ClipFile> files = mimii ? mimiiClips(dir, split, options) : dcaseClips(dir, split, options);
  if (files.empty()) throw DataError(dir.string() + ": no " + std::string(toString(split)) + " clips");

  MachineSoundData data{Dataset(ids, FeatureShape{options.patch_size, options.patch_size, 1}), {}};
  std::filesystem::path cache_file;
  std::string key;
  if (!options.cache_dir.empty()) {
    key = optionsKey(options, split);
    for (const auto& f : files) key += "\n" + fileKey(f.path);
    cache_file = options.cache_dir / ("machine_sounds_" + std::string(toString(split)) + "_" + sha1Hex(key).substr(0, 16) + ".feat");
    if (auto cached = readFeatureCache(cache_file, key); cached && cached->extra.size() == files.size()) {
      std::vector<MachineClip> clips;
      for (const auto& record : cached->extra)
        if (auto clip = parseClipRecord(record)) clips.push_back(*clip);
      if (clips.size() == files.size()) return {std::move(cached->dataset), std::move(clips)};
    }
  }

  const LogMelFrontEnd front_end(options.log_mel);
  std::vector<std::vector<std::vector<float>>> patches(files.size());
  parallelFor(files.size(), [&](std::size_t i) { patches[i] = clipPatches(files[i], front_end, options); });
  for (std::size_t i = 0; i < files.size(); ++i) {
    MachineClip clip;
    clip.path = files[i].path.string();
    clip.label = static_cast<int>(std::find(ids.begin(), ids.end(), files[i].machine_id) - ids.begin());
    clip.abnormal = files[i].abnormal;
    clip.first_sample = data.patches.size();
    clip.sample_count = patches[i].size();
    for (std::size_t p = 0; p < patches[i].size(); ++p)
      data.patches.add({std::move(patches[i][p]), clip.label}, clip.path + "#" + std::to_string(p));
    data.clips.push_back(std::move(clip));
  }
  if (!cache_file.empty()) {
    std::vector<std::string> records;
    for (const auto& c : data.clips) records.push_back(clipRecord(c));
    writeFeatureCache(cache_file, key, data.patches, records);
  }
  return data;
}

std::vector<double> clipAnomalyScores(const MachineSoundData& data, const std::vector<std::vector<float>>& probabilities) {
  if (probabilities.size() != data.patches.size())
    throw DataError("anomaly scores: " + std::to_string(probabilities.size()) + " probability rows for " +
                    std::to_string(data.patches.size()) + " patches");
  std::vector<double> scores;
  for (const auto& clip : data.clips) {
    double sum = 0.0;
    for (std::size_t i = clip.first_sample; i < clip.first_sample + clip.sample_count; ++i) {
      if (probabilities[i].size() <= static_cast<std::size_t>(clip.label))
        throw DataError("anomaly scores: probability row " + std::to_string(i) + " is too short for class " +
                        std::to_string(clip.label));
      sum += probabilities[i][static_cast<std::size_t>(clip.label)];
    }
    scores.push_back(clip.sample_count ? -sum / static_cast<double>(clip.sample_count) : 0.0);
  }
  return scores;
}

double rocAuc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  if (scores.size() != positive.size()) throw DataError("ROC AUC: scores and labels differ in length");
  // Mann-Whitney U via ranks: sort, give tied scores their average rank.
  std::vector<std::size_t> order(scores.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0.0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (positive[order[k]]) {
        positive_rank_sum += average_rank;
        ++positives;
      }
    i = j;
  }
  const std::size_t negatives = scores.size() - positives;
  if (positives == 0 || negatives == 0) throw DataError("ROC AUC needs at least one positive and one negative");
  const double p = static_cast<double>(positives), n = static_cast<double>(negatives);
  return (positive_rank_sum - p * (p + 1.0) / 2.0) / (p * n);
}

}  // namespace tinyforge
