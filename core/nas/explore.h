#pragma once
// Exploration without training (TinyNAS's search-space optimization): before any
// training, find which input resolution and width multiplier give a search space whose
// models fit a board and are as large as possible there. For every (resolution, width
// multiplier) configuration, sample architectures of the scaled backbone uniformly at
// random, keep those that fit the board (the Estimator's Flash and SRAM verdict), and
// describe their ops. TinyNAS's heuristic: the configuration whose fitting models have
// the most ops is the most likely to hold an accurate one, so configurations are ranked
// by the mean ops of their fitting models.
//
// Torch-free: the studio's Explore tab and `tinyforge explore` both use it.
//
//   ExploreOptions options;
//   options.board = "stm32f446re";
//   options.resolutions = {{25, 5}, {49, 10}};
//   options.width_multipliers = {0.5, 1.0};
//   ExploreResult result = explore(backbone, boards, options);

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/graph.h"

namespace tinyforge {

class BoardLibrary;

class ExploreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An input resolution: the Input layer's height and width (channels and batch kept).
struct ExploreResolution {
  int height = 0;
  int width = 0;
  bool operator==(const ExploreResolution&) const = default;
};

struct ExploreOptions {
  std::string board;                     // required
  std::string runtime = "tflm-cmsis";    // tflm | tflm-cmsis | inplace
  // How a model's SRAM is measured for the fit verdict: "greedy" = TFLM's own arena plan,
  // "best" = the best planner with operator reordering (shipped in the .tflite; tflm runtimes),
  // "patches" = patch-based inference, `auto` within 20% extra MACs (tinyforge-c only).
  std::string sram_planner = "greedy";
  int samples = 1000;                    // architectures sampled per configuration
  // Empty: the backbone's own resolution only / multiplier 1.0 only.
  std::vector<ExploreResolution> resolutions;
  std::vector<double> width_multipliers;
  uint64_t seed = 1;
  int cdf_points = 11;  // points of each configuration's ops CDF (quantiles 0, 0.1, ..., 1)
};

// One point of an empirical CDF: the `fraction`-quantile of the fitting models' ops
// (nearest rank: fraction 0 is the smallest model, 0.5 the median, 1 the largest).
struct CdfPoint {
  double ops = 0;
  double fraction = 0;
};

struct ExploreConfigResult {
  ExploreResolution resolution;
  double width_multiplier = 1.0;
  int samples = 0;   // architectures evaluated (all of them when the space is smaller than the request)
  bool exhaustive = false;  // the space had no more architectures than `samples`: every one was evaluated
  int fitting = 0;   // of those, the ones that fit the board's Flash and SRAM
  double fit_fraction = 0;
  double mean_ops = 0;  // over the fitting models (1 MAC = 2 ops); 0 when none fits
  std::vector<CdfPoint> ops_cdf;       // over the fitting models; empty when none fits
  std::vector<double> fitting_ops;     // every fitting model's ops, ascending (for plots)
  int64_t min_flash_bytes = 0;  // the smallest sampled model's figures, to say how far off a config is
  int64_t min_sram_bytes = 0;
  int rank = 0;  // 1 = the best configuration (largest mean ops of fitting models); 0 = invalid
  std::string error;  // the scaled backbone does not shape-check (e.g. a resolution too small)
};

struct ExploreResult {
  std::string board;
  std::string runtime;
  std::string sram_planner;
  int64_t flash_budget_bytes = 0;
  int64_t sram_budget_bytes = 0;
  std::vector<ExploreConfigResult> configs;  // in grid order: resolution-major, then multiplier
  // Indices into `configs`, best first: by mean ops of the fitting models, descending;
  // configurations where nothing fits (and invalid ones) last.
  std::vector<int> ranking;
};

// The backbone at another resolution and width multiplier: the Input's H and W set; every
// width option of every searchable layer scaled by the multiplier (rounded, at least 1,
// duplicates dropped) and out_channels set to the largest; a pooling whose kernel covered
// its whole input at the original resolution (global pooling) still covers it. Fixed-width
// layers (e.g. the classifier) keep their channels.
Graph scaleBackbone(const Graph& backbone, ExploreResolution resolution, double width_multiplier);

// done = configurations finished so far, of `total`.
using ExploreProgressCallback = std::function<void(int done, int total)>;

// Throws ExploreError for an unknown board or runtime, a backbone with no search space,
// or samples < 1. A configuration whose scaled backbone is invalid gets `error` set.
// When `cancel` becomes true, returns the configurations finished so far.
ExploreResult explore(const Graph& backbone, std::shared_ptr<const BoardLibrary> boards,
                      const ExploreOptions& options, const ExploreProgressCallback& progress = {},
                      const std::atomic<bool>* cancel = nullptr);

}  // namespace tinyforge
