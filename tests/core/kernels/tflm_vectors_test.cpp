// End to end on TFLM's own outputs: the two single-operator models of
// /work/shared/models (network_tester_model: one DEPTHWISE_CONV_2D; simple_add_model:
// one ADD), imported with the .tflite reader, prepared and run with these kernels, must
// reproduce the bytes TFLM's reference kernels produced (vectors/*.json) exactly.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/kernels/add.h"
#include "core/kernels/depthwise_conv2d.h"
#include "core/tflite/tflite_reader.h"

using namespace tinyforge;
using namespace tinyforge::kernels;

namespace {
const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

std::vector<int8_t> fromHex(const std::string& hex) {
  std::vector<int8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

nlohmann::json loadVectors(const std::string& model) {
  std::ifstream in(kModels + "vectors/" + model + ".json");
  return nlohmann::json::parse(in);
}

TensorQuantization tensorQuant(const Quantization& q) {
  return {q.scale.at(0), static_cast<int32_t>(q.zero_point.at(0))};
}

const Node& onlyLayer(const Graph& g) {
  for (const Node& n : g.nodes)
    if (n.kind != NodeKind::Input) return n;
  throw std::runtime_error("no layer");
}

const Node& inputNamed(const Graph& g, const std::string& name) {
  const Node* n = g.find(name);
  if (!n) throw std::runtime_error("no input " + name);
  return *n;
}

const ConstTensor& constant(const Node& n, const std::string& role) {
  for (const ConstTensor& c : n.constants)
    if (c.role == role) return c;
  throw std::runtime_error("no constant " + role);
}

FusedActivation fused(Activation a) {
  return a == Activation::Relu ? FusedActivation::Relu : a == Activation::Relu6 ? FusedActivation::Relu6 : FusedActivation::None;
}
}  // namespace

TEST(TflmVectors, DepthwiseConvOfNetworkTesterModel) {
  if (!std::filesystem::exists(kModels + "network_tester_model.tflite")) GTEST_SKIP() << "shared models missing";
  const Graph g = importTflite(kModels + "network_tester_model.tflite");
  const Node& dw = onlyLayer(g);
  ASSERT_EQ(dw.kind, NodeKind::DepthwiseConv2D);
  const Node& in = inputNamed(g, dw.inputs.at(0));
  const ConstTensor& filter = constant(dw, "filter");
  const ConstTensor& bias = constant(dw, "bias");
  const Shape4 is{in.shape[0], in.shape[1], in.shape[2], in.shape[3]};
  const Shape4 fs{filter.shape[0], filter.shape[1], filter.shape[2], filter.shape[3]};
  const PreparedConv prep = prepareDepthwiseConv2D(
      {dw.stride_h, dw.stride_w, dw.dilation_h, dw.dilation_w,
       dw.padding == Padding::Same ? PaddingType::Same : PaddingType::Valid, fused(dw.activation)},
      is, fs, tensorQuant(in.output_quant), filter.quant.scale, tensorQuant(dw.output_quant));
  const std::vector<int8_t> weights(filter.data.begin(), filter.data.end());
  std::vector<int32_t> biases(bias.data.size() / 4);
  std::memcpy(biases.data(), bias.data.data(), bias.data.size());
  const nlohmann::json vectors = loadVectors("network_tester_model");
  ASSERT_EQ(vectors["cases"].size(), 3u);
  for (const auto& c : vectors["cases"]) {
    const std::vector<int8_t> input = fromHex(c["input_hex"]);
    const std::vector<int8_t> expected = fromHex(c["output_hex"]);
    std::vector<int8_t> out(static_cast<size_t>(prep.output_shape.flatSize()));
    depthwiseConv2dPerChannel(prep.params, dw.depth_multiplier, prep.channel_multipliers, is, input, fs, weights,
                              biases, prep.output_shape, out);
    EXPECT_EQ(out, expected);
  }
}

TEST(TflmVectors, AddOfSimpleAddModel) {
  if (!std::filesystem::exists(kModels + "simple_add_model.tflite")) GTEST_SKIP() << "shared models missing";
  const Graph g = importTflite(kModels + "simple_add_model.tflite");
  const Node& add = onlyLayer(g);
  ASSERT_EQ(add.kind, NodeKind::Add);
  const Node& a = inputNamed(g, add.inputs.at(0));
  const Node& b = inputNamed(g, add.inputs.at(1));
  const AddParams p = prepareAdd(tensorQuant(a.output_quant), tensorQuant(b.output_quant),
                                 tensorQuant(add.output_quant), fused(add.activation));
  const nlohmann::json vectors = loadVectors("simple_add_model");
  ASSERT_EQ(vectors["cases"].size(), 3u);
  for (const auto& c : vectors["cases"]) {
    const std::vector<int8_t> inputs = fromHex(c["input_hex"]);
    const std::vector<int8_t> expected = fromHex(c["output_hex"]);
    const size_t half = inputs.size() / 2;
    std::vector<int8_t> out(half);
    addElementwise(p, std::span<const int8_t>(inputs).first(half), std::span<const int8_t>(inputs).subspan(half), out);
    EXPECT_EQ(out, expected);
  }
}
