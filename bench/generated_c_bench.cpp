// The generated C (tinyforge-c) against core/interpreter on the host, on the same model and
// the same inputs. At start-up each model is generated (core/codegen, with the x86 paths
// as a host build plans them), compiled with the system C compiler at -O2 together with
// the C kernel library, as a shared object, and loaded; each iteration then writes the
// input and calls tfc_model_invoke(), as BM_Interpreter writes the interpreter's input
// buffers and calls invoke(). Both run the same kernels (core/ckernels serves the
// interpreter too), so the difference is dispatch: the interpreter's operator loop and
// per-call set-up against straight-line calls with constant arguments.
// Needs `cc` on PATH (the benchmark reports an error otherwise).
#include <benchmark/benchmark.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/codegen/c_model_generator.h"
#include "core/estimate/load_model.h"
#include "core/firmware/embedded_sources.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/io/subprocess.h"

namespace {

using namespace tinyforge;
namespace fs = std::filesystem;

// The part of the generated model.h the benchmark touches.
struct ModelTensor {
  void* data;
  int32_t bytes;
  int32_t type;
  float scale;
  int32_t zero_point;
  int32_t rank;
  int32_t dims[6];
};

struct LoadedModel {
  void (*invoke)() = nullptr;
  const ModelTensor* inputs = nullptr;
  const ModelTensor* outputs = nullptr;
  int input_count = 0;
  std::string error;
};

const fs::path& workDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("tinyforge_generated_c_bench_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Generates, compiles (-O2, shared) and loads the model once per process.
const LoadedModel& loadGenerated(const std::string& file) {
  static std::map<std::string, LoadedModel> loaded;
  if (auto found = loaded.find(file); found != loaded.end()) return found->second;
  LoadedModel& model = loaded[file];
  const ShapedGraph graph = inferShapes(loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/" + file));
  const TensorModel lowered = lower(graph);
  CModelOptions options;
  options.model_name = fs::path(file).stem().string();
  options.dsp = false;
#if defined(__x86_64__)
  options.x86 = true;
#endif
  const GeneratedModel generated = generateCModel(graph, lowered, options);
  const fs::path dir = workDir() / options.model_name;
  fs::create_directories(dir / "tinyforge_c");
  // -Bsymbolic and no semantic interposition: calls inside the object bind directly, as in a
  // static link (no PLT), so the shared object costs nothing a user's static build would not.
  std::vector<std::string> compile = {"cc",    "-std=c99",    "-O2",     "-fPIC",         "-fno-semantic-interposition",
                                      "-shared", "-Wl,-Bsymbolic", "-I.", "-Itinyforge_c", "-o", "model.so"};
  for (const EmbeddedFile& f : kernelLibraryFiles()) {
    std::ofstream(dir / "tinyforge_c" / std::string(f.path)) << f.contents;
    if (fs::path(std::string(f.path)).extension() == ".c") compile.push_back("tinyforge_c/" + std::string(f.path));
  }
  for (const GeneratedFile& f : generated.files) {
    std::ofstream(dir / f.name) << f.contents;
    if (fs::path(f.name).extension() == ".c") compile.push_back(f.name);
  }
  compile.push_back("-lm");
  ProcessOptions in_dir;
  in_dir.working_directory = dir.string();
  const ProcessResult built = runProcess(compile, in_dir);
  if (!built.succeeded()) {
    model.error = "cc failed: " + built.stderr_text;
    return model;
  }
  void* handle = dlopen((dir / "model.so").c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    model.error = dlerror();
    return model;
  }
  model.invoke = reinterpret_cast<void (*)()>(dlsym(handle, "tfc_model_invoke"));
  model.inputs = static_cast<const ModelTensor*>(dlsym(handle, "tfc_model_inputs"));
  model.outputs = static_cast<const ModelTensor*>(dlsym(handle, "tfc_model_outputs"));
  model.input_count = static_cast<int>(lowered.inputs.size());
  if (!model.invoke || !model.inputs || !model.outputs) model.error = "model.so lacks the tfc_model_* symbols";
  return model;
}

// The same input bytes every benchmark writes: xorshift32, as interpreter_bench.cpp.
struct Xorshift {
  uint32_t s = 0x9E3779B9u;
  uint8_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return static_cast<uint8_t>(s >> 24);
  }
};

void BM_GeneratedC(benchmark::State& state, const std::string& file) {
  const LoadedModel& model = loadGenerated(file);
  if (!model.error.empty()) {
    state.SkipWithError(model.error.c_str());
    return;
  }
  Xorshift rng;
  for (auto _ : state) {
    for (int i = 0; i < model.input_count; ++i) {
      auto* bytes = static_cast<uint8_t*>(model.inputs[i].data);
      for (int32_t b = 0; b < model.inputs[i].bytes; ++b) bytes[b] = rng.next();
    }
    model.invoke();
    benchmark::DoNotOptimize(model.outputs[0].data);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Interpreter(benchmark::State& state, const std::string& file) {
  Interpreter interpreter(inferShapes(loadModelFile(std::string(TINYFORGE_SHARED_DIR) + "/models/" + file)));
  Xorshift rng;
  for (auto _ : state) {
    for (size_t i = 0; i < interpreter.inputs().size(); ++i)
      for (uint8_t& byte : interpreter.inputBuffer(i)) byte = rng.next();
    interpreter.invoke();
    benchmark::DoNotOptimize(interpreter.outputBuffer(0).data());
  }
  state.SetItemsProcessed(state.iterations());
}

#define BOTH(name, file)                                                              \
  BENCHMARK_CAPTURE(BM_GeneratedC, name, file)->Unit(benchmark::kMillisecond);        \
  BENCHMARK_CAPTURE(BM_Interpreter, name, file)->Unit(benchmark::kMillisecond)

BOTH(MicroNetKwsM, "kws_micronet_m.tflite");
BOTH(DsCnnS, "ds_cnn_s_quantized.tflite");
BOTH(MicroNetAdS, "ad_small_int8.tflite");
BOTH(PersonDetect, "person_detect.tflite");
BOTH(MicroNetVww2, "vww2_50_50_INT8.tflite");

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code error;
  fs::remove_all(workDir(), error);
  return 0;
}
