// Throughput of a full estimate (shape inference, costs, TFLM plan and tail, model size,
// latency, fit) of MicroNet-KWS-L on one core: the path the studio runs on every edit and
// the CLI runs per board. Target: at least 100,000 estimates per second.
#include <benchmark/benchmark.h>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/estimate/load_model.h"
#include "core/graph/graph_fingerprint.h"
#include "core/graph/graph_json.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"

namespace {

using namespace tinyforge;

const Graph& kwsL() {
  static const Graph graph = loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_l.json");
  return graph;
}

const Estimator& estimator() {
  static const Estimator instance(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()));
  return instance;
}

void BM_FullEstimateFromGraph(benchmark::State& state, RuntimeKind runtime) {
  const Graph& graph = kwsL();
  for (auto _ : state) benchmark::DoNotOptimize(estimator().estimate(graph, "stm32f746zg", runtime));
  state.SetItemsProcessed(state.iterations());
}

// The runtime's memory model alone (TFLM's AllocateTensors() replay, the generated C's plan,
// the lower bound) on the lowered graph: what every search candidate pays. Target: well
// under 10 us (over 100,000 per second). Was a timed unit test; timings belong here.
void BM_RuntimeMemoryModel(benchmark::State& state, const char* runtime_name) {
  static const ShapedGraph graph = inferShapes(kwsL());
  static const TensorModel model = lower(graph);
  auto runtime = makeRuntimeModel(runtime_name);
  RuntimeInput input{&graph, &model, 0};
  RuntimeEstimate estimate;
  for (auto _ : state) {
    runtime->estimate(input, estimate);
    benchmark::DoNotOptimize(estimate.min_arena_bytes);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EstimateOfShapedGraph(benchmark::State& state) {
  const ShapedGraph shaped = inferShapes(kwsL());
  for (auto _ : state) benchmark::DoNotOptimize(estimator().estimate(shaped, "stm32f746zg", RuntimeKind::Tflm));
  state.SetItemsProcessed(state.iterations());
}

// An imported model (MicroNet-VWW-2, 71 operators, 253 KB of constants): unmodified, the
// estimate fingerprints the graph and uses the file's size; edited, it fingerprints it and
// runs the writer's size count too.
void BM_EstimateOfImportedModel(benchmark::State& state, bool edited) {
  static const Graph imported = loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/vww2_50_50_INT8.tflite");
  Graph graph = imported;
  if (edited) graph.nodes[1].output_name += "_edited";
  for (auto _ : state) benchmark::DoNotOptimize(estimator().estimate(graph, "stm32f746zg", RuntimeKind::Tflm));
  state.SetItemsProcessed(state.iterations());
}

void BM_GraphFingerprint(benchmark::State& state) {
  static const Graph imported = loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/vww2_50_50_INT8.tflite");
  for (auto _ : state) benchmark::DoNotOptimize(graphFingerprint(imported));
  state.SetItemsProcessed(state.iterations());
}

void BM_ShapeInference(benchmark::State& state) {
  const Graph& graph = kwsL();
  for (auto _ : state) benchmark::DoNotOptimize(inferShapes(graph));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK_CAPTURE(BM_FullEstimateFromGraph, tflm, tinyforge::RuntimeKind::Tflm);
BENCHMARK_CAPTURE(BM_FullEstimateFromGraph, tflm_cmsis, tinyforge::RuntimeKind::TflmCmsis);
BENCHMARK_CAPTURE(BM_FullEstimateFromGraph, inplace, tinyforge::RuntimeKind::TinyforgeC);
BENCHMARK_CAPTURE(BM_RuntimeMemoryModel, tflm, "tflm");
BENCHMARK_CAPTURE(BM_RuntimeMemoryModel, tflm_cmsis, "tflm-cmsis");
BENCHMARK_CAPTURE(BM_RuntimeMemoryModel, tinyforge_c, "tinyforge-c");
BENCHMARK_CAPTURE(BM_RuntimeMemoryModel, lower_bound, "lower-bound");
BENCHMARK(BM_EstimateOfShapedGraph);
BENCHMARK(BM_ShapeInference);
BENCHMARK_CAPTURE(BM_EstimateOfImportedModel, unmodified, false);
BENCHMARK_CAPTURE(BM_EstimateOfImportedModel, edited, true);
BENCHMARK(BM_GraphFingerprint);
BENCHMARK_MAIN();
