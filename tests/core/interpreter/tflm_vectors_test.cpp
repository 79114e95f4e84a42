// The export issue's headline check: every shared model with int8 inputs, run whole by the
// interpreter, gives TFLM's output bytes (vectors/*.json, TFLM's reference kernels) for
// every recorded input, byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/estimate/load_model.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_writer.h"

using namespace tinyforge;

namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

// The inputs TFLM was given, as models/README.md defines them.
std::vector<uint8_t> xorshiftBytes(int case_index, size_t count) {
  uint32_t s = 0x9E3779B9u * static_cast<uint32_t>(case_index + 1);
  std::vector<uint8_t> bytes(count);
  for (auto& b : bytes) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    b = static_cast<uint8_t>(s >> 24);
  }
  return bytes;
}

std::string toHex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string text;
  for (uint8_t b : bytes) {
    text += digits[b >> 4];
    text += digits[b & 15];
  }
  return text;
}

std::vector<std::string> modelsWithVectors() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kModels + "vectors", error))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

nlohmann::json loadVectors(const std::string& model) {
  std::ifstream in(kModels + "vectors/" + model + ".json");
  return nlohmann::json::parse(in);
}

// Runs every case of the vectors file through `interpreter`; returns the number of cases.
int checkCases(Interpreter& interpreter, const nlohmann::json& vectors) {
  size_t total_in = 0;
  for (const auto& t : interpreter.inputs()) total_in += static_cast<size_t>(t.bytes);
  size_t expected_in = 0;
  for (const auto& t : vectors["inputs"]) expected_in += t["bytes"].get<size_t>();
  EXPECT_EQ(total_in, expected_in);
  EXPECT_EQ(interpreter.outputs().size(), vectors["outputs"].size());
  int cases = 0;
  for (size_t k = 0; k < vectors["cases"].size(); ++k) {
    SCOPED_TRACE("case " + std::to_string(k));
    const auto& c = vectors["cases"][k];
    const std::vector<uint8_t> all = xorshiftBytes(static_cast<int>(k), total_in);
    if (c.contains("input_hex")) EXPECT_EQ(toHex(all), c["input_hex"].get<std::string>());
    std::vector<std::vector<uint8_t>> inputs;
    size_t at = 0;
    for (const auto& t : interpreter.inputs()) {
      inputs.emplace_back(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(at + t.bytes));
      at += static_cast<size_t>(t.bytes);
    }
    std::vector<uint8_t> produced;
    for (const auto& out : interpreter.invoke(inputs)) produced.insert(produced.end(), out.begin(), out.end());
    EXPECT_EQ(toHex(produced), c["output_hex"].get<std::string>());
    ++cases;
  }
  return cases;
}

class TflmVectors : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(TflmVectors, WholeModelGivesTflmBytes) {
  const std::string name = GetParam();
  const nlohmann::json vectors = loadVectors(name);
  const std::string path = kModels + vectors["model"].get<std::string>();
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const ShapedGraph shaped = inferShapes(loadModelFile(path));
  {
    SCOPED_TRACE("fast conv paths");
    Interpreter interpreter(shaped);
    EXPECT_EQ(checkCases(interpreter, vectors), 3);
  }
  {
    SCOPED_TRACE("reference kernels only");
    Interpreter interpreter(shaped, InterpreterOptions{.reference_kernels = true});
    EXPECT_EQ(checkCases(interpreter, vectors), 3);
  }
  {
    // What export writes for the model (never larger than the file: it keeps the file's
    // min/max arrays and buffer alignment), imported again, runs to the same bytes.
    SCOPED_TRACE("re-exported file");
    const std::vector<uint8_t> written = writeTflite(shaped, lower(shaped));
    EXPECT_LE(written.size(), std::filesystem::file_size(path));
    Interpreter interpreter(inferShapes(importTfliteBytes(written.data(), written.size(), path + " (re-exported)")));
    EXPECT_EQ(checkCases(interpreter, vectors), 3);
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, TflmVectors, ::testing::ValuesIn(modelsWithVectors()),
                         [](const auto& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(TflmVectors);

TEST(TflmVectorsSet, CoversEveryInt8SharedModel) {
  if (!std::filesystem::exists(kModels)) GTEST_SKIP() << "shared models missing";
  // models/README.md: vectors for each model whose inputs are int8; 9 of the 10 models
  // (test_conv_model takes float32).
  EXPECT_EQ(modelsWithVectors().size(), 9u);
}

// A .tflite saved as a TinyForge JSON graph (weights in base64) runs to the same bytes:
// the interpreter reads the IR, not the flatbuffer.
TEST(TflmVectorsSet, JsonGraphOfAModelGivesTheSameBytes) {
  const std::string path = kModels + "ds_cnn_s_quantized.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  const Graph imported = loadModelFile(path);
  const Graph reloaded = graphFromJsonText(graphToJsonText(imported), "ds_cnn_s.json");
  Interpreter interpreter(inferShapes(reloaded));
  EXPECT_EQ(checkCases(interpreter, loadVectors("ds_cnn_s_quantized")), 3);
}

// The float boundary of test_conv_model (QUANTIZE in, DEQUANTIZE out) runs, and the
// input is the float tensor the file declares. No TFLM vectors exist for it (float input).
TEST(TflmVectorsSet, FloatBoundaryModelRuns) {
  const std::string path = kModels + "test_conv_model.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  Interpreter interpreter(inferShapes(loadModelFile(path)));
  ASSERT_EQ(interpreter.inputs().size(), 1u);
  EXPECT_EQ(interpreter.inputs()[0].type, DataType::Float32);
  ASSERT_EQ(interpreter.outputs().size(), 1u);
  EXPECT_EQ(interpreter.outputs()[0].type, DataType::Float32);
  std::vector<float> x(static_cast<size_t>(interpreter.inputs()[0].bytes / 4), 0.25f);
  std::vector<uint8_t> raw(x.size() * 4);
  std::memcpy(raw.data(), x.data(), raw.size());
  const auto out = interpreter.invoke(std::vector<std::vector<uint8_t>>{raw});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(static_cast<int64_t>(out[0].size()), interpreter.outputs()[0].bytes);
}
