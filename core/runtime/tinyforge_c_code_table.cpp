#include "core/runtime/tinyforge_c_code_table.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/embedded_file.h"

namespace tinyforge {

// cmake/EmbedFiles.cmake: resources/firmware/tinyforge_c_code_sizes.json.
std::span<const EmbeddedFile> tinyforgeCCodeTableFiles();

namespace {

using nlohmann::json;

const json& field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key))
    throw std::runtime_error(where + ": no '" + key + "'");
  return object.at(key);
}

int64_t bytes(const json& object, const char* key, const std::string& where) {
  const json& value = field(object, key, where);
  if (!value.is_number_integer()) throw std::runtime_error(where + "." + key + ": not a whole number of bytes");
  return value.get<int64_t>();
}

TinyforgeCCoreSizes coreOf(const std::string& name, const json& row, const std::string& where) {
  TinyforgeCCoreSizes core;
  core.core = name;
  core.cpu_flags = field(row, "cpu_flags", where).get<std::vector<std::string>>();
  core.dsp = field(row, "path", where).get<std::string>() == "dsp";
  core.fixed_bytes = bytes(row, "fixed_bytes", where);
  const json& invoke = field(row, "invoke", where);
  const std::string at_invoke = where + ".invoke";
  core.invoke_no_call_bytes = bytes(invoke, "no_call_bytes", at_invoke);
  core.invoke_one_call_bytes = bytes(invoke, "one_call_bytes", at_invoke);
  core.invoke_base_bytes = bytes(invoke, "base_bytes", at_invoke);
  core.invoke_per_call_bytes = bytes(invoke, "per_call_bytes", at_invoke);
  core.invoke_per_unpack_call_bytes = bytes(invoke, "per_unpack_int4_call_bytes", at_invoke);
  const json& stack = field(row, "stack", where);
  const std::string at_stack = where + ".stack";
  core.reset_stack_bytes = bytes(stack, "reset_handler_bytes", at_stack);
  core.main_stack_bytes = bytes(stack, "main_bytes", at_stack);
  core.invoke_stack_bytes = bytes(stack, "invoke_bytes", at_stack);
  for (const auto& [call, kernel] : field(row, "kernels", where).items()) {
    const std::string at = where + ".kernels." + call;
    TinyforgeCKernelSizes sizes;
    for (const auto& [function, size] : field(kernel, "functions", at).items()) sizes.functions[function] = size.get<int64_t>();
    sizes.other_bytes = bytes(kernel, "other_bytes", at);
    sizes.stack_bytes = bytes(kernel, "stack_bytes", at);
    if (kernel.contains("stack_bytes_without"))
      for (const auto& [helper, size] : kernel.at("stack_bytes_without").items())
        sizes.stack_bytes_without[helper] = size.get<int64_t>();
    core.kernels[call] = std::move(sizes);
  }
  return core;
}

// Indexes `core.kernels` by call and gives every function an id (see the header).
void index(TinyforgeCCoreSizes& core, const std::string& where) {
  std::map<std::string, int> ids;
  for (int c = 0; c < kTinyforgeCCallCount; ++c) {
    const char* name = tinyforgeCCallName(static_cast<TinyforgeCCall>(c));
    const auto found = core.kernels.find(name);
    if (found == core.kernels.end()) throw std::runtime_error(where + ": no measured size for " + name);
    core.call_sizes[static_cast<size_t>(c)] = found->second;
    for (const auto& [function, bytes] : found->second.functions) {
      const auto [it, added] = ids.emplace(function, static_cast<int>(core.function_bytes.size()));
      if (added) core.function_bytes.push_back(bytes);
      core.call_functions[static_cast<size_t>(c)].push_back(it->second);
    }
  }
  const TinyforgeCKernelSizes& add = core.call_sizes[static_cast<size_t>(TinyforgeCCall::Add)];
  const auto without = add.stack_bytes_without.find("add_broadcast");
  if (without != add.stack_bytes_without.end()) core.add_stack_without_broadcast_bytes = without->second;
}

}  // namespace

const char* tinyforgeCCallName(TinyforgeCCall call) {
  switch (call) {
    case TinyforgeCCall::Add: return "tfc_add_s8";
    case TinyforgeCCall::AveragePool2D: return "tfc_average_pool2d_s8";
    case TinyforgeCCall::Concatenation: return "tfc_concatenation_s8";
    case TinyforgeCCall::Conv2D: return "tfc_conv2d_s8";
    case TinyforgeCCall::DepthwiseConv2D: return "tfc_depthwise_conv2d_s8";
    case TinyforgeCCall::DepthwiseConv2DInPlace: return "tfc_depthwise_conv2d_s8_inplace";
    case TinyforgeCCall::Dequantize: return "tfc_dequantize_s8_f32";
    case TinyforgeCCall::FullyConnected: return "tfc_fully_connected_s8";
    case TinyforgeCCall::MaxPool2D: return "tfc_max_pool2d_s8";
    case TinyforgeCCall::Mean: return "tfc_mean_s8";
    case TinyforgeCCall::Pad: return "tfc_pad_s8";
    case TinyforgeCCall::Quantize: return "tfc_quantize_f32_s8";
    case TinyforgeCCall::Requantize: return "tfc_requantize_s8";
    case TinyforgeCCall::Reshape: return "tfc_reshape";
    case TinyforgeCCall::Softmax: return "tfc_softmax_s8";
    case TinyforgeCCall::UnpackInt4: return "tfc_unpack_int4";
  }
  return "?";
}

TinyforgeCCodeTable parseTinyforgeCCodeTable(const std::string& json_text, const std::string& source_name) {
  json document;
  try {
    document = json::parse(json_text);
  } catch (const json::exception& error) {
    throw std::runtime_error(source_name + ": " + error.what());
  }
  TinyforgeCCodeTable table;
  try {
    table.toolchain = field(document, "toolchain", source_name).get<std::string>();
    table.gcc_version = field(document, "gcc_version", source_name).get<std::string>();
    table.compile_flags = field(document, "compile_flags", source_name).get<std::vector<std::string>>();
    for (const auto& [name, row] : field(document, "cores", source_name).items())
      table.cores[name] = coreOf(name, row, source_name + ": cores." + name);
    for (auto& [name, row] : table.cores) {
      index(row, source_name + ": cores." + name);
      row.source = "measured table, arm-none-eabi-gcc " + table.gcc_version + " -Os (" + name +
                   "): predicted from measured kernel sizes, checked against linked images";
    }
  } catch (const json::exception& error) {
    throw std::runtime_error(source_name + ": " + error.what());
  }
  return table;
}

const TinyforgeCCodeTable& tinyforgeCCodeTable() {
  static const TinyforgeCCodeTable table = [] {
    for (const EmbeddedFile& file : tinyforgeCCodeTableFiles())
      if (file.path == "tinyforge_c_code_sizes.json")
        return parseTinyforgeCCodeTable(std::string(file.contents), "resources/firmware/tinyforge_c_code_sizes.json");
    throw std::runtime_error("resources/firmware/tinyforge_c_code_sizes.json is not compiled into this build");
  }();
  return table;
}

const TinyforgeCCoreSizes* tinyforgeCCoreSizes(const TinyforgeCCodeTable& table, const std::string& core) {
  std::string name = core;
  if (name == "cortex-m4") name = "cortex-m4f";
  if (name == "cortex-m0") name = "cortex-m0plus";
  const auto found = table.cores.find(name);
  return found == table.cores.end() ? nullptr : &found->second;
}

}  // namespace tinyforge
