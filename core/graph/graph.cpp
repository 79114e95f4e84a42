#include "core/graph/graph.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tinyforge {
namespace {

constexpr std::array<std::pair<NodeKind, const char*>, 17> kNodeKindNames{{
    {NodeKind::Input, "Input"},
    {NodeKind::Conv2D, "Conv2D"},
    {NodeKind::DepthwiseConv2D, "DepthwiseConv2D"},
    {NodeKind::FullyConnected, "FullyConnected"},
    {NodeKind::AveragePool2D, "AveragePool2D"},
    {NodeKind::MaxPool2D, "MaxPool2D"},
    {NodeKind::Mean, "Mean"},
    {NodeKind::Add, "Add"},
    {NodeKind::Concatenation, "Concatenation"},
    {NodeKind::Pad, "Pad"},
    {NodeKind::Reshape, "Reshape"},
    {NodeKind::Softmax, "Softmax"},
    {NodeKind::Quantize, "Quantize"},
    {NodeKind::Dequantize, "Dequantize"},
    {NodeKind::DepthwiseSeparable, "DepthwiseSeparable"},
    {NodeKind::InvertedBottleneck, "InvertedBottleneck"},
    {NodeKind::Residual, "Residual"},
}};

constexpr std::array<std::pair<Activation, const char*>, 3> kActivationNames{{
    {Activation::None, "none"}, {Activation::Relu, "relu"}, {Activation::Relu6, "relu6"}}};

constexpr std::array<std::pair<Padding, const char*>, 2> kPaddingNames{{{Padding::Same, "same"}, {Padding::Valid, "valid"}}};

constexpr std::array<std::pair<DataType, const char*>, 7> kDataTypeNames{{{DataType::Int8, "int8"},
                                                                          {DataType::Int16, "int16"},
                                                                          {DataType::Int32, "int32"},
                                                                          {DataType::Int4, "int4"},
                                                                          {DataType::Float32, "float32"},
                                                                          {DataType::UInt8, "uint8"},
                                                                          {DataType::Int64, "int64"}}};

template <typename Enum, size_t N>
const char* nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Enum, size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, const std::string& text) {
  for (const auto& [candidate, name] : table) {
    if (text == name) return candidate;
  }
  return std::nullopt;
}

}  // namespace

const Node* Graph::find(const std::string& node_name) const {
  auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name == node_name; });
  return it == nodes.end() ? nullptr : &*it;
}

Node* Graph::find(const std::string& node_name) {
  return const_cast<Node*>(std::as_const(*this).find(node_name));
}

const char* toString(NodeKind kind) { return nameOf(kNodeKindNames, kind); }
const char* toString(Activation activation) { return nameOf(kActivationNames, activation); }
const char* toString(Padding padding) { return nameOf(kPaddingNames, padding); }
const char* toString(DataType type) { return nameOf(kDataTypeNames, type); }
std::optional<NodeKind> nodeKindFromString(const std::string& text) { return valueOf(kNodeKindNames, text); }
std::optional<Activation> activationFromString(const std::string& text) { return valueOf(kActivationNames, text); }
std::optional<Padding> paddingFromString(const std::string& text) { return valueOf(kPaddingNames, text); }
std::optional<DataType> dataTypeFromString(const std::string& text) { return valueOf(kDataTypeNames, text); }

bool isBlock(NodeKind kind) {
  return kind == NodeKind::DepthwiseSeparable || kind == NodeKind::InvertedBottleneck || kind == NodeKind::Residual;
}

int bitsOf(DataType type) {
  switch (type) {
    case DataType::Int4: return 4;
    case DataType::Int8:
    case DataType::UInt8: return 8;
    case DataType::Int16: return 16;
    case DataType::Int32:
    case DataType::Float32: return 32;
    case DataType::Int64: return 64;
  }
  return 8;
}

int64_t bytesOf(DataType type, int64_t elements) { return (elements * bitsOf(type) + 7) / 8; }

}  // namespace tinyforge
