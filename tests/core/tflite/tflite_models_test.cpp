// Imports the real models in shared/models and checks them against references that do
// not come from the importer: TFLM's measured figures in models/README.md, TFLM's
// input/output tensors in models/vectors/, the MicroNets paper's layer table, the TFLite
// quantization spec, and the tensor shapes written in each file.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"

namespace tinyforge {
namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

std::vector<uint8_t> readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  std::getline(in, cell, '|');  // before the first bar
  while (std::getline(in, cell, '|')) {
    const size_t a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
    out.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// The README's two per-model tables: TFLM's figures, and the tail breakdown on Cortex-M4.
struct ReadmeRow {
  int ops = 0;
  std::string op_types;              // "AVERAGE_POOL_2D=1 CONV_2D=7 ..."
  int eval_tensor_bytes = -1;        // TfLiteEvalTensor data: 12 B per tensor on a 32-bit MCU
  int node_registration_bytes = -1;  // NodeAndRegistration array: 32 B per operator
};

std::map<std::string, ReadmeRow> readme() {
  std::map<std::string, ReadmeRow> rows;
  std::ifstream in(kModels + "README.md");
  std::string line;
  while (std::getline(in, line)) {
    const auto c = cells(line);
    if (c.size() < 2 || c[0].find(".tflite") == std::string::npos || c[0].find(' ') != std::string::npos) continue;
    if (c.size() == 10) {
      rows[c[0]].ops = std::stoi(c[2]);
      rows[c[0]].op_types = c[3];
    } else if (c.size() == 7) {
      rows[c[0]].eval_tensor_bytes = std::stoi(c[1]);
      rows[c[0]].node_registration_bytes = std::stoi(c[5]);
    }
  }
  return rows;
}

// TFLite's operator names, written here independently of the importer.
std::string tfliteName(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D: return "CONV_2D";
    case NodeKind::DepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case NodeKind::FullyConnected: return "FULLY_CONNECTED";
    case NodeKind::AveragePool2D: return "AVERAGE_POOL_2D";
    case NodeKind::MaxPool2D: return "MAX_POOL_2D";
    case NodeKind::Mean: return "MEAN";
    case NodeKind::Add: return "ADD";
    case NodeKind::Concatenation: return "CONCATENATION";
    case NodeKind::Pad: return "PAD";
    case NodeKind::Reshape: return "RESHAPE";
    case NodeKind::Softmax: return "SOFTMAX";
    case NodeKind::Quantize: return "QUANTIZE";
    case NodeKind::Dequantize: return "DEQUANTIZE";
    default: return "?";
  }
}

std::string opTypes(const Graph& graph) {
  std::map<std::string, int> counts;
  for (const Node& node : graph.nodes)
    if (node.kind != NodeKind::Input) ++counts[tfliteName(node.kind)];
  std::string text;
  for (const auto& [name, count] : counts) text += (text.empty() ? "" : " ") + name + "=" + std::to_string(count);
  return text;
}

int operatorCount(const Graph& graph) {
  int n = 0;
  for (const Node& node : graph.nodes) n += node.kind != NodeKind::Input;
  return n;
}

// Distinct constants: a constant shared by several operators (the converter deduplicates
// equal tensors) is one tensor of the file and appears in each node with the same name.
std::set<std::pair<std::string, std::vector<uint8_t>>> distinctConstants(const Graph& graph) {
  std::set<std::pair<std::string, std::vector<uint8_t>>> out;
  for (const Node& node : graph.nodes)
    for (const ConstTensor& c : node.constants)
      if (c.role != "absent") out.insert({c.name, c.data});
  return out;
}

const std::vector<std::string>& modelFiles() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(kModels))
      if (entry.path().extension() == ".tflite") out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }();
  return files;
}

TEST(TfliteModels, EveryModelImportsWithTheOperatorsTflmCounted) {
  const auto rows = readme();
  ASSERT_EQ(modelFiles().size(), 10u);
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    ASSERT_TRUE(rows.count(file)) << "no README row";
    const Graph graph = importTflite(kModels + file);
    EXPECT_EQ(operatorCount(graph), rows.at(file).ops);
    EXPECT_EQ(opTypes(graph), rows.at(file).op_types);
    // TFLM allocates one 32-byte NodeAndRegistration per operator on Cortex-M4.
    EXPECT_EQ(operatorCount(graph) * 32, rows.at(file).node_registration_bytes);
  }
}

TEST(TfliteModels, KwsMicronetMHasTheReadmeOperators) {
  const Graph graph = importTflite(kModels + "kws_micronet_m.tflite");
  EXPECT_EQ(opTypes(graph), "AVERAGE_POOL_2D=1 CONV_2D=7 DEPTHWISE_CONV_2D=5 RESHAPE=1");
}

TEST(TfliteModels, GraphKeepsEveryTensorOfTheFile) {
  // TFLM gives every tensor of the subgraph one 12-byte TfLiteEvalTensor on a 32-bit MCU,
  // so the README's "TfLiteEvalTensor data" column / 12 is the file's tensor count.
  const auto rows = readme();
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    const Graph graph = importTflite(kModels + file);
    const int tensors_in_graph = static_cast<int>(graph.nodes.size() + distinctConstants(graph).size());
    ASSERT_EQ(rows.at(file).eval_tensor_bytes % 12, 0);
    EXPECT_EQ(tensors_in_graph, rows.at(file).eval_tensor_bytes / 12);
  }
}

TEST(TfliteModels, EveryTensorOfTheFileHasOneHomeInTheGraph) {
  // Each tensor index appears once as a node's output, or as a constant of one or more
  // nodes (a shared constant: then always with the same data); together they cover the file.
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    const auto bytes = readBytes(kModels + file);
    const size_t tensor_count = tflite::GetModel(bytes.data())->subgraphs()->Get(0)->tensors()->size();
    const Graph graph = importTflite(kModels + file);
    std::map<int32_t, int> outputs;
    std::map<int32_t, std::vector<uint8_t>> constants;
    for (const Node& node : graph.nodes) {
      ++outputs[node.output_tensor_index];
      for (const ConstTensor& c : node.constants) {
        if (c.role == "absent") continue;
        auto [it, inserted] = constants.emplace(c.tensor_index, c.data);
        EXPECT_TRUE(inserted || it->second == c.data) << c.name;
      }
    }
    std::set<int32_t> all;
    for (const auto& [index, count] : outputs) {
      EXPECT_EQ(count, 1) << "tensor " << index;
      all.insert(index);
    }
    for (const auto& [index, data] : constants) EXPECT_TRUE(all.insert(index).second) << "tensor " << index;
    EXPECT_EQ(all.size(), tensor_count);
    EXPECT_EQ(*all.begin(), 0);
    EXPECT_EQ(*all.rbegin(), static_cast<int32_t>(tensor_count) - 1);
  }
}

TEST(TfliteModels, LoweringReproducesTheTensorsOfTheFile) {
  // The estimator plans memory over lower()'s tensors: for an imported model they must be
  // the file's tensors, in the file's order, with the file's names, shapes, types and sizes.
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    const auto bytes = readBytes(kModels + file);
    const auto* model = tflite::GetModel(bytes.data());
    const auto* tensors = model->subgraphs()->Get(0)->tensors();
    const TensorModel lowered = lower(inferShapes(importTflite(kModels + file)));
    ASSERT_EQ(lowered.tensors.size(), tensors->size());
    for (size_t i = 0; i < lowered.tensors.size(); ++i) {
      const auto* t = tensors->Get(static_cast<flatbuffers::uoffset_t>(i));
      const TensorInfo& info = lowered.tensors[i];
      EXPECT_EQ(info.name, t->name()->str()) << i;
      EXPECT_EQ(info.shape, std::vector<int32_t>(t->shape()->begin(), t->shape()->end())) << i;
      const auto* data = model->buffers()->Get(t->buffer())->data();
      const bool constant = data && data->size() > 0;
      EXPECT_EQ(info.is_constant, constant) << i;
      if (constant) EXPECT_EQ(info.bytes, static_cast<int64_t>(data->size())) << i;
    }
  }
}

TEST(TfliteModels, ConstantsKeepEveryByteOfTheirBuffers) {
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    const auto bytes = readBytes(kModels + file);
    const auto* model = tflite::GetModel(bytes.data());
    const auto* subgraph = model->subgraphs()->Get(0);
    std::set<uint32_t> buffers;
    for (const auto* t : *subgraph->tensors()) buffers.insert(t->buffer());
    size_t file_bytes = 0;
    for (uint32_t b : buffers)
      if (const auto* data = model->buffers()->Get(b)->data()) file_bytes += data->size();
    size_t graph_bytes = 0;
    for (const auto& [name, data] : distinctConstants(importTflite(kModels + file))) graph_bytes += data.size();
    EXPECT_EQ(graph_bytes, file_bytes);
  }
}

TEST(TfliteModels, InferredShapesMatchTheShapesInTheFile) {
  for (const std::string& file : modelFiles()) {
    SCOPED_TRACE(file);
    const auto bytes = readBytes(kModels + file);
    const auto* subgraph = tflite::GetModel(bytes.data())->subgraphs()->Get(0);
    std::map<std::string, std::vector<int32_t>> shape_of;
    for (const auto* t : *subgraph->tensors())
      shape_of[t->name()->str()] = std::vector<int32_t>(t->shape()->begin(), t->shape()->end());

    const Graph graph = importTflite(kModels + file);
    const ShapedGraph shaped = inferShapes(graph);
    ASSERT_EQ(shaped.layers.size(), graph.nodes.size());
    for (size_t i = 0; i < shaped.layers.size(); ++i) {
      const Node& node = shaped.node(static_cast<int>(i));
      ASSERT_TRUE(shape_of.count(node.output_name)) << node.name;
      EXPECT_EQ(shaped.layers[i].output_shape, shape_of.at(node.output_name)) << node.name;
    }
  }
}

TEST(TfliteModels, InputsAndOutputsAreTheTensorsTflmRan) {
  for (const auto& entry : std::filesystem::directory_iterator(kModels + "vectors")) {
    const auto vectors = nlohmann::json::parse(std::ifstream(entry.path()));
    const std::string file = vectors.at("model");
    SCOPED_TRACE(file);
    const Graph graph = importTflite(kModels + file);
    const ShapedGraph shaped = inferShapes(graph);

    std::vector<const Node*> inputs;
    for (const Node& node : graph.nodes)
      if (node.kind == NodeKind::Input) inputs.push_back(&node);
    ASSERT_EQ(inputs.size(), vectors.at("inputs").size());
    for (size_t i = 0; i < inputs.size(); ++i) {
      EXPECT_EQ(inputs[i]->shape, vectors["inputs"][i].at("shape").get<std::vector<int32_t>>());
      EXPECT_EQ(toString(inputs[i]->activation_type), vectors["inputs"][i].at("type").get<std::string>());
    }
    ASSERT_EQ(shaped.outputs.size(), vectors.at("outputs").size());
    for (size_t i = 0; i < shaped.outputs.size(); ++i) {
      EXPECT_EQ(shaped.layers[shaped.outputs[i]].output_shape,
                vectors["outputs"][i].at("shape").get<std::vector<int32_t>>());
      EXPECT_EQ(toString(shaped.node(shaped.outputs[i]).activation_type),
                vectors["outputs"][i].at("type").get<std::string>());
    }
  }
}

std::vector<const Node*> layers(const Graph& graph) {
  std::vector<const Node*> out;
  for (const Node& node : graph.nodes)
    if (node.kind != NodeKind::Input) out.push_back(&node);
  return out;
}

TEST(TfliteModels, KwsMicronetMIsTheNetworkOfThePaper) {
  // MicroNets (Banbury et al. 2021), KWS-M: Conv2D(10,4,c140,s1) - DS(c140,s2) - DS(c140,s1)
  // - DS(c140,s1) - DS(c112,s1) - DS(c196,s1) - AvgPool(25,5) - FC(12), on 49x10 MFCCs.
  const Graph graph = importTflite(kModels + "kws_micronet_m.tflite");
  ASSERT_EQ(graph.nodes[0].kind, NodeKind::Input);
  EXPECT_EQ(graph.nodes[0].shape, (std::vector<int32_t>{1, 49, 10, 1}));
  const auto l = layers(graph);
  ASSERT_EQ(l.size(), 14u);
  EXPECT_EQ(l[0]->kind, NodeKind::Conv2D);
  EXPECT_EQ(l[0]->out_channels, 140);
  EXPECT_EQ(l[0]->kernel_h, 10);
  EXPECT_EQ(l[0]->kernel_w, 4);
  EXPECT_EQ(l[0]->stride_h, 1);
  const int ds_channels[] = {140, 140, 140, 112, 196};
  for (int b = 0; b < 5; ++b) {
    SCOPED_TRACE(b);
    const Node& dw = *l[1 + 2 * b];
    const Node& pw = *l[2 + 2 * b];
    EXPECT_EQ(dw.kind, NodeKind::DepthwiseConv2D);
    EXPECT_EQ(dw.kernel_h, 3);
    EXPECT_EQ(dw.stride_h, b == 0 ? 2 : 1);
    EXPECT_EQ(dw.depth_multiplier, 1);
    EXPECT_EQ(pw.kind, NodeKind::Conv2D);
    EXPECT_EQ(pw.kernel_h, 1);
    EXPECT_EQ(pw.out_channels, ds_channels[b]);
    EXPECT_EQ(pw.activation, Activation::Relu6);
  }
  EXPECT_EQ(l[11]->kind, NodeKind::AveragePool2D);
  EXPECT_EQ(l[11]->kernel_h, 25);
  EXPECT_EQ(l[11]->kernel_w, 5);
  EXPECT_EQ(l[11]->padding, Padding::Valid);
  EXPECT_EQ(l[12]->kind, NodeKind::Conv2D);  // the FC layer, as a 1x1 convolution
  EXPECT_EQ(l[12]->out_channels, 12);
  EXPECT_EQ(l[12]->activation, Activation::None);
  EXPECT_EQ(l[13]->kind, NodeKind::Reshape);
  EXPECT_EQ(l[13]->shape, (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(graph.outputs, std::vector<std::string>{l[13]->name});
}

TEST(TfliteModels, Relu6OutputsUseTheFullInt8RangeForZeroToSix) {
  // A RELU6 output spans [0, 6]; int8 maps it to [-128, 127]: scale 6/255, zero point -128.
  const Graph graph = importTflite(kModels + "kws_micronet_m.tflite");
  int checked = 0;
  for (const Node* node : layers(graph)) {
    if (node->activation != Activation::Relu6) continue;
    ASSERT_EQ(node->output_quant.scale.size(), 1u) << node->name;
    if (node->output_quant.zero_point[0] != -128 || std::abs(node->output_quant.scale[0] - 6.0f / 255) > 1e-6f)
      continue;  // a ReLU6 whose observed range stayed below 6 gets a smaller scale
    ++checked;
  }
  EXPECT_GE(checked, 10);  // 11 of the 12 ReLU6 layers saturate at 6 (one layer saw less)
}

TEST(TfliteModels, BiasScaleIsInputScaleTimesFilterScale) {
  // TFLite's int8 quantization spec: bias int32 with scale = input scale x filter scale
  // per output channel, zero point 0; filters symmetric (zero point 0), per channel along
  // dimension 0 (Conv2D) or 3 (depthwise).
  for (const char* file : {"kws_micronet_m.tflite", "test_conv_model.tflite", "ds_cnn_s_quantized.tflite"}) {
    SCOPED_TRACE(file);
    const Graph graph = importTflite(kModels + file);
    for (const Node* node : layers(graph)) {
      if (node->kind != NodeKind::Conv2D && node->kind != NodeKind::DepthwiseConv2D) continue;
      SCOPED_TRACE(node->name);
      const Node* producer = graph.find(node->inputs.at(0));
      ASSERT_NE(producer, nullptr);
      const ConstTensor& filter = node->constants.at(0);
      const ConstTensor& bias = node->constants.at(1);
      ASSERT_EQ(filter.role, "filter");
      ASSERT_EQ(bias.role, "bias");
      EXPECT_EQ(bias.type, DataType::Int32);
      EXPECT_EQ(filter.quant.quantized_dimension, node->kind == NodeKind::Conv2D ? 0 : 3);
      ASSERT_EQ(filter.quant.scale.size(), static_cast<size_t>(node->out_channels));
      ASSERT_EQ(bias.quant.scale.size(), filter.quant.scale.size());
      const float input_scale = producer->output_quant.scale.at(0);
      for (size_t c = 0; c < filter.quant.scale.size(); ++c) {
        EXPECT_EQ(filter.quant.zero_point[c], 0);
        EXPECT_EQ(bias.quant.zero_point[c], 0);
        EXPECT_NEAR(bias.quant.scale[c], input_scale * filter.quant.scale[c], 1e-6 * bias.quant.scale[c]);
      }
    }
  }
}

TEST(TfliteModels, FloatBoundaryIsQuantizedAndDequantized) {
  const Graph graph = importTflite(kModels + "test_conv_model.tflite");
  const auto l = layers(graph);
  ASSERT_EQ(l.size(), 7u);
  EXPECT_EQ(graph.nodes[0].activation_type, DataType::Float32);
  EXPECT_EQ(graph.nodes[0].shape, (std::vector<int32_t>{1, 16, 16, 1}));
  EXPECT_TRUE(graph.nodes[0].output_quant.empty());
  EXPECT_EQ(l[0]->kind, NodeKind::Quantize);
  EXPECT_EQ(l[0]->activation_type, DataType::Int8);
  EXPECT_EQ(l[1]->kind, NodeKind::Conv2D);
  EXPECT_EQ(l[1]->padding, Padding::Valid);
  EXPECT_EQ(l[1]->kernel_h, 3);
  EXPECT_EQ(l[1]->out_channels, 16);
  EXPECT_EQ(l[3]->kind, NodeKind::MaxPool2D);
  EXPECT_EQ(l[3]->kernel_h, 2);
  EXPECT_EQ(l[3]->stride_h, 2);
  EXPECT_EQ(l[5]->kind, NodeKind::FullyConnected);
  EXPECT_EQ(l[5]->out_channels, 10);
  // 16 - 2 - 2 = 12 after two valid 3x3 convolutions, pooled to 6x6 with 32 channels.
  EXPECT_EQ(l[5]->constants.at(0).shape, (std::vector<int32_t>{10, 6 * 6 * 32}));
  EXPECT_EQ(l[6]->kind, NodeKind::Dequantize);
  EXPECT_EQ(l[6]->activation_type, DataType::Float32);
}

TEST(TfliteModels, HelloWorldIsThreeDenseLayers) {
  // TFLM's hello_world: 1 -> Dense(16, relu) -> Dense(16, relu) -> Dense(1).
  const Graph graph = importTflite(kModels + "hello_world_int8.tflite");
  const auto l = layers(graph);
  ASSERT_EQ(l.size(), 3u);
  const int units[] = {16, 16, 1};
  const Activation activations[] = {Activation::Relu, Activation::Relu, Activation::None};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(l[i]->kind, NodeKind::FullyConnected);
    EXPECT_EQ(l[i]->out_channels, units[i]);
    EXPECT_EQ(l[i]->activation, activations[i]);
    EXPECT_EQ(l[i]->inputs, std::vector<std::string>{i == 0 ? graph.nodes[0].name : l[i - 1]->name});
  }
  // The filter of the last layer holds its 16 int8 weights, in full.
  EXPECT_EQ(l[2]->constants[0].data.size(), 16u);
  EXPECT_EQ(l[2]->constants[1].data.size(), 4u);  // one int32 bias
}

TEST(TfliteModels, TocoBiasWithQuantizedDimensionThreeIsAccepted) {
  // person_detect (TOCO) gives its 1-D per-channel biases quantized_dimension 3; TFLM runs it.
  // Its first layer, a 3x3 convolution of the 1-channel image into 8 channels, was written
  // as a depthwise convolution with multiplier 8.
  const Graph graph = importTflite(kModels + "person_detect.tflite");
  const Node* first = layers(graph).at(0);
  ASSERT_EQ(first->kind, NodeKind::DepthwiseConv2D);
  EXPECT_EQ(first->depth_multiplier, 8);
  EXPECT_EQ(first->stride_h, 2);
  EXPECT_EQ(first->constants.at(1).quant.quantized_dimension, 3);
  EXPECT_EQ(first->constants.at(1).quant.scale.size(), 8u);
}

TEST(TfliteModels, ChannelPaddingKeepsThePaddingsOperand) {
  // MicroNet-VWW-2 pads channels (a residual whose width grows); Node::pads holds only
  // spatial padding, so such a Pad keeps its paddings operand as the only description.
  const Graph graph = importTflite(kModels + "vww2_50_50_INT8.tflite");
  int channel_pads = 0;
  for (const Node* node : layers(graph)) {
    if (node->kind != NodeKind::Pad) continue;
    ASSERT_EQ(node->constants.size(), 1u);
    EXPECT_EQ(node->constants[0].role, "paddings");
    EXPECT_EQ(node->constants[0].shape, (std::vector<int32_t>{4, 2}));
    if (node->pads.empty()) ++channel_pads;
  }
  EXPECT_GT(channel_pads, 0);
}

TEST(TfliteModels, SharedConstantsAppearWithTheSameNameInEachUser) {
  // MicroNet-AD-S: the converter stored equal biases once; 4 bias tensors serve 2-3 layers.
  const Graph graph = importTflite(kModels + "ad_small_int8.tflite");
  std::map<std::string, std::set<std::string>> users;
  for (const Node& node : graph.nodes)
    for (const ConstTensor& c : node.constants) users[c.name].insert(node.name);
  int shared = 0;
  for (const auto& [name, nodes] : users) shared += nodes.size() > 1;
  EXPECT_EQ(shared, 4);
}

TEST(TfliteModels, TwoInputsBecomeTwoInputNodes) {
  const Graph graph = importTflite(kModels + "simple_add_model.tflite");
  ASSERT_EQ(graph.nodes.size(), 3u);
  EXPECT_EQ(graph.nodes[0].kind, NodeKind::Input);
  EXPECT_EQ(graph.nodes[1].kind, NodeKind::Input);
  EXPECT_EQ(graph.nodes[2].kind, NodeKind::Add);
  EXPECT_EQ(graph.nodes[2].inputs, (std::vector<std::string>{graph.nodes[0].name, graph.nodes[1].name}));
  EXPECT_EQ(graph.name, "simple_add_model");
}

}  // namespace
}  // namespace tinyforge
