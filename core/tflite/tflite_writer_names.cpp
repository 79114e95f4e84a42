#include "core/tflite/tflite_writer_names.h"

namespace tinyforge::tflite_writer {
namespace {

constexpr std::string_view kScope = "StatefulPartitionedCall/StatefulPartitionedCall/";
constexpr std::string_view kLayerScope = "/PartitionedCall/";

void fused(const Node& node, std::string_view op, Pieces& out) {
  if (out.count > 0) out.add(";");
  out.add(op);
  out.add(";");
  out.add(kScope);
  out.add(node.name);
  out.add(kLayerScope);
  out.add(op);
}

std::string_view activationOp(Activation a) {
  switch (a) {
    case Activation::Relu: return "Relu";
    case Activation::Relu6: return "Relu6";
    default: return {};
  }
}

// The TF op a simple layer comes from.
std::string_view simpleOp(NodeKind kind) {
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

}  // namespace

void converterName(const Node& node, TensorRole role, Pieces& out) {
  if (node.kind == NodeKind::Input) {
    out.add(node.name);
    return;
  }
  const bool conv = node.kind == NodeKind::Conv2D;
  const bool depthwise = node.kind == NodeKind::DepthwiseConv2D;
  const bool dense = node.kind == NodeKind::FullyConnected;
  if (conv || depthwise || dense) {
    const std::string_view main = conv ? "Conv2D" : depthwise ? "depthwise" : "MatMul";
    const std::string_view bias = dense ? "BiasAdd" : "FusedBatchNormV3";
    switch (role) {
      case TensorRole::Filter:
        if (depthwise) fused(node, bias, out);
        fused(node, main, out);
        return;
      case TensorRole::Bias: fused(node, bias, out); return;
      default: {
        const std::string_view act = activationOp(node.activation);
        if (!act.empty()) fused(node, act, out);
        fused(node, bias, out);
        fused(node, main, out);
        return;
      }
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
