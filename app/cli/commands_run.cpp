// tinyforge run MODEL --input FILE [--input FILE ...] [--input-format auto|raw|hex|npy]
//               [--target host|qemu-m4|qemu-m7] [--patches none|auto|LAYER:ROWSxCOLS] [--json]
// Runs the int8 model on one input and prints each output tensor: raw int8 values,
// dequantized values, and the argmax of a classifier. On the host the interpreter runs it
// (TFLM's arithmetic, bit-exact); with a QEMU target TinyForge generates the C runtime,
// builds the firmware for that Cortex-M and runs it under qemu-system-arm, and also prints
// the stack the inference used and the instructions it executed (exact counts, not cycles).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <unistd.h>

#include "app/cli/commands.h"
#include "app/cli/patch_options.h"
#include "core/cost/layer_cost.h"
#include "core/estimate/load_model.h"
#include "core/firmware/firmware_target.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/latency/latency_op.h"

namespace tinyforge::cli {
namespace {

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string input_format = "auto";
  std::string target = "host";
  std::string patches = "none";
  double patch_mac_limit_percent = 20.0;
  std::string planner = "greedy";
  bool json = false;
};

// What a QEMU run adds to the outputs.
struct TargetRun {
  std::string target;
  int64_t stack_bytes = -1;
  int64_t instructions = -1;
  int64_t static_ram_bytes = -1;  // .data + .bss of the image (the arena and the harness's statics)
  int64_t arena_bytes = -1;
  std::string patches;            // the patch choice in words; empty without patches
  int64_t peak_ram_bytes() const { return static_ram_bytes + stack_bytes; }
  struct Operator {
    std::string layer;
    std::string kind;  // TFLite's name, "CONV_2D"
    std::string latency_class;  // the latency model's op class ("pointwise"), to compare the two
    int64_t instructions = 0;
    int64_t macs = 0;
  };
  std::vector<Operator> operators;
  bool matches_host = true;
};

[[noreturn]] void failWith(const std::string& message) {
  std::cerr << "tinyforge: " << message << "\n";
  throw CommandFailed{kExitBadInput};
}

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string describe(const InterpreterTensor& t) {
  return "'" + t.name + "' " + shapeText(t.shape) + " " + toString(t.type);
}

std::vector<uint8_t> readBytes(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) failWith(path + ": no such file");
  if (std::filesystem::is_directory(path, error)) failWith(path + ": is a directory, not an input file");
  std::ifstream in(path, std::ios::binary);
  if (!in) failWith(path + ": cannot open the file");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Hex text as the vectors files hold it: pairs of hex digits; whitespace, commas and
// "0x" prefixes are ignored.
std::vector<uint8_t> parseHex(const std::vector<uint8_t>& text, const std::string& path) {
  std::vector<uint8_t> bytes;
  int line = 1;
  int high = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = static_cast<char>(text[i]);
    if (c == '\n') ++line;
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') continue;
    if (c == '0' && high < 0 && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      ++i;
      continue;
    }
    int value = -1;
    if (c >= '0' && c <= '9') value = c - '0';
    if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
    if (value < 0)
      failWith(path + ":" + std::to_string(line) + ": '" + std::string(1, c) +
               "' is not a hex digit (expected hex text; use --input-format raw for a binary file)");
    if (high < 0) {
      high = value;
    } else {
      bytes.push_back(static_cast<uint8_t>(high * 16 + value));
      high = -1;
    }
  }
  if (high >= 0) failWith(path + ": odd number of hex digits");
  return bytes;
}

// A NumPy .npy file (version 1-3, C order) holding int8 or float32 values; returns the raw
// little-endian bytes.
std::vector<uint8_t> parseNpy(const std::vector<uint8_t>& file, const std::string& path, DataType expected) {
  static const char kMagic[] = "\x93NUMPY";
  if (file.size() < 10 || std::memcmp(file.data(), kMagic, 6) != 0) failWith(path + ": not a .npy file");
  const int major = file[6];
  size_t header_bytes = 0, start = 0;
  if (major == 1) {
    header_bytes = file[8] | (size_t{file[9]} << 8);
    start = 10;
  } else if (file.size() >= 12) {
    header_bytes = file[8] | (size_t{file[9]} << 8) | (size_t{file[10]} << 16) | (size_t{file[11]} << 24);
    start = 12;
  }
  if (start == 0 || start + header_bytes > file.size()) failWith(path + ": truncated .npy header");
  const std::string header(file.begin() + static_cast<long>(start),
                           file.begin() + static_cast<long>(start + header_bytes));
  auto field = [&](const std::string& key) {
    const size_t at = header.find("'" + key + "'");
    if (at == std::string::npos) failWith(path + ": .npy header has no '" + key + "'");
    size_t from = header.find(':', at) + 1;
    while (from < header.size() && header[from] == ' ') ++from;
    return from;
  };
  const size_t descr_at = field("descr");
  const size_t descr_end = header.find('\'', descr_at + 1);
  const std::string descr = header.substr(descr_at + 1, descr_end - descr_at - 1);
  const bool int8 = descr == "|i1" || descr == "i1" || descr == "<i1";
  const bool float32 = descr == "<f4";
  if (expected == DataType::Int8 && !int8)
    failWith(path + ": .npy holds '" + descr + "' values, the model's input is int8 ('|i1')");
  if (expected == DataType::Float32 && !float32)
    failWith(path + ": .npy holds '" + descr + "' values, the model's input is float32 ('<f4')");
  if (header.compare(field("fortran_order"), 4, "True") == 0)
    failWith(path + ": Fortran-ordered .npy arrays are not supported (save with C order)");
  return {file.begin() + static_cast<long>(start + header_bytes), file.end()};
}

std::string formatOf(const RunOptions& options, const std::string& path) {
  if (options.input_format != "auto") return options.input_format;
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".npy") return "npy";
  if (extension == ".hex" || extension == ".txt") return "hex";
  return "raw";
}

std::vector<uint8_t> readInput(const RunOptions& options, const std::string& path, DataType expected) {
  const std::string format = formatOf(options, path);
  const std::vector<uint8_t> file = readBytes(path);
  if (format == "hex") return parseHex(file, path);
  if (format == "npy") return parseNpy(file, path, expected);
  return file;
}

std::string sizeMismatch(const std::string& path, size_t got, int64_t expected, const std::string& what) {
  return path + ": holds " + std::to_string(got) + " bytes, expected " + std::to_string(expected) + " bytes (" +
         what + ")";
}

std::vector<std::vector<uint8_t>> loadInputs(const RunOptions& options, const Interpreter& interpreter) {
  const auto& specs = interpreter.inputs();
  std::vector<std::vector<uint8_t>> inputs;
  if (options.inputs.size() == specs.size()) {
    for (size_t i = 0; i < specs.size(); ++i) {
      auto bytes = readInput(options, options.inputs[i], specs[i].type);
      if (static_cast<int64_t>(bytes.size()) != specs[i].bytes)
        failWith(sizeMismatch(options.inputs[i], bytes.size(), specs[i].bytes, "input " + describe(specs[i])));
      inputs.push_back(std::move(bytes));
    }
    return inputs;
  }
  if (options.inputs.size() != 1)
    failWith("the model takes " + std::to_string(specs.size()) + " inputs; give one --input per input, or one file "
             "holding them all concatenated in order");
  // One file for several inputs: their bytes one after the other, as in models/vectors.
  const bool same_type = std::all_of(specs.begin(), specs.end(), [&](const auto& s) { return s.type == specs[0].type; });
  const std::string& path = options.inputs[0];
  if (!same_type && formatOf(options, path) == "npy") failWith(path + ": one .npy cannot hold inputs of different types");
  const auto all = readInput(options, path, specs[0].type);
  int64_t total = 0;
  std::string what;
  for (const auto& s : specs) {
    total += s.bytes;
    what += (what.empty() ? "" : " + ") + describe(s);
  }
  if (static_cast<int64_t>(all.size()) != total) failWith(sizeMismatch(path, all.size(), total, what));
  size_t at = 0;
  for (const auto& s : specs) {
    inputs.emplace_back(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(at + s.bytes));
    at += static_cast<size_t>(s.bytes);
  }
  return inputs;
}

struct OutputValues {
  std::vector<int> raw;        // int8 values (empty for float outputs)
  std::vector<double> values;  // dequantized (or the floats themselves)
  int argmax = -1;             // for a vector of class scores
};

OutputValues decode(const InterpreterTensor& spec, const std::vector<uint8_t>& bytes) {
  OutputValues out;
  if (spec.type == DataType::Float32) {
    std::vector<float> floats(bytes.size() / 4);
    std::memcpy(floats.data(), bytes.data(), floats.size() * 4);
    out.values.assign(floats.begin(), floats.end());
  } else {
    for (uint8_t b : bytes) {
      const int q = static_cast<int8_t>(b);
      out.raw.push_back(q);
      // As TFLM's DEQUANTIZE: the product in double, rounded to float.
      out.values.push_back(spec.quantized ? static_cast<float>(static_cast<double>(spec.scale) * (q - spec.zero_point)) : q);
    }
  }
  // A classifier's scores: one row of at least two values ([N] or [1, N]).
  const int64_t rows = spec.shape.empty() ? 1 : elementsOf(spec.shape) / spec.shape.back();
  if (rows == 1 && out.values.size() >= 2) {
    if (!out.raw.empty())
      out.argmax = static_cast<int>(std::max_element(out.raw.begin(), out.raw.end()) - out.raw.begin());
    else
      out.argmax = static_cast<int>(std::max_element(out.values.begin(), out.values.end()) - out.values.begin());
  }
  return out;
}

void printText(const RunOptions& options, const Interpreter& interpreter,
               const std::vector<std::vector<uint8_t>>& outputs, const TargetRun* target) {
  if (target) {
    std::cout << options.model << ": " << interpreter.operatorCount() << " operators, generated C (tinyforge-c) on "
              << target->target << " under QEMU\n"
              << "stack: " << target->stack_bytes << " B (measured high-water mark of the inference)\n"
              << "RAM: " << target->static_ram_bytes << " B static (arena " << target->arena_bytes << " B) + stack "
              << target->stack_bytes << " B = peak " << target->peak_ram_bytes() << " B (measured)\n"
              << (target->patches.empty() ? "" : "patches: " + target->patches + "\n")
              << "instructions: " << target->instructions
              << " instructions (QEMU), not cycles: executed by the inference, exact and repeatable\n";
    std::cout << "  " << std::setw(3) << "op" << "  " << std::left << std::setw(18) << "kind" << std::right << std::setw(13)
              << "instructions" << std::setw(11) << "MACs" << std::setw(10) << "instr/MAC" << "  layer\n";
    for (size_t i = 0; i < target->operators.size(); ++i) {
      const auto& op = target->operators[i];
      std::string layer = op.layer;
      if (layer.size() > 48) layer = layer.substr(0, 45) + "...";
      std::cout << "  " << std::setw(3) << i << "  " << std::left << std::setw(18) << op.kind << std::right
                << std::setw(13) << op.instructions << std::setw(11) << op.macs << std::setw(10);
      if (op.macs > 0)
        std::cout << std::fixed << std::setprecision(2) << static_cast<double>(op.instructions) / static_cast<double>(op.macs)
                  << std::defaultfloat << std::setprecision(6);
      else
        std::cout << "-";
      std::cout << "  " << layer << "\n";
    }
    if (!target->matches_host)
      std::cout << "WARNING: the outputs differ from the host interpreter's (please report this model)\n";
  } else {
    std::cout << options.model << ": " << interpreter.operatorCount() << " operators, activation arena "
              << interpreter.arenaBytes() << " B\n";
  }
  constexpr size_t kShown = 64;
  for (size_t o = 0; o < outputs.size(); ++o) {
    const auto& spec = interpreter.outputs()[o];
    const OutputValues values = decode(spec, outputs[o]);
    std::cout << "\noutput " << describe(spec);
    if (spec.quantized) std::cout << " (scale " << spec.scale << ", zero point " << spec.zero_point << ")";
    std::cout << "\n";
    std::cout << std::setw(7) << "index" << (values.raw.empty() ? "" : "   int8") << "     value\n";
    for (size_t i = 0; i < values.values.size() && i < kShown; ++i) {
      std::cout << std::setw(7) << i;
      if (!values.raw.empty()) std::cout << std::setw(7) << values.raw[i];
      std::cout << "  " << std::setw(8) << std::fixed << std::setprecision(5) << values.values[i]
                << std::defaultfloat << (static_cast<int>(i) == values.argmax ? "  <- argmax" : "") << "\n";
    }
    if (values.values.size() > kShown)
      std::cout << "  ... " << values.values.size() - kShown << " more values (--json prints all)\n";
    if (values.argmax >= 0)
      std::cout << "argmax: " << values.argmax << " (" << values.values[static_cast<size_t>(values.argmax)] << ")\n";
  }
}

void printJson(const RunOptions& options, const Interpreter& interpreter,
               const std::vector<std::vector<uint8_t>>& outputs, const TargetRun* target) {
  nlohmann::json report;
  report["model"] = options.model;
  report["operators"] = interpreter.operatorCount();
  report["target"] = options.target;
  if (target) {
    report["runtime"] = "tinyforge-c";
    report["stack_bytes"] = target->stack_bytes;
    report["static_ram_bytes"] = target->static_ram_bytes;
    report["arena_bytes"] = target->arena_bytes;
    report["peak_ram_bytes"] = target->peak_ram_bytes();
    report["patches"] = target->patches;
    report["instructions"] = target->instructions;
    report["instructions_note"] = "instructions (QEMU), not cycles: executed by the inference, exact and repeatable";
    nlohmann::json ops = nlohmann::json::array();
    for (const auto& op : target->operators)
      ops.push_back({{"layer", op.layer},
                     {"kind", op.kind},
                     {"latency_class", op.latency_class},
                     {"instructions", op.instructions},
                     {"macs", op.macs}});
    report["operator_instructions"] = ops;
    report["matches_host"] = target->matches_host;
  } else {
    report["arena_bytes"] = interpreter.arenaBytes();
  }
  report["inputs"] = nlohmann::json::array();
  for (const auto& s : interpreter.inputs())
    report["inputs"].push_back({{"name", s.name}, {"shape", s.shape}, {"type", toString(s.type)}, {"bytes", s.bytes}});
  report["outputs"] = nlohmann::json::array();
  for (size_t o = 0; o < outputs.size(); ++o) {
    const auto& spec = interpreter.outputs()[o];
    const OutputValues values = decode(spec, outputs[o]);
    nlohmann::json out = {{"name", spec.name}, {"shape", spec.shape}, {"type", toString(spec.type)}};
    if (spec.quantized) {
      out["scale"] = spec.scale;
      out["zero_point"] = spec.zero_point;
    }
    if (!values.raw.empty()) out["values"] = values.raw;
    out["dequantized"] = values.values;
    if (values.argmax >= 0) out["argmax"] = values.argmax;
    report["outputs"].push_back(std::move(out));
  }
  std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// Generates the firmware, runs it under QEMU and replaces `outputs` with what it computed.
TargetRun runOnTarget(const RunOptions& options, const ShapedGraph& shaped, const TensorModel& model,
                      const Interpreter& interpreter, const std::vector<std::vector<uint8_t>>& inputs,
                      std::vector<std::vector<uint8_t>>& outputs) {
  std::vector<uint8_t> all;
  for (const auto& input : inputs) all.insert(all.end(), input.begin(), input.end());
  std::error_code error;
  const auto folder = std::filesystem::temp_directory_path() /
                      ("tinyforge-run-" + std::to_string(::getpid()) + "-" + options.target);
  struct Cleanup {
    std::filesystem::path path;
    ~Cleanup() {
      std::error_code e;
      std::filesystem::remove_all(path, e);
    }
  } cleanup{folder};
  const std::string name = std::filesystem::path(options.model).stem().string();
  QemuModelRun run;
  std::optional<PatchPlan> patches;
  try {
    TinyforgeCPlanOptions patch_options;
    patch_options.dsp = qemuFirmwareTarget(options.target).core.dsp;
    patch_options.planner = *memoryPlannerFromString(options.planner);
    patches = resolvePatchRequest(shaped, model, patchRequestOf(options.patches, options.patch_mac_limit_percent,
                                                                RuntimeKind::TinyforgeC),
                                  patch_options);
    run = runModelOnQemu(shaped, model, options.target, all, folder.string(), name,
                         patches ? std::optional<PatchChoice>(patches->choice) : std::nullopt, patch_options.planner);
  } catch (const FirmwareBuildError& e) {
    failWith(options.model + ": building the firmware for " + options.target + " failed: " + e.what());
  }
  TargetRun target;
  target.target = options.target;
  target.stack_bytes = run.run.stack_bytes;
  target.instructions = run.run.instructions;
  target.static_ram_bytes = run.image.sections.staticRamBytes();
  target.arena_bytes = run.generated.plan.arena_bytes;
  if (patches) {
    std::ostringstream text;
    text << "operators 0.." << patches->choice.split_op << " in " << patches->choice.rows << "x" << patches->choice.cols
         << " patches (arena without patches " << patches->unpatched_arena_bytes << " B; +" << std::fixed
         << std::setprecision(1) << patches->extra_macs_percent()
         << "% MACs, recomputed halos); the table counts the whole patched stage under operator "
         << patches->choice.split_op;
    target.patches = text.str();
  } else if (options.patches == "auto") {
    target.patches = "auto found no split point and grid that lowers the arena: none used";
  }
  for (size_t i = 0; i < run.run.operator_instructions.size() && i < model.operators.size(); ++i) {
    const int layer = model.operators[i].layer;
    const Node& node = shaped.node(layer);
    LatencyOp op;
    op.kind = node.kind;
    op.kernel_h = node.kernel_h;
    op.kernel_w = node.kernel_w;
    target.operators.push_back({node.name, tfliteName(node.kind), toString(opClassOf(op)),
                                run.run.operator_instructions[i], layerCost(shaped, layer).macs});
  }
  size_t at = 0;
  for (size_t o = 0; o < outputs.size(); ++o) {
    const size_t bytes = static_cast<size_t>(interpreter.outputs()[o].bytes);
    if (at + bytes > run.run.output_bytes.size()) failWith(options.model + ": the firmware wrote too few output bytes");
    std::vector<uint8_t> got(run.run.output_bytes.begin() + static_cast<long>(at),
                             run.run.output_bytes.begin() + static_cast<long>(at + bytes));
    if (got != outputs[o]) target.matches_host = false;
    outputs[o] = std::move(got);
    at += bytes;
  }
  return target;
}

void runModel(const RunOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(options.model, error)) failWith(options.model + ": no such file");
  patchRequestOf(options.patches, options.patch_mac_limit_percent, RuntimeKind::TinyforgeC);  // syntax first
  if (options.planner != "greedy" && options.target == "host")
    failWith("--planner needs a QEMU target: it plans the generated firmware's arena, the host interpreter has none");
  if (options.patches != "none" && options.target == "host")
    failWith("--patches needs a QEMU target (--target qemu-m4 | qemu-m7 | qemu-m3): patch-based inference runs in the "
             "generated C firmware, the host interpreter runs layer by layer");
  try {
    const ShapedGraph shaped = inferShapes(loadModelFile(options.model));
    const TensorModel model = lower(shaped);
    Interpreter interpreter(shaped, model);
    const auto inputs = loadInputs(options, interpreter);
    auto outputs = interpreter.invoke(inputs);
    std::optional<TargetRun> target;
    if (options.target != "host") target = runOnTarget(options, shaped, model, interpreter, inputs, outputs);
    if (options.json)
      printJson(options, interpreter, outputs, target ? &*target : nullptr);
    else
      printText(options, interpreter, outputs, target ? &*target : nullptr);
  } catch (const CommandFailed&) {
    throw;
  } catch (const std::exception& e) {
    failWith(options.model + ": " + e.what());
  }
}

}  // namespace

void addRunCommand(CLI::App& app, const CommonOptions&) {
  auto options = std::make_shared<RunOptions>();
  auto* run = app.add_subcommand("run", "run an int8 model on one input with TFLM's arithmetic (bit-exact)");
  run->add_option("model", options->model, "quantized model (.tflite, or .json graph with weights)")->required();
  run->add_option("--input,-i", options->inputs,
                  "input tensor file: raw bytes, hex text (.hex/.txt) or .npy; one per model input, or one with all")
      ->required();
  run->add_option("--input-format", options->input_format, "auto (by extension) | raw | hex | npy")
      ->check(CLI::IsMember({"auto", "raw", "hex", "npy"}))
      ->capture_default_str();
  run->add_option("--target", options->target,
                  "host: the interpreter; qemu-m4 | qemu-m7 | qemu-m3: generated firmware under QEMU (Cortex-M4F / "
                  "M7 with the DSP path, M3 with the plain C path)")
      ->check(CLI::IsMember({"host", "qemu-m4", "qemu-m7", "qemu-m3"}))
      ->capture_default_str();
  addPatchOptions(*run, options->patches, options->patch_mac_limit_percent);
  run->add_option("--planner", options->planner,
                  "the firmware's arena planner (QEMU targets): greedy (TFLM's rule) | best (the best offset planner)")
      ->check(CLI::IsMember({"greedy", "best"}))
      ->capture_default_str();
  run->add_flag("--json", options->json, "machine-readable output");
  run->callback([options] { runModel(*options); });
}

}  // namespace tinyforge::cli
