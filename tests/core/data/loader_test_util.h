#pragma once
// Small helpers shared by the loader tests: temp folders and a nearest-centroid classifier
// (the simplest model that shows whether features separate the classes).

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace tinyforge::test {

inline std::filesystem::path freshTempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tf_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct Centroids {
  std::vector<std::vector<double>> mean;  // per class; empty for classes without samples
  std::vector<double> scale;              // per feature standard deviation over the training set

  explicit Centroids(const Dataset& train) {
    const std::size_t d = train.shape().elements();
    std::vector<double> all_mean(d, 0.0), all_sq(d, 0.0);
    mean.assign(train.numClasses(), {});
    std::vector<std::size_t> counts(train.numClasses(), 0);
    for (std::size_t i = 0; i < train.size(); ++i) {
      const Sample& s = train.sample(i);
      auto& m = mean[s.label];
      if (m.empty()) m.assign(d, 0.0);
      for (std::size_t j = 0; j < d; ++j) {
        m[j] += s.features[j];
        all_mean[j] += s.features[j];
        all_sq[j] += static_cast<double>(s.features[j]) * s.features[j];
      }
      ++counts[s.label];
    }
    scale.resize(d);
    for (std::size_t j = 0; j < d; ++j) {
      const double mu = all_mean[j] / train.size();
      scale[j] = std::sqrt(std::max(1e-12, all_sq[j] / train.size() - mu * mu));
    }
    for (std::size_t c = 0; c < mean.size(); ++c)
      for (auto& v : mean[c]) v /= counts[c];
  }

  std::vector<double> distances(const std::vector<float>& x) const {
    std::vector<double> out(mean.size(), std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < mean.size(); ++c) {
      if (mean[c].empty()) continue;
      double sum = 0.0;
      for (std::size_t j = 0; j < x.size(); ++j) {
        const double z = (x[j] - mean[c][j]) / scale[j];
        sum += z * z;
      }
      out[c] = sum / x.size();
    }
    return out;
  }

  int predict(const std::vector<float>& x) const {
    const auto d = distances(x);
    return static_cast<int>(std::min_element(d.begin(), d.end()) - d.begin());
  }

  // Softmax over negative distances, a stand-in for a network's output probabilities.
  std::vector<float> probabilities(const std::vector<float>& x) const {
    const auto d = distances(x);
    const double best = *std::min_element(d.begin(), d.end());
    std::vector<float> p(d.size());
    double sum = 0.0;
    for (std::size_t c = 0; c < d.size(); ++c) sum += std::exp(-(d[c] - best));
    for (std::size_t c = 0; c < d.size(); ++c) p[c] = static_cast<float>(std::exp(-(d[c] - best)) / sum);
    return p;
  }
};

}  // namespace tinyforge::test
