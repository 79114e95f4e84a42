#include "core/model/tensor_model.h"

#include <algorithm>
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
  std::vector<int32_t> shape;
  int32_t quant_channels;
};

std::vector<SynthesizedConstant> synthesizedConstants(const Node& node, const ShapedLayer& layer) {
  const auto& in = layer.input_shapes.empty() ? std::vector<int32_t>{} : layer.input_shapes[0];
  const auto& out = layer.output_shape;
  // 16x8 quantization keeps 64-bit biases; int8 activations use int32.
  const DataType bias_type = node.activation_type == DataType::Int16 ? DataType::Int64 : DataType::Int32;
  switch (node.kind) {
    case NodeKind::Conv2D: {
      const int32_t cout = out[3];
      return {{"filter", node.weight_type, {cout, node.kernel_h, node.kernel_w, in[3]}, cout},
              {"bias", bias_type, {cout}, cout}};
    }
    case NodeKind::DepthwiseConv2D: {
      const int32_t cout = out[3];
      return {{"filter", node.weight_type, {1, node.kernel_h, node.kernel_w, cout}, cout},
              {"bias", bias_type, {cout}, cout}};
    }
    case NodeKind::FullyConnected: {
      const int32_t units = out.back();
      const int32_t features = static_cast<int32_t>(elementsOf(in) / out.front());
      return {{"filter", node.weight_type, {units, features}, 1}, {"bias", bias_type, {units}, 1}};
    }
    case NodeKind::Reshape:
      return {{"shape", DataType::Int32, {static_cast<int32_t>(out.size())}, 0}};
    case NodeKind::Pad:
      return {{"paddings", DataType::Int32, {static_cast<int32_t>(in.size()), 2}, 0}};
    case NodeKind::Mean:
      return {{"axis", DataType::Int32, {2}, 0}};
    default:
      return {};
  }
}

}  // namespace

const ConstTensor* constantOf(const ShapedGraph& graph, const TensorInfo& tensor) {
  if (!tensor.is_constant || tensor.layer < 0 || tensor.constant_index < 0) return nullptr;
  const auto& constants = graph.node(tensor.layer).constants;
  return static_cast<size_t>(tensor.constant_index) < constants.size() ? &constants[tensor.constant_index] : nullptr;
}

TensorModel lower(const ShapedGraph& graph) {
  TensorModel model;
  std::vector<int32_t> source_index;  // imported tensor position, or -1
  std::vector<int> output_tensor(graph.layers.size(), -1);
  std::map<int32_t, int> shared_constant;  // imported tensor position -> tensor (ops may share a constant)

  auto addTensor = [&](TensorInfo tensor, int32_t imported_index) {
    tensor.bytes = bytesOf(tensor.type, elementsOf(tensor.shape));
    model.tensors.push_back(std::move(tensor));
    source_index.push_back(imported_index);
    return static_cast<int>(model.tensors.size() - 1);
  };

  for (size_t i = 0; i < graph.layers.size(); ++i) {
    const Node& node = graph.node(static_cast<int>(i));
    const ShapedLayer& layer = graph.layers[i];
    const int layer_index = static_cast<int>(i);

    TensorInfo output;
    output.name = node.output_name.empty() ? node.name : node.output_name;
    output.type = node.activation_type;
    output.shape = layer.output_shape;
    output.layer = layer_index;
    output.quant_channels = !node.output_quant.empty() ? static_cast<int32_t>(node.output_quant.scale.size())
                                                       : (isQuantizedType(node.activation_type) ? 1 : 0);

    if (node.kind == NodeKind::Input) {
      output_tensor[i] = addTensor(std::move(output), node.output_tensor_index);
      model.inputs.push_back(output_tensor[i]);
      continue;
    }

    OperatorInfo op;
    op.kind = node.kind;
    op.layer = layer_index;
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
        TensorInfo tensor;
        tensor.name = constant.name.empty() ? node.name + "/" + constant.role : constant.name;
        tensor.type = constant.type;
        tensor.shape = constant.shape;
        tensor.is_constant = true;
        tensor.layer = layer_index;
        tensor.constant_index = static_cast<int>(c);
        tensor.quant_channels = static_cast<int32_t>(constant.quant.scale.size());
        op.inputs.push_back(addTensor(std::move(tensor), constant.tensor_index));
        if (constant.tensor_index >= 0) shared_constant[constant.tensor_index] = op.inputs.back();
      }
    } else {
      for (const auto& synthesized : synthesizedConstants(node, layer)) {
        TensorInfo tensor;
        tensor.name = node.name + "/" + synthesized.role;
        tensor.type = synthesized.type;
        tensor.shape = synthesized.shape;
        tensor.is_constant = true;
        tensor.layer = layer_index;
        tensor.quant_channels = synthesized.quant_channels;
        op.inputs.push_back(addTensor(std::move(tensor), -1));
      }
    }
    output_tensor[i] = addTensor(std::move(output), node.output_tensor_index);
    op.outputs.push_back(output_tensor[i]);
    model.operators.push_back(std::move(op));
  }
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

  for (size_t o = 0; o < model.operators.size(); ++o) {
    const auto& op = model.operators[o];
    for (int t : op.inputs)
      if (t >= 0) model.tensors[t].consumers.push_back(static_cast<int>(o));
    for (int t : op.outputs) model.tensors[t].producer = static_cast<int>(o);
  }
  for (auto& tensor : model.tensors) {
    std::sort(tensor.consumers.begin(), tensor.consumers.end());
    tensor.consumers.erase(std::unique(tensor.consumers.begin(), tensor.consumers.end()), tensor.consumers.end());
  }
  return model;
}

}  // namespace tinyforge
