#include "core/data/dataset.h"

namespace tinyforge {

const char* toString(Split split) {
  switch (split) {
    case Split::kTrain: return "train";
    case Split::kValidation: return "validation";
    case Split::kTest: return "test";
  }
  return "?";
}

Split parseSplit(const std::string& text) {
  if (text == "train") return Split::kTrain;
  if (text == "validation" || text == "val") return Split::kValidation;
  if (text == "test") return Split::kTest;
  throw DataError("unknown split '" + text + "' (train, validation, test)");
}

Dataset::Dataset(std::vector<std::string> class_names, FeatureShape shape)
    : class_names_(std::move(class_names)), shape_(shape) {}

void Dataset::add(Sample sample, std::string source) {
  if (sample.features.size() != shape_.elements())
    throw DataError(source + ": " + std::to_string(sample.features.size()) + " feature values, expected " +
                    std::to_string(shape_.elements()));
  if (sample.label < 0 || sample.label >= numClasses())
    throw DataError(source + ": label " + std::to_string(sample.label) + " outside 0.." +
                    std::to_string(numClasses() - 1));
  samples_.push_back(std::move(sample));
  sources_.push_back(std::move(source));
}

std::vector<std::size_t> Dataset::classCounts() const {
  std::vector<std::size_t> counts(class_names_.size(), 0);
  for (const auto& s : samples_) ++counts[static_cast<std::size_t>(s.label)];
  return counts;
}

Sample Dataset::augmentedSample(std::size_t index, std::uint64_t seed) const {
  if (!augmenter_) return sample(index);
  return augmenter_->augment(index, seed);
}

}  // namespace tinyforge
