#include "core/interpreter/kernel_call.h"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/kernels/add.h"
#include "core/kernels/average_pool2d.h"
#include "core/kernels/concatenation.h"
#include "core/kernels/depthwise_conv2d.h"
#include "core/kernels/fully_connected.h"
#include "core/kernels/int4.h"
#include "core/kernels/max_pool2d.h"
#include "core/kernels/mean.h"
#include "core/kernels/pad.h"
#include "core/kernels/quantize.h"
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

int32_t count32(int64_t count, const char* what) {
  if (count < 0 || count > INT32_MAX) fail(std::string(what) + " has " + std::to_string(count) + " elements, above int32");
  return static_cast<int32_t>(count);
}

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
  std::vector<uint8_t> packed_int4;
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
    out.packed_int4 = filter->data;
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

void requireInputs(std::span<const ActivationView> inputs, size_t count) {
  if (inputs.size() != count)
    fail("has " + std::to_string(inputs.size()) + " activation inputs, expected " + std::to_string(count));
}

void requireShape(const std::vector<int32_t>& prepared, const std::vector<int32_t>& model) {
  if (prepared != model)
    fail("the kernel's output shape " + shapeText(prepared) + " differs from the model's " + shapeText(model));
}

KernelCall callOf(KernelKind kind, std::span<const ActivationView> inputs, const ActivationView& output) {
  KernelCall call;
  call.kind = kind;
  call.inputs.assign(inputs.begin(), inputs.end());
  call.output = output;
  return call;
}

KernelCall prepareConv(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out,
                       bool depthwise) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  const TensorQuantization in_q = int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  const Shape4 in_shape = shape4(in.shape, "input");
  Filter filter = readFilter(node, 4);
  const Shape4 f_shape{filter.shape[0], filter.shape[1], filter.shape[2], filter.shape[3]};
  const ConvAttributes attributes{node.stride_h,      node.stride_w,        node.dilation_h,
                                  node.dilation_w,    paddingType(node.padding), fused(node.activation)};
  KernelCall call = callOf(depthwise ? KernelKind::DepthwiseConv2D : KernelKind::Conv2D, inputs, out);
  call.conv = depthwise ? prepareDepthwiseConv2D(attributes, in_shape, f_shape, in_q, filter.scales, out_q)
                        : prepareConv2D(attributes, in_shape, f_shape, in_q, filter.scales, out_q);
  const Shape4 out_shape = call.conv.output_shape;
  requireShape({out_shape.n, out_shape.h, out_shape.w, out_shape.c}, out.shape);
  call.bias = readBias(node, depthwise ? f_shape.c : f_shape.n);
  call.requant = call.conv.channel_multipliers;
  if (depthwise) {
    if (f_shape.c % in_shape.c != 0)
      fail("filter channels " + std::to_string(f_shape.c) + " are not a multiple of the input's " +
           std::to_string(in_shape.c));
    tfc_depthwise_conv2d_op op = describeDepthwiseConv2d(call.conv.params, f_shape.c / in_shape.c, call.requant,
                                                          in_shape, f_shape, out_shape);
    op.requant = nullptr;
    call.descriptor = op;
  } else {
    tfc_conv2d_op op = describeConv2d(call.conv.params, call.requant, in_shape, f_shape, out_shape);
    op.requant = nullptr;
    call.descriptor = op;
  }
  call.filter = std::move(filter.values);
  call.packed_int4_filter = std::move(filter.packed_int4);
  return call;
}

KernelCall prepareFc(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
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
  const PreparedFullyConnected prepared =
      prepareFullyConnected(fused(node.activation), in_q, filter.scales, filter.zero_point, out_q, units);
  KernelCall call = callOf(KernelKind::FullyConnected, inputs, out);
  tfc_fully_connected_op op = describeFullyConnected(prepared, count32(batches, "input"), depth, units);
  op.requant = nullptr;
  call.descriptor = op;
  call.requant = prepared.multipliers;
  call.bias = readBias(node, units);
  call.filter = std::move(filter.values);
  call.packed_int4_filter = std::move(filter.packed_int4);
  return call;
}

KernelCall preparePool(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out,
                       bool average) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  const TensorQuantization in_q = int8Quant(in, "input");
  const TensorQuantization out_q = int8Quant(out, "output");
  const Shape4 in_shape = shape4(in.shape, "input");
  const PoolAttributes attributes{node.stride_h, node.stride_w, node.kernel_h, node.kernel_w,
                                  paddingType(node.padding), fused(node.activation)};
  const PreparedPool prepared = preparePool2D(attributes, in_shape, in_q, out_q);
  const Shape4 out_shape = prepared.output_shape;
  requireShape({out_shape.n, out_shape.h, out_shape.w, out_shape.c}, out.shape);
  KernelCall call = callOf(average ? KernelKind::AveragePool2D : KernelKind::MaxPool2D, inputs, out);
  call.descriptor = average ? describeAveragePool2d(prepared.params, in_shape, out_shape)
                            : describeMaxPool2d(prepared.params, in_shape, out_shape);
  return call;
}

KernelCall prepareMeanOp(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
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
  KernelCall call = callOf(KernelKind::Mean, inputs, out);
  call.descriptor = describeMean(params, dims(in.shape), axes);
  return call;
}

KernelCall prepareAddOp(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 2);
  const ActivationView& a = inputs[0];
  const ActivationView& b = inputs[1];
  const AddParams params =
      prepareAdd(int8Quant(a, "input 1"), int8Quant(b, "input 2"), int8Quant(out, "output"), fused(node.activation));
  KernelCall call = callOf(KernelKind::Add, inputs, out);
  call.descriptor = describeAdd(params, dims(a.shape), dims(b.shape), dims(out.shape));
  return call;
}

KernelCall prepareConcat(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  if (inputs.empty()) fail("has no inputs");
  if (node.activation != Activation::None) fail("a fused activation on CONCATENATION is not supported by TFLM");
  std::vector<TensorQuantization> quants;
  std::vector<std::vector<int>> in_dims;
  for (size_t i = 0; i < inputs.size(); ++i) {
    quants.push_back(int8Quant(inputs[i], ("input " + std::to_string(i + 1)).c_str()));
    in_dims.push_back(dims(inputs[i].shape));
  }
  checkConcatenationQuantization(quants, int8Quant(out, "output"));
  ConcatenationDescription description = describeConcatenation(node.axis, in_dims, dims(out.shape));
  KernelCall call = callOf(KernelKind::Concatenation, inputs, out);
  call.descriptor = description.op;
  call.input_axis_dims = std::move(description.input_axis_dims);
  return call;
}

KernelCall preparePadOp(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
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
  KernelCall call = callOf(KernelKind::Pad, inputs, out);
  call.descriptor = describePad(dims(in.shape), paddings, static_cast<int8_t>(out_q.zero_point));
  int64_t out_elements = 1;
  for (size_t d = 0; d < in.shape.size(); ++d) out_elements *= in.shape[d] + paddings[d].first + paddings[d].second;
  if (out_elements != elementsOf(out.shape))
    fail("input " + shapeText(in.shape) + " padded does not give the output " + shapeText(out.shape));
  return call;
}

KernelCall prepareSoftmaxOp(const Node& node, std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  const SoftmaxParams params = prepareSoftmax(node.beta, int8Quant(in, "input"), int8Quant(out, "output"));
  if (in.shape.empty() || in.shape != out.shape) fail("input and output shapes differ");
  const int depth = in.shape.back();
  if (depth <= 0) fail("the last dimension is empty");
  KernelCall call = callOf(KernelKind::Softmax, inputs, out);
  tfc_softmax_op op{};
  op.rows = count32(elementsOf(in.shape) / depth, "input");
  op.depth = depth;
  op.input_multiplier = params.input_multiplier;
  op.input_left_shift = params.input_left_shift;
  op.diff_min = params.diff_min;
  call.descriptor = op;
  return call;
}

KernelCall prepareReshape(std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  if (in.type != out.type) fail("input and output types differ");
  if (in.bytes != out.bytes)
    fail("input " + shapeText(in.shape) + " and output " + shapeText(out.shape) + " differ in size");
  KernelCall call = callOf(KernelKind::Reshape, inputs, out);
  tfc_reshape_op op{};
  op.bytes = count32(in.bytes, "input");
  call.descriptor = op;
  return call;
}

KernelCall prepareQuantize(std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  const TensorQuantization out_q = int8Quant(out, "output");
  if (in.shape != out.shape) fail("input and output shapes differ");
  const int32_t size = count32(elementsOf(out.shape), "output");
  if (in.type == DataType::Float32) {
    if (!(out_q.scale > 0.0f)) fail("output scale is not positive");
    KernelCall call = callOf(KernelKind::Quantize, inputs, out);
    tfc_quantize_op op{};
    op.size = size;
    op.scale = out_q.scale;
    op.zero_point = out_q.zero_point;
    call.descriptor = op;
    return call;
  }
  const RequantizeParams params = prepareRequantize(int8Quant(in, "input"), out_q);
  KernelCall call = callOf(KernelKind::Requantize, inputs, out);
  tfc_requantize_op op{};
  op.size = size;
  op.requant = {params.multiplier.multiplier, params.multiplier.shift};
  op.input_zero_point = params.input_zero_point;
  op.output_zero_point = params.output_zero_point;
  call.descriptor = op;
  return call;
}

KernelCall prepareDequantize(std::span<const ActivationView> inputs, const ActivationView& out) {
  requireInputs(inputs, 1);
  const ActivationView& in = inputs[0];
  const TensorQuantization in_q = int8Quant(in, "input");
  if (out.type != DataType::Float32)
    fail(std::string("output is ") + toString(out.type) + "; only int8 -> float32 is supported");
  if (in.shape != out.shape) fail("input and output shapes differ");
  KernelCall call = callOf(KernelKind::Dequantize, inputs, out);
  tfc_dequantize_op op{};
  op.size = count32(elementsOf(out.shape), "output");
  op.scale = in_q.scale;
  op.zero_point = in_q.zero_point;
  call.descriptor = op;
  return call;
}

template <typename T>
T* at(uint8_t* arena, const ActivationView& view) {
  return reinterpret_cast<T*>(arena + view.offset_bytes);
}

}  // namespace

KernelCall prepareKernelCall(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output) {
  switch (node.kind) {
    case NodeKind::Conv2D: return prepareConv(node, inputs, output, false);
    case NodeKind::DepthwiseConv2D: return prepareConv(node, inputs, output, true);
    case NodeKind::FullyConnected: return prepareFc(node, inputs, output);
    case NodeKind::AveragePool2D: return preparePool(node, inputs, output, true);
    case NodeKind::MaxPool2D: return preparePool(node, inputs, output, false);
    case NodeKind::Mean: return prepareMeanOp(node, inputs, output);
    case NodeKind::Add: return prepareAddOp(node, inputs, output);
    case NodeKind::Concatenation: return prepareConcat(node, inputs, output);
    case NodeKind::Pad: return preparePadOp(node, inputs, output);
    case NodeKind::Reshape: return prepareReshape(inputs, output);
    case NodeKind::Softmax: return prepareSoftmaxOp(node, inputs, output);
    case NodeKind::Quantize: return prepareQuantize(inputs, output);
    case NodeKind::Dequantize: return prepareDequantize(inputs, output);
    default: fail(std::string("operator ") + toString(node.kind) + " cannot be interpreted");
  }
}

KernelDescriptor bindKernelCall(const KernelCall& call, uint8_t* arena, void* scratch,
                                std::vector<const int8_t*>& input_pointers) {
  KernelDescriptor bound = call.descriptor;
  const int32_t* bias = call.bias.empty() ? nullptr : call.bias.data();
  const tfc_requant* requant = reinterpret_cast<const tfc_requant*>(call.requant.data());
  auto in = [&](size_t i) { return at<const int8_t>(arena, call.inputs.at(i)); };
  std::visit(
      [&](auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, tfc_conv2d_op> || std::is_same_v<T, tfc_depthwise_conv2d_op> ||
                      std::is_same_v<T, tfc_fully_connected_op>) {
          op.input = in(0);
          op.filter = call.filter.data();
          op.bias = bias;
          op.requant = requant;
          op.output = at<int8_t>(arena, call.output);
          op.scratch = scratch;
        } else if constexpr (std::is_same_v<T, tfc_add_op>) {
          op.input1 = in(0);
          op.input2 = in(1);
          op.output = at<int8_t>(arena, call.output);
        } else if constexpr (std::is_same_v<T, tfc_concatenation_op>) {
          input_pointers.resize(call.inputs.size());
          for (size_t i = 0; i < call.inputs.size(); ++i) input_pointers[i] = in(i);
          op.inputs = input_pointers.data();
          op.input_axis_dims = call.input_axis_dims.data();
          op.output = at<int8_t>(arena, call.output);
        } else if constexpr (std::is_same_v<T, tfc_quantize_op>) {
          op.input = at<const float>(arena, call.inputs.at(0));
          op.output = at<int8_t>(arena, call.output);
        } else if constexpr (std::is_same_v<T, tfc_dequantize_op>) {
          op.input = in(0);
          op.output = at<float>(arena, call.output);
        } else if constexpr (std::is_same_v<T, tfc_reshape_op>) {
          op.input = arena + call.inputs.at(0).offset_bytes;
          op.output = arena + call.output.offset_bytes;
        } else {
          op.input = in(0);
          op.output = at<int8_t>(arena, call.output);
        }
      },
      bound);
  return bound;
}

void runKernel(KernelKind kind, const KernelDescriptor& bound) {
  std::visit(
      [kind](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, tfc_conv2d_op>) tfc_conv2d_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_depthwise_conv2d_op>) tfc_depthwise_conv2d_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_fully_connected_op>) tfc_fully_connected_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_add_op>) tfc_add_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_pool2d_op>) {
          if (kind == KernelKind::AveragePool2D) tfc_average_pool2d_s8(&op);
          else tfc_max_pool2d_s8(&op);
        }
        else if constexpr (std::is_same_v<T, tfc_mean_op>) tfc_mean_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_softmax_op>) tfc_softmax_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_pad_op>) tfc_pad_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_concatenation_op>) tfc_concatenation_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_quantize_op>) tfc_quantize_f32_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_requantize_op>) tfc_requantize_s8(&op);
        else if constexpr (std::is_same_v<T, tfc_dequantize_op>) tfc_dequantize_s8_f32(&op);
        else if constexpr (std::is_same_v<T, tfc_reshape_op>) tfc_reshape(&op);
      },
      bound);
}

int32_t kernelScratchBytes(const KernelCall& call) {
  const int dsp = TFC_TARGET_HAS_DSP;
  if (const auto* op = std::get_if<tfc_conv2d_op>(&call.descriptor)) return tfc_conv2d_s8_scratch_bytes(op, dsp);
  if (const auto* op = std::get_if<tfc_depthwise_conv2d_op>(&call.descriptor))
    return tfc_depthwise_conv2d_s8_scratch_bytes(op, dsp);
  if (const auto* op = std::get_if<tfc_fully_connected_op>(&call.descriptor))
    return tfc_fully_connected_s8_scratch_bytes(op, dsp);
  return 0;
}

}  // namespace tinyforge
