#include "core/interpreter/interpreter.h"

#include <algorithm>
#include <cstring>

#include "core/interpreter/arena_plan.h"
#include "core/interpreter/prepare_operator.h"

namespace tinyforge {
namespace {

std::string layerLabel(const Node& node) { return "layer '" + node.name + "' (" + tfliteName(node.kind) + ")"; }

bool isWeighted(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected;
}

}  // namespace

const char* tfliteName(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input: return "INPUT";
    case NodeKind::Conv2D: return "CONV_2D";
    case NodeKind::DepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case NodeKind::FullyConnected: return "FULLY_CONNECTED";
    case NodeKind::AveragePool2D: return "AVERAGE_POOL_2D";
    case NodeKind::MaxPool2D: return "MAX_POOL_2D";
    case NodeKind::Mean: return "MEAN";
    case NodeKind::Add: return "ADD";
    case NodeKind::Concatenation: return "CONCATENATION";
    case NodeKind::Pad: return "PAD";
    case NodeKind::Reshape: return "RESHAPE";
    case NodeKind::Softmax: return "SOFTMAX";
    case NodeKind::Quantize: return "QUANTIZE";
    case NodeKind::Dequantize: return "DEQUANTIZE";
    default: return toString(kind);
  }
}

Interpreter::Interpreter(const ShapedGraph& graph, InterpreterOptions options) {
  prepare(graph, lower(graph), options);
}

Interpreter::Interpreter(const ShapedGraph& graph, const TensorModel& model, InterpreterOptions options) {
  prepare(graph, model, options);
}

Interpreter::~Interpreter() = default;
Interpreter::Interpreter(Interpreter&&) noexcept = default;
Interpreter& Interpreter::operator=(Interpreter&&) noexcept = default;

void Interpreter::prepare(const ShapedGraph& graph, const TensorModel& model, const InterpreterOptions& options) {
  // A graph drawn by hand has layers but no weights: say so once, before any per-layer
  // detail, since no layer of it could run.
  for (const auto& op : model.operators) {
    const Node& node = graph.node(op.layer);
    if (isWeighted(node.kind) && node.constants.empty())
      throw InterpreterError(layerLabel(node) +
                             ": has no weights; the model is a drawn or unquantized graph. The interpreter runs "
                             "quantized int8 models (an imported .tflite, or a graph exported with its weights)");
  }

  const int op_count = static_cast<int>(model.operators.size());
  std::vector<int> request_of(model.tensors.size(), -1);
  std::vector<ArenaRequest> requests;
  auto request = [&](int tensor) {
    if (request_of[static_cast<size_t>(tensor)] < 0) {
      const TensorInfo& info = model.tensors[static_cast<size_t>(tensor)];
      ArenaRequest r;
      r.bytes = info.bytes;
      r.first_op = info.producer >= 0 ? info.producer : 0;
      r.last_op = info.consumers.empty() ? r.first_op : info.consumers.back();
      r.fixed_offset_bytes = info.offline_offset_bytes;  // the model's offline plan, as TFLM takes it
      request_of[static_cast<size_t>(tensor)] = static_cast<int>(requests.size());
      requests.push_back(r);
    }
    return request_of[static_cast<size_t>(tensor)];
  };
  for (int t : model.inputs) request(t);
  for (const auto& op : model.operators) {
    for (int t : op.inputs)
      if (t >= 0 && !model.tensors[static_cast<size_t>(t)].is_constant) request(t);
    for (int t : op.outputs) request(t);
  }
  for (int t : model.outputs) requests[static_cast<size_t>(request(t))].last_op = op_count;
  if (const auto [a, b] = conflictingFixedRequests(requests); a >= 0) {
    auto name = [&](int r) {
      for (size_t t = 0; t < request_of.size(); ++t)
        if (request_of[t] == r) return "'" + model.tensors[t].name + "'";
      return std::string("?");
    };
    throw InterpreterError("the model's offline memory plan puts tensors " + name(a) + " and " + name(b) +
                           " on the same bytes while both are alive");
  }
  const ArenaPlan plan = planArena(requests);
  arena_bytes_ = plan.arena_bytes;
  arena_.assign(static_cast<size_t>(std::max<int64_t>(arena_bytes_, 16)), 0);

  auto view = [&](int tensor) {
    const TensorInfo& info = model.tensors[static_cast<size_t>(tensor)];
    ActivationView v;
    v.offset_bytes = plan.offsets_bytes[static_cast<size_t>(request_of[static_cast<size_t>(tensor)])];
    v.type = info.type;
    v.shape = info.shape;
    v.bytes = info.bytes;
    v.quant = info.layer >= 0 ? &graph.node(info.layer).output_quant : nullptr;
    return v;
  };
  auto describe = [&](int tensor) {
    const TensorInfo& info = model.tensors[static_cast<size_t>(tensor)];
    InterpreterTensor t;
    t.name = info.name;
    t.type = info.type;
    t.shape = info.shape;
    t.bytes = info.bytes;
    const Quantization* quant = info.layer >= 0 ? &graph.node(info.layer).output_quant : nullptr;
    if (quant && !quant->empty()) {
      t.quantized = true;
      t.scale = quant->scale[0];
      t.zero_point = quant->zero_point.empty() ? 0 : static_cast<int32_t>(quant->zero_point[0]);
    }
    return t;
  };
  auto boundary = [&](int tensor, const char* what) {
    const TensorInfo& info = model.tensors[static_cast<size_t>(tensor)];
    if (info.type != DataType::Int8 && info.type != DataType::Float32)
      throw InterpreterError(std::string("graph ") + what + " '" + info.name + "' is " + toString(info.type) +
                             "; the interpreter takes int8 or float32");
  };
  for (int t : model.inputs) {
    boundary(t, "input");
    inputs_.push_back(describe(t));
    input_offsets_.push_back(view(t).offset_bytes);
  }
  for (int t : model.outputs) {
    boundary(t, "output");
    outputs_.push_back(describe(t));
    output_offsets_.push_back(view(t).offset_bytes);
  }

  for (const auto& op : model.operators) {
    const Node& node = graph.node(op.layer);
    Step step;
    step.label = layerLabel(node);
    try {
      std::vector<ActivationView> inputs;
      for (int t : op.inputs)
        if (t >= 0 && !model.tensors[static_cast<size_t>(t)].is_constant) inputs.push_back(view(t));
      if (op.outputs.size() != 1) throw std::runtime_error("has " + std::to_string(op.outputs.size()) + " outputs");
      step.run = prepareOperator(node, inputs, view(op.outputs[0]), options.reference_kernels);
    } catch (const std::exception& error) {
      throw InterpreterError(step.label + ": " + error.what());
    }
    steps_.push_back(std::move(step));
  }
}

std::span<uint8_t> Interpreter::inputBuffer(size_t input) {
  if (input >= inputs_.size())
    throw InterpreterError("input " + std::to_string(input) + " does not exist (the model has " +
                           std::to_string(inputs_.size()) + ")");
  return {arena_.data() + input_offsets_[input], static_cast<size_t>(inputs_[input].bytes)};
}

std::span<const uint8_t> Interpreter::outputBuffer(size_t output) const {
  if (output >= outputs_.size())
    throw InterpreterError("output " + std::to_string(output) + " does not exist (the model has " +
                           std::to_string(outputs_.size()) + ")");
  return {arena_.data() + output_offsets_[output], static_cast<size_t>(outputs_[output].bytes)};
}

void Interpreter::invoke() {
  uint8_t* arena = arena_.data();
  for (const Step& step : steps_) {
    try {
      step.run(arena);
    } catch (const std::exception& error) {
      throw InterpreterError(step.label + ": " + error.what());
    }
  }
}

std::vector<std::vector<uint8_t>> Interpreter::invoke(std::span<const std::vector<uint8_t>> inputs) {
  if (inputs.size() != inputs_.size())
    throw InterpreterError("the model takes " + std::to_string(inputs_.size()) + " input(s), got " +
                           std::to_string(inputs.size()));
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (static_cast<int64_t>(inputs[i].size()) != inputs_[i].bytes)
      throw InterpreterError("input '" + inputs_[i].name + "' needs " + std::to_string(inputs_[i].bytes) +
                             " bytes, got " + std::to_string(inputs[i].size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) std::memcpy(inputBuffer(i).data(), inputs[i].data(), inputs[i].size());
  invoke();
  std::vector<std::vector<uint8_t>> outputs;
  for (size_t o = 0; o < outputs_.size(); ++o) {
    const auto bytes = outputBuffer(o);
    outputs.emplace_back(bytes.begin(), bytes.end());
  }
  return outputs;
}

}  // namespace tinyforge
