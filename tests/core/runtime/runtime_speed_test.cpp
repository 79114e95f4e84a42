// The estimator runs inside searches: a whole TFLM estimate of MicroNet-KWS-L must take
// well under 10 us on one core (>100,000 estimates per second).
#include <gtest/gtest.h>

#include <time.h>

#include <cstdio>

#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"

namespace tinyforge {
namespace {

double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

TEST(RuntimeSpeed, TflmEstimateOfMicroNetKwsLIsFast) {
  const ShapedGraph graph = inferShapes(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_l.json"));
  const TensorModel model = lower(graph);
  RuntimeInput input{&graph, &model, 0};
  for (const char* name : {"tflm", "tflm-cmsis", "tinyforge-c", "lower-bound"}) {
    auto runtime = makeRuntimeModel(name);
    RuntimeEstimate estimate;
    runtime->estimate(input, estimate);  // warm the workspaces
    const int runs = 20000;
    // Thread CPU time: the build machine is shared, wall time would measure the others.
    const double start = cpuSeconds();
    for (int i = 0; i < runs; ++i) runtime->estimate(input, estimate);
    const double seconds = cpuSeconds() - start;
    const double per_second = runs / seconds;
    std::printf("%s: %.0f estimates/s (head %lld, arena %lld)\n", name, per_second,
                static_cast<long long>(estimate.head_bytes), static_cast<long long>(estimate.min_arena_bytes));
#ifdef NDEBUG
    EXPECT_GT(per_second, 100000.0) << name;
#endif
  }
}

}  // namespace
}  // namespace tinyforge
