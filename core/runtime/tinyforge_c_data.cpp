#include "core/runtime/tinyforge_c_data.h"

namespace tinyforge {

int64_t tinyforgeCDescriptorBytes(NodeKind kind) {
  // Words of each tfc_*_op (pointers, int32 fields, float fields: all 4 bytes on ILP32),
  // counted from core/ckernels' headers; tests/core/firmware checks them with arm-none-eabi-gcc.
  switch (kind) {
    case NodeKind::Conv2D: return 4 * (6 + 12 + 10);           // 6 pointers, 3 shapes, tfc_conv_params
    case NodeKind::DepthwiseConv2D: return 4 * (6 + 12 + 10 + 1);  // + depth_multiplier
    case NodeKind::FullyConnected: return 4 * (6 + 9);
    case NodeKind::Add: return 4 * (3 + 12 + 1 + 3 * 6);       // 3 pointers, tfc_add_params, rank, 3 dims
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: return 4 * (2 + 8 + 8);          // 2 pointers, 2 shapes, tfc_pool_params
    case NodeKind::Mean: return 4 * (2 + 1 + 6 + 1 + 2 + 2);
    case NodeKind::Softmax: return 4 * (2 + 5);
    case NodeKind::Pad: return 4 * (2 + 1 + 3 * 6 + 1);
    case NodeKind::Concatenation: return 4 * (3 + 1 + 1 + 6 + 1);
    case NodeKind::Quantize: return 4 * (2 + 5);               // the int8 -> int8 requantize (the larger)
    case NodeKind::Dequantize: return 4 * (2 + 3);
    case NodeKind::Reshape: return 4 * (2 + 1);
    default: return 0;
  }
}

TinyforgeCData tinyforgeCData(const ShapedGraph& graph, const TensorModel& model, const std::vector<bool>& alias,
                              const std::vector<bool>& moved) {
  (void)graph;
  TinyforgeCData data;
  data.op_bytes.assign(model.operators.size(), 0);
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const OperatorInfo& op = model.operators[i];
    if (i < alias.size() && alias[i]) continue;
    int64_t weights = 0, parameters = tinyforgeCDescriptorBytes(op.kind);
    if (op.kind == NodeKind::Quantize && !op.inputs.empty() && op.inputs[0] >= 0 &&
        model.tensors[static_cast<size_t>(op.inputs[0])].type == DataType::Float32)
      parameters = 4 * (2 + 3);  // float32 -> int8: tfc_quantize_op
    if (i < moved.size() && moved[i]) parameters += tinyforgeCDescriptorBytes(NodeKind::Reshape);
    const bool weighted =
        op.kind == NodeKind::Conv2D || op.kind == NodeKind::DepthwiseConv2D || op.kind == NodeKind::FullyConnected;
    if (weighted) {
      const TensorInfo* filter = op.inputs.size() > 1 && op.inputs[1] >= 0 ? &model.tensors[static_cast<size_t>(op.inputs[1])] : nullptr;
      const TensorInfo* bias = op.inputs.size() > 2 && op.inputs[2] >= 0 ? &model.tensors[static_cast<size_t>(op.inputs[2])] : nullptr;
      if (filter) weights += paddedTo4(filter->bytes);
      if (bias) weights += paddedTo4(bias->bytes);
      const TensorInfo& out = model.tensors[static_cast<size_t>(op.outputs.at(0))];
      int64_t channels = out.shape.empty() ? 1 : out.shape.back();
      // A per-tensor fully connected layer has one multiplier.
      if (op.kind == NodeKind::FullyConnected && filter && filter->quant_channels <= 1) channels = 1;
      parameters += 8 * channels;
    }
    if (op.kind == NodeKind::Concatenation) {
      int64_t activations = 0;
      for (int t : op.inputs)
        if (t >= 0 && !model.tensors[static_cast<size_t>(t)].is_constant) ++activations;
      parameters += 2 * 4 * activations;  // input pointers and sizes along the axis
    }
    data.weights_bytes += weights;
    data.parameters_bytes += parameters;
    data.op_bytes[i] = weights + parameters;
  }
  data.parameters_bytes += kTinyforgeCTensorEntryBytes * static_cast<int64_t>(model.inputs.size() + model.outputs.size());
  return data;
}

}  // namespace tinyforge
