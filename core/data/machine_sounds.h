#pragma once
// MIMII / DCASE 2020 task 2 machine sounds (TinyMLPerf anomaly detection), read as a
// machine-ID classification problem (MicroNets-AD): the network learns which machine id a
// patch of log-mel spectrogram comes from; an abnormal clip is one the network cannot
// place, anomaly score = -(mean over the clip's patches of softmax probability of its id).
//
// Layouts read (DIR is one machine type, e.g. .../slider):
//   MIMII:  DIR/id_XX/normal/*.wav and DIR/id_XX/abnormal/*.wav
//   DCASE:  DIR/train/normal_id_XX_*.wav, DIR/test/{normal,anomaly}_id_XX_*.wav
// Classes are the machine ids, sorted ("id_00", "id_02", ...).
// Splits: abnormal clips are always test. MIMII normal clips are split per file name hash
// (test_normal_percent to test, validation_percent to validation, the rest train); in the
// DCASE layout train/ is split into train and validation by the same hash and test/ is test.
//
// Features per clip: log-mel (log_mel.h, 64 ms / 32 ms, 64 bands) -> 64-frame images with
// 44 frames of overlap (hop 20 frames) -> bilinear downsample to 32x32x1. One Sample per patch.

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/log_mel.h"

namespace tinyforge {

struct MachineSoundOptions {
  LogMelConfig log_mel;
  int patch_frames = 64;      // frames per image (image height before resizing)
  int patch_hop_frames = 20;  // 64 - 44 overlap
  int patch_size = 32;        // output images are patch_size x patch_size
  double validation_percent = 10.0;
  double test_normal_percent = 20.0;  // MIMII layout only
  std::filesystem::path cache_dir;    // as SpeechCommandsOptions::cache_dir
};

struct MachineClip {
  std::string path;
  int label = 0;           // machine id class
  bool abnormal = false;
  std::size_t first_sample = 0;  // this clip's patches are samples [first, first + count)
  std::size_t sample_count = 0;
};

struct MachineSoundData {
  Dataset patches;
  std::vector<MachineClip> clips;
};

MachineSoundData loadMachineSounds(const std::filesystem::path& dir, Split split, const MachineSoundOptions& options = {});

// Anomaly score per clip from per-patch class probabilities (probabilities[i] = softmax
// output for patches.sample(i)): -(mean over the clip's patches of p[clip label]).
std::vector<double> clipAnomalyScores(const MachineSoundData& data, const std::vector<std::vector<float>>& probabilities);

// Area under the ROC curve: probability that a random positive scores above a random
// negative, ties counted one half. Throws DataError if either class is absent.
double rocAuc(const std::vector<double>& scores, const std::vector<bool>& positive);

}  // namespace tinyforge
