#pragma once
// The processes of a data-parallel search (internal to core/nas: includes libtorch). Rank 0
// hosts libtorch's c10d TCPStore at --master HOST:PORT; every rank connects to it, the
// ranks exchange what must agree (config and data hashes) through it, and the gradients are
// summed by c10d's ProcessGroupGloo (Debian: libtorch-dev + libgloo-dev). See docs/dnas.md,
// "Several processes".
//
// Every failure becomes a DistributedError whose message names the rank or the address
// concerned: a port in use, an unreachable master, a rank that never joined, a rank whose
// config or data differ, a rank that stopped during the run.

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/nas/search_job.h"

namespace c10d {
class Store;
class ProcessGroup;
}  // namespace c10d

namespace tinyforge {

class RankGroup {
 public:
  // Connects to (rank 0: starts) the TCPStore and registers this rank. Throws
  // DistributedError for a rank out of range, a port in use, an unreachable master, or a
  // second process claiming this rank.
  static std::unique_ptr<RankGroup> connect(const DistributedOptions& options);
  ~RankGroup();  // the other ranks say they leave; rank 0 waits for them (linger)

  int rank() const { return options_.rank; }
  int size() const { return options_.world_size; }
  std::chrono::milliseconds timeout() const;

  // Rendezvous: every rank posts `value` under `key`; rank 0 receives all of them (index =
  // rank) and the others an empty vector. Throws DistributedError naming the ranks that did
  // not post within the timeout.
  std::vector<std::string> gather(const std::string& key, const std::string& value);
  // Rank 0 posts a value under `key`; every other rank waits for it (up to `wait`).
  void publish(const std::string& key, const std::string& value);
  std::string await(const std::string& key, std::chrono::milliseconds wait);

  // Starts the Gloo process group (after the rendezvous: all ranks must call it).
  void startCollectives();
  // In place, on every rank: the element-wise sum / minimum / maximum over the ranks.
  void allReduceSum(torch::Tensor& tensor);
  void allReduceMin(torch::Tensor& tensor);
  void allReduceMax(torch::Tensor& tensor);
  // The sum over the ranks of several tensors in one exchange (flattened into one buffer).
  void allReduceSum(std::vector<torch::Tensor>& tensors);

  // Bytes this rank has handed to all-reduces (each tensor's size; what Gloo's ring moves
  // on the wire is about 2 x (N-1)/N times that).
  int64_t bytesReduced() const { return bytes_reduced_; }

  // Turns a failed collective into an error naming the ranks that stopped: the surviving
  // ranks report through the store, and those that do not within a short grace period are
  // named; when the store itself is gone, rank 0 (which hosts it) stopped.
  [[noreturn]] void fail(const std::string& what, const std::exception& error);

 private:
  explicit RankGroup(DistributedOptions options) : options_(std::move(options)) {}
  void reduce(torch::Tensor& tensor, int op);
  // Rank 0 hosts the store: before it goes, it waits (a few seconds at most) until every other
  // rank that is not known to be gone has left, so that they read what it last told them
  // (a refusal) instead of finding the store closed.
  void linger();

  DistributedOptions options_;
  std::shared_ptr<void> store_holder_;  // c10::intrusive_ptr<c10d::Store>, kept type-erased
  c10d::Store* store_ = nullptr;
  std::shared_ptr<void> group_holder_;
  c10d::ProcessGroup* group_ = nullptr;
  int64_t bytes_reduced_ = 0;
  std::vector<int> gone_;  // ranks that never joined or stopped (not waited for by linger)
};

// A tensor summed over the ranks in the forward pass whose gradient is summed over the
// ranks in the backward pass: the loss of the run is the sum of the ranks' losses, so
// d(loss)/d(local input) is the sum of every rank's d(its loss)/d(the summed value). The
// synchronized batch normalization builds on it.
torch::Tensor allReduceSumDifferentiable(const torch::Tensor& tensor, RankGroup* group);

// Several processes on one machine: OpenBLAS (which libtorch's CPU convolutions call) starts
// a thread per core in every process, and its idle threads spin; two ranks of one thread
// each on the 2-core development machine then ran at half speed (5.0 s per step instead of
// 2.6 s). Limits this process's OpenBLAS to `threads` threads (the config's), when the BLAS
// loaded is OpenBLAS.
void limitBlasThreads(int threads);

// FNV-1a (64 bits) of bytes, as 16 hex digits: the same on every machine.
std::string stableHash(const void* data, size_t bytes, uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace tinyforge
