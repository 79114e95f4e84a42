#pragma once
// Tensor names in the style of the TFLite converter, for tensors a hand-drawn graph
// leaves unnamed. They matter for size only: the converter names each tensor after the
// TensorFlow ops fused into the TFLite op that makes it, each op written as
// "<Op>;<function scope>/<layer>/<Op>" and the ops joined by ';'. The ML-zoo MicroNets,
// made by the TF 2.x converter from a SavedModel, average about 240 characters a tensor
// (kws_micronet_m: 9,688 characters of names in a 181,968-byte file), so dropping names
// would put a hand-drawn estimate 5% under the converter's file.
//
// The scheme, for a layer named L and the scope S = "StatefulPartitionedCall/
// StatefulPartitionedCall/", each fused op X is "X;S L/PartitionedCall/X", and the ops
// fused into each tensor are the TF ops of a Keras convolution with bias, batch norm and
// activation, as the converter lists them (DS-CNN-S's names show the lists), with
// B = [FusedBatchNormV3 (not for FC), BiasAdd]:
//   filter: Conv2D | depthwise, B | MatMul
//   bias: B, Conv2D | B, depthwise | BiasAdd
//   output: [Relu|Relu6,] B, Conv2D|depthwise|MatMul
// On MicroNet-KWS-M this gives 9,884 characters of names against the real file's 9,688.
//   pooling, mean, add, concatenation, pad, reshape, softmax: their TF op (AvgPool,
//   MaxPool, Mean, add, concat, Pad, Reshape, Softmax), operands "<op>/<role>"
//   graph inputs: the layer's own name.

#include "core/graph/graph.h"
#include "core/tflite/tflite_writer_builders.h"

namespace tinyforge::tflite_writer {

enum class TensorRole { Output, Filter, Bias, Operand };

// A sink that keeps only the length, for the size figure.
struct NameLength {
  size_t length = 0;
  bool empty() const { return length == 0; }
  void add(std::string_view p) { length += p.size(); }
};

namespace names_detail {

inline constexpr std::string_view kScope = "StatefulPartitionedCall/StatefulPartitionedCall/";
inline constexpr std::string_view kLayerScope = "/PartitionedCall/";

template <typename Sink>
void fused(const Node& node, std::string_view op, Sink& out) {
  if (!out.empty()) out.add(";");
  out.add(op);
  out.add(";");
  out.add(kScope);
  out.add(node.name);
  out.add(kLayerScope);
  out.add(op);
}

inline std::string_view activationOp(Activation a) {
  switch (a) {
    case Activation::Relu: return "Relu";
    case Activation::Relu6: return "Relu6";
    default: return {};
  }
}

// The TF op a simple layer comes from.
inline std::string_view simpleOp(NodeKind kind) {
  switch (kind) {
    case NodeKind::AveragePool2D: return "AvgPool";
    case NodeKind::MaxPool2D: return "MaxPool";
    case NodeKind::Mean: return "Mean";
    case NodeKind::Add: return "add";
    case NodeKind::Concatenation: return "concat";
    case NodeKind::Pad: return "Pad";
    case NodeKind::Reshape: return "Reshape";
    case NodeKind::Softmax: return "Softmax";
    case NodeKind::Quantize: return "Quantize";
    case NodeKind::Dequantize: return "Dequantize";
    default: return "Identity";
  }
}

}  // namespace names_detail

// Appends the converter-style name of `role` of `node` to `out` (Pieces or NameLength).
// Pieces point into `node` and static strings.
template <typename Sink>
void converterName(const Node& node, TensorRole role, Sink& out) {
  using names_detail::activationOp;
  using names_detail::fused;
  using names_detail::simpleOp;
  if (node.kind == NodeKind::Input) {
    out.add(node.name);
    return;
  }
  const bool conv = node.kind == NodeKind::Conv2D;
  const bool depthwise = node.kind == NodeKind::DepthwiseConv2D;
  const bool dense = node.kind == NodeKind::FullyConnected;
  if (conv || depthwise || dense) {
    const std::string_view main = conv ? "Conv2D" : depthwise ? "depthwise" : "MatMul";
    const std::string_view act = activationOp(node.activation);
    // A convolution's bias is where the folded batch norm lands.
    auto biasOps = [&] {
      if (!dense) fused(node, "FusedBatchNormV3", out);
      fused(node, "BiasAdd", out);
    };
    switch (role) {
      case TensorRole::Filter:
        fused(node, main, out);
        if (depthwise) biasOps();  // the converter folds the batch norm into depthwise filters
        return;
      case TensorRole::Bias:
        biasOps();
        if (!dense) fused(node, main, out);
        return;
      default:
        if (!act.empty()) fused(node, act, out);
        biasOps();
        fused(node, main, out);
        return;
    }
  }
  const std::string_view op = simpleOp(node.kind);
  if (role == TensorRole::Output) {
    fused(node, op, out);
    const std::string_view act = activationOp(node.activation);
    if (!act.empty()) fused(node, act, out);
    return;
  }
  // Operands of simple ops (a reshape's shape, a pad's paddings, a mean's axis).
  fused(node, op, out);
  out.add(node.kind == NodeKind::Pad ? "/paddings" : node.kind == NodeKind::Mean ? "/reduction_indices" : "/shape");
}


}  // namespace tinyforge::tflite_writer
