#include "widgets/node_defaults.h"

#include <QCoreApplication>

namespace tinyforge {

Node defaultNode(NodeKind kind) {
  Node node;
  node.kind = kind;
  switch (kind) {
    case NodeKind::Input:
      node.shape = {1, 49, 10, 1};
      break;
    case NodeKind::Conv2D:
      node.out_channels = 32;
      node.kernel_h = node.kernel_w = 3;
      node.activation = Activation::Relu;
      break;
    case NodeKind::DepthwiseConv2D:
      node.kernel_h = node.kernel_w = 3;
      node.activation = Activation::Relu;
      break;
    case NodeKind::FullyConnected:
      node.out_channels = 12;
      break;
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
      node.kernel_h = node.kernel_w = 2;
      node.stride_h = node.stride_w = 2;
      node.padding = Padding::Valid;
      break;
    case NodeKind::Pad:
      node.pads = {1, 1, 1, 1};
      break;
    case NodeKind::Reshape:
      node.shape = {1, -1};
      break;
    case NodeKind::DepthwiseSeparable:
      node.out_channels = 64;
      node.kernel_h = node.kernel_w = 3;
      node.activation = Activation::Relu;
      break;
    case NodeKind::InvertedBottleneck:
      node.out_channels = 32;
      node.kernel_h = node.kernel_w = 3;
      node.expansion = 6;
      node.activation = Activation::Relu6;
      break;
    case NodeKind::Residual:
      node.out_channels = 32;
      node.kernel_h = node.kernel_w = 3;
      node.activation = Activation::Relu;
      break;
    default:
      break;
  }
  return node;
}

QString nameStem(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input: return QStringLiteral("input");
    case NodeKind::Conv2D: return QStringLiteral("conv");
    case NodeKind::DepthwiseConv2D: return QStringLiteral("dw");
    case NodeKind::FullyConnected: return QStringLiteral("fc");
    case NodeKind::AveragePool2D: return QStringLiteral("avgpool");
    case NodeKind::MaxPool2D: return QStringLiteral("maxpool");
    case NodeKind::Mean: return QStringLiteral("mean");
    case NodeKind::Add: return QStringLiteral("add");
    case NodeKind::Concatenation: return QStringLiteral("concat");
    case NodeKind::Pad: return QStringLiteral("pad");
    case NodeKind::Reshape: return QStringLiteral("reshape");
    case NodeKind::Softmax: return QStringLiteral("softmax");
    case NodeKind::Quantize: return QStringLiteral("quantize");
    case NodeKind::Dequantize: return QStringLiteral("dequantize");
    case NodeKind::DepthwiseSeparable: return QStringLiteral("ds");
    case NodeKind::InvertedBottleneck: return QStringLiteral("ib");
    case NodeKind::Residual: return QStringLiteral("res");
  }
  return QStringLiteral("node");
}

std::vector<NodeKind> paletteLayerKinds() {
  return {NodeKind::Input,   NodeKind::Conv2D,  NodeKind::DepthwiseConv2D, NodeKind::FullyConnected,
          NodeKind::AveragePool2D, NodeKind::MaxPool2D, NodeKind::Mean, NodeKind::Add,
          NodeKind::Concatenation, NodeKind::Pad, NodeKind::Reshape, NodeKind::Softmax};
}

std::vector<NodeKind> paletteBlockKinds() {
  return {NodeKind::DepthwiseSeparable, NodeKind::InvertedBottleneck, NodeKind::Residual};
}

QString displayName(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input: return QCoreApplication::translate("NodeKind", "Input");
    case NodeKind::Conv2D: return QCoreApplication::translate("NodeKind", "Convolution");
    case NodeKind::DepthwiseConv2D: return QCoreApplication::translate("NodeKind", "Depthwise convolution");
    case NodeKind::FullyConnected: return QCoreApplication::translate("NodeKind", "Fully connected");
    case NodeKind::AveragePool2D: return QCoreApplication::translate("NodeKind", "Average pooling");
    case NodeKind::MaxPool2D: return QCoreApplication::translate("NodeKind", "Max pooling");
    case NodeKind::Mean: return QCoreApplication::translate("NodeKind", "Global average pooling");
    case NodeKind::Add: return QCoreApplication::translate("NodeKind", "Add");
    case NodeKind::Concatenation: return QCoreApplication::translate("NodeKind", "Concatenation");
    case NodeKind::Pad: return QCoreApplication::translate("NodeKind", "Pad");
    case NodeKind::Reshape: return QCoreApplication::translate("NodeKind", "Reshape");
    case NodeKind::Softmax: return QCoreApplication::translate("NodeKind", "Softmax");
    case NodeKind::Quantize: return QCoreApplication::translate("NodeKind", "Quantize");
    case NodeKind::Dequantize: return QCoreApplication::translate("NodeKind", "Dequantize");
    case NodeKind::DepthwiseSeparable: return QCoreApplication::translate("NodeKind", "Depthwise separable");
    case NodeKind::InvertedBottleneck: return QCoreApplication::translate("NodeKind", "Inverted bottleneck");
    case NodeKind::Residual: return QCoreApplication::translate("NodeKind", "Residual");
  }
  return QString::fromUtf8(toString(kind));
}

int inputArity(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input: return 0;
    case NodeKind::Add:
    case NodeKind::Concatenation: return -1;
    default: return 1;
  }
}

}  // namespace tinyforge
