#include "core/interpreter/prepare_operator.h"

#include <bit>
#include <memory>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/kernels/add.h"
#include "core/kernels/average_pool2d.h"
#include "core/kernels/concatenation.h"
#include "core/kernels/conv2d.h"
#include "core/kernels/depthwise_conv2d.h"
#include "core/kernels/dequantize.h"
#include "core/kernels/fully_connected.h"
#include "core/kernels/int4.h"
#include "core/kernels/max_pool2d.h"
#include "core/kernels/mean.h"
#include "core/kernels/pad.h"
#include "core/kernels/quantize.h"
#include "core/kernels/reshape.h"
#include "core/kernels/softmax.h"

namespace tinyforge {
namespace {

using namespace tinyforge::kernels;

static_assert(std::endian::native == std::endian::little, "constants are decoded as TFLite stores them");

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

// Per-tensor quantization of an int8 activation (TFLM's kernels read params.scale and
// params.zero_point; per-channel activations do not exist in int8 TFLite).
TensorQuantization int8Quant(const ActivationView& view, const char* what) {
  if (view.type != DataType::Int8)
    fail(std::string(what) + " is " + toString(view.type) + "; the interpreter runs int8 activations only");
  if (!view.quant || view.quant->empty())
    fail(std::string(what) + " has no quantization (scale and zero point): quantize the model first");
  if (view.quant->scale.size() != 1)
    fail(std::string(what) + " has " + std::to_string(view.quant->scale.size()) +
         " scales; activations must be quantized per tensor");
  const int64_t zp = view.quant->zero_point.empty() ? 0 : view.quant->zero_point[0];
  if (zp < -128 || zp > 127) fail(std::string(what) + " has zero point " + std::to_string(zp) + ", outside int8");
  return {view.quant->scale[0], static_cast<int32_t>(zp)};
}

Shape4 shape4(const std::vector<int32_t>& shape, const char* what) {
  if (shape.size() != 4) fail(std::string(what) + " has shape " + shapeText(shape) + ", expected 4-D (NHWC)");
  return {shape[0], shape[1], shape[2], shape[3]};
}

std::vector<int> dims(const std::vector<int32_t>& shape) { return {shape.begin(), shape.end()}; }

FusedActivation fused(Activation activation) {
  switch (activation) {
    case Activation::Relu: return FusedActivation::Relu;
    case Activation::Relu6: return FusedActivation::Relu6;
    default: return FusedActivation::None;
  }
}

PaddingType paddingType(Padding padding) { return padding == Padding::Same ? PaddingType::Same : PaddingType::Valid; }

const ConstTensor* findConstant(const Node& node, const char* role) {
  for (const ConstTensor& constant : node.constants)
    if (constant.role == role) return &constant;
  return nullptr;
}

// The weights of a conv / depthwise / FC layer as int8 (int4 unpacked as TFLM does into
// its scratch buffer), with their per-channel scales.
struct Filter {
  std::vector<int32_t> shape;
  std::vector<int8_t> values;
  std::vector<float> scales;
  int32_t zero_point = 0;
};

Filter readFilter(const Node& node, size_t rank) {
  const ConstTensor* filter = findConstant(node, "filter");
  if (!filter || filter->data.empty())
    fail("has no weights (a graph drawn by hand or not yet trained and quantized); "
         "the interpreter runs quantized models such as an imported or exported .tflite");
  if (filter->shape.size() != rank)
    fail("filter has shape " + shapeText(filter->shape) + ", expected rank " + std::to_string(rank));
  if (filter->quant.empty()) fail("filter has no quantization scales");
  const int64_t elements = elementsOf(filter->shape);
  Filter out;
  out.shape = filter->shape;
  out.scales = filter->quant.scale;
  out.zero_point = filter->quant.zero_point.empty() ? 0 : static_cast<int32_t>(filter->quant.zero_point[0]);
  if (filter->type == DataType::Int8) {
    if (static_cast<int64_t>(filter->data.size()) != elements)
      fail("filter holds " + std::to_string(filter->data.size()) + " bytes, its shape " + shapeText(filter->shape) +
           " needs " + std::to_string(elements));
    out.values.resize(filter->data.size());
    std::memcpy(out.values.data(), filter->data.data(), filter->data.size());
  } else if (filter->type == DataType::Int4) {
    out.values = unpackInt4(filter->data, elements);
  } else {
    fail(std::string("filter is ") + toString(filter->type) + "; only int8 and int4 filters are supported");
  }
  return out;
}

std::vector<int32_t> readBias(const Node& node, int64_t channels) {
  const ConstTensor* bias = findConstant(node, "bias");
  if (!bias) return {};
  if (bias->type != DataType::Int32)
    fail(std::string("bias is ") + toString(bias->type) + "; int8 layers take int32 biases");
  if (static_cast<int64_t>(bias->data.size()) != 4 * channels)
    fail("bias holds " + std::to_string(bias->data.size()) + " bytes, " + std::to_string(channels) +
         " channels need " + std::to_string(4 * channels));
  std::vector<int32_t> values(static_cast<size_t>(channels));
  std::memcpy(values.data(), bias->data.data(), bias->data.size());
  return values;
}

// Little-endian int32 or int64 values of a small constant (shape, paddings, axis).
std::vector<int64_t> readIntegers(const ConstTensor& constant) {
  const size_t step = constant.type == DataType::Int64 ? 8 : constant.type == DataType::Int32 ? 4 : 0;
  if (step == 0) fail("'" + constant.role + "' operand is " + toString(constant.type) + ", expected int32 or int64");
  if (constant.data.size() % step != 0) fail("'" + constant.role + "' operand has a truncated value");
  std::vector<int64_t> values;
  for (size_t i = 0; i < constant.data.size(); i += step) {
    if (step == 4) {
      int32_t v;
      std::memcpy(&v, constant.data.data() + i, 4);
      values.push_back(v);
    } else {
      int64_t v;
      std::memcpy(&v, constant.data.data() + i, 8);
      values.push_back(v);
    }
  }
  return values;
}

template <typename T>
std::span<T> at(uint8_t* arena, const ActivationView& view) {
  return {reinterpret_cast<T*>(arena + view.offset_bytes), static_cast<size_t>(view.bytes / sizeof(T))};
}

void requireInputs(std::span<const ActivationView> inputs, size_t count) {
  if (inputs.size() != count)
    fail("has " + std::to_string(inputs.size()) + " activation inputs, expected " + std::to_string(count));
}

void requireShape(const std::vector<int32_t>& prepared, const std::vector<int32_t>& model) {
  if (prepared != model)
    fail("the kernel's output shape " + shapeText(prepared) + " differs from the model's " + shapeText(model));
}

StepFunction prepareConv(const Node& node, const ActivationView& in, const ActivationView& out, bool depthwise,
                         bool reference) {
  const TensorQuantization in_q = int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  const Shape4 in_shape = shape4(in.shape, "input");
  Filter filter = readFilter(node, 4);
  const Shape4 f_shape{filter.shape[0], filter.shape[1], filter.shape[2], filter.shape[3]};
  const ConvAttributes attributes{node.stride_h,      node.stride_w,        node.dilation_h,
                                  node.dilation_w,    paddingType(node.padding), fused(node.activation)};
  PreparedConv prepared = depthwise
                              ? prepareDepthwiseConv2D(attributes, in_shape, f_shape, in_q, filter.scales, out_q)
                              : prepareConv2D(attributes, in_shape, f_shape, in_q, filter.scales, out_q);
  const Shape4 out_shape = prepared.output_shape;
  requireShape({out_shape.n, out_shape.h, out_shape.w, out_shape.c}, out.shape);
  std::vector<int32_t> bias = readBias(node, depthwise ? f_shape.c : f_shape.n);
  if (depthwise) {
    if (f_shape.c % in_shape.c != 0)
      fail("filter channels " + std::to_string(f_shape.c) + " are not a multiple of the input's " +
           std::to_string(in_shape.c));
    const int multiplier = f_shape.c / in_shape.c;
    if (!reference) {
      // The C library's path for this host (x86 SIMD on x86-64), with its own scratch.
      auto kernel = std::make_shared<DepthwiseConv2DKernel>(prepared.params, multiplier, prepared.channel_multipliers,
                                                            in_shape, f_shape, std::move(filter.values),
                                                            std::move(bias), out_shape);
      return [=](uint8_t* arena) { kernel->run(at<const int8_t>(arena, in), at<int8_t>(arena, out)); };
    }
    return [=, p = std::move(prepared), w = std::move(filter.values), b = std::move(bias)](uint8_t* arena) {
      depthwiseConv2dPerChannel(p.params, multiplier, p.channel_multipliers, in_shape, at<const int8_t>(arena, in),
                                f_shape, w, b, out_shape, at<int8_t>(arena, out));
    };
  }
  if (!reference) {
    auto kernel = std::make_shared<Conv2DKernel>(prepared.params, prepared.channel_multipliers, in_shape, f_shape,
                                                 std::move(filter.values), std::move(bias), out_shape);
    return [=](uint8_t* arena) { kernel->run(at<const int8_t>(arena, in), at<int8_t>(arena, out)); };
  }
  return [=, p = std::move(prepared), w = std::move(filter.values), b = std::move(bias)](uint8_t* arena) {
    conv2dPerChannel(p.params, p.channel_multipliers, in_shape, at<const int8_t>(arena, in), f_shape, w, b,
                     out_shape, at<int8_t>(arena, out));
  };
}

StepFunction prepareFc(const Node& node, const ActivationView& in, const ActivationView& out) {
  const TensorQuantization in_q = int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  Filter filter = readFilter(node, 2);
  const int units = filter.shape[0];
  const int depth = filter.shape[1];
  const int64_t out_elements = elementsOf(out.shape);
  if (units <= 0 || depth <= 0 || out_elements % units != 0)
    fail("output " + shapeText(out.shape) + " is not a whole number of rows of " + std::to_string(units) + " units");
  const int64_t batches = out_elements / units;
  if (elementsOf(in.shape) != batches * depth)
    fail("input " + shapeText(in.shape) + " does not flatten to " + std::to_string(batches) + " rows of " +
         std::to_string(depth) + " features (the filter's)");
  PreparedFullyConnected prepared =
      prepareFullyConnected(fused(node.activation), in_q, filter.scales, filter.zero_point, out_q, units);
  std::vector<int32_t> bias = readBias(node, units);
  return [=, p = std::move(prepared), w = std::move(filter.values), b = std::move(bias)](uint8_t* arena) {
    fullyConnected(p, depth, units, at<const int8_t>(arena, in), w, b, at<int8_t>(arena, out));
  };
}

StepFunction preparePool(const Node& node, const ActivationView& in, const ActivationView& out, bool average) {
  const TensorQuantization in_q = int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  const Shape4 in_shape = shape4(in.shape, "input");
  const PoolAttributes attributes{node.stride_h, node.stride_w, node.kernel_h, node.kernel_w,
                                  paddingType(node.padding), fused(node.activation)};
  const PreparedPool prepared = preparePool2D(attributes, in_shape, in_q, out_q);
  const Shape4 out_shape = prepared.output_shape;
  requireShape({out_shape.n, out_shape.h, out_shape.w, out_shape.c}, out.shape);
  const PoolParams params = prepared.params;
  if (average)
    return [=](uint8_t* arena) {
      averagePool2d(params, in_shape, at<const int8_t>(arena, in), out_shape, at<int8_t>(arena, out));
    };
  return [=](uint8_t* arena) {
    maxPool2d(params, in_shape, at<const int8_t>(arena, in), out_shape, at<int8_t>(arena, out));
  };
}

StepFunction prepareMeanOp(const Node& node, const ActivationView& in, const ActivationView& out) {
  const MeanParams params = prepareMean(int8Quant(in, "input"), int8Quant(out, "output"));
  const ConstTensor* axis = findConstant(node, "axis");
  std::vector<int> axes;
  if (axis && !axis->data.empty()) {
    for (int64_t a : readIntegers(*axis)) axes.push_back(static_cast<int>(a));
  } else if (in.shape.size() == 4) {
    axes = {1, 2};  // the IR's Mean is the global average over height and width
  } else {
    fail("has no axis operand");
  }
  const std::vector<int> in_dims = dims(in.shape);
  return [=](uint8_t* arena) {
    meanInt8(params, in_dims, at<const int8_t>(arena, in), axes, at<int8_t>(arena, out));
  };
}

StepFunction prepareAddOp(const Node& node, const ActivationView& a, const ActivationView& b,
                          const ActivationView& out) {
  const AddParams params =
      prepareAdd(int8Quant(a, "input 1"), int8Quant(b, "input 2"), int8Quant(out, "output"), fused(node.activation));
  if (a.shape == b.shape && a.shape == out.shape)
    return [=](uint8_t* arena) {
      addElementwise(params, at<const int8_t>(arena, a), at<const int8_t>(arena, b), at<int8_t>(arena, out));
    };
  const std::vector<int> a_dims = dims(a.shape), b_dims = dims(b.shape), out_dims = dims(out.shape);
  return [=](uint8_t* arena) {
    addBroadcast(params, a_dims, at<const int8_t>(arena, a), b_dims, at<const int8_t>(arena, b), out_dims,
                 at<int8_t>(arena, out));
  };
}

StepFunction prepareConcat(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  if (node.activation != Activation::None) fail("a fused activation on CONCATENATION is not supported by TFLM");
  std::vector<TensorQuantization> quants;
  std::vector<std::vector<int>> in_dims;
  for (size_t i = 0; i < inputs.size(); ++i) {
    quants.push_back(int8Quant(inputs[i], ("input " + std::to_string(i + 1)).c_str()));
    in_dims.push_back(dims(inputs[i].shape));
  }
  checkConcatenationQuantization(quants, int8Quant(out, "output"));
  const std::vector<ActivationView> views(inputs.begin(), inputs.end());
  const std::vector<int> out_dims = dims(out.shape);
  const int axis = node.axis;
  return [=](uint8_t* arena) {
    std::vector<std::span<const int8_t>> data;
    data.reserve(views.size());
    for (const auto& view : views) data.push_back(at<const int8_t>(arena, view));
    concatenation(axis, in_dims, data, out_dims, at<int8_t>(arena, out));
  };
}

StepFunction preparePadOp(const Node& node, const ActivationView& in, const ActivationView& out) {
  int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  std::vector<std::pair<int, int>> paddings;
  const ConstTensor* operand = findConstant(node, "paddings");
  if (operand && !operand->data.empty()) {
    const auto values = readIntegers(*operand);
    if (values.size() != 2 * in.shape.size())
      fail("paddings hold " + std::to_string(values.size()) + " values, the input " + shapeText(in.shape) +
           " needs " + std::to_string(2 * in.shape.size()));
    for (size_t d = 0; d < in.shape.size(); ++d)
      paddings.emplace_back(static_cast<int>(values[2 * d]), static_cast<int>(values[2 * d + 1]));
  } else if (node.pads.size() == 4 && in.shape.size() == 4) {
    paddings = {{0, 0}, {node.pads[0], node.pads[1]}, {node.pads[2], node.pads[3]}, {0, 0}};
  } else {
    fail("has no paddings");
  }
  // TFLM pads an int8 PAD with the output's zero point: real 0.0.
  const auto pad_value = static_cast<int8_t>(out_q.zero_point);
  const std::vector<int> in_dims = dims(in.shape);
  return [=](uint8_t* arena) {
    padInt8(in_dims, at<const int8_t>(arena, in), paddings, pad_value, at<int8_t>(arena, out));
  };
}

StepFunction prepareSoftmaxOp(const Node& node, const ActivationView& in, const ActivationView& out) {
  const SoftmaxParams params = prepareSoftmax(node.beta, int8Quant(in, "input"), int8Quant(out, "output"));
  if (in.shape.empty() || in.shape != out.shape) fail("input and output shapes differ");
  const int depth = in.shape.back();
  return [=](uint8_t* arena) { softmaxInt8(params, depth, at<const int8_t>(arena, in), at<int8_t>(arena, out)); };
}

StepFunction prepareReshape(const ActivationView& in, const ActivationView& out) {
  if (in.type != out.type) fail("input and output types differ");
  if (in.bytes != out.bytes)
    fail("input " + shapeText(in.shape) + " and output " + shapeText(out.shape) + " differ in size");
  if (in.type == DataType::Int8)
    return [=](uint8_t* arena) { reshapeInt8(at<const int8_t>(arena, in), at<int8_t>(arena, out)); };
  return [=](uint8_t* arena) {
    std::memmove(arena + out.offset_bytes, arena + in.offset_bytes, static_cast<size_t>(in.bytes));
  };
}

StepFunction prepareQuantize(const ActivationView& in, const ActivationView& out) {
  const TensorQuantization out_q = int8Quant(out, "output");
  if (in.shape != out.shape) fail("input and output shapes differ");
  if (in.type == DataType::Float32)
    return [=](uint8_t* arena) { quantizeFloatToInt8(out_q, at<const float>(arena, in), at<int8_t>(arena, out)); };
  const RequantizeParams params = prepareRequantize(int8Quant(in, "input"), out_q);
  return [=](uint8_t* arena) { requantizeInt8(params, at<const int8_t>(arena, in), at<int8_t>(arena, out)); };
}

StepFunction prepareDequantize(const ActivationView& in, const ActivationView& out) {
  const TensorQuantization in_q = int8Quant(in, "input");
  if (out.type != DataType::Float32)
    fail(std::string("output is ") + toString(out.type) + "; only int8 -> float32 is supported");
  if (in.shape != out.shape) fail("input and output shapes differ");
  return [=](uint8_t* arena) { dequantizeInt8(in_q, at<const int8_t>(arena, in), at<float>(arena, out)); };
}

}  // namespace

StepFunction prepareOperator(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output,
                             bool reference_kernels) {
  switch (node.kind) {
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
      requireInputs(inputs, 1);
      return prepareConv(node, inputs[0], output, node.kind == NodeKind::DepthwiseConv2D, reference_kernels);
    case NodeKind::FullyConnected: requireInputs(inputs, 1); return prepareFc(node, inputs[0], output);
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
      requireInputs(inputs, 1);
      return preparePool(node, inputs[0], output, node.kind == NodeKind::AveragePool2D);
    case NodeKind::Mean: requireInputs(inputs, 1); return prepareMeanOp(node, inputs[0], output);
    case NodeKind::Add: requireInputs(inputs, 2); return prepareAddOp(node, inputs[0], inputs[1], output);
    case NodeKind::Concatenation:
      if (inputs.empty()) fail("has no inputs");
      return prepareConcat(node, inputs, output);
    case NodeKind::Pad: requireInputs(inputs, 1); return preparePadOp(node, inputs[0], output);
    case NodeKind::Reshape: requireInputs(inputs, 1); return prepareReshape(inputs[0], output);
    case NodeKind::Softmax: requireInputs(inputs, 1); return prepareSoftmaxOp(node, inputs[0], output);
    case NodeKind::Quantize: requireInputs(inputs, 1); return prepareQuantize(inputs[0], output);
    case NodeKind::Dequantize: requireInputs(inputs, 1); return prepareDequantize(inputs[0], output);
    default: fail(std::string("operator ") + toString(node.kind) + " cannot be interpreted");
  }
}

}  // namespace tinyforge
