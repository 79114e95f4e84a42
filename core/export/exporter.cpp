#include "core/export/exporter.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/boards/board.h"
#include "core/boards/board_library.h"
#include "core/export/c_sources.h"
#include "core/export/calibration_samples.h"
#include "core/export/memory_map.h"
#include "core/export/memory_map_scene.h"
#include "core/export/report_html.h"
#include "core/export/scene_render.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/quant/quantize_graph.h"
#include "core/runtime/runtime_model.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

bool isWeighted(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected;
}

const ConstTensor* filterOf(const Node& node) {
  for (const auto& c : node.constants)
    if (c.role == "filter") return &c;
  return nullptr;
}

// File and folder names from model and board names a user chose.
std::string safeFileName(const std::string& name, const char* fallback) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    out += ok ? c : '_';
  }
  if (out.empty() || out == "." || out == "..") return fallback;
  return out;
}

bool isTflm(RuntimeKind runtime) { return runtime == RuntimeKind::Tflm || runtime == RuntimeKind::TflmCmsis; }

ArmIsa armIsaOf(const Board& board) {
  switch (board.isa) {
    case IsaClass::Dsp: return ArmIsa::Dsp;
    case IsaClass::Mve: return ArmIsa::Mve;
    case IsaClass::Scalar: return ArmIsa::None;
  }
  return ArmIsa::Dsp;
}

// TFLM's own plan of the activations for the first board, as offsets per tensor for the
// OfflineMemoryAllocation metadata (constants -1: they are not in the arena).
std::vector<int32_t> offlineOffsets(const ShapedGraph& shaped, const TensorModel& model, const Board& board,
                                    RuntimeKind runtime) {
  auto planner = makeRuntimeModel(toString(runtime), armIsaOf(board));
  if (!planner) throw ExportError(std::string("no memory planner for runtime '") + toString(runtime) + "'");
  RuntimeInput input;
  input.graph = &shaped;
  input.model = &model;
  input.model_flash_bytes = tfliteSizeBytes(shaped, model);
  RuntimeEstimate plan;
  planner->estimate(input, plan);
  std::vector<int32_t> offsets(model.tensors.size(), -1);
  for (const auto& buffer : plan.buffers)
    if (buffer.tensor >= 0) offsets[static_cast<size_t>(buffer.tensor)] = buffer.offset_bytes;
  return offsets;
}

// The written file is what sits in Flash: when it differs from the estimator's default
// layout (the offline plan adds metadata), the Flash figures and the verdict follow it.
void useWrittenSize(Estimate& estimate, int64_t file_bytes) {
  const int64_t delta = file_bytes - estimate.memory.model_flash_bytes;
  if (delta == 0) return;
  estimate.memory.model_flash_bytes += delta;
  estimate.memory.flash_bytes += delta;
  BoardFit& fit = estimate.fit;
  fit.fits_flash = estimate.memory.flash_bytes <= fit.flash_budget_bytes;
  std::erase_if(fit.problems, [](const std::string& p) { return p.rfind("Flash", 0) == 0; });
  if (!fit.fits_flash)
    fit.problems.insert(fit.problems.begin(), "Flash: needs " + std::to_string(estimate.memory.flash_bytes) +
                                                  " B, has " + std::to_string(fit.flash_budget_bytes) + " B");
}

bool wants(const ExportOptions& options, ExportFormat format) {
  return std::find(options.formats.begin(), options.formats.end(), format) != options.formats.end();
}

Graph quantizeWithCalibration(const Graph& graph, const std::string& path, ExportResult& result) {
  const FloatModel float_model(graph);
  if (float_model.inputLayers().size() != 1)
    throw ExportError(graph.name + ": calibration files hold one input per sample; this model has " +
                      std::to_string(float_model.inputLayers().size()) + " inputs");
  const auto& shape = float_model.graph().layers[static_cast<size_t>(float_model.inputLayers()[0])].output_shape;
  std::vector<FloatSample> samples;
  try {
    samples = loadCalibrationSamples(path, shape);
  } catch (const CalibrationDataError& error) {
    throw ExportError(std::string("calibration data: ") + error.what());
  }
  Graph quantized = quantize(graph, samples);
  quantized.name = graph.name;
  result.notes.push_back("quantized to int8 with " + std::to_string(samples.size()) +
                         " calibration samples from " + path + " (min/max ranges, per-channel weights)");
  return quantized;
}

}  // namespace

const char* toString(ExportFormat format) {
  switch (format) {
    case ExportFormat::Tflite: return "tflite";
    case ExportFormat::C: return "c";
    case ExportFormat::MemoryMap: return "memmap";
    case ExportFormat::Report: return "report";
  }
  return "?";
}

std::vector<ExportFormat> parseExportFormats(const std::string& text) {
  std::vector<ExportFormat> formats;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    const std::string name = text.substr(begin, end - begin);
    bool known = false;
    for (ExportFormat f : {ExportFormat::Tflite, ExportFormat::C, ExportFormat::MemoryMap, ExportFormat::Report}) {
      if (name != toString(f)) continue;
      known = true;
      if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    }
    if (!known) throw ExportError("unknown export format '" + name + "' (known: tflite, c, memmap, report)");
    begin = end + 1;
  }
  return formats;
}

WeightState weightStateOf(const Graph& graph, std::string* layer) {
  std::string first_float, first_quantized, first_missing;
  for (const Node& node : graph.nodes) {
    if (!isWeighted(node.kind) && !isBlock(node.kind)) continue;
    const ConstTensor* filter = isBlock(node.kind) ? nullptr : filterOf(node);
    if (!filter || filter->data.empty()) {
      if (first_missing.empty()) first_missing = node.name;
    } else if (filter->type == DataType::Float32) {
      if (first_float.empty()) first_float = node.name;
    } else if (first_quantized.empty()) {
      first_quantized = node.name;
    }
  }
  const auto pick = [layer](const std::string& name, WeightState state) {
    if (layer) *layer = name;
    return state;
  };
  if (!first_missing.empty() && (!first_float.empty() || !first_quantized.empty()))
    throw ExportError(graph.name + ": layer '" + first_missing + "' has no weights while layer '" +
                      (first_float.empty() ? first_quantized : first_float) + "' has them");
  if (!first_float.empty()) return pick(first_float, WeightState::Float);
  if (!first_missing.empty()) return pick(first_missing, WeightState::Missing);
  return pick(first_quantized, WeightState::Quantized);
}

ExportResult prepareExport(const Graph& input_graph, const ExportOptions& options, const Estimator& estimator,
                           std::vector<OutputFile>& files) {
  if (options.boards.empty()) throw ExportError("export needs at least one board");
  if (options.formats.empty()) throw ExportError("no export format chosen (tflite, c, memmap, report)");
  if (options.offline_plan && !isTflm(options.runtime))
    throw ExportError(std::string("an offline memory plan is for TFLM; runtime '") + toString(options.runtime) +
                      "' does not read one");
  ExportResult result;
  result.model_name = safeFileName(options.model_name.empty() ? input_graph.name : options.model_name, "model");

  std::string layer;
  const WeightState state = weightStateOf(input_graph, &layer);
  const std::string& name = input_graph.name.empty() ? result.model_name : input_graph.name;
  switch (state) {
    case WeightState::Quantized:
      result.exported = input_graph;
      if (!options.calibration_path.empty())
        result.notes.push_back("the model is already quantized: calibration data " + options.calibration_path +
                               " was not used");
      break;
    case WeightState::Float:
      if (options.calibration_path.empty())
        throw ExportError(name + ": layer '" + layer +
                          "' has float32 weights; give calibration samples (--calibration DATA: .npy or raw "
                          "float32) to quantize the model to int8");
      result.exported = quantizeWithCalibration(input_graph, options.calibration_path, result);
      break;
    case WeightState::Missing:
      if (!options.calibration_path.empty())
        throw ExportError(name + ": layer '" + layer + "' has no weights, so there is nothing to calibrate");
      if (!options.allow_empty_weights)
        throw ExportError(name + ": layer '" + layer +
                          "' has no weights (a hand-drawn graph); train it or import a .tflite, or pass "
                          "--allow-empty-weights to export zero placeholder weights");
      result.exported = input_graph;
      result.placeholder_weights = true;
      result.notes.push_back("the weights are PLACEHOLDERS (all zero): the graph has no trained weights");
      break;
  }

  const ShapedGraph shaped = inferShapes(result.exported);
  const TensorModel model = lower(shaped);
  TfliteWriteOptions write_options;
  if (options.offline_plan) {
    const Board& first = estimator.boards().get(options.boards.front());
    write_options.offline_offsets_bytes = offlineOffsets(shaped, model, first, options.runtime);
    result.notes.push_back("the arena plan for " + first.id +
                           " is written into the model as OfflineMemoryAllocation metadata");
  }
  result.tflite = writeTflite(shaped, model, write_options);

  for (const auto& board : options.boards) {
    Estimate estimate = estimator.estimate(shaped, board, options.runtime);
    if (isTflm(options.runtime)) useWrittenSize(estimate, static_cast<int64_t>(result.tflite.size()));
    result.fits_all = result.fits_all && estimate.fit.fits();
    result.estimates.push_back(std::move(estimate));
  }
  if (!result.fits_all) {
    if (!options.force) return result;
    result.notes.push_back("exported with --force although it does not fit every board");
  }

  const std::string model_file = result.model_name + ".tflite";
  if (wants(options, ExportFormat::Tflite))
    files.push_back({model_file, std::string(result.tflite.begin(), result.tflite.end())});
  if (wants(options, ExportFormat::C)) {
    CSourcesInput c;
    c.model_name = result.model_name;
    c.model = &model;
    c.tflite = &result.tflite;
    c.placeholder_weights = result.placeholder_weights;
    for (size_t b = 0; b < options.boards.size(); ++b) {
      // The stub runs TFLM: with generated code chosen, its arena is sized for TFLM anyway.
      const Estimate e = isTflm(options.runtime) ? result.estimates[b]
                                                 : estimator.estimate(shaped, options.boards[b], RuntimeKind::Tflm);
      c.arenas.push_back({e.board_id, e.runtime, e.memory});
    }
    for (auto& source : makeCSources(c)) files.push_back({"c/" + source.name, std::move(source.contents)});
  }
  if (wants(options, ExportFormat::MemoryMap) || wants(options, ExportFormat::Report)) {
    for (const auto& estimate : result.estimates) {
      const Board& board = estimator.boards().get(estimate.board_id);
      const MemoryMap map = buildMemoryMap(shaped, estimate, board);
      const std::string dir = safeFileName(estimate.board_id, "board") + "/";
      if (wants(options, ExportFormat::MemoryMap)) {
        const Scene scene = memoryMapScene(map);
        files.push_back({dir + "memory_map.json", memoryMapToJson(map).dump(2) + "\n"});
        files.push_back({dir + "memory_map.svg", renderSvg(scene)});
        files.push_back({dir + "memory_map.png", renderPng(scene)});
        files.push_back({dir + "memory_map.pdf", renderPdf(scene)});
      }
      if (wants(options, ExportFormat::Report)) {
        ReportNotes notes;
        notes.model_file = wants(options, ExportFormat::Tflite) ? "../" + model_file : "";
        notes.placeholder_weights = result.placeholder_weights;
        notes.notes = result.notes;
        files.push_back({dir + "report.html", renderReportHtml(estimate, map, notes)});
      }
    }
  }
  return result;
}

ExportResult exportModel(const Graph& graph, const std::string& out_dir, const ExportOptions& options,
                         const Estimator& estimator) {
  std::vector<OutputFile> files;
  ExportResult result = prepareExport(graph, options, estimator, files);
  if (!result.fits_all && !options.force) return result;
  writeFilesTogether(out_dir, files);
  result.written = true;
  for (const auto& f : files) result.files.push_back(f.path);
  return result;
}

}  // namespace tinyforge
