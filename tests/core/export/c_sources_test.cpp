// The C sources: the resolver registers exactly the model's operators, the arena is the
// estimate's smallest working arena (TFLM's own measured figure for MicroNet-KWS-M), and
// the C array holds the .tflite's bytes - checked by compiling and running it with g++.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "core/export/c_sources.h"
#include "core/export/exporter.h"
#include "core/estimate/load_model.h"
#include "core/io/atomic_file.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"
#include "export_test_util.h"

namespace tinyforge {
namespace {

using testing::bundledBoards;
using testing::kSharedModels;
using testing::TempDir;

// TFLM's MicroMutableOpResolver method per TFLite builtin, written out from
// tensorflow/lite/micro/micro_mutable_op_resolver.h (independent of resolverMethod()).
const std::map<std::string, std::string> kTflmMethods = {
    {"CONV_2D", "AddConv2D"},
    {"DEPTHWISE_CONV_2D", "AddDepthwiseConv2D"},
    {"FULLY_CONNECTED", "AddFullyConnected"},
    {"AVERAGE_POOL_2D", "AddAveragePool2D"},
    {"MAX_POOL_2D", "AddMaxPool2D"},
    {"MEAN", "AddMean"},
    {"ADD", "AddAdd"},
    {"CONCATENATION", "AddConcatenation"},
    {"PAD", "AddPad"},
    {"RESHAPE", "AddReshape"},
    {"SOFTMAX", "AddSoftmax"},
    {"QUANTIZE", "AddQuantize"},
    {"DEQUANTIZE", "AddDequantize"},
};

// The operator kinds the .tflite file itself lists (its operator_codes actually used).
std::set<std::string> fileOperatorMethods(const std::vector<uint8_t>& bytes) {
  const tflite::Model* model = tflite::GetModel(bytes.data());
  std::set<std::string> methods;
  const auto* codes = model->operator_codes();
  for (const auto* op : *model->subgraphs()->Get(0)->operators()) {
    const auto* code = codes->Get(op->opcode_index());
    const int32_t builtin = std::max<int32_t>(code->deprecated_builtin_code(), code->builtin_code());
    methods.insert(kTflmMethods.at(tfliteOperatorName(builtin)));
  }
  return methods;
}

struct Exported {
  ExportResult result;
  std::map<std::string, std::string> files;
};

Exported exportInMemory(const std::string& model_file, const std::vector<std::string>& boards,
                        RuntimeKind runtime = RuntimeKind::Tflm) {
  const Estimator estimator(bundledBoards());
  ExportOptions options;
  options.boards = boards;
  options.runtime = runtime;
  options.formats = {ExportFormat::Tflite, ExportFormat::C};
  std::vector<OutputFile> files;
  Exported out;
  out.result = prepareExport(importTflite(kSharedModels + model_file), options, estimator, files);
  for (auto& f : files) out.files[f.path] = std::move(f.contents);
  return out;
}

TEST(CSources, ResolverRegistersExactlyTheModelsOperators) {
  for (const char* name : {"kws_micronet_m.tflite", "vww2_50_50_INT8.tflite", "test_conv_model.tflite",
                           "ds_cnn_s_quantized.tflite", "simple_add_model.tflite"}) {
    SCOPED_TRACE(name);
    const Exported e = exportInMemory(name, {"stm32f746zg"});
    const std::string& main = e.files.at("c/main.cc");
    std::set<std::string> registered;
    const std::regex call(R"(resolver\.(Add\w+)\(\))");
    int calls = 0;
    for (auto it = std::sregex_iterator(main.begin(), main.end(), call); it != std::sregex_iterator(); ++it, ++calls)
      registered.insert((*it)[1]);
    EXPECT_EQ(registered, fileOperatorMethods(e.result.tflite));
    EXPECT_EQ(calls, static_cast<int>(registered.size())) << "each operator kind once";
    std::smatch count;
    ASSERT_TRUE(std::regex_search(main, count, std::regex(R"(MicroMutableOpResolver<(\d+)>)")));
    EXPECT_EQ(std::stoi(count[1]), calls);
  }
}

int64_t arenaConstant(const std::string& main) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(main, m, std::regex(R"(constexpr int kTensorArenaSize = (\d+);)")));
  return m.empty() ? -1 : std::stoll(m[1]);
}

TEST(CSources, ArenaIsTheEstimatesSmallestWorkingArena) {
  const Exported kws = exportInMemory("kws_micronet_m.tflite", {"stm32f746zg"});
  const std::string& main = kws.files.at("c/main.cc");
  EXPECT_EQ(arenaConstant(main), kws.result.estimates[0].memory.min_arena_bytes);
  // shared/models/README.md: the smallest arena with which TFLM (Cortex-M4, reference
  // kernels) allocates MicroNet-KWS-M is 100936 bytes.
  EXPECT_EQ(arenaConstant(main), 100936);
  EXPECT_NE(main.find("alignas(16) uint8_t tensor_arena[kTensorArenaSize]"), std::string::npos);

  // Several boards: the largest of their figures, each named in the comment.
  const Exported two = exportInMemory("kws_micronet_m.tflite", {"stm32f746zg", "stm32h743zi"}, RuntimeKind::TflmCmsis);
  const int64_t largest = std::max(two.result.estimates[0].memory.min_arena_bytes,
                                   two.result.estimates[1].memory.min_arena_bytes);
  EXPECT_EQ(arenaConstant(two.files.at("c/main.cc")), largest);
  EXPECT_NE(two.files.at("c/main.cc").find("stm32h743zi, tflm-cmsis"), std::string::npos);
}

std::vector<uint8_t> parseArray(const std::string& source) {
  std::vector<uint8_t> bytes;
  const size_t begin = source.find("g_model[] = {");
  const size_t end = source.find("};", begin);
  const std::regex hex(R"(0x([0-9a-f]{2}))");
  for (auto it = std::sregex_iterator(source.begin() + static_cast<long>(begin), source.begin() + static_cast<long>(end), hex);
       it != std::sregex_iterator(); ++it)
    bytes.push_back(static_cast<uint8_t>(std::stoi((*it)[1], nullptr, 16)));
  return bytes;
}

TEST(CSources, ArrayHoldsTheTfliteBytes) {
  const Exported e = exportInMemory("ds_cnn_s_quantized.tflite", {"stm32f746zg"});
  const std::string& data = e.files.at("c/model_data.cc");
  EXPECT_EQ(parseArray(data), e.result.tflite);
  EXPECT_NE(data.find("alignas(16) const unsigned char g_model[]"), std::string::npos);
  EXPECT_NE(data.find("g_model_len = " + std::to_string(e.result.tflite.size()) + ";"), std::string::npos);
  EXPECT_EQ(e.files.at("ds_cnn_s_quantized.tflite"), std::string(e.result.tflite.begin(), e.result.tflite.end()));
}

// A real compiler reads the array: g++ compiles model_data.cc, a harness links it and
// compares g_model with the .tflite file byte for byte and checks its 16-byte alignment.
// (main.cc needs TFLM's headers, which are not here, so it is not compiled.)
TEST(CSources, ModelDataCompilesAndHoldsTheFileAtRuntime) {
  if (std::system("g++ --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "g++ not found";
  const Exported e = exportInMemory("micro_speech_quantized.tflite", {"stm32f746zg"});
  TempDir dir("csrc");
  for (const char* f : {"c/model_data.h", "c/model_data.cc"})
    writeFileAtomically(dir / std::filesystem::path(f).filename().string(), e.files.at(f));
  writeFileAtomically(dir / "model.tflite", e.files.at("micro_speech_quantized.tflite"));
  writeFileAtomically(dir / "harness.cc", R"(#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>
#include "model_data.h"
int main(int, char** argv) {
  std::FILE* f = std::fopen(argv[1], "rb");
  std::vector<unsigned char> file(1 << 22);
  const size_t n = std::fread(file.data(), 1, file.size(), f);
  std::fclose(f);
  if (n != g_model_len) return 2;
  if (std::memcmp(file.data(), g_model, n) != 0) return 3;
  if (reinterpret_cast<std::uintptr_t>(g_model) % 16 != 0) return 4;
  return 0;
}
)");
  const std::string d = dir.path();
  ASSERT_EQ(std::system(("g++ -std=c++17 -Wall -Werror -c " + d + "/model_data.cc -o " + d + "/model_data.o").c_str()), 0);
  ASSERT_EQ(std::system(("g++ -std=c++17 " + d + "/harness.cc " + d + "/model_data.o -o " + d + "/harness").c_str()), 0);
  EXPECT_EQ(std::system((d + "/harness " + d + "/model.tflite").c_str()), 0);
}

TEST(CSources, PlaceholderWeightsAreSaidInTheSources) {
  const Estimator estimator(bundledBoards());
  ExportOptions options;
  options.boards = {"stm32f746zg"};
  options.formats = {ExportFormat::C};
  options.allow_empty_weights = true;
  std::vector<OutputFile> files;
  prepareExport(loadModelFile(testing::kResourceModels + "micronet_kws_s.json"), options, estimator, files);
  ASSERT_EQ(files.size(), 3u);
  for (const auto& f : files) EXPECT_NE(f.contents.find("PLACEHOLDERS"), std::string::npos) << f.path;
}

TEST(CSources, RefusesAnOperatorTflmHasNoKernelFor) {
  EXPECT_THROW(resolverMethod(NodeKind::DepthwiseSeparable), std::invalid_argument);
}

}  // namespace
}  // namespace tinyforge
