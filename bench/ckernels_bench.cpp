// The C kernel library's Conv2D and DepthwiseConv2D per path on the host: plain C, x86
// SSE2 and x86 AVX2 (core/ckernels/tfc_*_x86.c), on the geometries of MicroNet-KWS-M's and
// person_detect's layers (/work/shared/models), random data. Counter MACs/s: the layer's
// multiply-accumulates per second of CPU time. BM_MicroNetKwsMStraightLine: the model's 13
// kernels one after the other through the dispatching tfc_<op>_s8 (what generated C
// compiled for the host runs), to set beside bench_interpreter's MicroNetKwsM.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "core/ckernels/tfc_average_pool2d.h"
#include "core/ckernels/tfc_conv2d.h"
#include "core/ckernels/tfc_depthwise_conv2d.h"

namespace {

struct Layer {
  tfc_shape4 input, filter, output;
  int stride, pad_h, pad_w;
};

// Conv2D: filter {out, h, w, in}; DepthwiseConv2D: filter {1, h, w, out channels}, depth
// multiplier out / in channels.
const Layer kMicroNetConv10x4{{1, 49, 10, 1}, {140, 10, 4, 1}, {1, 49, 10, 140}, 1, 4, 1};
const Layer kMicroNetPointwise{{1, 25, 5, 140}, {140, 1, 1, 140}, {1, 25, 5, 140}, 1, 0, 0};
const Layer kMicroNetDepthwiseStride2{{1, 49, 10, 140}, {1, 3, 3, 140}, {1, 25, 5, 140}, 2, 1, 1};
const Layer kMicroNetDepthwise{{1, 25, 5, 140}, {1, 3, 3, 140}, {1, 25, 5, 140}, 1, 1, 1};
const Layer kPersonDepthwiseX8{{1, 96, 96, 1}, {1, 3, 3, 8}, {1, 48, 48, 8}, 2, 0, 0};  // depth multiplier 8
const Layer kPersonDepthwise48{{1, 48, 48, 8}, {1, 3, 3, 8}, {1, 48, 48, 8}, 1, 1, 1};
const Layer kPersonPointwise48{{1, 48, 48, 8}, {16, 1, 1, 8}, {1, 48, 48, 16}, 1, 0, 0};
const Layer kPersonDepthwise12{{1, 12, 12, 64}, {1, 3, 3, 64}, {1, 12, 12, 64}, 1, 1, 1};
const Layer kPersonPointwise6{{1, 6, 6, 128}, {128, 1, 1, 128}, {1, 6, 6, 128}, 1, 0, 0};

struct Buffers {
  std::vector<int8_t> input, filter, output;
  std::vector<int32_t> bias;
  std::vector<tfc_requant> requant;
  std::vector<uint32_t> scratch;
};

int64_t count(const tfc_shape4& s) { return int64_t{s.n} * s.h * s.w * s.c; }

Buffers buffers(const Layer& l, int scratch_bytes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(-128, 127);
  Buffers b;
  b.input.resize(static_cast<size_t>(count(l.input)));
  b.filter.resize(static_cast<size_t>(count(l.filter)));
  b.output.resize(static_cast<size_t>(count(l.output)));
  for (auto& x : b.input) x = static_cast<int8_t>(byte(rng));
  for (auto& x : b.filter) x = static_cast<int8_t>(byte(rng));
  for (int c = 0; c < l.output.c; ++c) {
    b.bias.push_back(byte(rng) * 40);
    b.requant.push_back({(1 << 30) + static_cast<int32_t>(rng() & 0x3FFFFFFF), -8});
  }
  b.scratch.resize(static_cast<size_t>(scratch_bytes + 3) / 4);
  return b;
}

tfc_conv_params params(const Layer& l) {
  return {l.stride, l.stride, 1, 1, l.pad_h, l.pad_w, 128, -128, -128, 127};
}

enum Path { kPlain, kSse2, kAvx2 };

void BM_Conv2D(benchmark::State& state, const Layer& l, Path path) {
  if (path == kAvx2 && !tfc_x86_has_avx2()) {
    state.SkipWithError("no AVX2 on this CPU");
    return;
  }
  tfc_conv2d_op op{};
  op.input_shape = l.input;
  op.filter_shape = l.filter;
  op.output_shape = l.output;
  op.params = params(l);
  Buffers b = buffers(l, tfc_conv2d_s8_scratch_bytes(&op, path == kPlain ? TFC_PATH_PLAIN : TFC_PATH_X86));
  op.input = b.input.data();
  op.filter = b.filter.data();
  op.bias = b.bias.data();
  op.requant = b.requant.data();
  op.output = b.output.data();
  op.scratch = b.scratch.data();
  for (auto _ : state) {
    if (path == kPlain) tfc_conv2d_s8_plain(&op);
    if (path == kSse2) tfc_conv2d_s8_x86_sse2(&op);
    if (path == kAvx2) tfc_conv2d_s8_x86_avx2(&op);
    benchmark::DoNotOptimize(b.output.data());
  }
  const double macs = static_cast<double>(count(l.output)) * l.filter.h * l.filter.w * l.filter.c;
  state.counters["MACs/s"] = benchmark::Counter(macs, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_DepthwiseConv2D(benchmark::State& state, const Layer& l, Path path) {
  if (path == kAvx2 && !tfc_x86_has_avx2()) {
    state.SkipWithError("no AVX2 on this CPU");
    return;
  }
  tfc_depthwise_conv2d_op op{};
  op.input_shape = l.input;
  op.filter_shape = l.filter;
  op.output_shape = l.output;
  op.params = params(l);
  op.depth_multiplier = l.output.c / l.input.c;
  Buffers b = buffers(l, tfc_depthwise_conv2d_s8_scratch_bytes(&op, path == kPlain ? TFC_PATH_PLAIN : TFC_PATH_X86));
  op.input = b.input.data();
  op.filter = b.filter.data();
  op.bias = b.bias.data();
  op.requant = b.requant.data();
  op.output = b.output.data();
  op.scratch = b.scratch.data();
  for (auto _ : state) {
    if (path == kPlain) tfc_depthwise_conv2d_s8_plain(&op);
    if (path == kSse2) tfc_depthwise_conv2d_s8_x86_sse2(&op);
    if (path == kAvx2) tfc_depthwise_conv2d_s8_x86_avx2(&op);
    benchmark::DoNotOptimize(b.output.data());
  }
  const double macs = static_cast<double>(count(l.output)) * l.filter.h * l.filter.w;
  state.counters["MACs/s"] = benchmark::Counter(macs, benchmark::Counter::kIsIterationInvariantRate);
}

#define CONV_PATHS(name, layer)                                                   \
  BENCHMARK_CAPTURE(BM_Conv2D, name##_plain, layer, kPlain)->Unit(benchmark::kMicrosecond); \
  BENCHMARK_CAPTURE(BM_Conv2D, name##_sse2, layer, kSse2)->Unit(benchmark::kMicrosecond);   \
  BENCHMARK_CAPTURE(BM_Conv2D, name##_avx2, layer, kAvx2)->Unit(benchmark::kMicrosecond)
#define DEPTHWISE_PATHS(name, layer)                                                       \
  BENCHMARK_CAPTURE(BM_DepthwiseConv2D, name##_plain, layer, kPlain)->Unit(benchmark::kMicrosecond); \
  BENCHMARK_CAPTURE(BM_DepthwiseConv2D, name##_sse2, layer, kSse2)->Unit(benchmark::kMicrosecond);   \
  BENCHMARK_CAPTURE(BM_DepthwiseConv2D, name##_avx2, layer, kAvx2)->Unit(benchmark::kMicrosecond)

CONV_PATHS(MicroNetKwsM_conv10x4_1to140, kMicroNetConv10x4);
CONV_PATHS(MicroNetKwsM_pointwise_140to140, kMicroNetPointwise);
DEPTHWISE_PATHS(MicroNetKwsM_depthwise3x3s2_140, kMicroNetDepthwiseStride2);
DEPTHWISE_PATHS(MicroNetKwsM_depthwise3x3_140, kMicroNetDepthwise);
DEPTHWISE_PATHS(PersonDetect_depthwise3x3s2_1x8_96x96, kPersonDepthwiseX8);
DEPTHWISE_PATHS(PersonDetect_depthwise3x3_8_48x48, kPersonDepthwise48);
CONV_PATHS(PersonDetect_pointwise_8to16_48x48, kPersonPointwise48);
DEPTHWISE_PATHS(PersonDetect_depthwise3x3_64_12x12, kPersonDepthwise12);
CONV_PATHS(PersonDetect_pointwise_128to128_6x6, kPersonPointwise6);

// MicroNet-KWS-M layer by layer (kws_micronet_m.tflite: 49x10x1 input, 15.58 M MACs):
// conv 10x4 -> 140, depthwise 3x3 /2, 3 x (1x1 140 -> 140, depthwise 3x3), 1x1 140 -> 112,
// depthwise 3x3, 1x1 112 -> 196, average pool 25x5, 1x1 196 -> 12. Random weights; each
// layer's descriptor and scratch prepared once, as generated C defines them.
void BM_MicroNetKwsMStraightLine(benchmark::State& state) {
  struct Step {
    bool depthwise;
    Layer layer;
  };
  const std::vector<Step> steps = {
      {false, kMicroNetConv10x4},
      {true, kMicroNetDepthwiseStride2},
      {false, kMicroNetPointwise},
      {true, kMicroNetDepthwise},
      {false, kMicroNetPointwise},
      {true, kMicroNetDepthwise},
      {false, kMicroNetPointwise},
      {true, kMicroNetDepthwise},
      {false, {{1, 25, 5, 140}, {112, 1, 1, 140}, {1, 25, 5, 112}, 1, 0, 0}},
      {true, {{1, 25, 5, 112}, {1, 3, 3, 112}, {1, 25, 5, 112}, 1, 1, 1}},
      {false, {{1, 25, 5, 112}, {196, 1, 1, 112}, {1, 25, 5, 196}, 1, 0, 0}},
  };
  std::vector<Buffers> buffers_of;
  std::vector<tfc_conv2d_op> convs;
  std::vector<tfc_depthwise_conv2d_op> depthwise;
  std::vector<int8_t> a(49 * 10 * 140), b(a.size());
  for (size_t i = 0; i < steps.size(); ++i) {
    const Layer& l = steps[i].layer;
    int8_t* in = i % 2 ? b.data() : a.data();
    int8_t* out = i % 2 ? a.data() : b.data();
    if (steps[i].depthwise) {
      tfc_depthwise_conv2d_op op{};
      op.input_shape = l.input;
      op.filter_shape = l.filter;
      op.output_shape = l.output;
      op.params = params(l);
      op.depth_multiplier = 1;
      buffers_of.push_back(buffers(l, tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_NATIVE)));
      op.input = in;
      op.output = out;
      op.filter = buffers_of.back().filter.data();
      op.bias = buffers_of.back().bias.data();
      op.requant = buffers_of.back().requant.data();
      op.scratch = buffers_of.back().scratch.data();
      depthwise.push_back(op);
    } else {
      tfc_conv2d_op op{};
      op.input_shape = l.input;
      op.filter_shape = l.filter;
      op.output_shape = l.output;
      op.params = params(l);
      buffers_of.push_back(buffers(l, tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_NATIVE)));
      op.input = in;
      op.output = out;
      op.filter = buffers_of.back().filter.data();
      op.bias = buffers_of.back().bias.data();
      op.requant = buffers_of.back().requant.data();
      op.scratch = buffers_of.back().scratch.data();
      convs.push_back(op);
    }
  }
  // Layer 11 (i = 10) wrote b (25x5x196); the pool reads it, the last 1x1 conv maps 196 -> 12.
  tfc_pool2d_op pool{};
  pool.input = b.data();
  pool.output = a.data();
  pool.input_shape = {1, 25, 5, 196};
  pool.output_shape = {1, 1, 1, 196};
  pool.params = {25, 5, 25, 5, 0, 0, -128, 127};
  const Layer last{{1, 1, 1, 196}, {12, 1, 1, 196}, {1, 1, 1, 12}, 1, 0, 0};
  tfc_conv2d_op classifier{};
  classifier.input_shape = last.input;
  classifier.filter_shape = last.filter;
  classifier.output_shape = last.output;
  classifier.params = params(last);
  buffers_of.push_back(buffers(last, tfc_conv2d_s8_scratch_bytes(&classifier, TFC_PATH_NATIVE)));
  classifier.input = a.data();
  classifier.output = b.data();
  classifier.filter = buffers_of.back().filter.data();
  classifier.bias = buffers_of.back().bias.data();
  classifier.requant = buffers_of.back().requant.data();
  classifier.scratch = buffers_of.back().scratch.data();
  std::mt19937 rng(3);
  for (auto& x : a) x = static_cast<int8_t>(rng());
  for (auto _ : state) {
    size_t c = 0, d = 0;
    for (const Step& step : steps) {
      if (step.depthwise) {
        tfc_depthwise_conv2d_s8(&depthwise[d++]);
      } else {
        tfc_conv2d_s8(&convs[c++]);
      }
    }
    tfc_average_pool2d_s8(&pool);
    tfc_conv2d_s8(&classifier);
    benchmark::DoNotOptimize(a.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MicroNetKwsMStraightLine)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
