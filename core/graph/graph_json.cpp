#include "core/graph/graph_json.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/graph/base64.h"
#include "core/io/atomic_file.h"

namespace tinyforge {
namespace {

using nlohmann::json;

// Where a semantic error is: "model.json: node 'conv1' (nodes[3])".
struct Context {
  std::string source;
  std::string where;
  [[noreturn]] void fail(const std::string& message) const {
    throw GraphFormatError(source + ": " + (where.empty() ? "" : where + ": ") + message);
  }
};

std::string lineAndColumn(const std::string& text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

const std::set<std::string> kNodeFields{
    "name",  "op",        "inputs",         "shape",       "out_channels", "kernel",   "stride",
    "dilation", "depth_multiplier", "expansion", "padding", "pads",         "axis",     "keep_dims",
    "beta",  "activation", "activation_type", "weight_type", "constants",   "output_quant", "output_name",
    "output_tensor_index", "offline_offset_bytes", "search", "block"};

void checkFields(const json& object, const std::set<std::string>& allowed, const Context& context) {
  for (const auto& [key, value] : object.items()) {
    if (!allowed.count(key)) context.fail("unknown field '" + key + "'");
  }
}

template <typename T>
T get(const json& object, const char* key, const Context& context) {
  try {
    return object.at(key).get<T>();
  } catch (const json::exception&) {
    context.fail(std::string("field '") + key + "' has the wrong type");
  }
}

// A float field: a JSON number beyond float's range (1e300) would be undefined behaviour
// to convert, so it is refused naming the field.
float toFloat(const json& value, const char* key, const Context& context) {
  if (!value.is_number()) context.fail(std::string("field '") + key + "' must be a number");
  const double number = value.get<double>();
  if (std::isfinite(number) && std::fabs(number) > static_cast<double>(std::numeric_limits<float>::max()))
    context.fail(std::string("field '") + key + "' is out of range for a 32-bit float (" + value.dump() + ")");
  return static_cast<float>(number);
}

float getFloat(const json& object, const char* key, const Context& context) { return toFloat(object.at(key), key, context); }

std::vector<float> getFloats(const json& object, const char* key, const Context& context) {
  const json& value = object.at(key);
  if (!value.is_array()) context.fail(std::string("field '") + key + "' must be a list of numbers");
  std::vector<float> numbers;
  for (const auto& item : value) numbers.push_back(toFloat(item, key, context));
  return numbers;
}

int32_t getInt(const json& object, const char* key, const Context& context) {
  const json& value = object.at(key);
  if (!value.is_number_integer()) context.fail(std::string("field '") + key + "' must be an integer");
  const int64_t number = value.get<int64_t>();
  if (number < INT32_MIN || number > INT32_MAX) context.fail(std::string("field '") + key + "' is out of range");
  return static_cast<int32_t>(number);
}

std::vector<int32_t> getInts(const json& object, const char* key, const Context& context) {
  const json& value = object.at(key);
  if (!value.is_array()) context.fail(std::string("field '") + key + "' must be a list of integers");
  std::vector<int32_t> numbers;
  for (const auto& item : value) {
    if (!item.is_number_integer()) context.fail(std::string("field '") + key + "' must be a list of integers");
    numbers.push_back(static_cast<int32_t>(item.get<int64_t>()));
  }
  return numbers;
}

// "kernel": 3 or [3, 3] or [h, w]
void getPair(const json& object, const char* key, int32_t& h, int32_t& w, const Context& context) {
  if (!object.contains(key)) return;
  if (object.at(key).is_number_integer()) {
    h = w = getInt(object, key, context);
    return;
  }
  const auto values = getInts(object, key, context);
  if (values.size() != 2) context.fail(std::string("field '") + key + "' must be a number or [height, width]");
  h = values[0];
  w = values[1];
}

template <typename Enum>
Enum getEnum(const json& object, const char* key, Enum fallback, std::optional<Enum> (*parse)(const std::string&),
             const Context& context) {
  if (!object.contains(key)) return fallback;
  const auto text = get<std::string>(object, key, context);
  const auto value = parse(text);
  if (!value) context.fail(std::string("unknown ") + key + " '" + text + "'");
  return *value;
}

Quantization quantFromJson(const json& object, const Context& context) {
  Quantization quant;
  if (!object.contains("scale")) context.fail("field 'scale' is missing");
  quant.scale = getFloats(object, "scale", context);
  if (object.contains("zero_point")) quant.zero_point = get<std::vector<int64_t>>(object, "zero_point", context);
  // The kernels negate zero points in 32-bit arithmetic; no quantized type has one beyond int16's.
  for (int64_t z : quant.zero_point)
    if (z < -32768 || z > 32767)
      context.fail("field 'zero_point': " + std::to_string(z) + " is outside the range of any quantized type [-32768, 32767]");
  if (object.contains("quantized_dimension")) quant.quantized_dimension = getInt(object, "quantized_dimension", context);
  if (object.contains("min")) quant.min = getFloats(object, "min", context);
  if (object.contains("max")) quant.max = getFloats(object, "max", context);
  return quant;
}

json quantToJson(const Quantization& quant) {
  json object{{"scale", quant.scale}, {"zero_point", quant.zero_point}, {"quantized_dimension", quant.quantized_dimension}};
  if (!quant.min.empty()) object["min"] = quant.min;
  if (!quant.max.empty()) object["max"] = quant.max;
  return object;
}

// {"bytes": 300568, "fingerprint": "<16 hex digits>", "buffer_alignment": 4, ...}: the
// fingerprint as a string, as JSON readers other than ours lose the low bits of integers
// above 2^53.
ImportedFile importedFileFromJson(const json& object, const Context& context) {
  Context inner{context.source, "imported_file"};
  if (!object.is_object()) inner.fail("must be an object");
  checkFields(object,
              {"bytes", "fingerprint", "buffer_alignment", "runtime_version_metadata", "wide_operator_codes",
               "subgraph_name"},
              inner);
  for (const char* key : {"bytes", "fingerprint"})
    if (!object.contains(key)) inner.fail(std::string("needs '") + key + "'");
  if (!object["bytes"].is_number_integer()) inner.fail("field 'bytes' must be an integer");
  ImportedFile file;
  file.bytes = object["bytes"].get<int64_t>();
  if (file.bytes <= 0) inner.fail("bytes must be positive, got " + std::to_string(file.bytes));
  const std::string hex = get<std::string>(object, "fingerprint", inner);
  if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
    inner.fail("fingerprint must be 16 lowercase hex digits, got '" + hex + "'");
  file.fingerprint = std::stoull(hex, nullptr, 16);
  if (object.contains("buffer_alignment")) {
    file.buffer_alignment_bytes = getInt(object, "buffer_alignment", inner);
    const int32_t a = file.buffer_alignment_bytes;
    if (a != 4 && a != 8 && a != 16) inner.fail("buffer_alignment must be 4, 8 or 16, got " + std::to_string(a));
  }
  for (auto [key, field] : {std::pair{"runtime_version_metadata", &ImportedFile::runtime_version_metadata},
                            std::pair{"wide_operator_codes", &ImportedFile::wide_operator_codes},
                            std::pair{"subgraph_name", &ImportedFile::subgraph_name}})
    if (object.contains(key)) file.*field = get<bool>(object, key, inner);
  return file;
}

json importedFileToJson(const ImportedFile& file) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(file.fingerprint));
  json object{{"bytes", file.bytes}, {"fingerprint", hex}};
  if (file.buffer_alignment_bytes > 0) object["buffer_alignment"] = file.buffer_alignment_bytes;
  // Written only where the file lacked them (true is what TinyForge writes).
  if (!file.runtime_version_metadata) object["runtime_version_metadata"] = false;
  if (!file.wide_operator_codes) object["wide_operator_codes"] = false;
  if (!file.subgraph_name) object["subgraph_name"] = false;
  return object;
}

// Every reader of a constant (cost model, kernels, TFLite writer) indexes its data by its
// shape: data shorter than the shape needs is read past its end, longer data is a sign of
// a damaged file. Both are refused here, naming the node and the constant's role.
void checkConstantSize(const ConstTensor& tensor, const Context& context) {
  constexpr int64_t kMaxElements = int64_t{1} << 40;  // far from overflow in bytesOf()
  int64_t elements = 1;
  for (int32_t d : tensor.shape) {
    if (d <= 0 || elements > kMaxElements / d)
      context.fail("constant '" + tensor.role + "' has an invalid shape (dimension " + std::to_string(d) + ")");
    elements *= d;
  }
  const int64_t needed = bytesOf(tensor.type, elements);
  if (static_cast<int64_t>(tensor.data.size()) != needed)
    context.fail("constant '" + tensor.role + "' holds " + std::to_string(tensor.data.size()) +
                 " bytes, but its shape needs " + std::to_string(needed));
}

ConstTensor constantFromJson(const json& object, const Context& context) {
  checkFields(object, {"role", "name", "type", "shape", "data_base64", "quant", "tensor_index"}, context);
  ConstTensor tensor;
  tensor.role = get<std::string>(object, "role", context);
  if (object.contains("name")) tensor.name = get<std::string>(object, "name", context);
  tensor.type = getEnum(object, "type", DataType::Int8, &dataTypeFromString, context);
  if (object.contains("shape")) tensor.shape = getInts(object, "shape", context);
  if (object.contains("data_base64")) {
    const auto text = get<std::string>(object, "data_base64", context);
    auto data = decodeBase64(text);
    if (!data) context.fail("constant '" + tensor.role + "' has invalid base64 data");
    tensor.data = std::move(*data);
  }
  if (!tensor.data.empty()) checkConstantSize(tensor, context);
  if (object.contains("quant")) tensor.quant = quantFromJson(object.at("quant"), context);
  if (object.contains("tensor_index")) tensor.tensor_index = getInt(object, "tensor_index", context);
  return tensor;
}

json constantToJson(const ConstTensor& tensor) {
  json object{{"role", tensor.role}, {"type", toString(tensor.type)}, {"shape", tensor.shape}};
  if (!tensor.name.empty()) object["name"] = tensor.name;
  if (!tensor.data.empty()) object["data_base64"] = encodeBase64(tensor.data);
  if (!tensor.quant.empty()) object["quant"] = quantToJson(tensor.quant);
  if (tensor.tensor_index >= 0) object["tensor_index"] = tensor.tensor_index;
  return object;
}

Node nodeFromJson(const json& object, const Context& context) {
  if (!object.is_object()) context.fail("must be an object");
  Node node;
  if (!object.contains("name")) context.fail("has no 'name'");
  node.name = get<std::string>(object, "name", context);
  Context named{context.source, "node '" + node.name + "' (" + context.where + ")"};
  checkFields(object, kNodeFields, named);
  if (!object.contains("op")) named.fail("has no 'op'");
  node.kind = getEnum(object, "op", NodeKind::Conv2D, &nodeKindFromString, named);
  if (object.contains("inputs")) node.inputs = get<std::vector<std::string>>(object, "inputs", named);
  if (object.contains("shape")) node.shape = getInts(object, "shape", named);
  if (object.contains("out_channels")) node.out_channels = getInt(object, "out_channels", named);
  getPair(object, "kernel", node.kernel_h, node.kernel_w, named);
  getPair(object, "stride", node.stride_h, node.stride_w, named);
  getPair(object, "dilation", node.dilation_h, node.dilation_w, named);
  if (object.contains("depth_multiplier")) node.depth_multiplier = getInt(object, "depth_multiplier", named);
  if (object.contains("expansion")) node.expansion = getInt(object, "expansion", named);
  node.padding = getEnum(object, "padding", Padding::Same, &paddingFromString, named);
  if (object.contains("pads")) node.pads = getInts(object, "pads", named);
  if (object.contains("axis")) node.axis = getInt(object, "axis", named);
  if (object.contains("keep_dims")) node.keep_dims = get<bool>(object, "keep_dims", named);
  if (object.contains("beta")) node.beta = getFloat(object, "beta", named);
  node.activation = getEnum(object, "activation", Activation::None, &activationFromString, named);
  node.activation_type = getEnum(object, "activation_type", DataType::Int8, &dataTypeFromString, named);
  node.weight_type = getEnum(object, "weight_type", DataType::Int8, &dataTypeFromString, named);
  if (object.contains("constants")) {
    const json& constants = object.at("constants");
    if (!constants.is_array()) named.fail("'constants' must be a list");
    for (size_t i = 0; i < constants.size(); ++i) {
      Context inner{named.source, named.where + ": constants[" + std::to_string(i) + "]"};
      node.constants.push_back(constantFromJson(constants[i], inner));
    }
  }
  if (object.contains("output_quant")) node.output_quant = quantFromJson(object.at("output_quant"), named);
  if (object.contains("output_name")) node.output_name = get<std::string>(object, "output_name", named);
  if (object.contains("output_tensor_index")) node.output_tensor_index = getInt(object, "output_tensor_index", named);
  if (object.contains("offline_offset_bytes")) {
    node.offline_offset_bytes = getInt(object, "offline_offset_bytes", named);
    if (node.offline_offset_bytes < -1)
      named.fail("offline_offset_bytes must be an arena offset >= 0 (or -1 for none), got " +
                 std::to_string(node.offline_offset_bytes));
  }
  if (object.contains("search")) {
    const json& search = object.at("search");
    Context inner{named.source, named.where + ": search"};
    checkFields(search, {"widths", "skippable"}, inner);
    if (search.contains("widths")) node.search.widths = getInts(search, "widths", inner);
    if (search.contains("skippable")) node.search.skippable = get<bool>(search, "skippable", inner);
    for (int width : node.search.widths)
      if (width <= 0) inner.fail("widths must be positive, got " + std::to_string(width));
  }
  if (object.contains("block")) node.block = get<std::string>(object, "block", named);
  return node;
}

json nodeToJson(const Node& node) {
  const Node defaults;
  json object{{"name", node.name}, {"op", toString(node.kind)}};
  if (!node.inputs.empty()) object["inputs"] = node.inputs;
  if (!node.shape.empty()) object["shape"] = node.shape;
  if (node.out_channels != defaults.out_channels) object["out_channels"] = node.out_channels;
  auto pair = [&](const char* key, int32_t h, int32_t w) {
    if (h != 1 || w != 1) object[key] = std::vector<int32_t>{h, w};
  };
  pair("kernel", node.kernel_h, node.kernel_w);
  pair("stride", node.stride_h, node.stride_w);
  pair("dilation", node.dilation_h, node.dilation_w);
  if (node.depth_multiplier != 1) object["depth_multiplier"] = node.depth_multiplier;
  if (node.kind == NodeKind::InvertedBottleneck) object["expansion"] = node.expansion;
  if (node.padding != Padding::Same) object["padding"] = toString(node.padding);
  if (!node.pads.empty()) object["pads"] = node.pads;
  if (node.axis != defaults.axis) object["axis"] = node.axis;
  if (!node.keep_dims) object["keep_dims"] = false;
  if (node.beta != 1.0f) object["beta"] = node.beta;
  if (node.activation != Activation::None) object["activation"] = toString(node.activation);
  if (node.activation_type != DataType::Int8) object["activation_type"] = toString(node.activation_type);
  if (node.weight_type != DataType::Int8) object["weight_type"] = toString(node.weight_type);
  if (!node.constants.empty()) {
    json constants = json::array();
    for (const auto& c : node.constants) constants.push_back(constantToJson(c));
    object["constants"] = std::move(constants);
  }
  if (!node.output_quant.empty()) object["output_quant"] = quantToJson(node.output_quant);
  if (!node.output_name.empty()) object["output_name"] = node.output_name;
  if (node.output_tensor_index >= 0) object["output_tensor_index"] = node.output_tensor_index;
  if (node.offline_offset_bytes >= 0) object["offline_offset_bytes"] = node.offline_offset_bytes;
  if (!node.search.widths.empty() || node.search.skippable) {
    json search = json::object();
    if (!node.search.widths.empty()) search["widths"] = node.search.widths;
    if (node.search.skippable) search["skippable"] = true;
    object["search"] = std::move(search);
  }
  if (!node.block.empty()) object["block"] = node.block;
  return object;
}

}  // namespace

Graph graphFromJsonText(const std::string& text, const std::string& source_name) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    const std::string message = error.what();
    const auto reason = message.find("syntax error");
    throw GraphFormatError(source_name + ": invalid JSON at " + lineAndColumn(text, error.byte ? error.byte - 1 : 0) +
                           ": " + (reason == std::string::npos ? message : message.substr(reason)));
  } catch (const json::exception& error) {
    // A number too large for a double ("1E400") is out_of_range, not a parse error.
    throw GraphFormatError(source_name + ": invalid JSON: " + error.what());
  }
  Context context{source_name, ""};
  if (!document.is_object()) context.fail("a graph file must hold a JSON object");
  checkFields(document, {"format", "version", "name", "description", "nodes", "outputs", "imported_file"}, context);
  if (document.contains("format") && document["format"] != "tinyforge-graph")
    context.fail("'format' must be \"tinyforge-graph\"");
  if (document.contains("version")) {
    const int version = getInt(document, "version", context);
    if (version > kGraphFormatVersion || version < 1)
      context.fail("format version " + std::to_string(version) + " is not supported (this build reads up to " +
                   std::to_string(kGraphFormatVersion) + ")");
  }
  Graph graph;
  if (document.contains("name")) graph.name = get<std::string>(document, "name", context);
  if (document.contains("description")) graph.description = get<std::string>(document, "description", context);
  if (!document.contains("nodes") || !document["nodes"].is_array()) context.fail("needs a 'nodes' list");
  const json& nodes = document["nodes"];
  for (size_t i = 0; i < nodes.size(); ++i)
    graph.nodes.push_back(nodeFromJson(nodes[i], Context{source_name, "nodes[" + std::to_string(i) + "]"}));
  if (document.contains("outputs")) graph.outputs = get<std::vector<std::string>>(document, "outputs", context);
  if (document.contains("imported_file")) graph.imported_file = importedFileFromJson(document["imported_file"], context);
  return graph;
}

Graph loadGraphJson(const std::string& path) {
  std::string text;
  try {
    text = readTextFile(path);
  } catch (const FileError& error) {
    throw GraphFormatError(error.what());
  }
  return graphFromJsonText(text, path);
}

json graphToJson(const Graph& graph) {
  json nodes = json::array();
  for (const auto& node : graph.nodes) nodes.push_back(nodeToJson(node));
  json document{{"format", "tinyforge-graph"}, {"version", kGraphFormatVersion}, {"name", graph.name}};
  if (!graph.description.empty()) document["description"] = graph.description;
  document["nodes"] = std::move(nodes);
  if (!graph.outputs.empty()) document["outputs"] = graph.outputs;
  if (graph.imported_file.bytes > 0) document["imported_file"] = importedFileToJson(graph.imported_file);
  return document;
}

// Names imported from a .tflite may hold bytes that are not UTF-8; JSON cannot carry them,
// so they are written as U+FFFD instead of failing the save.
std::string graphToJsonText(const Graph& graph) {
  return graphToJson(graph).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void saveGraphJson(const Graph& graph, const std::string& path) { writeFileAtomically(path, graphToJsonText(graph)); }

}  // namespace tinyforge
