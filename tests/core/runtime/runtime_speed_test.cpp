// The estimator runs inside searches: a whole TFLM estimate of MicroNet-KWS-L must take
// well under 10 us on one core (>100,000 estimates per second).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"

namespace tinyforge {
namespace {

TEST(RuntimeSpeed, TflmEstimateOfMicroNetKwsLIsFast) {
  const ShapedGraph graph = inferShapes(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_l.json"));
  const TensorModel model = lower(graph);
  RuntimeInput input{&graph, &model, 0};
  for (const char* name : {"tflm", "tflm-cmsis", "inplace", "lower-bound"}) {
    auto runtime = makeRuntimeModel(name);
    RuntimeEstimate estimate;
    runtime->estimate(input, estimate);  // warm the workspaces
    const int runs = 20000;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < runs; ++i) runtime->estimate(input, estimate);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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
