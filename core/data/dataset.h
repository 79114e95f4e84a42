#pragma once
// The one interface every data set offers to training and search: numbered samples, each
// a float feature tensor (row-major height x width x channels, e.g. 49 frames x 10 MFCC x 1)
// with an integer label, plus the class names and the tensor shape.
//
// Loaders (speech_commands.h, machine_sounds.h, image_folder.h) compute features once, at
// load time, so that a search reading sample(i) every epoch pays nothing. A training split
// may also carry an Augmenter: augmentedSample(i, seed) recomputes sample i's features with
// random distortions (background noise, time shift) drawn from `seed`, so a trainer that
// passes e.g. hash(epoch, i) gets different but reproducible distortions every epoch.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tinyforge {

// Thrown by loaders and front ends; the message names the file (or folder) at fault.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Split { kTrain, kValidation, kTest };
const char* toString(Split split);
// "train" | "validation" | "val" | "test"; throws DataError otherwise.
Split parseSplit(const std::string& text);

struct FeatureShape {
  int height = 0;    // e.g. time frames (49 for 1 s of MFCC), image rows
  int width = 0;     // e.g. MFCC coefficients (10), mel bands, image columns
  int channels = 1;  // 1 for audio features and grayscale images
  std::size_t elements() const {
    return static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
  }
  bool operator==(const FeatureShape&) const = default;
};

struct Sample {
  std::vector<float> features;  // shape().elements() values, row-major HWC
  int label = 0;                // index into classNames()
};

// Recomputes one sample with random training distortions. Implementations are
// thread-safe (const, no shared mutable state), so a trainer may call from several threads.
class Augmenter {
 public:
  virtual ~Augmenter() = default;
  virtual Sample augment(std::size_t index, std::uint64_t seed) const = 0;
};

class Dataset {
 public:
  Dataset() = default;
  Dataset(std::vector<std::string> class_names, FeatureShape shape);

  // Appends a sample; throws DataError if its size or label does not fit. `source` names
  // where it came from (a file, "file#patch3", "silence#12") for messages and debugging.
  void add(Sample sample, std::string source);

  std::size_t size() const { return samples_.size(); }
  bool empty() const { return samples_.empty(); }
  const Sample& sample(std::size_t index) const { return samples_.at(index); }
  const std::string& source(std::size_t index) const { return sources_.at(index); }
  FeatureShape shape() const { return shape_; }
  int numClasses() const { return static_cast<int>(class_names_.size()); }
  const std::vector<std::string>& classNames() const { return class_names_; }
  // Number of samples per label, numClasses() entries.
  std::vector<std::size_t> classCounts() const;

  // Training-time distortions. Without an augmenter, augmentedSample(i, seed) == sample(i).
  bool hasAugmenter() const { return augmenter_ != nullptr; }
  Sample augmentedSample(std::size_t index, std::uint64_t seed) const;
  void setAugmenter(std::shared_ptr<const Augmenter> augmenter) { augmenter_ = std::move(augmenter); }

 private:
  std::vector<std::string> class_names_;
  FeatureShape shape_;
  std::vector<Sample> samples_;
  std::vector<std::string> sources_;
  std::shared_ptr<const Augmenter> augmenter_;
};

}  // namespace tinyforge
