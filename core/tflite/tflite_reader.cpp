#include "core/tflite/tflite_reader.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/graph/name_in_message.h"
#include "core/graph/graph_fingerprint.h"
#include "core/tflite/tflite_operators.h"
#include "core/tflite/tflite_schema_generated.h"

namespace tinyforge {
namespace {

// TFLM refuses any other schema version.
constexpr uint32_t kSchemaVersion = 3;
// More elements mean a corrupt file, not a microcontroller model; the cap keeps every
// size computation far from int64 overflow.
constexpr int64_t kMaxElements = int64_t{1} << 40;

// The verifier checks only that a vector's length word is 4-aligned, so the elements of
// an int64 vector (zero points) may sit at an address that is not a multiple of 8: reading
// them through a typed pointer is undefined behaviour (UBSan, and a fault on CPUs that
// trap misaligned loads). The bytes are copied instead; flatbuffers are little-endian.
template <typename T>
std::vector<T> toVector(const flatbuffers::Vector<T>* v) {
  if (!v) return {};
  if constexpr (std::is_arithmetic_v<T> && std::endian::native == std::endian::little) {
    std::vector<T> out(v->size());
    if (!out.empty()) std::memcpy(out.data(), v->Data(), out.size() * sizeof(T));
    return out;
  } else {
    return std::vector<T>(v->begin(), v->end());
  }
}

template <typename T>
size_t lengthOf(const flatbuffers::Vector<T>* v) {
  return v ? v->size() : 0;
}

std::string shapeText(const std::vector<int32_t>& shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? "x" : "") << shape[i];
  out << ']';
  return out.str();
}

std::optional<DataType> dataTypeOf(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_FLOAT32: return DataType::Float32;
    case tflite::TensorType_INT32: return DataType::Int32;
    case tflite::TensorType_UINT8: return DataType::UInt8;
    case tflite::TensorType_INT64: return DataType::Int64;
    case tflite::TensorType_INT16: return DataType::Int16;
    case tflite::TensorType_INT8: return DataType::Int8;
    case tflite::TensorType_INT4: return DataType::Int4;
    default: return std::nullopt;
  }
}

std::string tensorTypeName(tflite::TensorType type) {
  const char* name = tflite::EnumNameTensorType(type);
  return name && *name ? name : "type " + std::to_string(static_cast<int>(type));
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class Reader {
 public:
  Reader(const uint8_t* data, size_t size, std::string source) : data_(data), size_(size), source_(std::move(source)) {}

  Graph run() {
    checkEnvelope();
    model_ = tflite::GetModel(data_);
    if (model_->version() != kSchemaVersion)
      fail("schema version " + std::to_string(model_->version()) + " is not supported (expected " +
           std::to_string(kSchemaVersion) + ")");
    if (lengthOf(model_->subgraphs()) == 0) fail("the model has no subgraph");
    if (lengthOf(model_->subgraphs()) > 1)
      fail("the model has " + std::to_string(model_->subgraphs()->size()) +
           " subgraphs; only single-subgraph models are supported");
    subgraph_ = model_->subgraphs()->Get(0);
    tensor_count_ = static_cast<int>(lengthOf(subgraph_->tensors()));

    readOperatorCodes();
    checkOperatorsSupported();
    for (int i = 0; i < tensor_count_; ++i) tensors_.push_back(readTensor(i));

    Graph graph;
    graph.name = stem(source_);
    if (model_->description()) graph.description = model_->description()->str();
    readInputs(graph);
    for (int i = 0; i < static_cast<int>(lengthOf(subgraph_->operators())); ++i) readOperator(i, graph);
    nameNodes(graph);
    readOutputs(graph);
    markImportedFrom(graph, static_cast<int64_t>(size_));
    recordLayout(graph.imported_file);
    readOfflinePlan(graph);
    return graph;
  }

 private:
  struct TensorData {
    std::string name;
    DataType type = DataType::Int8;
    std::vector<int32_t> shape;
    Quantization quant;
    bool constant = false;
    std::vector<uint8_t> data;
  };

  [[noreturn]] void fail(const std::string& message) const { throw TfliteError(source_ + ": " + message); }

  std::string tensorLabel(int index) const {
    std::string label = "tensor " + std::to_string(index);
    if (index >= 0 && index < tensor_count_) {
      const auto* name = subgraph_->tensors()->Get(index)->name();
      if (name && name->size() > 0) label += " '" + nameInMessage(name->string_view()) + "'";
    }
    return label;
  }

  std::string operatorLabel(int index) const {
    std::string label = "operator " + std::to_string(index);
    const auto* op = subgraph_->operators()->Get(index);
    if (op->opcode_index() < codes_.size()) label += " (" + codeName(op->opcode_index()) + ")";
    return label;
  }

  std::string codeName(size_t opcode_index) const {
    const int32_t code = codes_[opcode_index];
    if (code == tflite::BuiltinOperator_CUSTOM) {
      const auto* custom =
          model_->operator_codes()->Get(static_cast<flatbuffers::uoffset_t>(opcode_index))->custom_code();
      return "CUSTOM '" + (custom ? custom->str() : std::string()) + "'";
    }
    return tfliteOperatorName(code);
  }

  static std::string stem(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    const size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  }

  void checkEnvelope() {
    if (size_ == 0) fail("the file is empty");
    if (size_ < 8) fail("is too short to be a TFLite model (" + std::to_string(size_) + " bytes)");
    if (size_ >= FLATBUFFERS_MAX_BUFFER_SIZE) fail("is larger than a flatbuffer can be (2 GiB)");
    if (!tflite::ModelBufferHasIdentifier(data_)) {
      std::string found;
      for (int i = 4; i < 8; ++i) {
        const unsigned char c = data_[i];
        found += std::isprint(c) ? std::string(1, static_cast<char>(c)) : "\\x" + hex(c);
      }
      fail("is not a TFLite model: its file identifier is '" + found + "', expected '" + tflite::ModelIdentifier() +
           "'");
    }
    flatbuffers::Verifier verifier(data_, size_);
    if (!tflite::VerifyModelBuffer(verifier))
      fail("is not a valid TFLite flatbuffer (truncated or corrupt: the flatbuffers verifier rejects it)");
  }

  static std::string hex(unsigned char c) {
    const char* digits = "0123456789abcdef";
    return {digits[c >> 4], digits[c & 15]};
  }

  void readOperatorCodes() {
    const auto* codes = model_->operator_codes();
    for (size_t i = 0; i < lengthOf(codes); ++i) {
      const auto* code = codes->Get(static_cast<flatbuffers::uoffset_t>(i));
      // Codes below 127 live in the old 8-bit field, the others only in the 32-bit one.
      codes_.push_back(std::max<int32_t>(code->deprecated_builtin_code(), code->builtin_code()));
    }
  }

  void checkOperatorsSupported() {
    std::vector<std::pair<std::string, int>> unsupported;  // by first occurrence
    const auto* ops = subgraph_->operators();
    for (size_t i = 0; i < lengthOf(ops); ++i) {
      const uint32_t index = ops->Get(static_cast<flatbuffers::uoffset_t>(i))->opcode_index();
      if (index >= codes_.size())
        fail("operator " + std::to_string(i) + ": operator code index " + std::to_string(index) +
             " is out of range (the model has " + std::to_string(codes_.size()) + " operator codes)");
      if (nodeKindOfBuiltin(codes_[index])) continue;
      const std::string name = codeName(index);
      auto it = std::find_if(unsupported.begin(), unsupported.end(), [&](const auto& u) { return u.first == name; });
      if (it == unsupported.end())
        unsupported.emplace_back(name, 1);
      else
        ++it->second;
    }
    if (unsupported.empty()) return;
    std::string list;
    for (const auto& [name, count] : unsupported)
      list += (list.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
    fail("unsupported operators: " + list);
  }

  TensorData readTensor(int index) {
    const auto* tensor = subgraph_->tensors()->Get(index);
    auto bad = [&](const std::string& message) { fail(tensorLabel(index) + ": " + message); };
    TensorData out;
    if (tensor->name()) out.name = tensor->name()->str();
    const auto type = dataTypeOf(tensor->type());
    if (!type) bad("type " + tensorTypeName(tensor->type()) + " is not supported");
    out.type = *type;
    if (tensor->sparsity()) bad("sparse tensors are not supported");
    if (tensor->is_variable()) bad("variable tensors are not supported");

    int64_t elements = 1;
    for (int32_t d : toVector(tensor->shape())) {
      if (d <= 0) bad("has an invalid dimension " + std::to_string(d));
      if (elements > kMaxElements / d)
        bad("has too many elements (shape " + shapeText(toVector(tensor->shape())) + ")");
      elements *= d;
      out.shape.push_back(d);
    }

    readQuantization(index, tensor, out);

    const auto* buffers = model_->buffers();
    const uint32_t buffer_index = tensor->buffer();
    if (buffer_index >= lengthOf(buffers))
      bad("buffer index " + std::to_string(buffer_index) + " is out of range (the model has " +
          std::to_string(lengthOf(buffers)) + " buffers)");
    const auto* buffer = buffers->Get(buffer_index);
    const uint8_t* bytes = nullptr;
    uint64_t byte_count = 0;
    if (buffer->data() && buffer->data()->size() > 0) {
      bytes = buffer->data()->data();
      byte_count = buffer->data()->size();
    } else if (buffer->offset() > 1) {
      // Data stored after the flatbuffer (models over 2 GiB, or written that way).
      if (buffer->offset() > size_ || buffer->size() > size_ - buffer->offset())
        bad("buffer " + std::to_string(buffer_index) + " points outside the file (offset " +
            std::to_string(buffer->offset()) + ", " + std::to_string(buffer->size()) + " bytes)");
      bytes = data_ + buffer->offset();
      byte_count = buffer->size();
    }
    if (byte_count > 0) {
      const int64_t expected = bytesOf(out.type, elements);
      if (static_cast<int64_t>(byte_count) != expected)
        bad("buffer " + std::to_string(buffer_index) + " holds " + std::to_string(byte_count) + " bytes, but " +
            shapeText(out.shape) + " " + toString(out.type) + " needs " + std::to_string(expected));
      out.constant = true;
      out.data.assign(bytes, bytes + byte_count);
    }
    return out;
  }

  static std::pair<int64_t, int64_t> zeroPointRange(DataType type) {
    switch (type) {
      case DataType::Int4: return {-8, 7};
      case DataType::Int8: return {-128, 127};
      case DataType::UInt8: return {0, 255};
      case DataType::Int16: return {-32768, 32767};
      default: return {INT32_MIN, INT32_MAX};
    }
  }

  void readQuantization(int index, const tflite::Tensor* tensor, TensorData& out) {
    const auto* q = tensor->quantization();
    if (!q) return;
    auto bad = [&](const std::string& message) { fail(tensorLabel(index) + ": quantization " + message); };
    if (q->details_type() != tflite::QuantizationDetails_NONE) bad("with custom or blockwise details is not supported");
    out.quant.scale = toVector(q->scale());
    out.quant.zero_point = toVector(q->zero_point());
    out.quant.quantized_dimension = q->quantized_dimension();
    const size_t channels = out.quant.scale.size();
    if (channels == 0) {
      if (!out.quant.zero_point.empty()) bad("has zero points but no scales");
      out.quant.quantized_dimension = 0;
      return;  // min/max without scales (a float model's ranges) mean nothing to an int8 runtime
    }
    // Kept only so a re-export writes what the file had (TFLM never reads them).
    out.quant.min = toVector(q->min());
    out.quant.max = toVector(q->max());
    if (out.quant.zero_point.size() != channels)
      bad("has " + std::to_string(channels) + " scales but " + std::to_string(out.quant.zero_point.size()) +
          " zero points");
    for (float s : out.quant.scale)
      if (!std::isfinite(s)) bad("has a scale that is not a finite number");
    // The kernels negate and add zero points in 32-bit arithmetic: one the tensor's type
    // cannot hold is a damaged file, not a model (TFLite's quantization spec).
    const auto [lowest, highest] = zeroPointRange(out.type);
    for (int64_t z : out.quant.zero_point)
      if (z < lowest || z > highest)
        bad("has zero point " + std::to_string(z) + ", outside " + toString(out.type) + "'s range [" +
            std::to_string(lowest) + ", " + std::to_string(highest) + "]");
    if (channels == 1) return;  // per tensor: the dimension is not used
    const int32_t dim = out.quant.quantized_dimension;
    // Old converters (TOCO: person_detect) give 1-D biases the filter's dimension 3;
    // TFLM accepts that, so a 1-D tensor with one scale per element passes whatever it says.
    if (out.shape.size() == 1 && out.shape[0] == static_cast<int32_t>(channels)) return;
    if (dim < 0 || dim >= static_cast<int32_t>(out.shape.size()))
      bad("dimension " + std::to_string(dim) + " is outside the tensor's rank " + std::to_string(out.shape.size()));
    if (out.shape[static_cast<size_t>(dim)] != static_cast<int32_t>(channels))
      bad("has " + std::to_string(channels) + " scales for dimension " + std::to_string(dim) + " of size " +
          std::to_string(out.shape[static_cast<size_t>(dim)]));
  }

  // What the file spends where converters differ (ImportedFile), for a re-export.
  void recordLayout(ImportedFile& file) const {
    file.buffer_alignment_bytes = bufferAlignment();
    file.runtime_version_metadata = false;
    for (size_t i = 0; i < lengthOf(model_->metadata()); ++i) {
      const auto* name = model_->metadata()->Get(static_cast<flatbuffers::uoffset_t>(i))->name();
      if (name && name->str() == "min_runtime_version") file.runtime_version_metadata = true;
    }
    // ADD (code 0) stores no builtin_code either way: only a non-zero one tells.
    file.wide_operator_codes = false;
    for (size_t i = 0; i < lengthOf(model_->operator_codes()); ++i)
      if (model_->operator_codes()->Get(static_cast<flatbuffers::uoffset_t>(i))->builtin_code() != 0)
        file.wide_operator_codes = true;
    file.subgraph_name = subgraph_->name() != nullptr;
  }

  // The largest of 16, 8 and 4 that divides the file offset of every buffer's data (the
  // flatbuffers verifier has checked that each starts 4-aligned).
  int32_t bufferAlignment() const {
    int32_t alignment = 16;
    for (size_t i = 0; i < lengthOf(model_->buffers()); ++i) {
      const auto* data = model_->buffers()->Get(static_cast<flatbuffers::uoffset_t>(i))->data();
      if (!data || data->size() == 0) continue;
      const auto offset = static_cast<size_t>(data->data() - data_);
      while (alignment > 4 && offset % static_cast<size_t>(alignment) != 0) alignment /= 2;
    }
    return alignment;
  }

  int checkedTensorIndex(int32_t index, const std::string& where) const {
    if (index < 0 || index >= tensor_count_)
      fail(where + ": tensor index " + std::to_string(index) + " is out of range (the subgraph has " +
           std::to_string(tensor_count_) + " tensors)");
    return index;
  }

  void readInputs(Graph& graph) {
    for (int32_t raw : toVector(subgraph_->inputs())) {
      const int index = checkedTensorIndex(raw, "graph input");
      const TensorData& t = tensors_[index];
      if (t.constant) fail("graph input " + tensorLabel(index) + " holds constant data");
      if (producer_.count(index)) fail("graph input " + tensorLabel(index) + " is listed twice");
      Node node;
      node.kind = NodeKind::Input;
      node.shape = t.shape;
      node.activation_type = t.type;
      node.output_quant = t.quant;
      node.output_name = t.name;
      node.output_tensor_index = index;
      producer_[index] = static_cast<int>(graph.nodes.size());
      input_nodes_.emplace_back();
      generated_names_.push_back("input_" + std::to_string(graph.nodes.size()));
      graph.nodes.push_back(std::move(node));
    }
  }

  ConstTensor constantOf(int index, const std::string& role) const {
    const TensorData& t = tensors_[index];
    ConstTensor c;
    c.role = role;
    c.name = t.name;
    c.type = t.type;
    c.shape = t.shape;
    c.data = t.data;
    c.quant = t.quant;
    c.tensor_index = index;  // operators sharing one constant tensor keep sharing it
    return c;
  }

  void readOperator(int op_index, Graph& graph) {
    const auto* op = subgraph_->operators()->Get(op_index);
    const std::string label = operatorLabel(op_index);
    auto bad = [&](const std::string& message) { fail(label + ": " + message); };
    const NodeKind kind = *nodeKindOfBuiltin(codes_[op->opcode_index()]);

    const auto outputs = toVector(op->outputs());
    if (outputs.size() != 1) bad("has " + std::to_string(outputs.size()) + " outputs, expected 1");
    const int output = checkedTensorIndex(outputs[0], label + ": output");
    if (tensors_[output].constant) bad("output " + tensorLabel(output) + " holds constant data");
    if (producer_.count(output))
      bad("output " + tensorLabel(output) + " is already written by another operator or is a graph input");

    Node node;
    node.kind = kind;
    node.activation_type = tensors_[output].type;
    node.output_quant = tensors_[output].quant;
    node.output_name = tensors_[output].name;
    node.output_tensor_index = output;

    const auto operands = toVector(op->inputs());
    const OperandLayout layout = operandLayout(kind);
    const auto& roles = layout.constant_roles;
    const size_t activations = layout.activations == 0 ? operands.size() : layout.activations;
    if (operands.empty() || operands.size() < activations || operands.size() > activations + roles.size())
      bad("has " + std::to_string(operands.size()) + " inputs, expected " +
          (roles.empty() ? std::to_string(activations)
                         : std::to_string(activations) + " to " + std::to_string(activations + roles.size())));
    std::vector<int> input_nodes;
    for (size_t i = 0; i < operands.size(); ++i) {
      const std::string where = label + ": input " + std::to_string(i);
      if (i >= activations) {
        const std::string& role = roles[i - activations];
        if (operands[i] == -1) {
          if (!isOptionalOperand(kind, role)) bad("the " + role + " operand is missing");
          ConstTensor absent;
          absent.role = "absent";
          node.constants.push_back(std::move(absent));
          continue;
        }
        const int index = checkedTensorIndex(operands[i], where);
        if (!tensors_[index].constant)
          bad("the " + role + " operand " + tensorLabel(index) + " is computed at run time; only constant " + role +
              " operands are supported");
        node.constants.push_back(constantOf(index, role));
        continue;
      }
      const int index = checkedTensorIndex(operands[i], where);
      if (tensors_[index].constant)
        bad("input " + std::to_string(i) + " (" + tensorLabel(index) +
            ") is a constant where an activation is expected; constant operands before activation operands "
            "(such as " +
            tfliteOperatorName(codes_[op->opcode_index()]) + " of a constant and a tensor) are not supported yet");
      auto producer = producer_.find(index);
      if (producer == producer_.end())
        bad("reads " + tensorLabel(index) + " before any operator writes it (and it is not a graph input)");
      node.inputs.push_back(std::string());  // named in nameNodes(), once every node has its name
      input_nodes.push_back(producer->second);
    }
    try {
      readOperatorOptions(*op, tensors_[operands[0]].shape, tensors_[output].shape, node);
    } catch (const OperatorProblem& problem) {
      bad(problem.what());
    }

    producer_[output] = static_cast<int>(graph.nodes.size());
    input_nodes_.push_back(std::move(input_nodes));
    generated_names_.push_back(lowercase(tfliteOperatorName(codes_[op->opcode_index()])) + "_" +
                               std::to_string(op_index));
    graph.nodes.push_back(std::move(node));
  }

  // Node names: the output tensor's name where it is unique, else a generated name.
  void nameNodes(Graph& graph) {
    std::map<std::string, int> uses;
    for (const Node& node : graph.nodes) ++uses[node.output_name];
    std::set<std::string> taken;
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      Node& node = graph.nodes[i];
      if (!node.output_name.empty() && uses[node.output_name] == 1) {
        node.name = node.output_name;
        taken.insert(node.name);
      }
    }
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      Node& node = graph.nodes[i];
      if (!node.name.empty()) continue;
      std::string name = generated_names_[i];
      for (int n = 2; taken.count(name) || uses.count(name); ++n) name = generated_names_[i] + "_" + std::to_string(n);
      node.name = name;
      taken.insert(name);
    }
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      for (size_t k = 0; k < input_nodes_[i].size(); ++k)
        graph.nodes[i].inputs[k] = graph.nodes[input_nodes_[i][k]].name;
  }

  void readOutputs(Graph& graph) {
    for (int32_t raw : toVector(subgraph_->outputs())) {
      const int index = checkedTensorIndex(raw, "graph output");
      auto producer = producer_.find(index);
      if (producer == producer_.end())
        fail("graph output " + tensorLabel(index) + " is not written by any operator nor a graph input");
      graph.outputs.push_back(graph.nodes[producer->second].name);
    }
  }

  // TFLM's offline memory plan (micro_allocation_info.cc GetOfflinePlannedOffsets): the
  // metadata entry named exactly "OfflineMemoryAllocation" points at a buffer of int32
  // [version, subgraphs, n, offset of tensor 0 .. n-1], n = the tensor count, each offset
  // an arena-head byte offset or -1 (planned at run time). Offsets of activations go to
  // the nodes producing them; TFLM ignores those of constants. Whether the plan overlaps
  // live tensors is checked where lifetimes are known (runtime/offline_plan.h).
  void readOfflinePlan(Graph& graph) {
    const auto* metadata = model_->metadata();
    for (size_t m = 0; m < lengthOf(metadata); ++m) {
      const auto* entry = metadata->Get(static_cast<flatbuffers::uoffset_t>(m));
      if (!entry->name() || entry->name()->str() != "OfflineMemoryAllocation") continue;
      const std::string where = "metadata 'OfflineMemoryAllocation'";
      if (entry->buffer() >= lengthOf(model_->buffers()))
        fail(where + ": buffer index " + std::to_string(entry->buffer()) + " is out of range (the model has " +
             std::to_string(lengthOf(model_->buffers())) + " buffers)");
      const auto* data = model_->buffers()->Get(entry->buffer())->data();
      const size_t bytes = lengthOf(data);
      if (bytes < 12 || bytes % 4 != 0)
        fail(where + ": holds " + std::to_string(bytes) +
             " bytes; expected int32 words [version, subgraphs, count, offsets...]");
      auto word = [&](size_t i) {
        uint32_t v = 0;
        for (int k = 3; k >= 0; --k) v = (v << 8) | data->Get(static_cast<flatbuffers::uoffset_t>(4 * i + k));
        return static_cast<int32_t>(v);
      };
      const int32_t count = word(2);
      if (count != tensor_count_)
        fail(where + ": has " + std::to_string(count) + " offsets for " + std::to_string(tensor_count_) +
             " tensors (TFLM refuses such a model)");
      if (bytes != 12 + 4 * static_cast<size_t>(count))
        fail(where + ": holds " + std::to_string(bytes) + " bytes; " + std::to_string(count) + " offsets need " +
             std::to_string(12 + 4 * static_cast<size_t>(count)));
      for (int t = 0; t < count; ++t) {
        const int32_t offset = word(3 + static_cast<size_t>(t));
        if (offset < -1)
          fail(where + ": " + tensorLabel(t) + " has offset " + std::to_string(offset) +
               "; offsets are bytes >= 0, or -1 for a tensor TFLM plans at run time");
        if (offset < 0 || tensors_[static_cast<size_t>(t)].constant) continue;
        auto producer = producer_.find(t);
        if (producer == producer_.end()) continue;  // no operator reads or writes it: not planned here
        graph.nodes[static_cast<size_t>(producer->second)].offline_offset_bytes = offset;
      }
    }
  }

  const uint8_t* data_;
  size_t size_;
  std::string source_;
  const tflite::Model* model_ = nullptr;
  const tflite::SubGraph* subgraph_ = nullptr;
  int tensor_count_ = 0;
  std::vector<int32_t> codes_;
  std::vector<TensorData> tensors_;
  std::map<int, int> producer_;                // tensor index -> node index
  std::vector<std::vector<int>> input_nodes_;  // per node: the nodes its inputs come from
  std::vector<std::string> generated_names_;   // per node: its fallback name
};

}  // namespace

std::string tfliteOperatorName(int32_t builtin_code) {
  const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(builtin_code));
  if (name && *name) return name;
  return "BUILTIN_" + std::to_string(builtin_code);
}

Graph importTfliteBytes(const uint8_t* data, size_t size, const std::string& source_name) {
  if (data == nullptr && size > 0) throw TfliteError(source_name + ": no data");
  static const uint8_t kNothing = 0;
  return Reader(data ? data : &kNothing, size, source_name).run();
}

Graph importTflite(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw TfliteError(path + ": no such file");
  if (std::filesystem::is_directory(path, error)) throw TfliteError(path + ": is a directory, not a .tflite file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TfliteError(path + ": cannot open the file");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw TfliteError(path + ": cannot read the file");
  return importTfliteBytes(bytes.data(), bytes.size(), path);
}

}  // namespace tinyforge
