#include "core/runtime/tinyforge_c_geometry.h"

#include <stdexcept>
#include <string>

#include "core/kernels/kernel_error.h"
#include "core/kernels/padding.h"

namespace tinyforge {
namespace {

[[noreturn]] void fail(const Node& node, const std::string& message) {
  throw std::invalid_argument("layer '" + node.name + "': " + message);
}

const TensorInfo& operand(const Node& node, const TensorModel& model, const std::vector<int>& list, size_t i,
                          const char* what) {
  if (i >= list.size() || list[i] < 0 || static_cast<size_t>(list[i]) >= model.tensors.size())
    fail(node, std::string("has no ") + what + " tensor");
  return model.tensors[static_cast<size_t>(list[i])];
}

kernels::PaddingType paddingType(Padding padding) {
  return padding == Padding::Same ? kernels::PaddingType::Same : kernels::PaddingType::Valid;
}

// Stride, dilation and top/left padding as TFLM's Prepare computes them.
tfc_conv_params windowParams(const Node& node, const tfc_shape4& input, int filter_h, int filter_w) {
  tfc_conv_params p{};
  p.stride_h = node.stride_h;
  p.stride_w = node.stride_w;
  p.dilation_h = node.dilation_h;
  p.dilation_w = node.dilation_w;
  try {
    const kernels::WindowPadding padding =
        kernels::computeWindowPadding(paddingType(node.padding), input.h, input.w, filter_h, filter_w, node.stride_h,
                                      node.stride_w, node.dilation_h, node.dilation_w);
    p.pad_h = padding.height;
    p.pad_w = padding.width;
  } catch (const kernels::KernelError& error) {
    fail(node, error.what());
  }
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

}  // namespace

tfc_shape4 tfcShape4(const std::vector<int32_t>& shape) {
  if (shape.size() > 4) throw std::invalid_argument("a " + std::to_string(shape.size()) + "-D tensor where 4-D is expected");
  int32_t d[4] = {1, 1, 1, 1};
  for (size_t i = 0; i < shape.size(); ++i) d[4 - shape.size() + i] = shape[i];
  return {d[0], d[1], d[2], d[3]};
}

tfc_conv2d_op conv2dGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op) {
  tfc_conv2d_op g{};
  g.input_shape = tfcShape4(operand(node, model, op.inputs, 0, "input").shape);
  g.filter_shape = tfcShape4(operand(node, model, op.inputs, 1, "filter").shape);
  g.output_shape = tfcShape4(operand(node, model, op.outputs, 0, "output").shape);
  g.params = windowParams(node, g.input_shape, g.filter_shape.h, g.filter_shape.w);
  if (g.filter_shape.c <= 0 || g.input_shape.c % g.filter_shape.c != 0)
    fail(node, "input channels " + std::to_string(g.input_shape.c) + " are not a multiple of the filter's " +
                   std::to_string(g.filter_shape.c));
  return g;
}

tfc_depthwise_conv2d_op depthwiseConv2dGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op) {
  tfc_depthwise_conv2d_op g{};
  g.input_shape = tfcShape4(operand(node, model, op.inputs, 0, "input").shape);
  g.filter_shape = tfcShape4(operand(node, model, op.inputs, 1, "filter").shape);
  g.output_shape = tfcShape4(operand(node, model, op.outputs, 0, "output").shape);
  g.params = windowParams(node, g.input_shape, g.filter_shape.h, g.filter_shape.w);
  g.depth_multiplier = g.input_shape.c > 0 ? g.output_shape.c / g.input_shape.c : 0;
  if (g.depth_multiplier <= 0 || g.depth_multiplier * g.input_shape.c != g.output_shape.c)
    fail(node, "output channels " + std::to_string(g.output_shape.c) + " are not a multiple of the input's " +
                   std::to_string(g.input_shape.c));
  return g;
}

tfc_fully_connected_op fullyConnectedGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op) {
  tfc_fully_connected_op g{};
  const TensorInfo& filter = operand(node, model, op.inputs, 1, "filter");
  const TensorInfo& output = operand(node, model, op.outputs, 0, "output");
  if (filter.shape.size() != 2) fail(node, "the fully connected filter must be 2-D [units, depth]");
  g.units = filter.shape[0];
  g.accum_depth = filter.shape[1];
  int64_t out_elements = 1;
  for (int32_t d : output.shape) out_elements *= d;
  if (g.units <= 0 || g.accum_depth <= 0 || out_elements % g.units != 0)
    fail(node, "output of " + std::to_string(out_elements) + " values is not a multiple of " +
                   std::to_string(g.units) + " units");
  g.batches = static_cast<int32_t>(out_elements / g.units);
  g.act_min = -128;
  g.act_max = 127;
  return g;
}

}  // namespace tinyforge
