// libtorch's c10d (TCPStore rendezvous, ProcessGroupGloo all-reduce) behind RankGroup.
#include "core/nas/rank_group.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include <dlfcn.h>

#include <torch/csrc/autograd/custom_function.h>

namespace tinyforge {

void limitBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

std::string stableHash(const void* data, size_t bytes, uint64_t seed) {
  uint64_t h = seed;
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace tinyforge

#ifndef TINYFORGE_HAVE_GLOO
// Built without Gloo's headers (libgloo-dev): one process only.
namespace tinyforge {
std::unique_ptr<RankGroup> RankGroup::connect(const DistributedOptions&) {
  throw DistributedError("this tinyforge was built without libgloo-dev: a search runs in one process only");
}
RankGroup::~RankGroup() = default;
std::chrono::milliseconds RankGroup::timeout() const { return {}; }
std::vector<std::string> RankGroup::gather(const std::string&, const std::string&) { return {}; }
void RankGroup::publish(const std::string&, const std::string&) {}
std::string RankGroup::await(const std::string&, std::chrono::milliseconds) { return {}; }
void RankGroup::startCollectives() {}
void RankGroup::reduce(torch::Tensor&, int) {}
void RankGroup::allReduceSum(torch::Tensor&) {}
void RankGroup::allReduceMin(torch::Tensor&) {}
void RankGroup::allReduceMax(torch::Tensor&) {}
void RankGroup::allReduceSum(std::vector<torch::Tensor>&) {}
void RankGroup::fail(const std::string& what, const std::exception& error) {
  throw DistributedError(what + ": " + error.what());
}
torch::Tensor allReduceSumDifferentiable(const torch::Tensor& tensor, RankGroup*) { return tensor; }
}  // namespace tinyforge
#else

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

namespace tinyforge {
namespace {

std::vector<uint8_t> bytesOf(const std::string& text) { return {text.begin(), text.end()}; }
std::string textOf(const std::vector<uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

std::string endpoint(const DistributedOptions& o) { return o.master_host + ":" + std::to_string(o.master_port); }

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// Whether something already listens on `port` (the TCPStore's own error for this case is a
// generic socket message): bind a throw-away socket to it.
bool portInUse(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  const bool in_use = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 && errno == EADDRINUSE;
  ::close(fd);
  return in_use;
}

bool isLoopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

}  // namespace

std::unique_ptr<RankGroup> RankGroup::connect(const DistributedOptions& options) {
  if (options.world_size < 1) throw DistributedError("--world-size must be at least 1 (is " + std::to_string(options.world_size) + ")");
  if (options.rank < 0 || options.rank >= options.world_size)
    throw DistributedError("--rank " + std::to_string(options.rank) + " is out of range for --world-size " +
                           std::to_string(options.world_size) + " (ranks are 0 to " +
                           std::to_string(options.world_size - 1) + ")");
  if (options.master_port < 1 || options.master_port > 65535)
    throw DistributedError("--master port " + std::to_string(options.master_port) + " is not a TCP port (1 to 65535)");
  if (options.rank == 0 && portInUse(options.master_port))
    throw DistributedError("rank 0 cannot listen on port " + std::to_string(options.master_port) +
                           ": the port is in use by another process (choose another --master HOST:PORT)");
  std::unique_ptr<RankGroup> group(new RankGroup(options));
  c10d::TCPStoreOptions store_options;
  store_options.port = static_cast<uint16_t>(options.master_port);
  store_options.isServer = options.rank == 0;
  store_options.numWorkers = static_cast<size_t>(options.world_size);
  store_options.waitWorkers = false;  // the join below names the ranks that do not come
  store_options.timeout = group->timeout();
  try {
    auto store = c10::make_intrusive<c10d::TCPStore>(options.master_host, store_options);
    group->store_ = store.get();
    group->store_holder_ = std::shared_ptr<void>(store.release(), [](void* p) {
      c10::intrusive_ptr<c10d::TCPStore>::reclaim(static_cast<c10d::TCPStore*>(p));
    });
  } catch (const std::exception& error) {
    if (options.rank == 0)
      throw DistributedError("rank 0 cannot start the rendezvous on port " + std::to_string(options.master_port) + ": " +
                             firstLine(error.what()));
    throw DistributedError("rank " + std::to_string(options.rank) + " cannot reach the master " + endpoint(options) +
                           " within " + std::to_string(static_cast<int>(options.timeout_s)) +
                           " s (is rank 0 running there, and is the port open?): " + firstLine(error.what()));
  }
  // Two processes started with the same --rank would wait for each other's sums forever.
  const int64_t claims = group->store_->add("tinyforge/rank-claimed/" + std::to_string(options.rank), 1);
  if (claims > 1)
    throw DistributedError("rank " + std::to_string(options.rank) + " has already joined " + endpoint(options) +
                           ": every process needs its own --rank");
  return group;
}

RankGroup::~RankGroup() {
  if (!store_) return;
  try {
    if (rank() != 0)
      store_->set("tinyforge/left/" + std::to_string(rank()), bytesOf("1"));
    else
      linger();
  } catch (const std::exception&) {
    // The store is gone: nobody is left to tell.
  }
}

void RankGroup::linger() {
  const auto deadline = std::chrono::steady_clock::now() + std::min(timeout(), std::chrono::milliseconds(5000));
  while (std::chrono::steady_clock::now() < deadline) {
    bool all_left = true;
    for (int r = 1; r < size() && all_left; ++r)
      if (std::find(gone_.begin(), gone_.end(), r) == gone_.end() &&
          !store_->check({"tinyforge/left/" + std::to_string(r)}))
        all_left = false;
    if (all_left) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::chrono::milliseconds RankGroup::timeout() const {
  return std::chrono::milliseconds(static_cast<int64_t>(options_.timeout_s * 1000));
}

std::vector<std::string> RankGroup::gather(const std::string& key, const std::string& value) {
  const std::string prefix = "tinyforge/" + key + "/";
  store_->set(prefix + std::to_string(rank()), bytesOf(value));
  if (rank() != 0) return {};
  const auto deadline = std::chrono::steady_clock::now() + timeout();
  std::vector<std::string> values(static_cast<size_t>(size()));
  values[0] = value;
  for (;;) {
    std::vector<int> missing;
    for (int r = 1; r < size(); ++r)
      if (!store_->check({prefix + std::to_string(r)})) missing.push_back(r);
    if (missing.empty()) break;
    if (std::chrono::steady_clock::now() > deadline) {
      gone_ = missing;
      std::string names;
      for (int r : missing) names += (names.empty() ? "" : ", ") + std::to_string(r);
      throw DistributedError(std::string(missing.size() == 1 ? "rank " : "ranks ") + names +
                             (missing.size() == 1 ? " has" : " have") + " not joined " + endpoint(options_) + " within " +
                             std::to_string(static_cast<int>(options_.timeout_s)) + " s (world size " +
                             std::to_string(size()) + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (int r = 1; r < size(); ++r) values[static_cast<size_t>(r)] = textOf(store_->get(prefix + std::to_string(r)));
  return values;
}

void RankGroup::publish(const std::string& key, const std::string& value) {
  store_->set("tinyforge/" + key, bytesOf(value));
}

std::string RankGroup::await(const std::string& key, std::chrono::milliseconds wait) {
  try {
    store_->wait({"tinyforge/" + key}, wait);
    return textOf(store_->get("tinyforge/" + key));
  } catch (const std::exception& error) {
    throw DistributedError("rank " + std::to_string(rank()) + ": no answer from rank 0 at " + endpoint(options_) +
                           " within " + std::to_string(wait.count() / 1000) + " s (" + firstLine(error.what()) + ")");
  }
}

void RankGroup::startCollectives() {
  auto gloo_options = c10d::ProcessGroupGloo::Options::create(timeout());
  std::string address = options_.address;
  try {
    if (address.empty() && isLoopback(options_.master_host)) address = "127.0.0.1";
    gloo_options->devices.push_back(address.empty() ? c10d::ProcessGroupGloo::createDefaultDevice()
                                                    : c10d::ProcessGroupGloo::createDeviceForHostname(address));
    gloo_options->threads = 1;  // one exchange at a time: the search waits for each sum
    auto store = c10::intrusive_ptr<c10d::Store>::reclaim_copy(store_);
    auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank(), size(), gloo_options);
    group_ = group.get();
    group_holder_ = std::shared_ptr<void>(group.release(), [](void* p) {
      c10::intrusive_ptr<c10d::ProcessGroupGloo>::reclaim(static_cast<c10d::ProcessGroupGloo*>(p));
    });
  } catch (const std::exception& error) {
    throw DistributedError("rank " + std::to_string(rank()) + " cannot open the gradient exchange" +
                           (address.empty() ? "" : " on " + address) + ": " + firstLine(error.what()));
  }
}

void RankGroup::reduce(torch::Tensor& tensor, int op) {
  std::vector<at::Tensor> tensors{tensor};
  c10d::AllreduceOptions options;
  options.reduceOp = static_cast<c10d::ReduceOp::RedOpType>(op);
  bytes_reduced_ += tensor.numel() * static_cast<int64_t>(tensor.element_size());
  try {
    group_->allreduce(tensors, options)->wait(timeout());
  } catch (const std::exception& error) {
    fail("an all-reduce", error);
  }
}

void RankGroup::allReduceSum(torch::Tensor& tensor) { reduce(tensor, c10d::ReduceOp::SUM); }
void RankGroup::allReduceMin(torch::Tensor& tensor) { reduce(tensor, c10d::ReduceOp::MIN); }
void RankGroup::allReduceMax(torch::Tensor& tensor) { reduce(tensor, c10d::ReduceOp::MAX); }

void RankGroup::allReduceSum(std::vector<torch::Tensor>& tensors) {
  if (tensors.empty()) return;
  std::vector<torch::Tensor> flat;
  for (const auto& t : tensors) flat.push_back(t.reshape({-1}));
  torch::Tensor buffer = torch::cat(flat);
  allReduceSum(buffer);
  int64_t offset = 0;
  for (auto& t : tensors) {
    t.copy_(buffer.narrow(0, offset, t.numel()).view_as(t));
    offset += t.numel();
  }
}

void RankGroup::fail(const std::string& what, const std::exception& error) {
  const std::string reason = firstLine(error.what());
  // The survivors say so through the store; a rank that does not within the grace period
  // was killed or hangs. The grace period is short: the survivors fail within moments of
  // each other (a dead peer's sockets close at once).
  const auto grace = std::min(timeout(), std::chrono::milliseconds(3000));
  std::string names;
  try {
    store_->set("tinyforge/failed/" + std::to_string(rank()), bytesOf(reason));
    std::this_thread::sleep_for(grace);
    for (int r = 0; r < size(); ++r)
      if (!store_->check({"tinyforge/failed/" + std::to_string(r)}) &&
          !store_->check({"tinyforge/done/" + std::to_string(r)})) {
        names += (names.empty() ? "" : ", ") + std::to_string(r);
        gone_.push_back(r);
      }
  } catch (const std::exception&) {
    names = "0";  // the store lives in rank 0's process
  }
  if (names.empty())
    throw DistributedError("rank " + std::to_string(rank()) + ": " + what + " failed: " + reason);
  const bool one = names.find(',') == std::string::npos;
  throw DistributedError(std::string(one ? "rank " : "ranks ") + names + (one ? " has" : " have") +
                         " stopped (killed, crashed or not answering within " +
                         std::to_string(static_cast<int>(options_.timeout_s)) + " s): rank " + std::to_string(rank()) +
                         " stops too (" + what + " failed: " + reason + ")");
}

namespace {

struct AllReduceSumFunction : public torch::autograd::Function<AllReduceSumFunction> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& input, int64_t group) {
    ctx->saved_data["group"] = group;
    torch::Tensor sum = input.detach().clone();
    reinterpret_cast<RankGroup*>(group)->allReduceSum(sum);
    return sum;
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad) {
    auto* group = reinterpret_cast<RankGroup*>(ctx->saved_data["group"].toInt());
    torch::Tensor sum = grad[0].contiguous().clone();
    group->allReduceSum(sum);
    return {sum, torch::Tensor()};
  }
};

}  // namespace

torch::Tensor allReduceSumDifferentiable(const torch::Tensor& tensor, RankGroup* group) {
  return AllReduceSumFunction::apply(tensor, reinterpret_cast<int64_t>(group));
}

}  // namespace tinyforge
#endif  // TINYFORGE_HAVE_GLOO
