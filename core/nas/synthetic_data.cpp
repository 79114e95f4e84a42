#include "core/nas/synthetic_data.h"

#include <cmath>
#include <random>

namespace tinyforge {

Dataset makeSyntheticDataset(const SyntheticDataOptions& options, FeatureShape shape, Split split, uint64_t seed) {
  std::vector<std::string> names;
  for (int c = 0; c < options.classes; ++c) names.push_back("class" + std::to_string(c));
  Dataset data(names, shape);
  // Class patterns depend on the seed only, so the splits share them.
  std::mt19937_64 pattern_rng(seed * 7919 + 17);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int h = shape.height, w = shape.width * shape.channels;
  std::vector<std::vector<float>> patterns(static_cast<size_t>(options.classes));
  for (auto& p : patterns) {
    // A few random sinusoids: smooth in time and in frequency, like a feature map.
    p.assign(static_cast<size_t>(h * w), 0.0f);
    for (int k = 0; k < 3; ++k) {
      const float ft = 0.5f * normal(pattern_rng), ff = 0.5f * normal(pattern_rng), ph = normal(pattern_rng);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) p[static_cast<size_t>(y * w + x)] += std::sin(ft * y + ff * x + ph);
    }
  }
  const int count = split == Split::kTrain ? options.train : split == Split::kValidation ? options.validation : options.test;
  std::mt19937_64 rng(seed * 104729 + static_cast<uint64_t>(split) * 31 + 5);
  for (int i = 0; i < count; ++i) {
    const int label = i % options.classes;
    const int shift = static_cast<int>(rng() % 5) - 2;
    Sample sample;
    sample.label = label;
    sample.features.resize(static_cast<size_t>(h * w));
    for (int y = 0; y < h; ++y) {
      const int sy = std::clamp(y + shift, 0, h - 1);
      for (int x = 0; x < w; ++x)
        sample.features[static_cast<size_t>(y * w + x)] =
            patterns[static_cast<size_t>(label)][static_cast<size_t>(sy * w + x)] +
            static_cast<float>(options.noise) * normal(rng);
    }
    data.add(std::move(sample), std::string(toString(split)) + "#" + std::to_string(i));
  }
  return data;
}

}  // namespace tinyforge
