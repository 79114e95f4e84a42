// Inferences per second of the int8 interpreter (TFLM's bit-exact arithmetic) on one
// core: MicroNet-KWS-M, the model the DNAS scores accuracy with over thousands of
// samples, and the other shared int8 models for comparison; *CKernels: the same with every
// layer on the C kernel library's plain path. Each iteration writes the
// input (as a caller does per sample) and runs every layer.
#include <benchmark/benchmark.h>

#include <string>

#include "core/estimate/load_model.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"

namespace {

using namespace tinyforge;

void BM_Invoke(benchmark::State& state, const std::string& file, bool c_kernels_only = false) {
  const std::string path = std::string(TINYFORGE_SHARED_DIR) + "/models/" + file;
  Interpreter interpreter(inferShapes(loadModelFile(path)), InterpreterOptions{.reference_kernels = c_kernels_only});
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
// Every layer on the C kernel library's plain path (core/ckernels, -O2) instead of the
// interpreter's x86 Conv2D / DepthwiseConv2D (core/interpreter/fast_conv.h): the
// interpreter keeps fast_conv only while it is the faster of the two.
BENCHMARK_CAPTURE(BM_Invoke, MicroNetKwsMCKernels, "kws_micronet_m.tflite", true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, PersonDetectCKernels, "person_detect.tflite", true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, DsCnnS, "ds_cnn_s_quantized.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, MicroNetAdS, "ad_small_int8.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, MicroNetVww2, "vww2_50_50_INT8.tflite")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Invoke, PersonDetect, "person_detect.tflite")->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
