#pragma once
// A learnable stand-in data set for tests and benchmarks when no audio is at hand: each
// class is a fixed smooth random pattern over the feature map, and a sample is its class's
// pattern, randomly shifted in time by up to 2 frames, plus Gaussian noise. Deterministic
// in (seed, split). Not speech: "synth-kws" (espeak-ng words through the MFCC front end)
// is the realistic small data set.

#include <cstdint>

#include "core/data/dataset.h"
#include "core/nas/search_job.h"

namespace tinyforge {

Dataset makeSyntheticDataset(const SyntheticDataOptions& options, FeatureShape shape, Split split, uint64_t seed);

}  // namespace tinyforge
