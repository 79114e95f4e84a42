#include "core/export/c_sources.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "core/estimate/units.h"

namespace tinyforge {
namespace {

// TFLM aligns the arena start to 16 bytes itself (MicroArenaBufferAlignment()); an
// array declared alignas(16) loses nothing to that, so the estimate's figure is enough.
constexpr int kArenaAlignmentBytes = 16;

// Comments must not be closed by a model name taken from a user's file.
std::string commentSafe(std::string text) {
  for (size_t at = text.find("*/"); at != std::string::npos; at = text.find("*/")) text.replace(at, 2, "* /");
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

const char* resolverMethod(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D: return "AddConv2D";
    case NodeKind::DepthwiseConv2D: return "AddDepthwiseConv2D";
    case NodeKind::FullyConnected: return "AddFullyConnected";
    case NodeKind::AveragePool2D: return "AddAveragePool2D";
    case NodeKind::MaxPool2D: return "AddMaxPool2D";
    case NodeKind::Mean: return "AddMean";
    case NodeKind::Add: return "AddAdd";
    case NodeKind::Concatenation: return "AddConcatenation";
    case NodeKind::Pad: return "AddPad";
    case NodeKind::Reshape: return "AddReshape";
    case NodeKind::Softmax: return "AddSoftmax";
    case NodeKind::Quantize: return "AddQuantize";
    case NodeKind::Dequantize: return "AddDequantize";
    default: break;
  }
  throw std::invalid_argument(std::string("no TFLM operator for a ") + toString(kind) + " layer");
}

std::vector<std::string> resolverMethods(const TensorModel& model) {
  std::vector<std::string> methods;
  for (const auto& op : model.operators) {
    const std::string method = resolverMethod(op.kind);
    if (std::find(methods.begin(), methods.end(), method) == methods.end()) methods.push_back(method);
  }
  return methods;
}

int64_t arenaBytesFor(const std::vector<ArenaSource>& arenas) {
  int64_t bytes = 0;
  for (const auto& a : arenas) bytes = std::max(bytes, a.memory.min_arena_bytes);
  return bytes;
}

std::vector<SourceFile> makeCSources(const CSourcesInput& input) {
  if (!input.model || !input.tflite || input.arenas.empty())
    throw std::invalid_argument("C sources need the model, its .tflite bytes and at least one board's estimate");
  const std::string name = commentSafe(input.model_name);
  const std::vector<uint8_t>& bytes = *input.tflite;
  const std::string placeholder =
      input.placeholder_weights
          ? "// WARNING: the weights in this model are PLACEHOLDERS (all zero): it was exported from a\n"
            "// graph without trained weights (--allow-empty-weights). It runs, but predicts nothing.\n"
          : "";

  std::vector<SourceFile> files;
  std::ostringstream header;
  header << "// " << name << ".tflite as a C array, written by tinyforge export.\n"
         << placeholder
         << "#ifndef TINYFORGE_MODEL_DATA_H_\n#define TINYFORGE_MODEL_DATA_H_\n\n"
         << "// The flatbuffer's bytes, 16-byte aligned: TFLM reads int32/int64 fields in place and\n"
         << "// the .tflite's buffers are 16-byte aligned within the file.\n"
         << "extern const unsigned char g_model[];\n"
         << "extern const unsigned int g_model_len;  // " << bytes.size() << " bytes\n\n"
         << "#endif  // TINYFORGE_MODEL_DATA_H_\n";
  files.push_back({"model_data.h", header.str()});

  std::string data;
  data.reserve(bytes.size() * 6 + 512);
  data += "// " + name + ".tflite as a C array, written by tinyforge export.\n" + placeholder;
  data += "#include \"model_data.h\"\n\n";
  data += "alignas(16) const unsigned char g_model[] = {\n";
  char cell[8];
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 12 == 0) data += "  ";
    std::snprintf(cell, sizeof cell, "0x%02x,", bytes[i]);
    data += cell;
    data += (i % 12 == 11 || i + 1 == bytes.size()) ? "\n" : " ";
  }
  data += "};\nconst unsigned int g_model_len = " + std::to_string(bytes.size()) + ";\n";
  files.push_back({"model_data.cc", std::move(data)});

  const std::vector<std::string> methods = resolverMethods(*input.model);
  const int64_t arena_bytes = arenaBytesFor(input.arenas);
  std::ostringstream main;
  main << "// A minimal TFLite Micro application for " << name << ", written by tinyforge export.\n"
       << placeholder
       << "// Build it with TFLM (and CMSIS-NN for the tflm-cmsis figures) for your board; fill the\n"
       << "// input and read the output where the loop says so.\n\n"
       << "#include <cstdint>\n\n"
       << "#include \"model_data.h\"\n"
       << "#include \"tensorflow/lite/micro/micro_interpreter.h\"\n"
       << "#include \"tensorflow/lite/micro/micro_log.h\"\n"
       << "#include \"tensorflow/lite/micro/micro_mutable_op_resolver.h\"\n"
       << "#include \"tensorflow/lite/schema/schema_generated.h\"\n\n"
       << "namespace {\n\n"
       << "// The smallest arena with which AllocateTensors() succeeds, as TinyForge estimates it\n"
       << "// (32-bit MCU: TFLM's greedy plan of the activations and kernel scratch, plus the\n"
       << "// persistent tail of tensor, operator and quantization structures):\n";
  for (const auto& a : input.arenas)
    main << "//   " << commentSafe(a.board_id) << ", " << toString(a.runtime) << ": " << a.memory.min_arena_bytes
         << " bytes (head " << a.memory.head_bytes << " + tail " << a.memory.tail_bytes << ")\n";
  if (input.arenas.size() > 1) main << "// The largest of these, so one build runs on each board.\n";
  main << "// The runtime also needs about " << input.arenas.front().memory.runtime_sram_bytes
       << " bytes of statics and stack outside the arena.\n"
       << "constexpr int kTensorArenaSize = " << arena_bytes << ";\n"
       << "// TFLM aligns the arena to " << kArenaAlignmentBytes
       << " bytes; aligning the array keeps all of it usable.\n"
       << "alignas(" << kArenaAlignmentBytes << ") uint8_t tensor_arena[kTensorArenaSize];\n\n"
       << "}  // namespace\n\n"
       << "int main() {\n"
       << "  const tflite::Model* model = tflite::GetModel(g_model);\n"
       << "  if (model->version() != TFLITE_SCHEMA_VERSION) {\n"
       << "    MicroPrintf(\"model schema %d, runtime expects %d\", static_cast<int>(model->version()),\n"
       << "                TFLITE_SCHEMA_VERSION);\n"
       << "    return 1;\n"
       << "  }\n\n"
       << "  // Exactly the operators the model uses, so only their kernels are linked.\n"
       << "  static tflite::MicroMutableOpResolver<" << methods.size() << "> resolver;\n";
  for (const auto& m : methods) main << "  if (resolver." << m << "() != kTfLiteOk) return 1;\n";
  main << "\n"
       << "  static tflite::MicroInterpreter interpreter(model, resolver, tensor_arena, kTensorArenaSize);\n"
       << "  if (interpreter.AllocateTensors() != kTfLiteOk) {\n"
       << "    MicroPrintf(\"AllocateTensors failed: the arena of %d bytes is too small\", kTensorArenaSize);\n"
       << "    return 1;\n"
       << "  }\n"
       << "  MicroPrintf(\"arena used: %u of %d bytes\", static_cast<unsigned>(interpreter.arena_used_bytes()),\n"
       << "              kTensorArenaSize);\n\n"
       << "  TfLiteTensor* input = interpreter.input(0);\n"
       << "  TfLiteTensor* output = interpreter.output(0);\n"
       << "  for (;;) {\n"
       << "    // Fill input->data.int8 (" << "input->bytes bytes) with the next features here.\n"
       << "    for (size_t i = 0; i < input->bytes; ++i) input->data.int8[i] = 0;\n"
       << "    if (interpreter.Invoke() != kTfLiteOk) {\n"
       << "      MicroPrintf(\"Invoke failed\");\n"
       << "      return 1;\n"
       << "    }\n"
       << "    // Read output->data.int8 here: real value = (q - output->params.zero_point) *\n"
       << "    // output->params.scale.\n"
       << "    int best = 0;\n"
       << "    for (size_t i = 1; i < output->bytes; ++i)\n"
       << "      if (output->data.int8[i] > output->data.int8[best]) best = static_cast<int>(i);\n"
       << "    MicroPrintf(\"top output: %d\", best);\n"
       << "  }\n"
       << "}\n";
  files.push_back({"main.cc", main.str()});
  return files;
}

}  // namespace tinyforge
