#include "core/codegen/c_model_generator.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "core/interpreter/interpreter.h"
#include "core/interpreter/kernel_call.h"
#include "core/codegen/c_descriptor_text.h"
#include "core/codegen/patch_stage_code.h"
#include "core/runtime/tinyforge_c_data.h"

namespace tinyforge {
namespace {

// Text from a model file (layer and tensor names) inside a C comment: printable ASCII only,
// and never the end of the comment.
std::string commentText(const std::string& text) {
  std::string out;
  for (char c : text) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  for (size_t at = out.find("*/"); at != std::string::npos; at = out.find("*/", at)) out.replace(at, 2, "*\\/");
  return out;
}

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

// The exact float as a C99 hexadecimal literal.
std::string floatLiteral(float value) {
  char text[64];
  std::snprintf(text, sizeof text, "%af", static_cast<double>(value));
  return text;
}

template <typename T>
void writeValues(std::ostringstream& out, const T* values, size_t count, size_t padded_count) {
  for (size_t i = 0; i < padded_count; ++i) {
    if (i % 20 == 0) out << "\n   ";
    out << " " << (i < count ? static_cast<int64_t>(values[i]) : 0) << ",";
  }
  out << "\n";
}

class Generator {
 public:
  Generator(const ShapedGraph& graph, const TensorModel& model, const CModelOptions& options)
      : graph_(graph), model_(model), options_(options) {}

  GeneratedModel run() {
    TinyforgeCPlanOptions plan_options;
    plan_options.dsp = options_.dsp;
    plan_options.x86 = options_.x86;
    plan_options.planner = options_.planner;
    try {
      if (options_.patches) {
        result_.patch_plan = planPatches(graph_, model_, *options_.patches, plan_options);
        result_.plan = result_.patch_plan->plan;
        patch_code_.emplace(*result_.patch_plan, model_);
      } else {
        result_.plan = planTinyforgeC(graph_, model_, plan_options);
      }
    } catch (const std::invalid_argument& error) {
      throw CodegenError(error.what());
    }
    for (size_t i = 0; i < model_.operators.size(); ++i) emitOperator(static_cast<int>(i));
    emitTensors();
    const int64_t expected =
        tinyforgeCData(graph_, model_, tinyforgeCAliasedOps(result_.plan), tinyforgeCMovedOutputs(result_.plan)).total() +
        (result_.patch_plan ? patchTableBytes(*result_.patch_plan, model_) : 0);
    if (expected != result_.model_data_bytes)
      throw std::logic_error("code generator: emitted " + std::to_string(result_.model_data_bytes) +
                             " bytes of constant data, the size model says " + std::to_string(expected));
    result_.files.push_back({"model.h", header()});
    result_.files.push_back({"model.c", source()});
    result_.files.push_back({"model_data.c", dataSource()});
    return std::move(result_);
  }

 private:
  std::string label(const Node& node) const { return "layer '" + node.name + "' (" + tfliteName(node.kind) + ")"; }

  std::string arenaAt(int64_t offset, const char* type) const {
    return "(" + std::string(type) + "*)(tfc_arena + " + std::to_string(offset) + ")";
  }

  ActivationView view(int tensor) const {
    const TensorInfo& info = model_.tensors[static_cast<size_t>(tensor)];
    ActivationView v;
    v.offset_bytes = result_.plan.tensor_offset_bytes[static_cast<size_t>(tensor)];
    v.type = info.type;
    v.shape = info.shape;
    v.bytes = info.bytes;
    v.quant = info.layer >= 0 ? &graph_.node(info.layer).output_quant : nullptr;
    return v;
  }

  // A const array in model_data.c (declared in model.c), padded to 4 bytes.
  template <typename T>
  std::string constArray(const std::string& name, const char* c_type, const std::vector<T>& values) {
    const size_t per_word = 4 / sizeof(T) ? 4 / sizeof(T) : 1;
    const size_t padded = (values.size() + per_word - 1) / per_word * per_word;
    data_ << "const " << c_type << " " << name << "[" << padded << "] TFC_MODEL_ALIGN(4) = {";
    writeValues(data_, values.data(), values.size(), padded);
    data_ << "};\n\n";
    declarations_ << "extern const " << c_type << " " << name << "[" << padded << "];\n";
    result_.model_data_bytes += static_cast<int64_t>(padded * sizeof(T));
    return name;
  }

  std::string requantArray(const std::string& name, const std::vector<kernels::QuantizedMultiplier>& values) {
    data_ << "const tfc_requant " << name << "[" << values.size() << "] TFC_MODEL_ALIGN(4) = {";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i % 6 == 0) data_ << "\n   ";
      data_ << " " << requantInit({values[i].multiplier, values[i].shift}) << ",";
    }
    data_ << "\n};\n\n";
    declarations_ << "extern const tfc_requant " << name << "[" << values.size() << "];\n";
    result_.model_data_bytes += static_cast<int64_t>(8 * values.size());
    return name;
  }

  void emitOperator(int i) {
    const OperatorInfo& op = model_.operators[static_cast<size_t>(i)];
    const Node& node = graph_.node(op.layer);
    const TinyforgeCStep& step = result_.plan.steps[static_cast<size_t>(i)];
    const std::string name = "tfc_op" + std::to_string(i);
    const bool patched = result_.patch_plan && i <= result_.patch_plan->choice.split_op;
    if (!patched)
      invoke_ << "  TFC_OP_BEGIN(" << i << "); /* " << commentText(node.name) << " (" << tfliteName(node.kind) << ") */\n";
    if (step.execution == TinyforgeCExecution::Alias) {
      invoke_ << "  /* reshape: the output is the input's bytes, nothing to run */\n";
      return;
    }
    KernelCall call;
    try {
      std::vector<ActivationView> inputs;
      for (int t : op.inputs)
        if (t >= 0 && !model_.tensors[static_cast<size_t>(t)].is_constant) inputs.push_back(view(t));
      if (op.outputs.size() != 1) throw std::runtime_error("has " + std::to_string(op.outputs.size()) + " outputs");
      ActivationView output = view(op.outputs[0]);
      // The kernel writes over its input; the move below takes the bytes to their own buffer.
      if (step.moves_output) output.offset_bytes = view(op.inputs[static_cast<size_t>(step.inplace_input)]).offset_bytes;
      call = prepareKernelCall(node, inputs, output);
    } catch (const std::exception& error) {
      throw CodegenError(label(node) + ": " + error.what());
    }
    ops_ << "/* op " << i << ": " << commentText(node.name) << " (" << tfliteName(node.kind) << ")";
    if (step.execution == TinyforgeCExecution::InPlace) ops_ << ", in place";
    ops_ << " */\n";

    // Constants.
    std::string filter, bias, requant;
    int64_t scratch_offset = -1;
    if (step.scratch_buffer >= 0) scratch_offset = result_.plan.buffers[static_cast<size_t>(step.scratch_buffer)].offset_bytes;
    if (!call.filter.empty()) {
      if (!call.packed_int4_filter.empty()) {
        constArray(name + "_filter_int4", "uint8_t", call.packed_int4_filter);
        filter = "(const int8_t*)(tfc_arena + " + std::to_string(scratch_offset) + ")";
        invoke_ << "  tfc_unpack_int4(" << name << "_filter_int4, " << call.filter.size() << ", (int8_t*)(tfc_arena + "
                << scratch_offset << "));\n";
      } else {
        filter = constArray(name + "_filter", "int8_t", call.filter);
      }
    }
    if (!call.bias.empty()) bias = constArray(name + "_bias", "int32_t", call.bias);
    if (!call.requant.empty()) requant = requantArray(name + "_requant", call.requant);
    const std::string scratch =
        step.kernel_scratch_bytes > 0 ? "(void*)(tfc_arena + " + std::to_string(scratch_offset + step.unpack_bytes) + ")"
                                      : "0";
    auto in = [&](size_t k) { return arenaAt(call.inputs.at(k).offset_bytes, "const int8_t"); };
    const std::string out = arenaAt(call.output.offset_bytes, "int8_t");
    DescriptorPointers pointers;
    if (!call.inputs.empty()) pointers.input = in(0);
    if (call.inputs.size() > 1) pointers.input2 = in(1);
    pointers.filter = filter;
    pointers.bias = bias.empty() ? "0" : bias;
    pointers.requant = requant;
    pointers.output = out;
    pointers.scratch = scratch;

    if (patched) {
      int64_t bytes = patch_code_->addOperator(i, call, {filter, bias.empty() ? "0" : bias, requant}, ops_);
      if (i == result_.patch_plan->choice.split_op) {
        bytes += patch_code_->finish(ops_);
        invoke_ << patch_code_->invokeCode();
      }
      result_.model_data_bytes += bytes;
      return;
    }

    std::ostringstream& o = ops_;
    std::string function;
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, tfc_conv2d_op>) {
            o << "static const tfc_conv2d_op " << name << " = " << conv2dInit(d, pointers) << ";\n\n";
            function = "tfc_conv2d_s8";
          } else if constexpr (std::is_same_v<T, tfc_depthwise_conv2d_op>) {
            o << "static const tfc_depthwise_conv2d_op " << name << " = " << depthwiseConv2dInit(d, pointers) << ";\n\n";
            function = step.execution == TinyforgeCExecution::InPlace ? "tfc_depthwise_conv2d_s8_inplace"
                                                                      : "tfc_depthwise_conv2d_s8";
          } else if constexpr (std::is_same_v<T, tfc_fully_connected_op>) {
            o << "static const tfc_fully_connected_op " << name << " = {.input = " << in(0) << ", .filter = " << filter
              << ", .bias = " << (bias.empty() ? "0" : bias) << ", .requant = " << requant << ", .output = " << out
              << ", .scratch = " << scratch << ",\n    .batches = " << d.batches << ", .accum_depth = " << d.accum_depth
              << ", .units = " << d.units << ", .per_channel = " << d.per_channel << ", .input_offset = "
              << d.input_offset << ", .filter_offset = " << d.filter_offset << ", .output_offset = " << d.output_offset
              << ", .act_min = " << d.act_min << ", .act_max = " << d.act_max << "};\n\n";
            function = "tfc_fully_connected_s8";
          } else if constexpr (std::is_same_v<T, tfc_add_op>) {
            o << "static const tfc_add_op " << name << " = " << addInit(d, pointers) << ";\n\n";
            function = "tfc_add_s8";
          } else if constexpr (std::is_same_v<T, tfc_pool2d_op>) {
            o << "static const tfc_pool2d_op " << name << " = " << pool2dInit(d, pointers) << ";\n\n";
            function = call.kind == KernelKind::AveragePool2D ? "tfc_average_pool2d_s8" : "tfc_max_pool2d_s8";
          } else if constexpr (std::is_same_v<T, tfc_mean_op>) {
            o << "static const tfc_mean_op " << name << " = {.input = " << in(0) << ", .output = " << out
              << ", .rank = " << d.rank << ", .input_dims = " << dimsInit(d.input_dims, d.rank)
              << ", .reduce_mask = " << d.reduce_mask << "u, .requant = " << requantInit(d.requant)
              << ", .input_zero_point = " << d.input_zero_point << ", .output_zero_point = " << d.output_zero_point
              << "};\n\n";
            function = "tfc_mean_s8";
          } else if constexpr (std::is_same_v<T, tfc_softmax_op>) {
            o << "static const tfc_softmax_op " << name << " = {.input = " << in(0) << ", .output = " << out
              << ", .rows = " << d.rows << ", .depth = " << d.depth << ", .input_multiplier = "
              << int32Literal(d.input_multiplier) << ", .input_left_shift = " << d.input_left_shift
              << ", .diff_min = " << int32Literal(d.diff_min) << "};\n\n";
            function = "tfc_softmax_s8";
          } else if constexpr (std::is_same_v<T, tfc_pad_op>) {
            o << "static const tfc_pad_op " << name << " = " << padInit(d, pointers) << ";\n\n";
            function = "tfc_pad_s8";
          } else if constexpr (std::is_same_v<T, tfc_concatenation_op>) {
            o << "static const int8_t* const " << name << "_inputs[" << call.inputs.size() << "] = {";
            for (size_t k = 0; k < call.inputs.size(); ++k) o << (k ? ", " : "") << in(k);
            o << "};\n";
            o << "static const int32_t " << name << "_axis_dims[" << call.input_axis_dims.size() << "] = "
              << dimsInit(call.input_axis_dims.data(), static_cast<int>(call.input_axis_dims.size())) << ";\n";
            result_.model_data_bytes += static_cast<int64_t>(8 * call.inputs.size());
            o << "static const tfc_concatenation_op " << name << " = {.inputs = " << name << "_inputs"
              << ", .input_axis_dims = " << name << "_axis_dims, .num_inputs = " << d.num_inputs
              << ", .output = " << out << ", .rank = " << d.rank << ", .output_dims = " << dimsInit(d.output_dims, d.rank)
              << ", .axis = " << d.axis << "};\n\n";
            function = "tfc_concatenation_s8";
          } else if constexpr (std::is_same_v<T, tfc_quantize_op>) {
            o << "static const tfc_quantize_op " << name << " = {.input = "
              << arenaAt(call.inputs.at(0).offset_bytes, "const float") << ", .output = " << out << ", .size = " << d.size
              << ", .scale = " << floatLiteral(d.scale) << ", .zero_point = " << d.zero_point << "};\n\n";
            function = "tfc_quantize_f32_s8";
          } else if constexpr (std::is_same_v<T, tfc_requantize_op>) {
            o << "static const tfc_requantize_op " << name << " = {.input = " << in(0) << ", .output = " << out
              << ", .size = " << d.size << ", .requant = " << requantInit(d.requant)
              << ", .input_zero_point = " << d.input_zero_point << ", .output_zero_point = " << d.output_zero_point
              << "};\n\n";
            function = "tfc_requantize_s8";
          } else if constexpr (std::is_same_v<T, tfc_dequantize_op>) {
            o << "static const tfc_dequantize_op " << name << " = {.input = " << in(0) << ", .output = "
              << arenaAt(call.output.offset_bytes, "float") << ", .size = " << d.size << ", .scale = "
              << floatLiteral(d.scale) << ", .zero_point = " << d.zero_point << "};\n\n";
            function = "tfc_dequantize_s8_f32";
          } else if constexpr (std::is_same_v<T, tfc_reshape_op>) {
            o << "static const tfc_reshape_op " << name << " = {.input = (const void*)(tfc_arena + "
              << call.inputs.at(0).offset_bytes << "), .output = (void*)(tfc_arena + " << call.output.offset_bytes
              << "), .bytes = " << d.bytes << "};\n\n";
            function = "tfc_reshape";
          }
        },
        call.descriptor);
    int64_t descriptor_bytes = tinyforgeCDescriptorBytes(node.kind);
    if (call.kind == KernelKind::Quantize) descriptor_bytes = 4 * (2 + 3);
    result_.model_data_bytes += descriptor_bytes;
    invoke_ << "  " << function << "(&" << name << ");\n";
    if (step.moves_output) {
      const TensorInfo& output = model_.tensors[static_cast<size_t>(op.outputs[0])];
      ops_ << "/* op " << i << ": the output leaves the input's buffer for its own */\n"
           << "static const tfc_reshape_op " << name << "_move = {.input = (const void*)(tfc_arena + "
           << call.output.offset_bytes << "), .output = (void*)(tfc_arena + "
           << result_.plan.tensor_offset_bytes[static_cast<size_t>(op.outputs[0])] << "), .bytes = " << output.bytes
           << "};\n\n";
      result_.model_data_bytes += tinyforgeCDescriptorBytes(NodeKind::Reshape);
      invoke_ << "  tfc_reshape(&" << name << "_move);\n";
    }
  }

  void emitTensors() {
    auto table = [&](const char* name, const std::vector<int>& tensors, const char* what) {
      ops_ << "const tfc_model_tensor " << name << "[" << std::max<size_t>(tensors.size(), 1) << "] = {\n";
      for (size_t k = 0; k < tensors.size(); ++k) {
        const TensorInfo& info = model_.tensors[static_cast<size_t>(tensors[k])];
        if (info.type != DataType::Int8 && info.type != DataType::Float32)
          throw CodegenError(std::string("model ") + what + " '" + info.name + "' is " + toString(info.type) +
                             "; the generated runtime takes int8 or float32");
        if (info.shape.size() > 6)
          throw CodegenError(std::string("model ") + what + " '" + info.name + "' has more than 6 dimensions");
        const Quantization* quant = info.layer >= 0 ? &graph_.node(info.layer).output_quant : nullptr;
        const bool quantized = quant && !quant->empty();
        const float scale = quantized ? quant->scale[0] : 0.0f;
        const int64_t zero_point = quantized && !quant->zero_point.empty() ? quant->zero_point[0] : 0;
        int32_t dims[6] = {0, 0, 0, 0, 0, 0};
        for (size_t d = 0; d < info.shape.size(); ++d) dims[d] = info.shape[d];
        ops_ << "    /* " << commentText(info.name) << " */ {.data = (void*)(tfc_arena + "
             << result_.plan.tensor_offset_bytes[static_cast<size_t>(tensors[k])] << "), .bytes = " << info.bytes
             << ", .type = " << (info.type == DataType::Int8 ? "TFC_TYPE_INT8" : "TFC_TYPE_FLOAT32")
             << ", .scale = " << floatLiteral(scale) << ", .zero_point = " << zero_point << ", .rank = "
             << info.shape.size() << ", .dims = " << dimsInit(dims, 6) << "},\n";
        header_tensors_ << "/* " << what << " " << k << ": \"" << commentText(info.name) << "\" "
                        << (info.type == DataType::Int8 ? "int8" : "float32") << " " << shapeText(info.shape) << ", "
                        << info.bytes << " bytes";
        if (quantized) header_tensors_ << ", scale " << scale << ", zero point " << zero_point;
        header_tensors_ << " */\n";
      }
      ops_ << "};\n\n";
      result_.model_data_bytes += kTinyforgeCTensorEntryBytes * static_cast<int64_t>(tensors.size());
    };
    table("tfc_model_inputs", model_.inputs, "input");
    table("tfc_model_outputs", model_.outputs, "output");
  }

  std::string banner() const {
    return "/* Generated by TinyForge from the model \"" + commentText(options_.model_name) +
           "\": do not edit (generate again instead). */\n";
  }

  std::string header() const {
    std::ostringstream h;
    h << banner() << "#ifndef TFC_MODEL_H\n#define TFC_MODEL_H\n\n#include <stdint.h>\n\n"
      << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      << "#define TFC_INPUT_COUNT " << model_.inputs.size() << "\n"
      << "#define TFC_OUTPUT_COUNT " << model_.outputs.size() << "\n"
      << "#define TFC_OPERATOR_COUNT " << model_.operators.size() << "\n"
      << "/* The one static arena every activation and scratch buffer lives in (planned offsets). */\n"
      << "#define TFC_ARENA_BYTES " << arenaBytes() << "\n\n"
      << "enum { TFC_TYPE_INT8 = 0, TFC_TYPE_FLOAT32 = 1 };\n\n"
      << "/* A model input or output. `data` points into the arena: write the inputs before every\n"
      << " * tfc_model_invoke() (later operators reuse their bytes), read the outputs after it. */\n"
      << "typedef struct {\n  void* data;\n  int32_t bytes;\n  int32_t type;\n"
      << "  float scale;      /* real = scale * (q - zero_point); 0 for float tensors */\n"
      << "  int32_t zero_point;\n  int32_t rank;\n  int32_t dims[6];\n} tfc_model_tensor;\n\n"
      << header_tensors_.str() << "extern const tfc_model_tensor tfc_model_inputs[];\n"
      << "extern const tfc_model_tensor tfc_model_outputs[];\n\n"
      << "/* Runs one inference. Not reentrant: one arena. */\nvoid tfc_model_invoke(void);\n\n"
      << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* TFC_MODEL_H */\n";
    return h.str();
  }

  int64_t arenaBytes() const { return std::max<int64_t>(result_.plan.arena_bytes, 16); }

  std::string source() const {
    std::ostringstream c;
    c << banner() << "#include \"model.h\"\n#include \"tinyforge_c.h\"\n\n"
      << "#if defined(__GNUC__) || defined(__clang__)\n#define TFC_MODEL_ALIGN(n) __attribute__((aligned(n)))\n"
      << "#else\n#define TFC_MODEL_ALIGN(n)\n#endif\n\n"
      << "/* Operator boundaries for profiling (the QEMU harness counts instructions per operator). */\n"
      << "#if defined(TFC_PROFILE)\nvoid tfc_profile_mark(int32_t op);\n#define TFC_OP_BEGIN(i) tfc_profile_mark(i)\n"
      << "#else\n#define TFC_OP_BEGIN(i) ((void)0)\n#endif\n\n"
      << declarations_.str() << "\n"
      << "static uint8_t tfc_arena[TFC_ARENA_BYTES] TFC_MODEL_ALIGN(16);\n\n" << ops_.str()
      << "void tfc_model_invoke(void) {\n" << (patch_code_ ? "  int32_t p;\n" : "") << invoke_.str() << "}\n";
    return c.str();
  }

  std::string dataSource() const {
    std::ostringstream c;
    c << banner() << "/* The model's weights and the parameters TFLM computes in Prepare. */\n"
      << "#include <stdint.h>\n\n#include \"tinyforge_c.h\"\n\n"
      << "#if defined(__GNUC__) || defined(__clang__)\n#define TFC_MODEL_ALIGN(n) __attribute__((aligned(n)))\n"
      << "#else\n#define TFC_MODEL_ALIGN(n)\n#endif\n\n" << data_.str();
    return c.str();
  }

  const ShapedGraph& graph_;
  const TensorModel& model_;
  const CModelOptions& options_;
  GeneratedModel result_;
  std::optional<PatchStageCode> patch_code_;
  std::ostringstream ops_, invoke_, data_, declarations_, header_tensors_;
};

}  // namespace

GeneratedModel generateCModel(const ShapedGraph& graph, const TensorModel& model, const CModelOptions& options) {
  return Generator(graph, model, options).run();
}

}  // namespace tinyforge
