// Inferences per second of the int8 interpreter (TFLM's bit-exact arithmetic) on one
// core: MicroNet-KWS-M, the model the DNAS scores accuracy with over thousands of
// samples, and the other shared int8 models for comparison; *PlainC: the same with Conv2D
// and DepthwiseConv2D on the C kernel library's plain path instead of its x86 path (what a
// host without a SIMD path runs). Each iteration writes the
// input (as a caller does per sample) and runs every layer.
#include <benchmark/benchmark.h>

#include <string>

#include "core/estimate/load_model.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"

namespace {

using namespace tinyforge;

void BM_Invoke(benchmark::State& state, const std::string& file, bool plain_path = false) {
  const std::string path = std::string(TINYFORGE_SHARED_DIR) + "/models/" + file;
  Interpreter interpreter(inferShapes(loadModelFile(path)), InterpreterOptions{.reference_kernels = plain_path});
  uint32_t s = 0x9E3779B9u;
  for (auto _ : state) {
    for (size_t i = 0; i < interpreter.inputs().size(); ++i)
      for (uint8_t& byte : interpreter.inputBuffer(i)) {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        byte = static_cast<uint8_t>(s >> 24);
      }
    interpreter.invoke();
    benchmark::DoNotOptimize(interpreter.outputBuffer(0).data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(interpreter.operatorCount()) + " ops, arena " +
                 std::to_string(interpreter.arenaBytes()) + " B");
}

}  // namespace

BENCHMARK_CAPTURE(BM_Invoke, MicroNetKwsM, "kws_micronet_m.tflite")->Unit(benchmark::kMillisecond);
// Conv2D / DepthwiseConv2D on the C kernel library's plain path (core/ckernels, -O2)
// instead of its x86 path (tfc_*_x86.c).
BENCHMARK_CAPTURE(BM_Invoke, MicroNetKwsMPlainC, "kws_micronet_m.tflite", true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, PersonDetectPlainC, "person_detect.tflite", true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, DsCnnS, "ds_cnn_s_quantized.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, MicroNetAdS, "ad_small_int8.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, MicroNetVww2, "vww2_50_50_INT8.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, PersonDetect, "person_detect.tflite")->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
