#pragma once
// What the ranks of a search on several processes must agree on before they train together
// (internal to core/nas): the settings that change the training, and the data. Each rank
// sends a fingerprint at the rendezvous; rank 0 compares them and refuses a rank that
// differs, naming it and what differs.

#include <string>

#include <torch/torch.h>

#include "core/graph/graph.h"
#include "core/nas/search_job.h"

namespace tinyforge {

// JSON text: every config field that changes what a step computes (not file paths or the
// run name), the backbone's graph hash, the world size and the libtorch version.
std::string configFingerprint(const SearchConfig& config, const Graph& backbone, int world_size);
// JSON text: sample counts and a hash of the features and labels of each split.
std::string dataFingerprint(const torch::Tensor& train_x, const torch::Tensor& train_y, const torch::Tensor& val_x,
                            const torch::Tensor& val_y, const torch::Tensor& test_x, const torch::Tensor& test_y);
// "" when equal, else what differs: "rank 2's config differs from rank 0's: 'lr' is 0.01
// there and 0.003 on rank 0" (`what` = "config" or "data").
std::string describeDifference(const std::string& what, int rank, const std::string& theirs, const std::string& ours);

}  // namespace tinyforge
