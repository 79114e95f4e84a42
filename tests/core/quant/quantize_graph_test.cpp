// The quantized graph: what each tensor's quantization is, that it lowers with kernel
// parameters TFLM accepts, writes to .tflite and reads back, and runs on the int8
// interpreter close to the float model. Errors name the layer.
#include "core/quant/quantize_graph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/kernels/int4.h"
#include "core/kernels/quantize.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_writer.h"
#include "float_graph_builder.h"

#if __has_include("core/interpreter/interpreter.h")
#include "core/interpreter/interpreter.h"
#define TINYFORGE_QUANT_HAVE_INTERPRETER 1
#endif

namespace tinyforge {
namespace {

using testing::Rng;

// in [1,6,6,2] -> conv 3x3 (4, ReLU) -> dw 3x3 s2 (ReLU6) -> avgpool 3x3 -> reshape [1,4]
// -> fc 3 -> softmax.
Graph smallFloatGraph(uint32_t seed = 7) {
  Rng rng(seed);
  Graph g;
  g.name = "small";
  g.nodes.push_back(testing::inputNode("in", {1, 6, 6, 2}));
  g.nodes.push_back(testing::convNode("conv", "in", 2, 4, 3, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::depthwiseNode("dw", "conv", 4, 3, 2, Activation::Relu6, rng));
  Node pool = testing::layerNode("pool", NodeKind::AveragePool2D, "dw");
  pool.kernel_h = pool.kernel_w = 3;
  pool.stride_h = pool.stride_w = 3;
  pool.padding = Padding::Valid;
  g.nodes.push_back(pool);
  Node reshape = testing::layerNode("flat", NodeKind::Reshape, "pool");
  reshape.shape = {1, 4};
  g.nodes.push_back(reshape);
  g.nodes.push_back(testing::fullyConnectedNode("fc", "flat", 4, 3, Activation::None, rng));
  g.nodes.push_back(testing::layerNode("prob", NodeKind::Softmax, "fc"));
  return g;
}

std::vector<FloatSample> randomSamples(int count, size_t size, uint32_t seed) {
  Rng rng(seed);
  std::vector<FloatSample> samples;
  for (int i = 0; i < count; ++i) samples.push_back({rng.normals(size, 1.0f)});
  return samples;
}

const Node& nodeOf(const Graph& g, const std::string& name) {
  const Node* n = g.find(name);
  if (!n) throw std::runtime_error("no node " + name);
  return *n;
}

TEST(QuantizeGraph, ActivationAndWeightQuantizationFollowTheConverter) {
  const FloatModel model(smallFloatGraph());
  const auto samples = randomSamples(20, 72, 11);
  const ActivationRanges ranges = calibrate(model, samples);
  const Graph q = quantizeModel(model, ranges);

  for (const Node& n : q.nodes) {
    EXPECT_EQ(n.activation_type, DataType::Int8) << n.name;
    ASSERT_EQ(n.output_quant.scale.size(), 1u) << n.name;
  }
  // Input and conv: asymmetric from their own ranges.
  auto expectFrom = [&](const std::string& name, int layer) {
    const auto want = asymmetricInt8(ranges.ranges[layer]);
    EXPECT_EQ(nodeOf(q, name).output_quant.scale[0], want.scale) << name;
    EXPECT_EQ(nodeOf(q, name).output_quant.zero_point[0], want.zero_point) << name;
  };
  expectFrom("in", 0);
  expectFrom("conv", 1);
  EXPECT_EQ(nodeOf(q, "conv").output_quant.zero_point[0], -128);  // ReLU: min 0
  // Pool and reshape share one quantization with the depthwise output (TFLM does not
  // requantize in them): the union of the three ranges, i.e. the depthwise range.
  const auto& dwq = nodeOf(q, "dw").output_quant;
  EXPECT_EQ(nodeOf(q, "pool").output_quant, dwq);
  EXPECT_EQ(nodeOf(q, "flat").output_quant, dwq);
  EXPECT_LE(dwq.scale[0], 6.0f / 255.0f + 1e-7f);  // ReLU6 caps the range at 6
  // Softmax: (1/256, -128).
  EXPECT_EQ(nodeOf(q, "prob").output_quant.scale[0], 1.0f / 256.0f);
  EXPECT_EQ(nodeOf(q, "prob").output_quant.zero_point[0], -128);

  // Conv: per channel along dimension 0; depthwise along 3; FC per tensor.
  const auto& conv = nodeOf(q, "conv");
  ASSERT_EQ(conv.constants.size(), 2u);
  EXPECT_EQ(conv.constants[0].role, "filter");
  EXPECT_EQ(conv.constants[0].type, DataType::Int8);
  EXPECT_EQ(conv.constants[0].quant.scale.size(), 4u);
  EXPECT_EQ(conv.constants[0].quant.quantized_dimension, 0);
  EXPECT_EQ(conv.constants[0].quant.zero_point, std::vector<int64_t>(4, 0));
  const auto& dw = nodeOf(q, "dw");
  EXPECT_EQ(dw.constants[0].quant.scale.size(), 4u);
  EXPECT_EQ(dw.constants[0].quant.quantized_dimension, 3);
  const auto& fc = nodeOf(q, "fc");
  EXPECT_EQ(fc.constants[0].quant.scale.size(), 1u);

  // Biases: int32, scale = input scale * filter scale, zero point 0, values within a
  // half step of the float bias.
  const FloatLayerWeights& fw = model.weights(1);
  const ConstTensor& bias = conv.constants[1];
  EXPECT_EQ(bias.type, DataType::Int32);
  ASSERT_EQ(bias.data.size(), 16u);
  for (int c = 0; c < 4; ++c) {
    const float want_scale = nodeOf(q, "in").output_quant.scale[0] * conv.constants[0].quant.scale[c];
    EXPECT_FLOAT_EQ(bias.quant.scale[c], want_scale);
    int32_t v;
    std::memcpy(&v, bias.data.data() + 4 * c, 4);
    EXPECT_LE(std::fabs(v * bias.quant.scale[c] - fw.bias[c]), 0.5f * bias.quant.scale[c] * 1.001f);
  }
  // Filter values within half a step of the float weights, in [-127, 127].
  const auto& f = conv.constants[0];
  const int per_channel = 3 * 3 * 2;
  for (size_t e = 0; e < f.data.size(); ++e) {
    const int8_t v = static_cast<int8_t>(f.data[e]);
    EXPECT_GE(v, -127);
    const float s = f.quant.scale[e / per_channel];
    EXPECT_LE(std::fabs(v * s - fw.filter[e]), 0.5f * s * 1.001f);
  }
}

TEST(QuantizeGraph, LowersWithFiniteMultipliersAndShiftsInRange) {
  const Graph q = quantize(smallFloatGraph(), randomSamples(10, 72, 3));
  const ShapedGraph shaped = inferShapes(q);
  const TensorModel model = lower(shaped);
  int weighted = 0;
  for (const OperatorInfo& op : model.operators) {
    const Node& node = shaped.node(op.layer);
    if (node.kind != NodeKind::Conv2D && node.kind != NodeKind::DepthwiseConv2D && node.kind != NodeKind::FullyConnected)
      continue;
    ++weighted;
    // Every weighted operator's filter and bias are the graph's constants (nothing synthesized).
    const ConstTensor* filter = constantOf(shaped, model.tensors[op.inputs[1]]);
    const ConstTensor* bias = constantOf(shaped, model.tensors[op.inputs[2]]);
    ASSERT_TRUE(filter && bias) << node.name;
    EXPECT_EQ(model.tensors[op.inputs[1]].quant_channels, static_cast<int32_t>(filter->quant.scale.size()));
    const float in_scale = shaped.node(shaped.layers[op.layer].inputs[0]).output_quant.scale[0];
    const float out_scale = node.output_quant.scale[0];
    const int channels = shaped.layers[op.layer].output_shape.back();
    const auto multipliers = kernels::perChannelMultipliers(in_scale, filter->quant.scale, out_scale, channels);
    for (const auto& m : multipliers) {
      EXPECT_GE(m.multiplier, 1 << 30) << node.name;  // normalised Q0.31, not flushed to 0
      EXPECT_GE(m.shift, -31) << node.name;
      EXPECT_LE(m.shift, 30) << node.name;
    }
  }
  EXPECT_EQ(weighted, 3);
}

TEST(QuantizeGraph, Int4WeightsArePackedTwoPerByteInSevenLevels) {
  QuantizeOptions options;
  options.weight_type = DataType::Int4;
  const Graph q = quantize(smallFloatGraph(), randomSamples(5, 72, 5), options);
  const Node& conv = nodeOf(q, "conv");
  EXPECT_EQ(conv.weight_type, DataType::Int4);
  const ConstTensor& f = conv.constants[0];
  EXPECT_EQ(f.type, DataType::Int4);
  EXPECT_EQ(f.data.size(), 36u);  // 4*3*3*2 = 72 values, two per byte
  const auto values = kernels::unpackInt4(f.data, 72);
  int extreme = 0;
  for (int8_t v : values) {
    EXPECT_GE(v, -7);
    EXPECT_LE(v, 7);
    extreme += (v == 7 || v == -7);
  }
  EXPECT_GE(extreme, 4);  // each channel's largest weight maps to +-7
  // Shape inference, lowering and the byte count agree on the packed size.
  const TensorModel model = lower(inferShapes(q));
  bool found = false;
  for (const auto& t : model.tensors)
    if (t.is_constant && t.type == DataType::Int4 && t.shape == f.shape) found = (t.bytes == 36);
  EXPECT_TRUE(found);
}

TEST(QuantizeGraph, FullyConnectedPerChannelOption) {
  QuantizeOptions options;
  options.fully_connected_per_channel = true;
  const Graph q = quantize(smallFloatGraph(), randomSamples(5, 72, 5), options);
  EXPECT_EQ(nodeOf(q, "fc").constants[0].quant.scale.size(), 3u);
  EXPECT_EQ(nodeOf(q, "fc").constants[1].quant.scale.size(), 3u);
}

TEST(QuantizeGraph, WritesATfliteThatReadsBackWithTheSameQuantization) {
  const Graph q = quantize(smallFloatGraph(), randomSamples(10, 72, 9));
  const auto bytes = writeTflite(q);
  // The estimator's Flash figure for the model is the size of the file export writes.
  const ShapedGraph shaped = inferShapes(q);
  EXPECT_EQ(tfliteSizeBytes(shaped, lower(shaped)), static_cast<int64_t>(bytes.size()));
  const Graph back = importTfliteBytes(bytes.data(), bytes.size(), "small.tflite");
  // Every quantized layer comes back with its output quantization and its constants.
  for (const Node& n : q.nodes) {
    if (n.kind == NodeKind::Input) continue;
    const Node* match = nullptr;
    for (const Node& b : back.nodes)
      if (b.kind == n.kind && b.output_quant == n.output_quant) match = &b;
    ASSERT_TRUE(match) << n.name;
    if (n.kind == NodeKind::Conv2D || n.kind == NodeKind::DepthwiseConv2D || n.kind == NodeKind::FullyConnected) {
      const ConstTensor* f = nullptr;
      for (const auto& c : match->constants)
        if (c.role == "filter") f = &c;
      ASSERT_TRUE(f) << n.name;
      EXPECT_EQ(f->data, n.constants[0].data) << n.name;
      EXPECT_EQ(f->quant.scale, n.constants[0].quant.scale) << n.name;
      EXPECT_EQ(f->quant.quantized_dimension, n.constants[0].quant.quantized_dimension) << n.name;
    }
  }
}

#ifdef TINYFORGE_QUANT_HAVE_INTERPRETER
TEST(QuantizeGraph, Int8ModelFollowsTheFloatModelOnTheInterpreter) {
  const Graph float_graph = smallFloatGraph();
  const FloatModel model(float_graph);
  const auto calibration = randomSamples(40, 72, 21);
  const Graph q = quantizeModel(model, calibrate(model, calibration));
  Interpreter interpreter(inferShapes(q));
  ASSERT_EQ(interpreter.inputs().size(), 1u);
  const auto& in = interpreter.inputs()[0];
  const auto& out = interpreter.outputs()[0];
  EXPECT_EQ(in.type, DataType::Int8);
  EXPECT_EQ(out.scale, 1.0f / 256.0f);

  double worst = 0.0;
  for (const FloatSample& sample : randomSamples(30, 72, 77)) {
    const auto want = model.run(sample[0]);
    std::vector<uint8_t> input(72);
    kernels::quantizeFloatToInt8({in.scale, in.zero_point}, sample[0],
                                 std::span<int8_t>(reinterpret_cast<int8_t*>(input.data()), input.size()));
    const auto got = interpreter.invoke(std::vector<std::vector<uint8_t>>{input});
    for (size_t k = 0; k < want.size(); ++k) {
      const float p = out.scale * (static_cast<int8_t>(got[0][k]) - out.zero_point);
      worst = std::max(worst, std::fabs(static_cast<double>(p) - want[k]));
    }
  }
  // Probabilities within 0.05 of the float model's (one int8 output step is 1/256).
  EXPECT_LT(worst, 0.05);
  // The written .tflite runs to the same bytes as the graph it was written from.
  const auto bytes = writeTflite(q);
  Interpreter from_file(inferShapes(importTfliteBytes(bytes.data(), bytes.size(), "small.tflite")));
  const std::vector<uint8_t> probe(72, 0x35);
  EXPECT_EQ(from_file.invoke(std::vector<std::vector<uint8_t>>{probe}),
            interpreter.invoke(std::vector<std::vector<uint8_t>>{probe}));
}

// in -> conv a (ReLU), conv b -> concat -> pad -> maxpool s2 -> add(with conv c of it)
// -> mean (keep dims) -> fc: the ops whose int8 kernels need shared quantization.
Graph branchyFloatGraph() {
  Rng rng(5);
  Graph g;
  g.name = "branchy";
  g.nodes.push_back(testing::inputNode("in", {1, 5, 5, 3}));
  g.nodes.push_back(testing::convNode("a", "in", 3, 4, 3, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("b", "in", 3, 2, 1, 1, Activation::None, rng));
  Node cat = testing::layerNode("cat", NodeKind::Concatenation, "a");
  cat.inputs = {"a", "b"};
  g.nodes.push_back(cat);
  Node pad = testing::layerNode("pad", NodeKind::Pad, "cat");
  pad.pads = {1, 1, 1, 1};
  g.nodes.push_back(pad);
  Node pool = testing::layerNode("pool", NodeKind::MaxPool2D, "pad");
  pool.kernel_h = pool.kernel_w = 2;
  pool.stride_h = pool.stride_w = 2;
  pool.padding = Padding::Valid;
  g.nodes.push_back(pool);
  g.nodes.push_back(testing::convNode("c", "pool", 6, 6, 3, 1, Activation::None, rng));
  Node add = testing::layerNode("sum", NodeKind::Add, "pool");
  add.inputs = {"pool", "c"};
  add.activation = Activation::Relu;
  g.nodes.push_back(add);
  g.nodes.push_back(testing::layerNode("avg", NodeKind::Mean, "sum"));
  g.nodes.push_back(testing::fullyConnectedNode("fc", "avg", 6, 5, Activation::None, rng));
  return g;
}

TEST(QuantizeGraph, ConcatenationPadAndPoolShareTheirInputsQuantization) {
  const Graph q = quantize(branchyFloatGraph(), randomSamples(20, 75, 8));
  const auto& shared = nodeOf(q, "cat").output_quant;
  for (const char* name : {"a", "b", "pad", "pool"}) EXPECT_EQ(nodeOf(q, name).output_quant, shared) << name;
  // b has negative outputs, so the shared range is not ReLU's [0, max].
  EXPECT_GT(shared.zero_point[0], -128);
  EXPECT_NE(nodeOf(q, "sum").output_quant, shared);  // ADD requantizes
}

TEST(QuantizeGraph, BranchyInt8ModelFollowsTheFloatModelOnTheInterpreter) {
  const FloatModel model(branchyFloatGraph());
  const Graph q = quantizeModel(model, calibrate(model, randomSamples(50, 75, 8)));
  Interpreter interpreter(inferShapes(q));
  const auto& in = interpreter.inputs()[0];
  const auto& out = interpreter.outputs()[0];
  double worst_steps = 0.0;
  for (const FloatSample& sample : randomSamples(20, 75, 123)) {
    const auto want = model.run(sample[0]);
    std::vector<uint8_t> input(75);
    kernels::quantizeFloatToInt8({in.scale, in.zero_point}, sample[0],
                                 std::span<int8_t>(reinterpret_cast<int8_t*>(input.data()), input.size()));
    const auto got = interpreter.invoke(std::vector<std::vector<uint8_t>>{input});
    for (size_t k = 0; k < want.size(); ++k) {
      const float real = out.scale * (static_cast<int8_t>(got[0][k]) - out.zero_point);
      worst_steps = std::max(worst_steps, std::fabs(static_cast<double>(real) - want[k]) / out.scale);
    }
  }
  std::printf("branchy model: worst output error %.2f int8 steps\n", worst_steps);
  // Nine layers of int8 rounding: within a few output steps (of 255 over the range).
  EXPECT_LT(worst_steps, 6.0);
}
#endif

TEST(QuantizeGraph, MissingFloatWeightsNameTheLayer) {
  Graph g = smallFloatGraph();
  g.find("dw")->constants.clear();
  try {
    quantize(g, randomSamples(2, 72, 1));
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_EQ(e.node(), "dw") << e.what();
    EXPECT_NE(std::string(e.what()).find("missing float weights"), std::string::npos) << e.what();
  }
}

TEST(QuantizeGraph, NanWeightNamesTheLayer) {
  Graph g = smallFloatGraph();
  std::vector<float> w(12, 0.5f);
  w[5] = std::nanf("");
  g.find("fc")->constants[0] = floatConstant("filter", {3, 4}, w);
  try {
    quantize(g, randomSamples(2, 72, 1));
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_EQ(e.node(), "fc") << e.what();
    EXPECT_NE(std::string(e.what()).find("NaN"), std::string::npos) << e.what();
  }
}

TEST(QuantizeGraph, AlreadyQuantizedWeightsAreRefusedByName) {
  Graph g = smallFloatGraph();
  g.find("conv")->constants[0].type = DataType::Int8;
  EXPECT_THROW(
      {
        try {
          quantize(g, randomSamples(2, 72, 1));
        } catch (const GraphError& e) {
          EXPECT_EQ(e.node(), "conv");
          throw;
        }
      },
      GraphError);
}

TEST(QuantizeGraph, WrongFilterShapeNamesTheLayer) {
  Graph g = smallFloatGraph();
  std::vector<float> w(4 * 3 * 3 * 3, 0.1f);
  g.find("conv")->constants[0] = floatConstant("filter", {4, 3, 3, 3}, w);  // input has 2 channels
  try {
    FloatModel model(g);
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_EQ(e.node(), "conv") << e.what();
  }
}

TEST(QuantizeGraph, NoCalibrationSamplesIsAnError) {
  EXPECT_THROW(quantize(smallFloatGraph(), {}), GraphError);
}

TEST(QuantizeGraph, QuantizeLayersInAFloatGraphAreRefused) {
  Graph g = smallFloatGraph();
  Node dq = testing::layerNode("dq", NodeKind::Dequantize, "prob");
  g.nodes.push_back(dq);
  try {
    quantize(g, randomSamples(2, 72, 1));
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_EQ(e.node(), "dq") << e.what();
  }
}

}  // namespace
}  // namespace tinyforge
