// Run time of the arena planners and of operator reordering (docs/runtime-memory.md):
//  - TFLM's greedy planner and the best planner on every shared model's head buffers
//    (tflm-cmsis; the best planner stops at the bound, which TFLM's order reaches there);
//  - the best planner where the greedy plan wastes: MicroNet KWS / AD backbones at
//    widths drawn at random (a fixed generator) for which TFLM's head is above the bound,
//    and random interval sets of 20 to 80 buffers (the local search and, up to 40 free
//    buffers, branch and bound run);
//  - over 300 random-width architectures of the KWS, AD and VWW backbones: how often and
//    by how much TFLM's greedy head is above the bound, and whether the best planner is;
//  - the least-peak operator order of graphs with parallel branches;
//  - a whole estimate of MicroNet-KWS-L with the best planner and reordering.
// Results are reported, never asserted.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/operator_order.h"
#include "core/tflite/tflite_reader.h"

namespace {

using namespace tinyforge;

const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kResources = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

uint32_t xorshift(uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

std::vector<PlannerBuffer> headBuffers(const Graph& graph) {
  const ShapedGraph shaped = inferShapes(graph);
  const TensorModel model = lower(shaped);
  RuntimeEstimate estimate;
  makeRuntimeModel("tflm-cmsis", ArmIsa::Dsp)->estimate({&shaped, &model, 0}, estimate);
  std::vector<PlannerBuffer> buffers;
  for (const PlannedBuffer& b : estimate.buffers) buffers.push_back({b.size_bytes, b.first_used, b.last_used});
  return buffers;
}

// A backbone at widths drawn at random (multiples of 4 up to the backbone's), blocks kept.
Graph atRandomWidths(const Graph& backbone, uint32_t& state) {
  Graph graph = backbone;
  for (Node& node : graph.nodes) {
    if (!node.search.widths.empty())
      node.out_channels = node.search.widths[xorshift(state) % node.search.widths.size()];
    node.search = {};
  }
  return graph;
}

// The first `count` random-width architectures of a backbone whose greedy head is above
// the bound.
const std::vector<std::vector<PlannerBuffer>>& wastefulArchitectures(const char* backbone_file) {
  static std::vector<std::vector<PlannerBuffer>> kws, ad;
  auto& found = std::string(backbone_file) == "kws_backbone.json" ? kws : ad;
  if (!found.empty()) return found;
  const Graph backbone = loadGraphJson(kResources + backbone_file);
  uint32_t state = 12345;
  for (int tries = 0; tries < 2000 && found.size() < 5; ++tries) {
    auto buffers = headBuffers(atRandomWidths(backbone, state));
    GreedyMemoryPlanner greedy;
    std::vector<int32_t> offsets(buffers.size());
    if (greedy.plan(buffers, offsets) > overlapLowerBoundBytes(buffers)) found.push_back(std::move(buffers));
  }
  return found;
}

std::vector<PlannerBuffer> randomIntervals(int count, uint32_t seed) {
  std::vector<PlannerBuffer> buffers;
  for (int i = 0; i < count; ++i) {
    const int32_t first = static_cast<int32_t>(xorshift(seed) % count);
    const int32_t length = 1 + static_cast<int32_t>(xorshift(seed) % 6);
    buffers.push_back({static_cast<int32_t>(16 * (1 + xorshift(seed) % 64)), first, std::min(count, first + length)});
  }
  return buffers;
}

void BM_GreedyPlanner(benchmark::State& state, const char* file) {
  const auto buffers = headBuffers(importTflite(kShared + file));
  GreedyMemoryPlanner planner;
  std::vector<int32_t> offsets(buffers.size());
  for (auto _ : state) benchmark::DoNotOptimize(planner.plan(buffers, offsets));
  state.counters["buffers"] = static_cast<double>(buffers.size());
}

void BM_BestPlanner(benchmark::State& state, const char* file) {
  const auto buffers = headBuffers(importTflite(kShared + file));
  BestOffsetPlanner planner;
  for (auto _ : state) benchmark::DoNotOptimize(planner.plan(buffers).peak_bytes);
  state.counters["buffers"] = static_cast<double>(buffers.size());
  state.counters["gap_bytes"] = static_cast<double>(planner.result().gap_bytes());
}

void BM_BestPlannerWhereGreedyWastes(benchmark::State& state, const char* backbone) {
  const auto& architectures = wastefulArchitectures(backbone);
  BestOffsetPlanner planner;
  double gap = 0;
  for (auto _ : state)
    for (const auto& buffers : architectures) gap += static_cast<double>(planner.plan(buffers).gap_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(architectures.size()));
  state.counters["architectures"] = static_cast<double>(architectures.size());
  state.counters["gap_bytes"] = gap;
}

// How often TFLM's greedy head is above the bound on 300 random-width architectures of a
// backbone (blocks kept), by how much at worst, and whether the best planner reaches it.
void BM_RandomArchitectures(benchmark::State& state, const char* backbone_file) {
  const Graph backbone = loadGraphJson(kResources + backbone_file);
  BestOffsetPlanner planner;
  GreedyMemoryPlanner greedy;
  int above = 0, best_above = 0;
  double worst = 0;
  for (auto _ : state) {
    uint32_t seed = 99;
    above = best_above = 0;
    worst = 0;
    for (int a = 0; a < 300; ++a) {
      const auto buffers = headBuffers(atRandomWidths(backbone, seed));
      std::vector<int32_t> offsets(buffers.size());
      const int64_t head = greedy.plan(buffers, offsets);
      const int64_t bound = overlapLowerBoundBytes(buffers);
      above += head > bound;
      worst = std::max(worst, 100.0 * static_cast<double>(head - bound) / static_cast<double>(bound));
      best_above += planner.plan(buffers).peak_bytes > bound;
    }
  }
  state.counters["greedy_above_bound_of_300"] = above;
  state.counters["worst_greedy_gap_percent"] = worst;
  state.counters["best_above_bound_of_300"] = best_above;
}

void BM_BestPlannerRandomIntervals(benchmark::State& state) {
  std::vector<std::vector<PlannerBuffer>> problems;
  for (uint32_t seed = 1; seed <= 20; ++seed) problems.push_back(randomIntervals(static_cast<int>(state.range(0)), seed));
  BestOffsetPlanner planner;
  int at_bound = 0;
  for (auto _ : state) {
    at_bound = 0;
    for (const auto& buffers : problems) at_bound += planner.plan(buffers).gap_bytes() == 0;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(problems.size()));
  state.counters["at_bound_of_20"] = at_bound;
}

// `branches` parallel chains of three 1x1 convolutions of different widths from one input,
// joined by a concatenation.
Graph parallelBranches(int branches) {
  Graph graph;
  Node input;
  input.name = "input";
  input.kind = NodeKind::Input;
  input.shape = {1, 16, 16, 16};
  graph.nodes.push_back(input);
  Node cat;
  cat.name = "cat";
  cat.kind = NodeKind::Concatenation;
  uint32_t state = 7;
  for (int b = 0; b < branches; ++b) {
    std::string from = "input";
    for (int k = 0; k < 3; ++k) {
      Node conv;
      conv.name = "b" + std::to_string(b) + "_" + std::to_string(k);
      conv.kind = NodeKind::Conv2D;
      conv.inputs = {from};
      conv.out_channels = 4 * (1 + static_cast<int32_t>(xorshift(state) % 16));
      graph.nodes.push_back(conv);
      from = conv.name;
    }
    cat.inputs.push_back(from);
  }
  graph.nodes.push_back(cat);
  return graph;
}

void BM_OperatorOrder(benchmark::State& state) {
  const TensorModel model = lower(inferShapes(parallelBranches(static_cast<int>(state.range(0)))));
  OperatorOrder order;
  for (auto _ : state) {
    order = findMemoryOrder(model, {});
    benchmark::DoNotOptimize(order.peak_bytes);
  }
  state.counters["operators"] = static_cast<double>(model.operators.size());
  state.counters["states"] = static_cast<double>(order.states);
  state.counters["saved_bytes"] = static_cast<double>(order.original_peak_bytes - order.peak_bytes);
  state.counters["exact"] = order.exact;
}

void BM_FullEstimateBestAndReordered(benchmark::State& state) {
  EstimatorSettings settings;
  settings.planner = MemoryPlanner::Best;
  settings.reorder = true;
  const Estimator estimator(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()), settings);
  const Graph graph = loadGraphJson(kResources + "micronet_kws_l.json");
  for (auto _ : state) benchmark::DoNotOptimize(estimator.estimate(graph, "stm32f746zg", RuntimeKind::TflmCmsis));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

#define TINYFORGE_PLANNER_BENCH(file)                          \
  BENCHMARK_CAPTURE(BM_GreedyPlanner, file, file ".tflite"); \
  BENCHMARK_CAPTURE(BM_BestPlanner, file, file ".tflite");
TINYFORGE_PLANNER_BENCH("kws_micronet_m")
TINYFORGE_PLANNER_BENCH("ds_cnn_s_quantized")
TINYFORGE_PLANNER_BENCH("ad_small_int8")
TINYFORGE_PLANNER_BENCH("vww2_50_50_INT8")
TINYFORGE_PLANNER_BENCH("person_detect")
TINYFORGE_PLANNER_BENCH("micro_speech_quantized")
TINYFORGE_PLANNER_BENCH("hello_world_int8")
TINYFORGE_PLANNER_BENCH("test_conv_model")
TINYFORGE_PLANNER_BENCH("network_tester_model")
TINYFORGE_PLANNER_BENCH("simple_add_model")
BENCHMARK_CAPTURE(BM_BestPlannerWhereGreedyWastes, kws_backbone, "kws_backbone.json")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BestPlannerWhereGreedyWastes, ad_backbone, "ad_backbone.json")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RandomArchitectures, kws_backbone, "kws_backbone.json")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RandomArchitectures, ad_backbone, "ad_backbone.json")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RandomArchitectures, vww_backbone, "vww_backbone.json")->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BestPlannerRandomIntervals)->Arg(20)->Arg(40)->Arg(80)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OperatorOrder)->Arg(2)->Arg(4)->Arg(6)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FullEstimateBestAndReordered)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
