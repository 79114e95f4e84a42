#pragma once
// Google Speech Commands (keyword spotting, TinyMLPerf KWS) read from its folder layout:
//   DIR/<word>/<speaker>_nohash_<n>.wav   one folder per word, 1 s, 16 kHz mono
//   DIR/_background_noise_/*.wav          long noise recordings (augmentation, "silence")
//   DIR/validation_list.txt, DIR/testing_list.txt   "<word>/<file>.wav" per line (optional)
// Without the lists, a file's split comes from the standard hash of its speaker part
// (SHA-1 of the name before "_nohash_", as TensorFlow's speech_commands input_data.py), so
// one speaker never lands in two splits.
//
// 12 classes in TensorFlow's order: "silence", "unknown", then the 10 words. "unknown"
// samples are drawn from the other word folders (unknown_percent of the split's keyword count),
// "silence" samples are background noise segments at a random volume (silence_percent).
// Features: MFCC 49x10x1 per 1 s clip (mfcc.h). The train split carries an Augmenter that
// mixes background noise and shifts the clip in time (Dataset::augmentedSample).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/mfcc.h"

namespace tinyforge {

struct SpeechCommandsOptions {
  std::vector<std::string> words = {"yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"};
  double validation_percent = 10.0;  // only used when validation_list.txt is absent
  double testing_percent = 10.0;     // only used when testing_list.txt is absent
  double silence_percent = 10.0;     // silence samples, as a percentage of the split's keyword clips (as TensorFlow)
  double unknown_percent = 10.0;     // unknown-word samples, likewise
  bool augment_training = true;       // attach the Augmenter to the train split
  float background_volume = 0.1f;     // max noise gain mixed into a training clip
  float background_frequency = 0.8f;  // probability that a training clip gets noise
  int time_shift_ms = 100;            // training clips shift by up to +-this
  bool normalize_peak = true;         // scale each clip to peak 1 before MFCC (as the TinyMLPerf reference)
  std::uint64_t seed = 59185;         // picks unknown/silence samples and their noise
  MfccConfig mfcc;
  // When non-empty, computed features are stored in (and later read from) a cache file in
  // this folder, keyed by the file list and every option that changes features.
  std::filesystem::path cache_dir;
};

// Throws DataError naming the folder or file at fault (missing folder, no word folder,
// unreadable WAV, a sample rate that cannot be converted).
Dataset loadSpeechCommands(const std::filesystem::path& dir, Split split, const SpeechCommandsOptions& options = {});

// The split the standard hash assigns to a file name (e.g. "0a7c2a8d_nohash_0.wav").
Split speechCommandsHashSplit(const std::string& file_name, double validation_percent, double testing_percent);

}  // namespace tinyforge
