#pragma once
// The one graph IR of TinyForge. The editor edits it, the estimator reads it, the
// importer and the exporter translate it to and from .tflite, the search derives into it.
//
// A Graph is a list of Nodes. A node is either one layer (an operator of the IR) or a
// block template (depthwise-separable, inverted bottleneck, residual) that expand()
// turns into layers while the editor keeps showing it as one node.
//
// Tensors follow TFLite's NHWC layout with batch 1; shapes of activations are
// {1, H, W, C} for feature maps and {1, N} for vectors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

enum class NodeKind {
  // layers
  Input,
  Conv2D,
  DepthwiseConv2D,
  FullyConnected,
  AveragePool2D,
  MaxPool2D,
  Mean,  // global average pooling over H and W
  Add,
  Concatenation,
  Pad,
  Reshape,
  Softmax,
  Quantize,    // float -> int8 at a model's boundary (imported models)
  Dequantize,  // int8 -> float at a model's boundary (imported models)
  // block templates
  DepthwiseSeparable,  // DW kxk (stride s) + PW 1x1 -> out_channels
  InvertedBottleneck,  // PW expand (x expansion) + DW kxk (stride s) + PW project; residual when shapes allow
  Residual,            // Conv kxk + Conv kxk (no activation) + Add(input) with the activation
};

enum class Activation { None, Relu, Relu6 };
enum class Padding { Same, Valid };
enum class DataType { Int8, Int16, Int32, Int4, Float32, UInt8, Int64 };

// Per-tensor or per-channel affine quantization, as TFLite stores it.
struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  // The min/max arrays older converters write next to the scales (TFLM ignores them):
  // kept from an imported file so that a re-export writes exactly what the file had,
  // empty otherwise (TinyForge's own quantization writes none).
  std::vector<float> min;
  std::vector<float> max;
  bool empty() const { return scale.empty(); }
};

// A constant operand of a layer (weights, bias, a shape operand...). `data` may be empty
// for a graph drawn by hand: estimation needs only shape and type, export needs data.
struct ConstTensor {
  std::string role;  // "filter", "bias", "shape", "paddings", "axis", ...; "absent" = an
                     // optional operand left out (TFLite's -1 input index)
  std::string name;  // the tensor's name in a .tflite (empty: the writer names it)
  DataType type = DataType::Int8;
  std::vector<int32_t> shape;
  std::vector<uint8_t> data;
  Quantization quant;
  int32_t tensor_index = -1;  // position in an imported .tflite's tensor list, -1 if none
};

// Declared before Node: its defaulted operator== looks them up where it is declared (clang
// deletes it otherwise; GCC looks later).
inline bool operator==(const Quantization& a, const Quantization& b) {
  return a.scale == b.scale && a.zero_point == b.zero_point && a.quantized_dimension == b.quantized_dimension &&
         a.min == b.min && a.max == b.max;
}
inline bool operator==(const ConstTensor& a, const ConstTensor& b) {
  return a.role == b.role && a.name == b.name && a.type == b.type && a.shape == b.shape && a.data == b.data &&
         a.quant == b.quant && a.tensor_index == b.tensor_index;
}

// Architecture search options of a layer or a block.
struct SearchOptions {
  std::vector<int> widths;  // allowed output channel counts; empty = width is fixed
  bool skippable = false;   // may become identity (or average pooling where it downsamples)
  bool operator==(const SearchOptions&) const = default;
};

// Every field of a Node is part of graphFingerprint() (core/graph/graph_fingerprint.cpp):
// a field added here must be added there too.
struct Node {
  std::string name;                 // unique in the graph; edges refer to it
  NodeKind kind = NodeKind::Conv2D;
  std::vector<std::string> inputs;  // names of the producing nodes, in operand order

  // Geometry. Each kind reads the fields that apply to it (see docs/formats.md).
  std::vector<int32_t> shape;     // Input: the tensor shape, e.g. {1,49,10,1}; Reshape: target shape
  int32_t out_channels = 0;       // Conv2D, FullyConnected (units), blocks
  int32_t kernel_h = 1, kernel_w = 1;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int32_t depth_multiplier = 1;   // DepthwiseConv2D
  int32_t expansion = 6;          // InvertedBottleneck
  Padding padding = Padding::Same;
  std::vector<int32_t> pads;      // Pad: {top, bottom, left, right}
  int32_t axis = -1;              // Concatenation (on NHWC, -1 = channels)
  bool keep_dims = true;          // Mean
  float beta = 1.0f;              // Softmax
  Activation activation = Activation::None;

  // Number formats.
  DataType activation_type = DataType::Int8;  // of this node's output tensor
  DataType weight_type = DataType::Int8;      // Int8 or Int4

  // Imported or quantized detail; empty for a graph drawn by hand.
  std::vector<ConstTensor> constants;  // in TFLite operand order after the activation inputs
  Quantization output_quant;
  std::string output_name;             // output tensor name in a .tflite
  int32_t output_tensor_index = -1;    // position in an imported .tflite's tensor list, -1 if none.
                                       // TFLM plans equal-sized buffers in tensor order, so
                                       // lower() keeps an imported model's order.
  int32_t offline_offset_bytes = -1;   // where a .tflite's offline memory plan
                                       // ("OfflineMemoryAllocation") puts the output tensor in
                                       // TFLM's arena head; -1 = planned by TFLM at run time

  SearchOptions search;
  std::string block;  // set by expand(): the block node this layer came from

  bool operator==(const Node&) const = default;
};


// The .tflite file a graph was imported from. While the graph is unchanged (its
// fingerprint still matches, core/graph/graph_fingerprint.h), its model Flash is the
// file's own size, not what TinyForge's writer would make of it.
struct ImportedFile {
  int64_t bytes = 0;         // the file's size; 0 = not imported
  uint64_t fingerprint = 0;  // graphFingerprint() of the graph as the importer made it
  // Where converters differ in what they spend, what this file had, so that a re-export
  // is never larger than it (the defaults are what TinyForge writes for other graphs):
  // the largest of 4, 8, 16 dividing every buffer's file offset (0 = not known: 16), a
  // "min_runtime_version" metadata entry, the 32-bit builtin_code next to the old 8-bit
  // operator code, a subgraph name. Old TOCO files (person_detect) have 4 and none of these.
  int32_t buffer_alignment_bytes = 0;
  bool runtime_version_metadata = true;
  bool wide_operator_codes = true;
  bool subgraph_name = true;
  bool operator==(const ImportedFile&) const = default;
};

struct Graph {
  std::string name;
  std::string description;
  std::vector<Node> nodes;           // any order; edges by name
  std::vector<std::string> outputs;  // graph outputs; empty = nodes nobody consumes
  ImportedFile imported_file;

  const Node* find(const std::string& node_name) const;
  Node* find(const std::string& node_name);
  bool operator==(const Graph&) const = default;
};

// Names and helpers for the enums, used by the JSON format, the CLI and the studio.
const char* toString(NodeKind kind);
const char* toString(Activation activation);
const char* toString(Padding padding);
const char* toString(DataType type);
std::optional<NodeKind> nodeKindFromString(const std::string& text);
std::optional<Activation> activationFromString(const std::string& text);
std::optional<Padding> paddingFromString(const std::string& text);
std::optional<DataType> dataTypeFromString(const std::string& text);
bool isBlock(NodeKind kind);
// Bytes per element; Int4 is 0.5 and reported through bitsOf().
int bitsOf(DataType type);
// Bytes of `elements` values of `type` (Int4 packs two per byte, rounded up).
int64_t bytesOf(DataType type, int64_t elements);

}  // namespace tinyforge
