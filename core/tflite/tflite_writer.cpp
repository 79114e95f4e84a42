// Layout of the files written here, and why (the converter's files in
// /work/shared/models are the reference; "the converter" is TensorFlow's MLIR converter):
// - Schema version 3, identifier "TFL3", one subgraph named "main", builtin operators
//   only. Operator codes in order of first use, each with builtin_code and
//   deprecated_builtin_code (min(code, 127)) and the largest version any of its operators
//   gets from tflite_writer_ops.h; version 1 and code 0 are defaults and not stored.
// - Tensors in TensorModel order; tensor t refers to buffer t + 1, empty for activations,
//   as the converter gives every tensor a buffer of its own. Buffer 0 is the empty
//   sentinel; the metadata buffers come last. Buffer data is 16-byte aligned (the schema's
//   force_align), or 4-byte aligned when the graph was imported from a file that was (TOCO
//   and the early MLIR converter), so that a re-export is never larger than the file.
// - Quantization: per-channel scale and zero point as given (or 1.0 / 0 placeholders,
//   one per channel lower() counts, for a graph not yet quantized), quantized_dimension
//   3 for depthwise filters, an empty table on unquantized integer tensors and none on
//   float tensors, as the converter does. Min/max arrays exactly where the graph has them
//   (an imported file's own: the MicroNets' converter wrote them on every tensor, TOCO on
//   activations only, newer converters nowhere); on int8/int16 tensors not quantized yet
//   (a drawn graph), placeholders when asked, as the MicroNets' converter would write.
// - Builtin options as the converter writes them (defaults not stored): RESHAPE, QUANTIZE
//   and DEQUANTIZE have none, PAD an empty table, CONCATENATION a non-negative axis.
// - Constants without values are zeros of the exact size; a reshape's shape, a pad's
//   paddings and a mean's axes of a drawn graph get their values from the geometry.
// - Metadata "min_runtime_version" (16 bytes, zero padded, as the converter writes it)
//   and, when offsets are given or the model carries an imported plan,
//   "OfflineMemoryAllocation".
// - An imported graph keeps what its file spent where converters differ (ImportedFile in
//   core/graph/graph.h): buffer alignment, the runtime-version metadata, the 32-bit
//   operator code field, the subgraph name; old TOCO files have none of these.
// Not written: signature defs, CONVERSION_METADATA and shape signatures of the newest
// converters (a few hundred bytes), which TFLM does not read.
//
// One routine (Emitter) makes every builder call; FlatbufferOut turns them into the file,
// SizeCounter into its size. So the size figure equals the file by construction, and the
// tests hold it to the byte on every real model and drawn graph.

#include "core/tflite/tflite_writer.h"

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "core/io/atomic_file.h"
#include "core/tflite/tflite_schema_generated.h"
#include "core/tflite/tflite_writer_builders.h"
#include "core/tflite/tflite_writer_names.h"
#include "core/tflite/tflite_writer_ops.h"

namespace tinyforge {
namespace {

using tflite_writer::FlatbufferOut;
using tflite_writer::Pieces;
using tflite_writer::Ref;
using tflite_writer::SizeCounter;
using tflite_writer::TensorRole;

// TFLM refuses any other schema version.
constexpr uint32_t kSchemaVersion = 3;
// The converter's "min_runtime_version" buffer is 16 bytes, zero padded.
constexpr size_t kRuntimeVersionBytes = 16;
constexpr uint32_t kBufferAlignmentBytes = 16;
constexpr std::string_view kDefaultDescription = "Written by TinyForge.";
constexpr std::string_view kSubgraphName = "main";
constexpr size_t kNodeKinds = static_cast<size_t>(NodeKind::Residual) + 1;

int8_t tensorType(DataType type) {
  switch (type) {
    case DataType::Int8: return tflite::TensorType_INT8;
    case DataType::Int16: return tflite::TensorType_INT16;
    case DataType::Int32: return tflite::TensorType_INT32;
    case DataType::Int4: return tflite::TensorType_INT4;
    case DataType::Float32: return tflite::TensorType_FLOAT32;
    case DataType::UInt8: return tflite::TensorType_UINT8;
    case DataType::Int64: return tflite::TensorType_INT64;
  }
  return tflite::TensorType_INT8;
}

int8_t activationCode(Activation a) {
  switch (a) {
    case Activation::Relu: return tflite::ActivationFunctionType_RELU;
    case Activation::Relu6: return tflite::ActivationFunctionType_RELU6;
    default: return tflite::ActivationFunctionType_NONE;
  }
}

int8_t paddingCode(Padding p) { return p == Padding::Valid ? tflite::Padding_VALID : tflite::Padding_SAME; }

// The integer range of a quantized type, for the converter's min/max arrays.
bool quantizedRange(DataType type, int64_t& low, int64_t& high) {
  switch (type) {
    case DataType::Int8: low = -128, high = 127; return true;
    case DataType::UInt8: low = 0, high = 255; return true;
    case DataType::Int16: low = -32768, high = 32767; return true;
    case DataType::Int4: low = -8, high = 7; return true;
    default: return false;
  }
}

// Operands of an operator that carry activations; the rest are constants in the IR.
size_t constantRoleCount(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
    case NodeKind::FullyConnected: return 2;
    case NodeKind::Reshape:
    case NodeKind::Pad:
    case NodeKind::Mean: return 1;
    default: return 0;
  }
}

// Per-call working memory, kept between calls so the size figure allocates nothing.
struct Scratch {
  std::vector<TensorRole> roles;
  std::vector<Ref> refs;
  std::vector<Ref> tensors;
  std::vector<Ref> operators;
  std::vector<Ref> buffers;
  std::vector<Ref> codes;
  std::vector<uint8_t> bytes;
  std::array<int, kNodeKinds> code_index{};
  std::array<int32_t, kNodeKinds> code_version{};
  std::vector<NodeKind> code_kinds;
  std::vector<int32_t> plan_words;  // the offline plan's int32 words
  // The size counter's memo of repeated steps (Emitter::memoized): key -> bytes, valid for
  // one run (it depends on the vtables written so far).
  struct Memo {
    struct Slot {
      uint32_t generation = 0;
      uint32_t bytes = 0;
      uint64_t key = 0;
    };
    static constexpr size_t kSlots = 256;
    std::array<Slot, kSlots> slots{};
    uint32_t generation = 1;
    size_t count = 0;
    void clear() {
      count = 0;
      if (++generation == 0) {
        slots.fill({});
        generation = 1;
      }
    }
    static size_t slotOf(uint64_t key) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 56) & (kSlots - 1); }
    const uint32_t* find(uint64_t key) const {
      for (size_t i = slotOf(key); slots[i].generation == generation; i = (i + 1) & (kSlots - 1))
        if (slots[i].key == key) return &slots[i].bytes;
      return nullptr;
    }
    void put(uint64_t key, uint32_t bytes) {
      if (2 * (count + 1) > kSlots) return;  // full enough: just stop remembering
      size_t i = slotOf(key);
      while (slots[i].generation == generation) i = (i + 1) & (kSlots - 1);
      slots[i] = {generation, bytes, key};
      ++count;
    }
  };
  Memo memo;
};

// Buffer data alignment: the current converter's 16 bytes (the schema's force_align),
// or an imported file's own, smaller one (TOCO and early MLIR converters aligned to 4),
// so that a re-export is no larger than the file. TFLM needs no more than 4 (int32 biases).
uint32_t bufferAlignmentOf(const Graph& graph) {
  const int32_t file = graph.imported_file.buffer_alignment_bytes;
  return file == 4 || file == 8 ? static_cast<uint32_t>(file) : kBufferAlignmentBytes;
}

[[noreturn]] void fail(const ShapedGraph& graph, int layer, const std::string& message) {
  if (layer >= 0 && static_cast<size_t>(layer) < graph.expanded.nodes.size())
    throw TfliteError("layer '" + graph.node(layer).name + "': " + message);
  throw TfliteError(message);
}

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text + "]";
}

template <typename B>
class Emitter {
 public:
  Emitter(B& out, Scratch& s, const ShapedGraph& graph, const TensorModel& model, const TfliteWriteOptions& options)
      : b_(out), s_(s), graph_(graph), model_(model), options_(options), layout_(graph.expanded.imported_file),
        buffer_alignment_(bufferAlignmentOf(graph.expanded)) {}

  size_t run() {
    b_.clear();
    s_.memo.clear();
    classifyTensors();
    collectOperatorCodes();

    s_.codes.clear();
    for (NodeKind kind : s_.code_kinds) s_.codes.push_back(operatorCode(kind));
    const Ref codes = b_.refs(s_.codes.data(), s_.codes.size());

    s_.tensors.clear();
    for (size_t t = 0; t < model_.tensors.size(); ++t) s_.tensors.push_back(tensor(static_cast<int>(t)));
    const Ref tensors = b_.refs(s_.tensors.data(), s_.tensors.size());
    const Ref inputs = intVector(model_.inputs);
    const Ref outputs = intVector(model_.outputs);
    s_.operators.clear();
    for (const OperatorInfo& op : model_.operators) s_.operators.push_back(operatorTable(op));
    const Ref operators = b_.refs(s_.operators.data(), s_.operators.size());
    Pieces subgraph_name;
    subgraph_name.add(kSubgraphName);
    const Ref name = layout_.subgraph_name ? b_.string(subgraph_name) : 0;
    uint32_t start = b_.startTable();
    b_.ref(tflite::SubGraph::VT_NAME, name);
    b_.ref(tflite::SubGraph::VT_OPERATORS, operators);
    b_.ref(tflite::SubGraph::VT_OUTPUTS, outputs);
    b_.ref(tflite::SubGraph::VT_INPUTS, inputs);
    b_.ref(tflite::SubGraph::VT_TENSORS, tensors);
    const Ref subgraph = b_.endTable(start);
    const Ref subgraphs = b_.refs(&subgraph, 1);

    // Buffer 0 is the empty sentinel; tensor t owns buffer t + 1 (empty for activations),
    // as the converter lays it out; metadata buffers follow.
    s_.buffers.clear();
    s_.buffers.push_back(buffer(0));
    for (size_t t = 0; t < model_.tensors.size(); ++t) s_.buffers.push_back(tensorBuffer(static_cast<int>(t)));
    const uint32_t runtime_buffer = static_cast<uint32_t>(s_.buffers.size());
    if (layout_.runtime_version_metadata) s_.buffers.push_back(runtimeVersionBuffer());
    uint32_t offline_buffer = 0;
    if (!options_.offline_offsets_bytes.empty() || modelHasOfflinePlan()) {
      offline_buffer = static_cast<uint32_t>(s_.buffers.size());
      s_.buffers.push_back(offlinePlanBuffer());
    }
    const Ref buffers = b_.refs(s_.buffers.data(), s_.buffers.size());

    std::array<Ref, 2> metadata{};
    size_t metadata_count = 0;
    if (layout_.runtime_version_metadata) metadata[metadata_count++] = metadataEntry("min_runtime_version", runtime_buffer);
    if (offline_buffer) metadata[metadata_count++] = metadataEntry("OfflineMemoryAllocation", offline_buffer);
    const Ref metadata_vector = metadata_count > 0 ? b_.refs(metadata.data(), metadata_count) : 0;

    Pieces description;
    description.add(!options_.description.empty()          ? std::string_view(options_.description)
                    : !graph_.expanded.description.empty() ? std::string_view(graph_.expanded.description)
                                                           : kDefaultDescription);
    const Ref description_ref = b_.string(description);

    start = b_.startTable();
    b_.ref(tflite::Model::VT_METADATA, metadata_vector);
    b_.ref(tflite::Model::VT_BUFFERS, buffers);
    b_.ref(tflite::Model::VT_DESCRIPTION, description_ref);
    b_.ref(tflite::Model::VT_SUBGRAPHS, subgraphs);
    b_.ref(tflite::Model::VT_OPERATOR_CODES, codes);
    b_.template scalar<uint32_t>(tflite::Model::VT_VERSION, kSchemaVersion, 0);
    const Ref root = b_.endTable(start);
    return b_.finish(root, tflite::ModelIdentifier());
  }

 private:
  // Which operand of its layer each constant tensor is.
  void classifyTensors() {
    s_.roles.assign(model_.tensors.size(), TensorRole::Output);
    for (const OperatorInfo& op : model_.operators) {
      const size_t roles = constantRoleCount(op.kind);
      const size_t first = op.inputs.size() >= roles ? op.inputs.size() - roles : 0;
      for (size_t k = first; k < op.inputs.size(); ++k) {
        const int t = op.inputs[k];
        if (t < 0 || !model_.tensors[static_cast<size_t>(t)].is_constant) continue;
        const bool weights = roles == 2;
        s_.roles[static_cast<size_t>(t)] =
            !weights ? TensorRole::Operand : (k == first ? TensorRole::Filter : TensorRole::Bias);
      }
    }
  }

  DataType typeOf(int tensor) const {
    return tensor >= 0 ? model_.tensors[static_cast<size_t>(tensor)].type : DataType::Float32;
  }

  void collectOperatorCodes() {
    s_.code_index.fill(-1);
    s_.code_version.fill(0);
    s_.code_kinds.clear();
    for (const OperatorInfo& op : model_.operators) {
      const size_t kind = static_cast<size_t>(op.kind);
      if (tfliteBuiltinCode(op.kind) < 0) fail(graph_, op.layer, std::string(toString(op.kind)) + " is no TFLite operator");
      if (s_.code_index[kind] < 0) {
        s_.code_index[kind] = static_cast<int>(s_.code_kinds.size());
        s_.code_kinds.push_back(op.kind);
      }
      const Node& node = graph_.node(op.layer);
      OperatorSignature sig;
      sig.kind = op.kind;
      sig.input_type = op.inputs.empty() ? DataType::Float32 : typeOf(op.inputs[0]);
      sig.filter_type = op.inputs.size() > 1 ? typeOf(op.inputs[1]) : DataType::Float32;
      sig.output_type = op.outputs.empty() ? DataType::Float32 : typeOf(op.outputs[0]);
      sig.input_rank = op.inputs.empty() || op.inputs[0] < 0
                           ? 0
                           : static_cast<int32_t>(model_.tensors[static_cast<size_t>(op.inputs[0])].shape.size());
      sig.operand_count = static_cast<int32_t>(op.inputs.size());
      sig.dilated = node.dilation_h != 1 || node.dilation_w != 1;
      sig.per_channel = node.output_quant.scale.size() > 1;
      s_.code_version[kind] = std::max(s_.code_version[kind], tfliteOperatorVersion(sig));
    }
  }

  Ref operatorCode(NodeKind kind) {
    const int32_t code = tfliteBuiltinCode(kind);
    const uint32_t start = b_.startTable();
    // Current converters write the code twice: the 32-bit field, and the old 8-bit one
    // (capped at 127, PLACEHOLDER_FOR_GREATER_OP_CODES) for older readers. Files from before
    // the 32-bit field keep to the 8-bit one where it suffices (TFLM reads the larger).
    if (layout_.wide_operator_codes || code >= 127)
      b_.template scalar<int32_t>(tflite::OperatorCode::VT_BUILTIN_CODE, code, 0);
    b_.template scalar<int32_t>(tflite::OperatorCode::VT_VERSION, s_.code_version[static_cast<size_t>(kind)], 1);
    b_.template scalar<int8_t>(tflite::OperatorCode::VT_DEPRECATED_BUILTIN_CODE,
                               static_cast<int8_t>(std::min<int32_t>(code, 127)), 0);
    return b_.endTable(start);
  }

  Ref intVector(const std::vector<int>& values) {
    return b_.template vector<int32_t>(values.size(), [&](size_t i) { return static_cast<int32_t>(values[i]); });
  }

  // The tensor's own name from an imported model or a graph that names it, else null.
  const std::string* ownName(const TensorInfo& t) const {
    if (t.is_constant) {
      const ConstTensor* c = constantOf(graph_, t);
      return c && !c->name.empty() ? &c->name : nullptr;
    }
    const Node& node = graph_.node(t.layer);
    return node.output_name.empty() ? nullptr : &node.output_name;
  }

  Ref tensorName(int index) {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    if constexpr (std::is_same_v<B, SizeCounter>) {
      if (!ownName(t) && options_.names == TfliteNames::Converter && t.layer >= 0) {
        tflite_writer::NameLength length;
        tflite_writer::converterName(graph_.node(t.layer), s_.roles[static_cast<size_t>(index)], length);
        return b_.stringOfLength(length.length);
      }
    }
    Pieces name;
    if (const std::string* own = ownName(t)) name.add(*own);
    else if (options_.names == TfliteNames::Short || t.layer < 0) name.add(t.name);
    else tflite_writer::converterName(graph_.node(t.layer), s_.roles[static_cast<size_t>(index)], name);
    return b_.string(name);
  }

  // What a tensor's QuantizationParameters table holds; the checks that can fail are
  // made here, before anything is emitted.
  struct QuantPlan {
    const Quantization* q = nullptr;
    size_t channels = 0;
    int32_t dimension = 0;
    bool none = false;     // no table at all (float tensors without quantization)
    bool min_max = false;  // placeholder min/max arrays, as the converter would write them
    bool recorded_min_max = false;  // the graph's own min/max arrays (an imported file's)
    int64_t low = 0, high = 0;
  };

  QuantPlan quantPlan(int index) const {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    const Node& node = graph_.node(t.layer);
    QuantPlan plan;
    const Quantization*& q = plan.q;
    if (t.is_constant) {
      const ConstTensor* c = constantOf(graph_, t);
      if (c && !c->quant.empty()) q = &c->quant;
    } else if (!node.output_quant.empty()) {
      q = &node.output_quant;
    }
    const size_t channels = q ? q->scale.size() : static_cast<size_t>(std::max<int32_t>(t.quant_channels, 0));
    plan.channels = channels;
    // The converter writes no quantization for float tensors and an empty table for the
    // other unquantized ones (int32 shapes, paddings).
    if (channels == 0 && t.type == DataType::Float32) {
      plan.none = true;
      return plan;
    }
    if (q && q->zero_point.size() != channels)
      fail(graph_, t.layer, "tensor '" + t.name + "' has " + std::to_string(channels) + " scales but " +
                                std::to_string(q->zero_point.size()) + " zero points");
    plan.dimension = q ? q->quantized_dimension
                       : (s_.roles[static_cast<size_t>(index)] == TensorRole::Filter &&
                                  node.kind == NodeKind::DepthwiseConv2D
                              ? 3
                              : 0);
    // The graph's own min/max where it has quantization (an imported file's arrays, or none
    // after TinyForge's quantizer); placeholders only for a tensor not quantized yet, whose
    // size is a prediction of the converter's file.
    if (q) plan.recorded_min_max = !q->min.empty() || !q->max.empty();
    else plan.min_max = channels > 0 && options_.min_max && quantizedRange(t.type, plan.low, plan.high);
    return plan;
  }

  Ref quantization(const QuantPlan& plan) {
    if (plan.none) return 0;
    const Quantization* q = plan.q;
    const size_t channels = plan.channels;
    auto scale = [q](size_t i) { return q ? q->scale[i] : 1.0f; };
    auto zero = [q](size_t i) { return q ? q->zero_point[i] : int64_t{0}; };

    Ref min = 0, max = 0, scales = 0, zeros = 0;
    if (channels > 0) {
      if (plan.recorded_min_max) {
        min = b_.template vector<float>(q->min.size(), [q](size_t i) { return q->min[i]; });
        max = b_.template vector<float>(q->max.size(), [q](size_t i) { return q->max[i]; });
      } else if (plan.min_max) {
        const int64_t low = plan.low, high = plan.high;
        min = b_.template vector<float>(channels, [&](size_t i) { return static_cast<float>(low - zero(i)) * scale(i); });
        max = b_.template vector<float>(channels, [&](size_t i) { return static_cast<float>(high - zero(i)) * scale(i); });
      }
      scales = b_.template vector<float>(channels, scale);
      zeros = b_.template vector<int64_t>(channels, zero);
    }
    const uint32_t start = b_.startTable();
    b_.template scalar<int32_t>(tflite::QuantizationParameters::VT_QUANTIZED_DIMENSION, plan.dimension, 0);
    b_.ref(tflite::QuantizationParameters::VT_ZERO_POINT, zeros);
    b_.ref(tflite::QuantizationParameters::VT_SCALE, scales);
    b_.ref(tflite::QuantizationParameters::VT_MAX, max);
    b_.ref(tflite::QuantizationParameters::VT_MIN, min);
    return b_.endTable(start);
  }

  // The length of the name tensorName() writes.
  size_t nameLength(int index) const {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    if (const std::string* own = ownName(t)) return own->size();
    if (options_.names == TfliteNames::Short || t.layer < 0) return t.name.size();
    tflite_writer::NameLength length;
    tflite_writer::converterName(graph_.node(t.layer), s_.roles[static_cast<size_t>(index)], length);
    return length.length;
  }

  Ref tensor(int index) {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    if (t.layer < 0 || static_cast<size_t>(t.layer) >= graph_.layers.size())
      throw TfliteError("tensor '" + t.name + "' belongs to no layer of the graph");
    const QuantPlan plan = quantPlan(index);
    if constexpr (std::is_same_v<B, SizeCounter>) {
      // A tensor's bytes depend only on these figures and the position modulo 8 (no
      // alignment above 8 inside it), once its vtables exist: repeated layers replay them.
      const size_t name_length = nameLength(index);
      // Recorded min/max arrays count in the key only as present or not: the memo is off
      // when their lengths are not the channel count.
      const bool recorded_as_channels = !plan.recorded_min_max ||
                                        (plan.q->min.size() == plan.channels && plan.q->max.size() == plan.channels);
      const bool memo = recorded_as_channels && plan.channels < (size_t{1} << 24) &&
                        name_length < (size_t{1} << 20) && t.shape.size() < 16;
      const bool min_max = plan.min_max || plan.recorded_min_max;  // same bytes either way
      const uint64_t key = uint64_t{1} << 62 | uint64_t{plan.none} << 61 | uint64_t{min_max} << 60 |
                           uint64_t{plan.dimension != 0} << 59 | uint64_t{tensorType(t.type) != 0} << 58 |
                           uint64_t{t.shape.size()} << 54 | uint64_t{name_length} << 34 |
                           uint64_t{plan.channels} << 10 | (b_.position() % 8);
      return memoized(memo, key, plan.channels > 0 ? 8 : 4, [&] {
        return tensorTable(index, plan, [&] { return b_.stringOfLength(name_length); });
      });
    } else {
      return tensorTable(index, plan, [&] { return tensorName(index); });
    }
  }

  // Runs `emit` (which must produce the same builder calls whenever `key` is the same),
  // or replays its bytes when it ran before with all its vtables already written.
  template <typename Emit>
  Ref memoized(bool usable, uint64_t key, uint32_t alignment, Emit&& emit) {
    if (!usable) return emit();
    if (const uint32_t* bytes = s_.memo.find(key)) return b_.skip(*bytes, alignment);
    const uint32_t before = b_.position();
    const size_t vtables = b_.vtableCount();
    const Ref r = emit();
    if (b_.vtableCount() == vtables) s_.memo.put(key, b_.position() - before);
    return r;
  }

  // The tensor's quantization, name (from `name_ref`), shape and table, in that order.
  template <typename NameRef>
  Ref tensorTable(int index, const QuantPlan& plan, NameRef&& name_ref) {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    const Ref quant = quantization(plan);
    const Ref name = name_ref();
    const Ref shape = b_.template vector<int32_t>(t.shape.size(), [&](size_t i) { return t.shape[i]; });
    const uint32_t start = b_.startTable();
    b_.ref(tflite::Tensor::VT_QUANTIZATION, quant);
    b_.ref(tflite::Tensor::VT_NAME, name);
    b_.template scalar<uint32_t>(tflite::Tensor::VT_BUFFER, static_cast<uint32_t>(index + 1), 0);
    b_.ref(tflite::Tensor::VT_SHAPE, shape);
    b_.template scalar<int8_t>(tflite::Tensor::VT_TYPE, tensorType(t.type), 0);
    return b_.endTable(start);
  }

  // Builtin options as the converter writes them: Reshape, Quantize and Dequantize carry
  // none; Pad an empty table.
  Ref options(const OperatorInfo& op, uint8_t& type) {
    const Node& n = graph_.node(op.layer);
    uint32_t start = 0;
    switch (op.kind) {
      case NodeKind::Conv2D:
        type = tflite::BuiltinOptions_Conv2DOptions;
        start = b_.startTable();
        b_.template scalar<int32_t>(tflite::Conv2DOptions::VT_DILATION_H_FACTOR, n.dilation_h, 1);
        b_.template scalar<int32_t>(tflite::Conv2DOptions::VT_DILATION_W_FACTOR, n.dilation_w, 1);
        b_.template scalar<int32_t>(tflite::Conv2DOptions::VT_STRIDE_H, n.stride_h, 0);
        b_.template scalar<int32_t>(tflite::Conv2DOptions::VT_STRIDE_W, n.stride_w, 0);
        b_.template scalar<int8_t>(tflite::Conv2DOptions::VT_FUSED_ACTIVATION_FUNCTION, activationCode(n.activation), 0);
        b_.template scalar<int8_t>(tflite::Conv2DOptions::VT_PADDING, paddingCode(n.padding), 0);
        return b_.endTable(start);
      case NodeKind::DepthwiseConv2D:
        type = tflite::BuiltinOptions_DepthwiseConv2DOptions;
        start = b_.startTable();
        b_.template scalar<int32_t>(tflite::DepthwiseConv2DOptions::VT_DILATION_H_FACTOR, n.dilation_h, 1);
        b_.template scalar<int32_t>(tflite::DepthwiseConv2DOptions::VT_DILATION_W_FACTOR, n.dilation_w, 1);
        b_.template scalar<int32_t>(tflite::DepthwiseConv2DOptions::VT_DEPTH_MULTIPLIER, n.depth_multiplier, 0);
        b_.template scalar<int32_t>(tflite::DepthwiseConv2DOptions::VT_STRIDE_H, n.stride_h, 0);
        b_.template scalar<int32_t>(tflite::DepthwiseConv2DOptions::VT_STRIDE_W, n.stride_w, 0);
        b_.template scalar<int8_t>(tflite::DepthwiseConv2DOptions::VT_FUSED_ACTIVATION_FUNCTION,
                                   activationCode(n.activation), 0);
        b_.template scalar<int8_t>(tflite::DepthwiseConv2DOptions::VT_PADDING, paddingCode(n.padding), 0);
        return b_.endTable(start);
      case NodeKind::AveragePool2D:
      case NodeKind::MaxPool2D:
        type = tflite::BuiltinOptions_Pool2DOptions;
        start = b_.startTable();
        b_.template scalar<int32_t>(tflite::Pool2DOptions::VT_FILTER_HEIGHT, n.kernel_h, 0);
        b_.template scalar<int32_t>(tflite::Pool2DOptions::VT_FILTER_WIDTH, n.kernel_w, 0);
        b_.template scalar<int32_t>(tflite::Pool2DOptions::VT_STRIDE_H, n.stride_h, 0);
        b_.template scalar<int32_t>(tflite::Pool2DOptions::VT_STRIDE_W, n.stride_w, 0);
        b_.template scalar<int8_t>(tflite::Pool2DOptions::VT_FUSED_ACTIVATION_FUNCTION, activationCode(n.activation), 0);
        b_.template scalar<int8_t>(tflite::Pool2DOptions::VT_PADDING, paddingCode(n.padding), 0);
        return b_.endTable(start);
      case NodeKind::FullyConnected:
        type = tflite::BuiltinOptions_FullyConnectedOptions;
        start = b_.startTable();
        b_.template scalar<int8_t>(tflite::FullyConnectedOptions::VT_FUSED_ACTIVATION_FUNCTION,
                                   activationCode(n.activation), 0);
        return b_.endTable(start);
      case NodeKind::Softmax:
        type = tflite::BuiltinOptions_SoftmaxOptions;
        start = b_.startTable();
        b_.template scalar<float>(tflite::SoftmaxOptions::VT_BETA, n.beta, 0.0f);
        return b_.endTable(start);
      case NodeKind::Concatenation: {
        type = tflite::BuiltinOptions_ConcatenationOptions;
        const int32_t rank = op.outputs.empty() ? 4 : static_cast<int32_t>(model_.tensors[static_cast<size_t>(op.outputs[0])].shape.size());
        start = b_.startTable();
        b_.template scalar<int32_t>(tflite::ConcatenationOptions::VT_AXIS, n.axis < 0 ? n.axis + rank : n.axis, 0);
        b_.template scalar<int8_t>(tflite::ConcatenationOptions::VT_FUSED_ACTIVATION_FUNCTION,
                                   activationCode(n.activation), 0);
        return b_.endTable(start);
      }
      case NodeKind::Add:
        type = tflite::BuiltinOptions_AddOptions;
        start = b_.startTable();
        b_.template scalar<int8_t>(tflite::AddOptions::VT_FUSED_ACTIVATION_FUNCTION, activationCode(n.activation), 0);
        return b_.endTable(start);
      case NodeKind::Mean:
        type = tflite::BuiltinOptions_ReducerOptions;
        start = b_.startTable();
        b_.template scalar<uint8_t>(tflite::ReducerOptions::VT_KEEP_DIMS, n.keep_dims ? 1 : 0, 0);
        return b_.endTable(start);
      case NodeKind::Pad:
        type = tflite::BuiltinOptions_PadOptions;
        return b_.endTable(b_.startTable());
      default: type = tflite::BuiltinOptions_NONE; return 0;
    }
  }

  Ref operatorTable(const OperatorInfo& op) {
    const Ref inputs = intVector(op.inputs);
    const Ref outputs = intVector(op.outputs);
    uint8_t type = tflite::BuiltinOptions_NONE;
    const Ref opts = options(op, type);
    const uint32_t start = b_.startTable();
    b_.ref(tflite::Operator::VT_BUILTIN_OPTIONS, opts);
    b_.ref(tflite::Operator::VT_OUTPUTS, outputs);
    b_.ref(tflite::Operator::VT_INPUTS, inputs);
    b_.template scalar<uint32_t>(tflite::Operator::VT_OPCODE_INDEX,
                                 static_cast<uint32_t>(s_.code_index[static_cast<size_t>(op.kind)]), 0);
    b_.template scalar<uint8_t>(tflite::Operator::VT_BUILTIN_OPTIONS_TYPE, type, 0);
    return b_.endTable(start);
  }

  Ref buffer(Ref data) {
    const uint32_t start = b_.startTable();
    b_.ref(tflite::Buffer::VT_DATA, data);
    return b_.endTable(start);
  }

  // Values of the operands a hand-drawn graph leaves out but the geometry decides: a
  // reshape's shape, a pad's paddings, a mean's axes.
  const uint8_t* structuralValues(const TensorInfo& t) {
    const Node& node = graph_.node(t.layer);
    const ShapedLayer& layer = graph_.layers[static_cast<size_t>(t.layer)];
    std::vector<int32_t> values;
    if (node.kind == NodeKind::Reshape) {
      values = layer.output_shape;
    } else if (node.kind == NodeKind::Mean) {
      values = {1, 2};
    } else if (node.kind == NodeKind::Pad && node.pads.size() == 4) {
      const size_t rank = layer.input_shapes.empty() ? 4 : layer.input_shapes[0].size();
      values.assign(rank * 2, 0);
      if (rank == 4) std::copy(node.pads.begin(), node.pads.end(), values.begin() + 2);
    }
    if (t.type != DataType::Int32 || static_cast<int64_t>(values.size() * 4) != t.bytes) return nullptr;
    s_.bytes.resize(values.size() * 4);
    std::memcpy(s_.bytes.data(), values.data(), s_.bytes.size());
    return s_.bytes.data();
  }

  Ref tensorBuffer(int index) {
    const TensorInfo& t = model_.tensors[static_cast<size_t>(index)];
    if constexpr (std::is_same_v<B, SizeCounter>) {
      // An empty buffer, or one of t.bytes data bytes: only the position modulo 16 (a
      // multiple of its data alignment) and the size decide its bytes, once its vtable exists.
      const bool empty = !t.is_constant || t.bytes <= 0;
      if (!empty) checkConstantSize(t);
      const uint64_t bytes = empty ? 0 : static_cast<uint64_t>(t.bytes);
      const uint64_t key = uint64_t{2} << 62 | uint64_t{empty} << 61 | bytes << 4 | (b_.position() % 16);
      return memoized(bytes < (uint64_t{1} << 56), key, empty ? 4 : buffer_alignment_, [&] {
        return empty ? buffer(0) : buffer(b_.alignedBytes(nullptr, static_cast<size_t>(t.bytes), buffer_alignment_));
      });
    }
    if (!t.is_constant || t.bytes <= 0) return buffer(0);
    const ConstTensor* c = constantOf(graph_, t);
    const uint8_t* data = nullptr;
    if (c && !c->data.empty()) {
      checkConstantSize(t);
      data = c->data.data();
    } else if constexpr (std::is_same_v<B, FlatbufferOut>) {
      // Weights without values are written as zeros of the right size, for a later
      // quantization step to fill; structural operands get their values.
      if (s_.roles[static_cast<size_t>(index)] == TensorRole::Operand) data = structuralValues(t);
    }
    return buffer(b_.alignedBytes(data, static_cast<size_t>(t.bytes), buffer_alignment_));
  }

  void checkConstantSize(const TensorInfo& t) const {
    const ConstTensor* c = constantOf(graph_, t);
    if (c && !c->data.empty() && static_cast<int64_t>(c->data.size()) != t.bytes)
      fail(graph_, t.layer, "constant '" + t.name + "' holds " + std::to_string(c->data.size()) + " bytes, but " +
                                shapeText(t.shape) + " " + toString(t.type) + " needs " + std::to_string(t.bytes));
  }

  Ref runtimeVersionBuffer() {
    std::string_view version;
    for (NodeKind kind : s_.code_kinds) {
      const std::string_view v =
          tfliteMinRuntimeVersion(tfliteBuiltinCode(kind), s_.code_version[static_cast<size_t>(kind)]);
      if (v != version && runtimeVersionLess(version, v)) version = v;
    }
    std::array<uint8_t, kRuntimeVersionBytes> bytes{};
    std::memcpy(bytes.data(), version.data(), std::min(version.size(), kRuntimeVersionBytes - 1));
    return buffer(b_.alignedBytes(bytes.data(), bytes.size(), buffer_alignment_));
  }

  // An imported model keeps the offline plan its file had (TensorInfo::offline_offset_bytes).
  bool modelHasOfflinePlan() const {
    for (const TensorInfo& t : model_.tensors)
      if (t.offline_offset_bytes >= 0) return true;
    return false;
  }

  // TFLM's offline plan: [version, subgraphs, tensor count, offset of each tensor], the
  // given offsets or else the model's own (constants -1: TFLM does not plan them).
  Ref offlinePlanBuffer() {
    const auto& given = options_.offline_offsets_bytes;
    if (!given.empty() && given.size() != model_.tensors.size())
      throw TfliteError("the offline memory plan has " + std::to_string(given.size()) + " offsets for " +
                        std::to_string(model_.tensors.size()) + " tensors");
    std::vector<int32_t>& words = s_.plan_words;
    words.assign({1, 1, static_cast<int32_t>(model_.tensors.size())});
    for (size_t t = 0; t < model_.tensors.size(); ++t) {
      const TensorInfo& tensor = model_.tensors[t];
      words.push_back(!given.empty() ? given[t] : tensor.is_constant ? -1 : tensor.offline_offset_bytes);
    }
    return buffer(b_.alignedBytes(reinterpret_cast<const uint8_t*>(words.data()), words.size() * 4, buffer_alignment_));
  }

  Ref metadataEntry(std::string_view name, uint32_t buffer_index) {
    Pieces pieces;
    pieces.add(name);
    const Ref name_ref = b_.string(pieces);
    const uint32_t start = b_.startTable();
    b_.template scalar<uint32_t>(tflite::Metadata::VT_BUFFER, buffer_index, 0);
    b_.ref(tflite::Metadata::VT_NAME, name_ref);
    return b_.endTable(start);
  }

  B& b_;
  Scratch& s_;
  const ShapedGraph& graph_;
  const TensorModel& model_;
  const TfliteWriteOptions& options_;
  const ImportedFile& layout_;  // what an imported file spent (defaults for other graphs)
  const uint32_t buffer_alignment_;
};

}  // namespace

std::vector<uint8_t> writeTflite(const ShapedGraph& graph, const TensorModel& model, const TfliteWriteOptions& options) {
  FlatbufferOut out;
  Scratch scratch;
  const size_t size = Emitter<FlatbufferOut>(out, scratch, graph, model, options).run();
  return std::vector<uint8_t>(out.data(), out.data() + size);
}

std::vector<uint8_t> writeTflite(const Graph& graph, const TfliteWriteOptions& options) {
  const ShapedGraph shaped = inferShapes(graph);
  return writeTflite(shaped, lower(shaped), options);
}

void writeTfliteFile(const Graph& graph, const std::string& path, const TfliteWriteOptions& options) {
  const std::vector<uint8_t> bytes = writeTflite(graph, options);
  writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

int64_t tfliteSizeBytes(const ShapedGraph& graph, const TensorModel& model, const TfliteWriteOptions& options) {
  thread_local SizeCounter counter;
  thread_local Scratch scratch;
  return static_cast<int64_t>(Emitter<SizeCounter>(counter, scratch, graph, model, options).run());
}

int64_t tfliteSizeBytes(const ShapedGraph& graph, const TensorModel& model) {
  static const TfliteWriteOptions kDefaults;
  return tfliteSizeBytes(graph, model, kDefaults);
}

}  // namespace tinyforge
