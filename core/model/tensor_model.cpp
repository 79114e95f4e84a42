#include "core/model/tensor_model.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>

namespace tinyforge {
namespace {

bool isQuantizedType(DataType type) {
  return type == DataType::Int8 || type == DataType::Int16 || type == DataType::Int4 || type == DataType::UInt8;
}

// The constant operands the TFLite converter gives a layer, for a graph drawn by hand:
// role, type, shape and number of quantization channels.
struct SynthesizedConstant {
  const char* role;
  DataType type;
  std::array<int32_t, 4> shape;
  int32_t rank;
  int32_t quant_channels;
};

// At most two per layer; returns how many it wrote into `out`.
int synthesizedConstants(const Node& node, const ShapedLayer& layer, std::array<SynthesizedConstant, 2>& out) {
  static const std::vector<int32_t> kNoShape;
  const auto& in = layer.input_shapes.empty() ? kNoShape : layer.input_shapes[0];
  const auto& out_shape = layer.output_shape;
  // 16x8 quantization keeps 64-bit biases; int8 activations use int32.
  const DataType bias_type = node.activation_type == DataType::Int16 ? DataType::Int64 : DataType::Int32;
  switch (node.kind) {
    case NodeKind::Conv2D: {
      const int32_t cout = out_shape[3];
      out[0] = {"filter", node.weight_type, {cout, node.kernel_h, node.kernel_w, in[3]}, 4, cout};
      out[1] = {"bias", bias_type, {cout}, 1, cout};
      return 2;
    }
    case NodeKind::DepthwiseConv2D: {
      const int32_t cout = out_shape[3];
      out[0] = {"filter", node.weight_type, {1, node.kernel_h, node.kernel_w, cout}, 4, cout};
      out[1] = {"bias", bias_type, {cout}, 1, cout};
      return 2;
    }
    case NodeKind::FullyConnected: {
      const int32_t units = out_shape.back();
      const int32_t features = static_cast<int32_t>(elementsOf(in) / out_shape.front());
      out[0] = {"filter", node.weight_type, {units, features}, 2, 1};
      out[1] = {"bias", bias_type, {units}, 1, 1};
      return 2;
    }
    case NodeKind::Reshape:
      out[0] = {"shape", DataType::Int32, {static_cast<int32_t>(out_shape.size())}, 1, 0};
      return 1;
    case NodeKind::Pad:
      out[0] = {"paddings", DataType::Int32, {static_cast<int32_t>(in.size()), 2}, 2, 0};
      return 1;
    case NodeKind::Mean:
      out[0] = {"axis", DataType::Int32, {2}, 1, 0};
      return 1;
    default:
      return 0;
  }
}

// Working memory of lower(), kept per thread.
struct Scratch {
  std::vector<int32_t> source_index;  // imported tensor position, or -1
  std::vector<int> output_tensor;     // layer -> its output tensor
};

}  // namespace

const ConstTensor* constantOf(const ShapedGraph& graph, const TensorInfo& tensor) {
  if (!tensor.is_constant || tensor.layer < 0 || tensor.constant_index < 0) return nullptr;
  const auto& constants = graph.node(tensor.layer).constants;
  return static_cast<size_t>(tensor.constant_index) < constants.size() ? &constants[tensor.constant_index] : nullptr;
}

TensorModel lower(const ShapedGraph& graph) {
  TensorModel model;
  lower(graph, model);
  return model;
}

void lower(const ShapedGraph& graph, TensorModel& model) {
  thread_local Scratch scratch;
  std::vector<int32_t>& source_index = scratch.source_index;
  std::vector<int>& output_tensor = scratch.output_tensor;
  source_index.clear();
  output_tensor.assign(graph.layers.size(), -1);
  std::map<int32_t, int> shared_constant;  // imported tensor position -> tensor (ops may share a constant)
  model.inputs.clear();
  model.outputs.clear();
  size_t tensor_count = 0;
  size_t op_count = 0;

  // The next tensor, reusing the storage of one left from an earlier call; every field is set.
  auto newTensor = [&](int layer_index, DataType type, int32_t imported_index) -> TensorInfo& {
    if (tensor_count == model.tensors.size()) model.tensors.emplace_back();
    TensorInfo& tensor = model.tensors[tensor_count++];
    tensor.type = type;
    tensor.is_constant = false;
    tensor.layer = layer_index;
    tensor.constant_index = -1;
    tensor.quant_channels = 0;
    tensor.offline_offset_bytes = -1;
    tensor.producer = -1;
    tensor.consumers.clear();
    source_index.push_back(imported_index);
    return tensor;
  };
  auto finishTensor = [&](TensorInfo& tensor) {
    tensor.bytes = bytesOf(tensor.type, elementsOf(tensor.shape));
    return static_cast<int>(tensor_count - 1);
  };

  for (size_t i = 0; i < graph.layers.size(); ++i) {
    const Node& node = graph.node(static_cast<int>(i));
    const ShapedLayer& layer = graph.layers[i];
    const int layer_index = static_cast<int>(i);
    const int32_t output_quant_channels = !node.output_quant.empty()
                                              ? static_cast<int32_t>(node.output_quant.scale.size())
                                              : (isQuantizedType(node.activation_type) ? 1 : 0);
    auto addOutput = [&] {
      TensorInfo& output = newTensor(layer_index, node.activation_type, node.output_tensor_index);
      output.name = node.output_name.empty() ? node.name : node.output_name;
      output.shape = layer.output_shape;
      output.quant_channels = output_quant_channels;
      output.offline_offset_bytes = node.offline_offset_bytes;
      return finishTensor(output);
    };

    if (node.kind == NodeKind::Input) {
      output_tensor[i] = addOutput();
      model.inputs.push_back(output_tensor[i]);
      continue;
    }

    if (op_count == model.operators.size()) model.operators.emplace_back();
    OperatorInfo& op = model.operators[op_count++];
    op.kind = node.kind;
    op.layer = layer_index;
    op.inputs.clear();
    op.outputs.clear();
    for (int producer : layer.inputs) op.inputs.push_back(output_tensor[producer]);
    if (!node.constants.empty()) {
      for (size_t c = 0; c < node.constants.size(); ++c) {
        const ConstTensor& constant = node.constants[c];
        if (constant.role == "absent") {
          op.inputs.push_back(-1);
          continue;
        }
        if (auto it = shared_constant.find(constant.tensor_index); constant.tensor_index >= 0 && it != shared_constant.end()) {
          op.inputs.push_back(it->second);
          continue;
        }
        TensorInfo& tensor = newTensor(layer_index, constant.type, constant.tensor_index);
        if (constant.name.empty()) {
          tensor.name.assign(node.name).append(1, '/').append(constant.role);
        } else {
          tensor.name = constant.name;
        }
        tensor.shape = constant.shape;
        tensor.is_constant = true;
        tensor.constant_index = static_cast<int>(c);
        tensor.quant_channels = static_cast<int32_t>(constant.quant.scale.size());
        op.inputs.push_back(finishTensor(tensor));
        if (constant.tensor_index >= 0) shared_constant[constant.tensor_index] = op.inputs.back();
      }
    } else {
      std::array<SynthesizedConstant, 2> synthesized;
      const int synthesized_count = synthesizedConstants(node, layer, synthesized);
      for (int c = 0; c < synthesized_count; ++c) {
        const SynthesizedConstant& constant = synthesized[static_cast<size_t>(c)];
        TensorInfo& tensor = newTensor(layer_index, constant.type, -1);
        tensor.name.assign(node.name).append(1, '/').append(constant.role);
        tensor.shape.assign(constant.shape.begin(), constant.shape.begin() + constant.rank);
        tensor.is_constant = true;
        tensor.quant_channels = constant.quant_channels;
        op.inputs.push_back(finishTensor(tensor));
      }
    }
    output_tensor[i] = addOutput();
    op.outputs.push_back(output_tensor[i]);
  }
  model.tensors.resize(tensor_count);
  model.operators.resize(op_count);
  for (int output_layer : graph.outputs) model.outputs.push_back(output_tensor[output_layer]);

  // An imported model keeps its tensor order (TFLM's planner breaks size ties by it);
  // tensors without an imported position keep lowering order after those that have one.
  const bool imported = std::any_of(source_index.begin(), source_index.end(), [](int32_t v) { return v >= 0; });
  if (imported) {
    std::vector<int> order(model.tensors.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      const int64_t ka = source_index[a] >= 0 ? source_index[a] : INT32_MAX;
      const int64_t kb = source_index[b] >= 0 ? source_index[b] : INT32_MAX;
      return ka < kb;
    });
    std::vector<int> new_index(order.size());
    for (size_t k = 0; k < order.size(); ++k) new_index[order[k]] = static_cast<int>(k);
    std::vector<TensorInfo> sorted(order.size());
    for (size_t k = 0; k < order.size(); ++k) sorted[k] = std::move(model.tensors[order[k]]);
    model.tensors = std::move(sorted);
    auto remap = [&](std::vector<int>& indices) {
      for (int& t : indices)
        if (t >= 0) t = new_index[t];
    };
    for (auto& op : model.operators) {
      remap(op.inputs);
      remap(op.outputs);
    }
    remap(model.inputs);
    remap(model.outputs);
  }

  // Operators in ascending order: each consumer list comes out ascending, and an operator
  // reading a tensor twice can only repeat the last entry.
  for (size_t o = 0; o < model.operators.size(); ++o) {
    const auto& op = model.operators[o];
    const int index = static_cast<int>(o);
    for (int t : op.inputs) {
      if (t < 0) continue;
      std::vector<int>& consumers = model.tensors[t].consumers;
      if (consumers.empty() || consumers.back() != index) consumers.push_back(index);
    }
    for (int t : op.outputs) model.tensors[t].producer = index;
  }
}

}  // namespace tinyforge
