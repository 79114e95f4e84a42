// Time per training step of the KWS supernet (masks, Gumbel gates, fake quantization)
// against the same network fixed at its largest width (one-hot gates), and samples/s.
// Reported, never asserted. OMP_WAIT_POLICY=passive; threads = benchmark argument.
#include <benchmark/benchmark.h>

#include <memory>

#include "core/graph/graph_json.h"
#include "core/nas/supernet.h"

namespace {

using namespace tinyforge;

void trainSteps(benchmark::State& state, bool supernet) {
  torch::set_num_threads(static_cast<int>(state.range(0)));
  const int64_t batch = state.range(1);
  auto space = std::make_shared<SearchSpace>(
      loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  Supernet net(space, SupernetOptions{});
  torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
  const torch::Tensor x = torch::randn({batch, 1, 49, 10});
  const torch::Tensor y = torch::randint(0, 12, {batch}, torch::kInt64);
  const Gates fixed = net->fixedGates(space->largest());
  auto step = [&] {
    const Gates gates = supernet ? net->sampledGates(1.0) : fixed;
    opt.zero_grad();
    torch::Tensor loss = torch::cross_entropy_loss(net->forward(x, gates), y);
    if (supernet) loss = loss + net->expectedCosts(net->probabilities()).ops.to(torch::kFloat32) * 1e-12;
    loss.backward();
    opt.step();
  };
  step();  // the first step initializes the quantizer ranges and the allocator's pools
  for (auto _ : state) step();
  state.SetItemsProcessed(state.iterations() * batch);  // samples/s
}

void BM_SupernetStep(benchmark::State& state) { trainSteps(state, true); }
void BM_FixedMaxWidthStep(benchmark::State& state) { trainSteps(state, false); }

BENCHMARK(BM_SupernetStep)->Args({1, 64})->Args({2, 64})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FixedMaxWidthStep)->Args({1, 64})->Args({2, 64})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
