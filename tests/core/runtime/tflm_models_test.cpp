// TFLM's own figures for the real models in /work/shared/models (models/README.md:
// MicroInterpreter + RecordingMicroAllocator on a 32-bit Cortex-M4 build).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tflm_runtime.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {
namespace {

struct TflmFigures {
  const char* file;
  int64_t head, tail, arena_used, cmsis_head, cmsis_arena_used, min_arena;
  int64_t eval_tensors, persistent_tensors, quantization, persistent_buffers, node_and_registrations;
  int64_t x86_64_arena_used;
};

// models/README.md, "TFLM's figures" (incl. the x86-64 column) and "Tail breakdown on Cortex-M4".
const TflmFigures kModels[] = {
    {"kws_micronet_m.tflite", 86112, 14916, 100932, 86112, 100948, 100936, 480, 64, 40, 13236, 448, 102256},
    {"ds_cnn_s_quantized.tflite", 16000, 6964, 22852, 16000, 22916, 22864, 444, 64, 40, 5356, 448, 24144},
    {"ad_small_int8.tflite", 98304, 16116, 114308, 98304, 114324, 114316, 348, 64, 40, 14688, 384, 115408},
    {"vww2_50_50_INT8.tflite", 27904, 38628, 66436, 27904, 66452, 66440, 2208, 64, 40, 32180, 2272, 72032},
    {"person_detect.tflite", 55296, 27092, 82292, 55296, 82308, 82296, 1068, 64, 40, 23828, 992, 85024},
    {"micro_speech_quantized.tflite", 5968, 932, 6788, 5968, 6836, 6800, 120, 64, 40, 268, 128, 7312},
    {"hello_world_int8.tflite", 32, 756, 676, 32, 772, 1068, 120, 64, 40, 185, 96, 1184},
    {"test_conv_model.tflite", 7744, 1536, 9184, 8320, 9808, 9172, 180, 64, 0, 695, 224, 9824},
    {"network_tester_model.tflite", 1280, 660, 1844, 1408, 1972, 1848, 48, 64, 40, 212, 32, 2144},
    {"simple_add_model.tflite", 49152, 548, 49604, 49152, 49604, 49608, 36, 96, 60, 86, 32, 49936},
};

struct Loaded {
  ShapedGraph graph;
  TensorModel model;
  int64_t file_bytes = 0;
};

Loaded load(const std::string& file) {
  const std::string path = std::string(TINYFORGE_SHARED_DIR) + "/models/" + file;
  Loaded l;
  l.graph = inferShapes(importTflite(path));
  l.model = lower(l.graph);
  l.file_bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  return l;
}

class TflmModels : public ::testing::TestWithParam<TflmFigures> {};

TEST_P(TflmModels, MatchesTflmFigures) {
  const TflmFigures& f = GetParam();
  const Loaded l = load(f.file);
  RuntimeInput input{&l.graph, &l.model, l.file_bytes};
  RuntimeEstimate ref, cmsis;
  makeRuntimeModel("tflm")->estimate(input, ref);
  makeRuntimeModel("tflm-cmsis", ArmIsa::Dsp)->estimate(input, cmsis);
  std::printf("| %s | %lld / %lld | %lld / %lld | %lld / %lld | %lld / %lld | %lld / %lld | %lld / %lld |\n", f.file,
              (long long)f.head, (long long)ref.head_bytes, (long long)f.tail, (long long)ref.recorded_tail_bytes,
              (long long)f.arena_used, (long long)ref.arena_used_bytes, (long long)f.min_arena,
              (long long)ref.min_arena_bytes, (long long)f.cmsis_head, (long long)cmsis.head_bytes,
              (long long)f.cmsis_arena_used, (long long)cmsis.arena_used_bytes);
  EXPECT_EQ(ref.head_bytes, f.head);
  EXPECT_EQ(cmsis.head_bytes, f.cmsis_head);
  EXPECT_NEAR(static_cast<double>(ref.recorded_tail_bytes), static_cast<double>(f.tail), 0.005 * f.tail);
  EXPECT_NEAR(static_cast<double>(ref.arena_used_bytes), static_cast<double>(f.arena_used), 0.005 * f.arena_used);
  EXPECT_NEAR(static_cast<double>(cmsis.arena_used_bytes), static_cast<double>(f.cmsis_arena_used),
              0.005 * f.cmsis_arena_used);
  EXPECT_GE(ref.min_arena_bytes, f.min_arena);
  EXPECT_LE(ref.min_arena_bytes, f.min_arena + 16);
  // The tail breakdown, category by category.
  EXPECT_EQ(ref.tail.eval_tensors_bytes, f.eval_tensors);
  EXPECT_EQ(ref.tail.persistent_tensors_bytes, f.persistent_tensors);
  EXPECT_EQ(ref.tail.quantization_bytes, f.quantization);
  EXPECT_EQ(ref.tail.persistent_buffer_bytes, f.persistent_buffers);
  EXPECT_EQ(ref.tail.node_and_registration_bytes, f.node_and_registrations);
}

// The same replay with a 64-bit host's struct sizes (int enums, 8-byte pointers) gives
// TFLM's x86-64 figure: nothing in the model is fitted to the Cortex-M numbers.
TEST_P(TflmModels, MatchesTflmOnX86_64) {
  const TflmFigures& f = GetParam();
  const Loaded l = load(f.file);
  RuntimeEstimate host;
  TflmRuntime(TflmKernels::Reference, ArmIsa::None, x86_64Target()).estimate(RuntimeInput{&l.graph, &l.model, 0}, host);
  std::printf("x86-64 %s: TFLM %lld, ours %lld\n", f.file, (long long)f.x86_64_arena_used, (long long)host.arena_used_bytes);
  EXPECT_EQ(host.head_bytes, f.head);
  EXPECT_NEAR(static_cast<double>(host.arena_used_bytes), static_cast<double>(f.x86_64_arena_used),
              0.005 * f.x86_64_arena_used);
}

INSTANTIATE_TEST_SUITE_P(RealModels, TflmModels, ::testing::ValuesIn(kModels),
                         [](const auto& info) {
                           std::string name = info.param.file;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace tinyforge
