#include "core/tflite/tflite_operators.h"

#include <set>
#include <sstream>

namespace tinyforge {
namespace {

std::string shapeText(const std::vector<int32_t>& shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? "x" : "") << shape[i];
  out << ']';
  return out.str();
}

std::vector<int32_t> int32Values(const ConstTensor& tensor) {
  std::vector<int32_t> values;
  const size_t step = tensor.type == DataType::Int64 ? 8 : 4;
  for (size_t i = 0; i + step <= tensor.data.size(); i += step) {
    // Little-endian, as TFLite stores it; 64-bit values are small here (shapes, paddings).
    uint32_t low = 0;
    for (size_t b = 0; b < 4; ++b) low |= uint32_t{tensor.data[i + b]} << (8 * b);
    values.push_back(static_cast<int32_t>(low));
  }
  return values;
}

std::optional<Activation> activationOf(tflite::ActivationFunctionType f) {
  switch (f) {
    case tflite::ActivationFunctionType_NONE: return Activation::None;
    case tflite::ActivationFunctionType_RELU: return Activation::Relu;
    case tflite::ActivationFunctionType_RELU6: return Activation::Relu6;
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<NodeKind> nodeKindOfBuiltin(int32_t code) {
  switch (code) {
    case tflite::BuiltinOperator_CONV_2D: return NodeKind::Conv2D;
    case tflite::BuiltinOperator_DEPTHWISE_CONV_2D: return NodeKind::DepthwiseConv2D;
    case tflite::BuiltinOperator_FULLY_CONNECTED: return NodeKind::FullyConnected;
    case tflite::BuiltinOperator_AVERAGE_POOL_2D: return NodeKind::AveragePool2D;
    case tflite::BuiltinOperator_MAX_POOL_2D: return NodeKind::MaxPool2D;
    case tflite::BuiltinOperator_MEAN: return NodeKind::Mean;
    case tflite::BuiltinOperator_ADD: return NodeKind::Add;
    case tflite::BuiltinOperator_CONCATENATION: return NodeKind::Concatenation;
    case tflite::BuiltinOperator_PAD: return NodeKind::Pad;
    case tflite::BuiltinOperator_RESHAPE: return NodeKind::Reshape;
    case tflite::BuiltinOperator_SOFTMAX: return NodeKind::Softmax;
    case tflite::BuiltinOperator_QUANTIZE: return NodeKind::Quantize;
    case tflite::BuiltinOperator_DEQUANTIZE: return NodeKind::Dequantize;
    default: return std::nullopt;
  }
}

OperandLayout operandLayout(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
    case NodeKind::FullyConnected: return {1, {"filter", "bias"}};
    case NodeKind::Reshape: return {1, {"shape"}};
    case NodeKind::Pad: return {1, {"paddings"}};
    case NodeKind::Mean: return {1, {"axis"}};
    case NodeKind::Add: return {2, {}};
    case NodeKind::Concatenation: return {0, {}};
    default: return {1, {}};
  }
}

bool isOptionalOperand(NodeKind kind, const std::string& role) {
  return role == "bias" || (kind == NodeKind::Reshape && role == "shape");
}

void readOperatorOptions(const tflite::Operator& operator_, const std::vector<int32_t>& input_shape,
                         const std::vector<int32_t>& output_shape, Node& node) {
  const tflite::Operator* op = &operator_;
  auto bad = [](const std::string& message) { throw OperatorProblem(message); };
  auto setActivation = [&](tflite::ActivationFunctionType f) {
    const auto activation = activationOf(f);
    if (!activation) {
      const char* name = tflite::EnumNameActivationFunctionType(f);
      bad(std::string("fused activation ") + (name && *name ? name : std::to_string(static_cast<int>(f))) +
          " is not supported (only RELU and RELU6)");
    }
    node.activation = *activation;
  };
  auto setPadding = [&](tflite::Padding p) {
    if (p != tflite::Padding_SAME && p != tflite::Padding_VALID) bad("unknown padding " + std::to_string(int(p)));
    node.padding = p == tflite::Padding_SAME ? Padding::Same : Padding::Valid;
  };
  auto needOptions = [&](const void* options) {
    if (!options) bad("has no options (or options of another operator)");
  };
  auto filterOf = [&](size_t rank) -> const ConstTensor& {
    const ConstTensor& filter = node.constants.at(0);
    if (filter.shape.size() != rank)
      bad("filter " + (filter.name.empty() ? std::string() : "'" + filter.name + "' ") + "has shape " +
          shapeText(filter.shape) + ", expected rank " + std::to_string(rank));
    return filter;
  };
  auto requireFilter = [&]() {
    if (node.constants.empty() || node.constants[0].role != "filter") bad("has no filter operand");
  };
  switch (node.kind) {
    case NodeKind::Conv2D: {
      const auto* o = op->builtin_options_as_Conv2DOptions();
      needOptions(o);
      requireFilter();
      const auto& filter = filterOf(4);  // [out, kh, kw, in]
      node.out_channels = filter.shape[0];
      node.kernel_h = filter.shape[1];
      node.kernel_w = filter.shape[2];
      node.weight_type = filter.type;
      node.stride_h = o->stride_h();
      node.stride_w = o->stride_w();
      node.dilation_h = o->dilation_h_factor();
      node.dilation_w = o->dilation_w_factor();
      setPadding(o->padding());
      setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::DepthwiseConv2D: {
      const auto* o = op->builtin_options_as_DepthwiseConv2DOptions();
      needOptions(o);
      requireFilter();
      const auto& filter = filterOf(4);  // [1, kh, kw, in * multiplier]
      node.kernel_h = filter.shape[1];
      node.kernel_w = filter.shape[2];
      node.out_channels = filter.shape[3];
      node.weight_type = filter.type;
      node.depth_multiplier = o->depth_multiplier();
      // Some converters leave the multiplier at 0 or 1 whatever the filter says; TFLM
      // takes the output channels from the filter, so the filter decides.
      if (input_shape.size() == 4 && input_shape[3] > 0 && filter.shape[3] % input_shape[3] == 0)
        node.depth_multiplier = filter.shape[3] / input_shape[3];
      node.stride_h = o->stride_h();
      node.stride_w = o->stride_w();
      node.dilation_h = o->dilation_h_factor();
      node.dilation_w = o->dilation_w_factor();
      setPadding(o->padding());
      setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::FullyConnected: {
      const auto* o = op->builtin_options_as_FullyConnectedOptions();
      needOptions(o);
      requireFilter();
      const auto& filter = filterOf(2);  // [units, features]
      node.out_channels = filter.shape[0];
      node.weight_type = filter.type;
      if (o->weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT)
        bad("shuffled weights are not supported");
      // The IR's FullyConnected always outputs [rows, units]; keep_num_dims keeps more axes.
      if (o->keep_num_dims() && output_shape.size() != 2)
        bad("keep_num_dims with a " + std::to_string(output_shape.size()) + "-D output is not supported");
      setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: {
      const auto* o = op->builtin_options_as_Pool2DOptions();
      needOptions(o);
      node.kernel_h = o->filter_height();
      node.kernel_w = o->filter_width();
      node.stride_h = o->stride_h();
      node.stride_w = o->stride_w();
      setPadding(o->padding());
      setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::Mean: {
      const auto* o = op->builtin_options_as_ReducerOptions();
      needOptions(o);
      node.keep_dims = o->keep_dims();
      if (node.constants.empty() || node.constants[0].role != "axis") bad("has no axis operand");
      const ConstTensor& axis = node.constants[0];
      if (axis.type != DataType::Int32) bad("axis must be int32, got " + std::string(toString(axis.type)));
      std::set<int32_t> axes;
      for (int32_t a : int32Values(axis)) axes.insert(a < 0 ? a + 4 : a);
      if (input_shape.size() != 4 || axes != std::set<int32_t>{1, 2})
        bad("only the mean over height and width of a 4-D tensor (global average pooling) is supported");
      break;
    }
    case NodeKind::Add: {
      const auto* o = op->builtin_options_as_AddOptions();
      if (o) setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::Concatenation: {
      const auto* o = op->builtin_options_as_ConcatenationOptions();
      needOptions(o);
      node.axis = o->axis();
      setActivation(o->fused_activation_function());
      break;
    }
    case NodeKind::Pad: {
      if (node.constants.empty() || node.constants[0].role != "paddings") bad("has no paddings operand");
      const ConstTensor& paddings = node.constants[0];
      if (paddings.type != DataType::Int32 && paddings.type != DataType::Int64)
        bad("paddings must be int32 or int64, got " + std::string(toString(paddings.type)));
      const auto values = int32Values(paddings);  // [rank][before, after]
      if (values.size() != 2 * input_shape.size())
        bad("paddings " + shapeText(paddings.shape) + " do not match the input rank " +
            std::to_string(input_shape.size()));
      for (int32_t v : values)
        if (v < 0) bad("padding amounts must not be negative");
      // Node::pads holds spatial padding only; any other padding (MicroNet-VWW-2 pads
      // channels) is read from the paddings operand, which must then be int32.
      const bool spatial = input_shape.size() == 4 && !values[0] && !values[1] && !values[6] && !values[7];
      if (spatial)
        node.pads = {values[2], values[3], values[4], values[5]};
      else if (paddings.type != DataType::Int32)
        bad("int64 paddings are supported only for height and width");
      break;
    }
    case NodeKind::Reshape:
      // The resolved output shape; TFLite's new_shape and shape operand may hold -1.
      node.shape = output_shape;
      break;
    case NodeKind::Softmax: {
      const auto* o = op->builtin_options_as_SoftmaxOptions();
      needOptions(o);
      node.beta = o->beta();
      break;
    }
    case NodeKind::Quantize:
    case NodeKind::Dequantize: break;
    default: bad("cannot be imported");
  }
}

}  // namespace tinyforge
