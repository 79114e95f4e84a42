#include "core/graph/block_templates.h"

#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

Node part(const Node& block, const char* suffix, NodeKind kind, std::vector<std::string> inputs) {
  Node layer;
  layer.name = block.name + "/" + suffix;
  layer.block = block.name;
  layer.kind = kind;
  layer.inputs = std::move(inputs);
  layer.padding = block.padding;
  layer.activation_type = block.activation_type;
  layer.weight_type = block.weight_type;
  return layer;
}

Node depthwise(const Node& block, const std::string& input) {
  Node dw = part(block, "dw", NodeKind::DepthwiseConv2D, {input});
  dw.kernel_h = block.kernel_h;
  dw.kernel_w = block.kernel_w;
  dw.stride_h = block.stride_h;
  dw.stride_w = block.stride_w;
  dw.dilation_h = block.dilation_h;
  dw.dilation_w = block.dilation_w;
  dw.activation = block.activation;
  return dw;
}

Node conv(const Node& block, const char* suffix, const std::string& input, int32_t channels, int32_t kernel_h,
          int32_t kernel_w, int32_t stride_h, int32_t stride_w, Activation activation) {
  Node layer = part(block, suffix, NodeKind::Conv2D, {input});
  layer.out_channels = channels;
  layer.kernel_h = kernel_h;
  layer.kernel_w = kernel_w;
  layer.stride_h = stride_h;
  layer.stride_w = stride_w;
  layer.activation = activation;
  return layer;
}

}  // namespace

std::vector<Node> expandBlock(const Node& block, int32_t in_channels) {
  if (block.out_channels <= 0)
    throw GraphError(block.name, "out_channels must be positive, got " + std::to_string(block.out_channels));
  const std::string& input = block.inputs.at(0);
  const bool keeps_shape = block.stride_h == 1 && block.stride_w == 1 && in_channels == block.out_channels;
  std::vector<Node> layers;
  switch (block.kind) {
    case NodeKind::DepthwiseSeparable: {
      layers.push_back(depthwise(block, input));
      layers.push_back(conv(block, "pw", layers.back().name, block.out_channels, 1, 1, 1, 1, block.activation));
      break;
    }
    case NodeKind::InvertedBottleneck: {
      if (block.expansion <= 0)
        throw GraphError(block.name, "expansion must be positive, got " + std::to_string(block.expansion));
      std::string dw_input = input;
      if (block.expansion != 1) {
        layers.push_back(conv(block, "expand", input, in_channels * block.expansion, 1, 1, 1, 1, block.activation));
        dw_input = layers.back().name;
      }
      layers.push_back(depthwise(block, dw_input));
      layers.push_back(
          conv(block, "project", layers.back().name, block.out_channels, 1, 1, 1, 1, Activation::None));
      if (keeps_shape) layers.push_back(part(block, "add", NodeKind::Add, {input, layers.back().name}));
      break;
    }
    case NodeKind::Residual: {
      layers.push_back(conv(block, "conv1", input, block.out_channels, block.kernel_h, block.kernel_w,
                            block.stride_h, block.stride_w, block.activation));
      layers.push_back(conv(block, "conv2", layers.back().name, block.out_channels, block.kernel_h,
                            block.kernel_w, 1, 1, Activation::None));
      const std::string main_path = layers.back().name;
      std::string shortcut = input;
      if (!keeps_shape) {
        layers.push_back(conv(block, "shortcut", input, block.out_channels, 1, 1, block.stride_h, block.stride_w,
                              Activation::None));
        shortcut = layers.back().name;
      }
      Node add = part(block, "add", NodeKind::Add, {shortcut, main_path});
      add.activation = block.activation;
      layers.push_back(std::move(add));
      break;
    }
    default:
      throw GraphError(block.name, std::string(toString(block.kind)) + " is not a block template");
  }
  return layers;
}

}  // namespace tinyforge
