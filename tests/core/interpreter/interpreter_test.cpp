// What the interpreter promises besides TFLM's bytes: float boundaries computed as TFLM's
// QUANTIZE / DEQUANTIZE (worked by hand), int4 filters, refusals that name the layer, and
// a shared arena smaller than one buffer per tensor.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <filesystem>
#include <string>
#include <vector>

#include "core/estimate/load_model.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/arena_plan.h"
#include "core/interpreter/interpreter.h"
#include "core/kernels/int4.h"
#include "core/model/tensor_model.h"

using namespace tinyforge;

namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

Quantization perTensor(float scale, int64_t zero_point) { return {{scale}, {zero_point}, 0}; }

std::vector<uint8_t> floatBytes(const std::vector<float>& values) {
  std::vector<uint8_t> bytes(values.size() * 4);
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<float> bytesToFloats(const std::vector<uint8_t>& bytes) {
  std::vector<float> values(bytes.size() / 4);
  std::memcpy(values.data(), bytes.data(), bytes.size());
  return values;
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const InterpreterError& error) {
    return error.what();
  }
  return "(no error)";
}

// float32 -> QUANTIZE (scale 0.5, zp -1) -> DEQUANTIZE -> float32.
Graph floatBoundaryGraph() {
  Graph g;
  Node in;
  in.name = "x";
  in.kind = NodeKind::Input;
  in.shape = {1, 5};
  in.activation_type = DataType::Float32;
  Node q;
  q.name = "q";
  q.kind = NodeKind::Quantize;
  q.inputs = {"x"};
  q.output_quant = perTensor(0.5f, -1);
  Node dq;
  dq.name = "dq";
  dq.kind = NodeKind::Dequantize;
  dq.inputs = {"q"};
  dq.activation_type = DataType::Float32;
  g.nodes = {in, q, dq};
  return g;
}

}  // namespace

TEST(Interpreter, QuantizeAndDequantizeAtTheFloatBoundaryAsTflm) {
  Interpreter interpreter(inferShapes(floatBoundaryGraph()));
  ASSERT_EQ(interpreter.inputs().at(0).type, DataType::Float32);
  ASSERT_EQ(interpreter.outputs().at(0).type, DataType::Float32);
  // q = clamp(round(x / 0.5) + (-1), -128, 127), round half away from zero:
  //   0.3 -> round(0.6) = 1 -> 0;  -1.26 -> round(-2.52) = -3 -> -4;  100 -> 200 - 1 -> 127;
  //   0.75 -> round(1.5) = 2 -> 1;  -0.25 -> round(-0.5) = -1 -> -2.
  // x' = 0.5 * (q + 1): 0.5, -1.5, 64, 1.0, -0.5.
  const auto out = interpreter.invoke(std::vector<std::vector<uint8_t>>{floatBytes({0.3f, -1.26f, 100.0f, 0.75f, -0.25f})});
  EXPECT_EQ(bytesToFloats(out.at(0)), (std::vector<float>{0.5f, -1.5f, 64.0f, 1.0f, -0.5f}));
}

TEST(Interpreter, InputSizeIsChecked) {
  Interpreter interpreter(inferShapes(floatBoundaryGraph()));
  const std::string message =
      errorOf([&] { interpreter.invoke(std::vector<std::vector<uint8_t>>{std::vector<uint8_t>(7)}); });
  EXPECT_NE(message.find("input 'x' needs 20 bytes, got 7"), std::string::npos) << message;
  EXPECT_NE(errorOf([&] { interpreter.invoke(std::vector<std::vector<uint8_t>>{}); }).find("takes 1 input(s), got 0"),
            std::string::npos);
}

TEST(Interpreter, DrawnGraphWithoutWeightsIsRefusedNamingTheLayer) {
  Graph g;
  Node in;
  in.name = "mfcc";
  in.kind = NodeKind::Input;
  in.shape = {1, 49, 10, 1};
  Node conv;
  conv.name = "conv1";
  conv.kind = NodeKind::Conv2D;
  conv.inputs = {"mfcc"};
  conv.out_channels = 8;
  conv.kernel_h = conv.kernel_w = 3;
  g.nodes = {in, conv};
  const std::string message = errorOf([&] { Interpreter interpreter(inferShapes(g)); });
  EXPECT_NE(message.find("layer 'conv1' (CONV_2D): has no weights"), std::string::npos) << message;
}

TEST(Interpreter, TflmPrepareRefusalNamesTheLayer) {
  const std::string path = kModels + "micro_speech_quantized.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  Graph g = loadModelFile(path);
  // TFLM's SOFTMAX requires an int8 output of scale 1/256 and zero point -128.
  Node* softmax = nullptr;
  for (Node& n : g.nodes)
    if (n.kind == NodeKind::Softmax) softmax = &n;
  ASSERT_NE(softmax, nullptr);
  softmax->output_quant = perTensor(1.0f / 128, 0);
  const std::string message = errorOf([&] { Interpreter interpreter(inferShapes(g)); });
  EXPECT_EQ(message.rfind("layer '" + softmax->name + "' (SOFTMAX): ", 0), 0u) << message;
}

TEST(Interpreter, UnquantizedActivationIsRefused) {
  const std::string path = kModels + "network_tester_model.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  Graph g = loadModelFile(path);
  for (Node& n : g.nodes)
    if (n.kind == NodeKind::DepthwiseConv2D) n.output_quant = {};
  const std::string message = errorOf([&] { Interpreter interpreter(inferShapes(g)); });
  EXPECT_NE(message.find("(DEPTHWISE_CONV_2D): output has no quantization"), std::string::npos) << message;
}

// The same filter values stored as int4 (two per byte) and as int8 give the same bytes:
// the int4 path unpacks as TFLM before running the int8 kernel.
TEST(Interpreter, Int4FiltersRunAsTheirInt8Values) {
  const std::string path = kModels + "network_tester_model.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  Graph int8_graph = loadModelFile(path);
  Graph int4_graph = int8_graph;
  for (size_t i = 0; i < int8_graph.nodes.size(); ++i) {
    Node& n8 = int8_graph.nodes[i];
    if (n8.kind != NodeKind::DepthwiseConv2D) continue;
    ConstTensor& f8 = n8.constants.at(0);
    ASSERT_EQ(f8.role, "filter");
    std::vector<int8_t> values(f8.data.size());
    for (size_t k = 0; k < values.size(); ++k)
      values[k] = static_cast<int8_t>(std::clamp<int>(static_cast<int8_t>(f8.data[k]) / 16, -8, 7));
    f8.data.assign(reinterpret_cast<const uint8_t*>(values.data()),
                   reinterpret_cast<const uint8_t*>(values.data()) + values.size());
    Node& n4 = int4_graph.nodes[i];
    n4.weight_type = DataType::Int4;
    n4.constants.at(0).type = DataType::Int4;
    n4.constants.at(0).data = kernels::packInt4(values);
    n4.constants.at(0).tensor_index = -1;
  }
  Interpreter a(inferShapes(int8_graph));
  Interpreter b(inferShapes(int4_graph));
  std::vector<uint8_t> input(static_cast<size_t>(a.inputs().at(0).bytes));
  for (size_t k = 0; k < input.size(); ++k) input[k] = static_cast<uint8_t>(k * 37 + 11);
  const auto inputs = std::vector<std::vector<uint8_t>>{input};
  const auto out8 = a.invoke(inputs);
  EXPECT_EQ(b.invoke(inputs), out8);
  // Not trivially equal: the outputs vary.
  EXPECT_NE(std::count(out8.at(0).begin(), out8.at(0).end(), out8.at(0).front()),
            static_cast<long>(out8.at(0).size()));
}

TEST(ArenaPlan, TensorsAliveTogetherNeverShareBytes) {
  // A (100 B, ops 0-1), B (50 B, ops 1-2), C (100 B, ops 2-3). Largest first: A at 0;
  // C is not alive with A, so it reuses 0; B is alive with both, so it goes after them,
  // at 100 rounded up to 16 = 112; the arena ends at 162, rounded up to 176.
  const std::vector<ArenaRequest> requests = {{100, 0, 1}, {50, 1, 2}, {100, 2, 3}};
  const ArenaPlan plan = planArena(requests);
  EXPECT_EQ(plan.offsets_bytes, (std::vector<int64_t>{0, 112, 0}));
  EXPECT_EQ(plan.arena_bytes, 176);
}

TEST(ArenaPlan, KwsArenaIsSharedAndSmallerThanTflmsHead) {
  const std::string path = kModels + "kws_micronet_m.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared models missing";
  const ShapedGraph shaped = inferShapes(loadModelFile(path));
  const TensorModel model = lower(shaped);
  int64_t every_activation = 0;
  for (const auto& t : model.tensors)
    if (!t.is_constant) every_activation += t.bytes;
  Interpreter interpreter(shaped, model);
  EXPECT_LT(interpreter.arenaBytes(), every_activation);
  // TFLM's planner packs this model's activations (and scratch) into 86,112 bytes
  // (models/README.md, "head"); a valid plan of the activations alone needs no more.
  EXPECT_LE(interpreter.arenaBytes(), 86112);
}
