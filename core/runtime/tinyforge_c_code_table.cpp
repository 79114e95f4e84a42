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

}  // namespace

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
