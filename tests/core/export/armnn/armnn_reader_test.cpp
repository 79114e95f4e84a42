// Arm NN, an implementation of TFLite that shares no code with TinyForge, reads every
// model export writes: each must parse, and those Arm NN supports must run and agree with
// our int8 interpreter. Arm NN 20.08 is not bit-exact with TFLM (shared/models/README.md:
// up to 21 LSB on VWW-2), so outputs are compared loosely.

#include <gtest/gtest.h>

#include <armnn/ArmNN.hpp>
#include <armnnTfLiteParser/ITfLiteParser.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "core/boards/board_library.h"
#include "core/export/exporter.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/quant/float_graph_builder.h"
#include "core/quant/quantize_graph.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {
namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

std::vector<uint8_t> exportedBytes(const Graph& graph) {
  static const Estimator estimator(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()));
  ExportOptions options;
  options.boards = {"stm32h743zi"};
  options.formats = {ExportFormat::Tflite};
  options.force = true;
  std::vector<OutputFile> files;
  return prepareExport(graph, options, estimator, files).tflite;
}

// The inputs of shared/models/README.md's vectors, case k.
std::vector<uint8_t> xorshiftBytes(size_t n, uint32_t k) {
  uint32_t s = 0x9E3779B9u * (k + 1);
  std::vector<uint8_t> bytes(n);
  for (auto& b : bytes) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    b = static_cast<uint8_t>(s >> 24);
  }
  return bytes;
}

struct ArmnnRun {
  bool parsed = false;
  bool ran = false;
  std::string why;
  std::vector<uint8_t> output;
};

ArmnnRun runArmnn(const std::vector<uint8_t>& model, const std::vector<uint8_t>& input) {
  ArmnnRun result;
  try {
    auto parser = armnnTfLiteParser::ITfLiteParser::Create();
    armnn::INetworkPtr network = parser->CreateNetworkFromBinary(model);
    result.parsed = true;
    const auto inputs = parser->GetSubgraphInputTensorNames(0);
    const auto outputs = parser->GetSubgraphOutputTensorNames(0);
    if (inputs.size() != 1 || outputs.size() != 1) {
      result.why = "not one input and one output";
      return result;
    }
    const auto in = parser->GetNetworkInputBindingInfo(0, inputs[0]);
    const auto out = parser->GetNetworkOutputBindingInfo(0, outputs[0]);
    if (in.second.GetNumBytes() != input.size()) {
      result.why = "input of " + std::to_string(in.second.GetNumBytes()) + " bytes";
      return result;
    }
    armnn::IRuntime::CreationOptions creation;
    armnn::IRuntimePtr runtime = armnn::IRuntime::Create(creation);
    armnn::IOptimizedNetworkPtr optimized =
        armnn::Optimize(*network, {armnn::Compute::CpuRef}, runtime->GetDeviceSpec());
    armnn::NetworkId id;
    if (runtime->LoadNetwork(id, std::move(optimized)) != armnn::Status::Success) {
      result.why = "LoadNetwork failed";
      return result;
    }
    result.output.resize(out.second.GetNumBytes());
    armnn::InputTensors input_tensors{{in.first, armnn::ConstTensor(in.second, input.data())}};
    armnn::OutputTensors output_tensors{{out.first, armnn::Tensor(out.second, result.output.data())}};
    result.ran = runtime->EnqueueWorkload(id, input_tensors, output_tensors) == armnn::Status::Success;
    if (!result.ran) result.why = "EnqueueWorkload failed";
  } catch (const std::exception& e) {
    result.why = e.what();
  }
  return result;
}

bool armnnParses(const std::vector<uint8_t>& model, std::string& why) {
  try {
    auto parser = armnnTfLiteParser::ITfLiteParser::Create();
    return parser->CreateNetworkFromBinary(model) != nullptr;
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

int maxDifference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  int worst = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    worst = std::max(worst, std::abs(static_cast<int8_t>(a[i]) - static_cast<int8_t>(b[i])));
  return worst;
}

TEST(ArmnnReader, ParsesEveryExportAndRunsWhatItSupports) {
  // What Arm NN 20.08 refuses in the originals already (shared/models/README.md and
  // DESIGN.md): MicroNet-AD-S (a bias-scale check) and person_detect.
  const std::set<std::string> refused_by_armnn = {"ad_small_int8.tflite", "person_detect.tflite"};
  int ran = 0, parsed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kModels)) {
    if (entry.path().extension() != ".tflite") continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const Graph graph = importTflite(entry.path().string());
    const std::vector<uint8_t> exported = exportedBytes(graph);
    std::string why;
    EXPECT_TRUE(armnnParses(exported, why)) << why;
    ++parsed;
    Interpreter ours{inferShapes(graph)};
    if (ours.inputs().size() != 1 || ours.inputs()[0].type != DataType::Int8 || ours.outputs()[0].type != DataType::Int8)
      continue;  // float boundaries: the vectors are int8
    const std::vector<uint8_t> input = xorshiftBytes(static_cast<size_t>(ours.inputs()[0].bytes), 0);
    const ArmnnRun theirs = runArmnn(exported, input);
    if (refused_by_armnn.count(name)) {
      std::cout << name << ": Arm NN " << (theirs.ran ? "ran it" : "refused: " + theirs.why) << "\n";
      continue;
    }
    ASSERT_TRUE(theirs.parsed) << theirs.why;
    ASSERT_TRUE(theirs.ran) << theirs.why;
    const std::vector<std::vector<uint8_t>> inputs = {input};
    const auto expected = ours.invoke(inputs)[0];
    ASSERT_EQ(theirs.output.size(), expected.size());
    const int diff = maxDifference(theirs.output, expected);
    std::cout << name << ": Arm NN within " << diff << " LSB of the interpreter\n";
    EXPECT_LE(diff, 24) << "README: Arm NN differs from TFLM by up to 21 LSB";
    ++ran;
  }
  EXPECT_EQ(parsed, 10);  // every shared model
  EXPECT_GE(ran, 6);  // every int8-in, int8-out model but the two Arm NN refuses
}

TEST(ArmnnReader, ParsesAndRunsAModelQuantizedHere) {
  testing::Rng rng(3);
  Graph g;
  g.name = "calibrated";
  g.nodes.push_back(testing::inputNode("in", {1, 8, 8, 1}));
  g.nodes.push_back(testing::convNode("conv1", "in", 1, 8, 3, 2, Activation::Relu, rng));
  g.nodes.push_back(testing::depthwiseNode("dw", "conv1", 8, 3, 1, Activation::Relu6, rng));
  g.nodes.push_back(testing::convNode("conv2", "dw", 8, 4, 1, 1, Activation::None, rng));
  std::vector<FloatSample> samples;
  for (int s = 0; s < 8; ++s) {
    std::vector<float> v(64);
    for (float& x : v) x = rng.uniform(0.0f, 1.0f);
    samples.push_back({v});
  }
  const Graph quantized = quantize(g, samples);
  const std::vector<uint8_t> exported = exportedBytes(quantized);
  Interpreter ours{inferShapes(quantized)};
  const std::vector<uint8_t> input = xorshiftBytes(64, 1);
  const ArmnnRun theirs = runArmnn(exported, input);
  ASSERT_TRUE(theirs.ran) << theirs.why;
  const std::vector<std::vector<uint8_t>> inputs = {input};
  EXPECT_LE(maxDifference(theirs.output, ours.invoke(inputs)[0]), 2);
}

}  // namespace
}  // namespace tinyforge
