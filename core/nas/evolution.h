#pragma once
// The evolutionary search over a search space's architectures (MCUNet sec. 3.2, after
// Once-for-All): torch-free, so the schedule and its guarantees are tested without a
// supernet. The caller says which architectures are allowed (the estimator on the derived
// graph, search_job.cpp) and measures their accuracy (the supernet at that one-hot choice
// after batch-normalization recalibration).
//
//   generation 0: `population` distinct random architectures that are allowed
//   generation g: the `parents` most accurate of generation g-1 (kept as they are: the
//                 best accuracy never falls), `mutation_children` (a random parent with
//                 each decision resampled with `mutation_probability`) and
//                 `crossover_children` (each decision from one of two random parents);
//                 a child that is refused or already in the generation is drawn again,
//                 up to `max_attempts` times per wanted child.
// An architecture seen before keeps its first measured accuracy (no second measurement).

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/nas/search_job.h"
#include "core/nas/search_space.h"

namespace tinyforge {

class EvolutionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EvolvedArchitecture {
  ArchChoice choice;
  std::string architecture;  // SearchSpace::describe
  double accuracy = 0;
  int generation = 0;        // the one it was first measured in
};

struct GenerationSummary {
  int generation = 0;  // 0 = the initial population
  int generations = 0;
  std::vector<EvolvedArchitecture> population;  // most accurate first
  double best_accuracy = 0, mean_accuracy = 0;
  int evaluated = 0;  // distinct architectures measured so far
  int rejected = 0;   // samples refused so far
};

struct EvolutionCallbacks {
  // "" when the architecture is allowed, else why not (shown when nothing is allowed).
  std::function<std::string(const ArchChoice&)> refuse;
  // Accuracy in [0, 1] of an allowed architecture, measured once per distinct one.
  std::function<double(const ArchChoice&, int generation)> measure;
  std::function<void(const GenerationSummary&)> generation_done;  // optional
  std::function<bool()> cancelled;                                // optional
};

// The most accurate architecture of the last generation, or nullopt when cancelled.
// Throws EvolutionError when not even the smallest architecture is allowed.
std::optional<EvolvedArchitecture> evolve(const SearchSpace& space, const EvolutionOptions& options, uint64_t seed,
                                          const EvolutionCallbacks& callbacks);

}  // namespace tinyforge
