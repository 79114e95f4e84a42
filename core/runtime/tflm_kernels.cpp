#include "core/runtime/tflm_kernels.h"

#include <stdexcept>

#include "core/runtime/allocation_lifetimes.h"

namespace tinyforge {
namespace {

// TFLM's ComputePaddingHeightWidth for one dimension (padding.cc / padding.h).
int32_t paddingOf(Padding padding, int32_t stride, int32_t dilation, int32_t in, int32_t filter, int32_t out) {
  if (padding == Padding::Valid) return 0;
  const int32_t effective = (filter - 1) * dilation + 1;
  const int32_t total = (out - 1) * stride + effective - in;
  return total > 0 ? total / 2 : 0;
}

int32_t dim(const TensorInfo& t, int i) {
  const int n = static_cast<int>(t.shape.size());
  if (i < 0) i += n;
  return (i >= 0 && i < n) ? t.shape[static_cast<size_t>(i)] : 1;
}

class Script {
 public:
  Script(const TensorModel& model, const OperatorInfo& op, std::vector<KernelAction>& actions)
      : model_(model), op_(op), actions_(actions) {}
  // AllocateTempInputTensor(node, i): nothing for an absent optional input.
  void tempInput(size_t i) {
    if (i < op_.inputs.size() && op_.inputs[i] >= 0) actions_.push_back({KernelAction::TempTensor, op_.inputs[i]});
  }
  void tempOutput(size_t i) {
    if (i < op_.outputs.size()) actions_.push_back({KernelAction::TempTensor, op_.outputs[i]});
  }
  void persistent(int64_t bytes) { actions_.push_back({KernelAction::Persistent, static_cast<int32_t>(bytes)}); }
  void scratch(int64_t bytes) {
    if (bytes > 0) actions_.push_back({KernelAction::Scratch, static_cast<int32_t>(bytes)});
  }
  const TensorInfo& input(size_t i) const { return model_.tensors[static_cast<size_t>(op_.inputs[i])]; }
  const TensorInfo& output() const { return model_.tensors[static_cast<size_t>(op_.outputs[0])]; }
  bool hasInput(size_t i) const { return i < op_.inputs.size() && op_.inputs[i] >= 0; }

 private:
  const TensorModel& model_;
  const OperatorInfo& op_;
  std::vector<KernelAction>& actions_;
};

// CMSIS-NN arm_convolve_wrapper_s8_get_buffer_size (arm_convolve_get_buffer_sizes_s8.c).
int64_t cmsisConvScratch(ArmIsa isa, int32_t in_h, int32_t in_c, int32_t k_h, int32_t k_w, int32_t filter_c,
                         int32_t stride_w, int32_t pad_h, int32_t pad_w, int32_t dil_h,
                         int32_t dil_w) {
  const bool is_1x1 = pad_w == 0 && pad_h == 0 && k_w == 1 && k_h == 1 && dil_w == 1 && dil_h == 1 && in_c == filter_c;
  if (is_1x1) return 0;  // the 1x1 fast path needs 2*C*2 B only under Arm Compiler 6, never under GCC
  const int64_t cols = static_cast<int64_t>(k_w) * k_h * in_c;
  const bool is_1xn = in_h == 1 && dil_w == 1 && k_h == 1 && (stride_w * in_c) % 4 == 0 && in_c == filter_c;
  (void)is_1xn;  // on DSP and plain cores 1xN uses the general formula; on MVE see below
  if (isa == ArmIsa::Mve) return 4 * ((cols + 15) / 16) * 16;  // general MVE im2col (1xN MVE: same or smaller)
  return 2 * alignUp(cols, 4) * 2;  // two im2col columns of q15
}

// arm_depthwise_conv_wrapper_s8_get_buffer_size (arm_depthwise_conv_get_buffer_sizes_s8.c).
int64_t cmsisDepthwiseScratch(ArmIsa isa, int32_t in_c, int32_t out_c, int32_t k_h, int32_t k_w, int32_t pad_h,
                              int32_t pad_w, int32_t dil_h, int32_t dil_w) {
  if (isa == ArmIsa::Mve && in_c == 1 && out_c > 1) {
    // arm_deptwise_conv_s8_one_in_ch: treated as a conv (MVE) plus a reordered filter copy.
    return 4 * ((static_cast<int64_t>(k_w) * k_h + 15) / 16) * 16 + static_cast<int64_t>(out_c) * k_h * k_w;
  }
  if (in_c != out_c || dil_w != 1 || dil_h != 1) return 0;
  if (isa != ArmIsa::Mve && k_w == 3 && k_h == 3 && pad_h <= 1 && pad_w <= 1) return 0;
  switch (isa) {
    case ArmIsa::Mve: return 4 * 124 * static_cast<int64_t>(k_w) * k_h;  // CH_IN_BLOCK_MVE = 124
    case ArmIsa::Dsp: return static_cast<int64_t>(in_c) * k_w * k_h * 2;
    case ArmIsa::None: return 0;
  }
  return 0;
}

}  // namespace

const TflmTarget& cortexM32Target() {
  static const TflmTarget target{
      "cortex-m", 4, 4,
      32, 12, 32, 12, 12, 4, 24, 8, 8, 44, 36, 36, 52, 124,
      5, 1,   // TfLiteFullyConnectedParams: five one-byte fields
      2, 1,   // TfLiteAddParams
      56, 60, 48, 72, 56, 64, 24};
  return target;
}

const TflmTarget& x86_64Target() {
  static const TflmTarget target{
      "x86-64", 8, 8,
      64, 24, 64, 24, 16, 8, 32, 16, 16, 72, 72, 72, 104, 248,
      16, 4,
      8, 4,
      72, 80, 64, 96, 80, 88, 40};
  return target;
}

KernelAllocations tflmKernelAllocations(const ShapedGraph& graph, const TensorModel& model, int op_index,
                                        TflmKernels kernels, ArmIsa isa, const TflmTarget& target,
                                        std::vector<KernelAction>& actions) {
  const OperatorInfo& op = model.operators[static_cast<size_t>(op_index)];
  const Node& node = graph.node(op.layer);
  KernelAllocations k;
  k.first_action = static_cast<uint32_t>(actions.size());
  Script s(model, op, actions);
  const bool cmsis = kernels == TflmKernels::CmsisNn;
  auto builtin = [&](int32_t bytes, int32_t align) {
    k.builtin_bytes = bytes;
    k.builtin_align = align;
  };
  auto quantized = [](const TensorInfo& t) {
    return t.type == DataType::Int8 || t.type == DataType::Int16;
  };

  switch (op.kind) {
    case NodeKind::Conv2D: {
      builtin(28, 4);  // TfLiteConvParams
      k.op_data_bytes = cmsis ? target.op_data_conv_cmsis : target.op_data_conv;  // OpDataConv (+ buffer_idx)
      const TensorInfo& in = s.input(0);
      const TensorInfo& filter = s.input(1);
      const TensorInfo& out = s.output();
      const int32_t channels = dim(filter, 0);
      if (!cmsis) {  // conv_common.cc ConvPrepare
        s.tempOutput(0), s.tempInput(0), s.tempInput(1);
        s.persistent(4 * channels), s.persistent(4 * channels);
      } else {  // cmsis_nn/conv.cc Prepare (its "bias" temp reads an output slot: none)
        s.tempInput(0), s.tempInput(1), s.tempOutput(0);
        if (quantized(in)) s.persistent(4 * channels), s.persistent(4 * channels);
      }
      s.tempInput(0), s.tempInput(1), s.tempInput(2), s.tempOutput(0);  // CalculateOpDataConv
      if (!cmsis && filter.type == DataType::Int4) s.scratch(elementsOf(filter.shape));
      if (cmsis && in.type == DataType::Int8) {
        const int32_t pad_h = paddingOf(node.padding, node.stride_h, node.dilation_h, dim(in, 1), dim(filter, 1), dim(out, 1));
        const int32_t pad_w = paddingOf(node.padding, node.stride_w, node.dilation_w, dim(in, 2), dim(filter, 2), dim(out, 2));
        s.scratch(cmsisConvScratch(isa, dim(in, 1), dim(in, 3), dim(filter, 1), dim(filter, 2), dim(filter, 3),
                                   node.stride_w, pad_h, pad_w, node.dilation_h, node.dilation_w));
      } else if (cmsis && in.type == DataType::Int16) {
        // arm_convolve_wrapper_s16_get_buffer_size (arm_convolve_get_buffer_sizes_s16.c).
        const int64_t cols = int64_t{dim(in, 3)} * dim(filter, 1) * dim(filter, 2);
        s.scratch(isa == ArmIsa::Mve ? 4 * ((cols + 7) / 8) * 8 * 2 : 2 * cols * 2);
      }
      break;
    }
    case NodeKind::DepthwiseConv2D: {
      builtin(28, 4);  // TfLiteDepthwiseConvParams
      k.op_data_bytes = cmsis ? target.op_data_conv_cmsis : target.op_data_conv;
      const TensorInfo& in = s.input(0);
      const TensorInfo& filter = s.input(1);
      const TensorInfo& out = s.output();
      const int32_t channels = dim(filter, 3);
      if (!cmsis) {  // depthwise_conv_common.cc
        s.tempOutput(0), s.tempInput(0), s.tempInput(1);
        s.persistent(4 * channels), s.persistent(4 * channels);
      } else {  // cmsis_nn/depthwise_conv.cc
        s.tempInput(0), s.tempInput(1), s.tempOutput(0);
        if (quantized(in)) s.persistent(4 * channels), s.persistent(4 * channels);
      }
      s.tempInput(0), s.tempInput(1), s.tempInput(2), s.tempOutput(0);  // CalculateOpDataDepthwiseConv
      if (!cmsis && filter.type == DataType::Int4) s.scratch(elementsOf(filter.shape));
      if (cmsis && in.type == DataType::Int8) {
        const int32_t pad_h = paddingOf(node.padding, node.stride_h, node.dilation_h, dim(in, 1), dim(filter, 1), dim(out, 1));
        const int32_t pad_w = paddingOf(node.padding, node.stride_w, node.dilation_w, dim(in, 2), dim(filter, 2), dim(out, 2));
        if (filter.type == DataType::Int4) {
          // arm_depthwise_conv_wrapper_s4_get_buffer_size: the s8 "opt" buffer, no 3x3 exception.
          const bool opt = dim(in, 3) == dim(out, 3) && node.dilation_h == 1 && node.dilation_w == 1;
          const int64_t taps = int64_t{dim(filter, 1)} * dim(filter, 2);
          s.scratch(!opt ? 0 : isa == ArmIsa::Mve ? 4 * 124 * taps : dim(in, 3) * taps * 2);  // also without DSP
        } else {
          s.scratch(cmsisDepthwiseScratch(isa, dim(in, 3), dim(out, 3), dim(filter, 1), dim(filter, 2), pad_h, pad_w,
                                          node.dilation_h, node.dilation_w));
        }
      }
      break;
    }
    case NodeKind::FullyConnected: {
      builtin(target.fully_connected_params, target.fully_connected_params_align);
      k.op_data_bytes = cmsis ? target.op_data_fully_connected_cmsis : target.op_data_fully_connected;
      const TensorInfo& in = s.input(0);
      const TensorInfo& filter = s.input(1);
      const TensorInfo& out = s.output();
      s.tempInput(0), s.tempInput(1), s.tempInput(2), s.tempOutput(0);
      const bool per_channel = filter.quant_channels > 1;
      if (!cmsis && filter.type == DataType::Int4) s.scratch(elementsOf(filter.shape));
      if (per_channel) s.persistent(4 * filter.quant_channels), s.persistent(4 * filter.quant_channels);
      if (cmsis && in.type == DataType::Int8 && filter.type != DataType::Int4) {
        const int32_t accum_depth = dim(filter, -1);
        const int32_t output_depth = dim(out, -1);
        if (out.shape.size() > 2 && accum_depth % 4 == 0) {
          if (!per_channel) s.scratch(int64_t{output_depth} * 8);
          // 1x1 fast conv scratch: 0 under GCC.
        } else if (isa == ArmIsa::Mve) {
          // KERNELS_OPTIMIZED_FOR_SPEED (TFLM's default): kernel sums precomputed into the tail.
          s.persistent(int64_t{output_depth} * 4);
        }
      }
      break;
    }
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: {
      builtin(40, 4);  // TfLitePoolParams
      k.op_data_bytes = cmsis ? 36 : 32;
      s.tempInput(0), s.tempOutput(0);  // PoolingPrepare
      if (cmsis && op.kind == NodeKind::AveragePool2D && quantized(s.input(0))) {
        s.tempInput(0), s.tempOutput(0);
        if (isa == ArmIsa::Dsp && s.input(0).type == DataType::Int8) s.scratch(int64_t{dim(s.output(), 3)} * 4);
        if (isa != ArmIsa::None && s.input(0).type == DataType::Int16) s.scratch(int64_t{dim(s.output(), 3)} * 4);
      }
      break;
    }
    case NodeKind::Add:
      builtin(target.add_params, target.add_params_align);  // TfLiteAddParams
      k.op_data_bytes = 60;
      s.tempInput(0), s.tempInput(1), s.tempOutput(0);
      break;
    case NodeKind::Softmax:
      builtin(4, 4);  // TfLiteSoftmaxParams
      k.op_data_bytes = cmsis ? target.op_data_softmax_cmsis : target.op_data_softmax;  // SoftmaxParams (+ rows)
      s.tempInput(0), s.tempOutput(0);
      if (!cmsis && s.input(0).type == DataType::Int16) s.persistent(2 * 513), s.persistent(2 * 513);
      break;
    case NodeKind::Reshape:
      builtin(36, 4);  // TfLiteReshapeParams (shape[8] + count)
      s.tempInput(0), s.tempOutput(0);
      break;
    case NodeKind::Pad:
      k.op_data_bytes = 56;  // PadParams + zero point
      s.tempInput(0), s.tempInput(1), s.tempInput(2), s.tempOutput(0);
      break;
    case NodeKind::Mean: {
      builtin(1, 1);  // TfLiteReducerParams
      k.op_data_bytes = 44;  // OpDataReduce
      s.tempInput(0), s.tempOutput(0), s.tempInput(1);
      const TensorInfo& in = s.input(0);
      if (quantized(in)) s.scratch(4 * elementsOf(s.output().shape));
      s.scratch(4 * static_cast<int64_t>(in.shape.size()));
      s.scratch(4 * (s.hasInput(1) ? elementsOf(s.input(1).shape) : 2));
      s.tempInput(0), s.tempInput(1), s.tempOutput(0);  // PrepareSimple
      break;
    }
    case NodeKind::Quantize:
    case NodeKind::Dequantize:
      k.op_data_bytes = 32;  // OpDataQuantizeReference / DequantizeOpData
      s.tempInput(0), s.tempOutput(0);
      break;
    case NodeKind::Concatenation:
      builtin(8, 4);  // TfLiteConcatenationParams
      k.op_data_bytes = target.op_data_concatenation;
      s.tempInput(0), s.tempOutput(0);
      for (size_t i = 0; i < op.inputs.size(); ++i) s.tempInput(i);
      break;
    default:
      throw std::invalid_argument("layer '" + node.name + "': " + toString(op.kind) +
                                  " is not an operator TFLite Micro runs");
  }
  k.action_count = static_cast<uint32_t>(actions.size()) - k.first_action;
  return k;
}

}  // namespace tinyforge
