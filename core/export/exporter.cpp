#include "core/export/exporter.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/io/safe_names.h"
#include "core/boards/board.h"
#include "core/boards/board_library.h"
#include "core/estimate/memory_layout.h"
#include "core/export/c_sources.h"
#include "core/export/calibration_samples.h"
#include "core/export/memory_map.h"
#include "core/export/memory_map_scene.h"
#include "core/export/report_html.h"
#include "core/export/scene_render.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/quant/quantize_graph.h"
#include "core/runtime/offline_plan.h"
#include "core/runtime/runtime_model.h"
#include "core/tflite/tflite_writer.h"

#include "core/firmware/firmware_build.h"
#include "core/firmware/firmware_target.h"

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

bool isTflm(RuntimeKind runtime) { return runtime == RuntimeKind::Tflm || runtime == RuntimeKind::TflmCmsis; }

void dropOfflinePlan(Graph& graph) {
  for (Node& node : graph.nodes) node.offline_offset_bytes = -1;
}

// The written file is what sits in Flash: when it differs from the estimator's figure (the
// offline plan adds metadata; an imported file is re-written, never larger), the Flash
// figures and the verdict follow it.
void useWrittenSize(Estimate& estimate, int64_t file_bytes) {
  estimate.memory.model_flash_source = ModelFlashSource::WrittenFile;  // even for an unedited import
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
    case ExportFormat::Firmware: return "firmware";
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
    for (ExportFormat f : {ExportFormat::Tflite, ExportFormat::C, ExportFormat::MemoryMap, ExportFormat::Report,
                           ExportFormat::Firmware}) {
      if (name != toString(f)) continue;
      known = true;
      if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    }
    if (!known) throw ExportError("unknown export format '" + name + "' (known: tflite, c, memmap, report, firmware)");
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
  // The generated C plans its arena with the chosen planner (the firmware format); a TFLM
  // runtime gets the best plan as an offline plan in the .tflite, which only TFLM reads.
  const bool generated_c = options.runtime == RuntimeKind::TinyforgeC && wants(options, ExportFormat::Firmware);
  if ((options.offline_plan || (options.planner == MemoryPlanner::Best && !generated_c)) && !isTflm(options.runtime))
    throw ExportError(std::string("the best planner is shipped as an offline plan, which only TFLM reads; runtime '") +
                      toString(options.runtime) + "' plans its own arena" +
                      (options.runtime == RuntimeKind::TinyforgeC ? " (its firmware takes --planner best: --format firmware)" : ""));
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

  if (options.reorder || (options.planner == MemoryPlanner::Best && isTflm(options.runtime)) || options.offline_plan) {
    MemoryLayoutOptions layout_options;
    layout_options.reorder = options.reorder;
    layout_options.planner = options.planner;
    layout_options.force_offline_plan = options.offline_plan;
    try {
      MemoryLayout layout =
          layOutMemory(result.exported, estimator, options.boards.front(), options.runtime, layout_options);
      result.exported = std::move(layout.graph);
      result.notes.insert(result.notes.end(), layout.notes.begin(), layout.notes.end());
    } catch (const OfflinePlanError& error) {
      throw ExportError(result.model_name + ": the planned arena is not valid, nothing written: " + error.what());
    }
  }

  const ShapedGraph shaped = inferShapes(result.exported);
  const TensorModel model = lower(shaped);
  // Every plan is verified before it is written (an imported model's own one too).
  try {
    checkOfflinePlan(shaped, model);
  } catch (const OfflinePlanError& error) {
    throw ExportError(result.model_name + ": " + error.what() +
                      "; export with --planner best to plan the arena anew");
  }
  result.tflite = writeTflite(shaped, model);

  // The estimates are of the file as written: TFLM takes the plan it carries, if any.
  EstimatorSettings file_settings = estimator.settings();
  // (the generated C plans its own arena with the chosen planner).
  file_settings.planner = isTflm(options.runtime) ? MemoryPlanner::Greedy : options.planner;
  file_settings.reorder = false;
  const Estimator file_estimator(estimator.sharedBoards(), file_settings);
  for (const auto& board : options.boards) {
    Estimate estimate = file_estimator.estimate(shaped, board, options.runtime);
    if (isTflm(options.runtime)) useWrittenSize(estimate, static_cast<int64_t>(result.tflite.size()));
    result.fits_all = result.fits_all && estimate.fit.fits();
    result.estimates.push_back(std::move(estimate));
  }
  if (wants(options, ExportFormat::Firmware)) {
    // The firmware is TinyForge's generated C whatever runtime the other files are for: its
    // verdict is tinyforge-c's, with the patches it is generated with.
    EstimatorSettings firmware_settings = estimator.settings();
    firmware_settings.patches = options.patches;
    firmware_settings.planner = options.planner;
    const Estimator firmware_estimator(estimator.sharedBoards(), firmware_settings);
    for (const auto& board : options.boards) {
      Estimate estimate = firmware_estimator.estimate(shaped, board, RuntimeKind::TinyforgeC);
      result.fits_all = result.fits_all && estimate.fit.fits();
      result.firmware_estimates.push_back(std::move(estimate));
    }
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
    // The other planner's plan beside each map: TFLM's own when the file carries a plan,
    // else the best planner's; for the generated C, the planner not chosen.
    std::optional<ShapedGraph> without_plan;
    EstimatorSettings best_settings = file_settings;
    best_settings.planner = MemoryPlanner::Best;
    const Estimator best_estimator(estimator.sharedBoards(), best_settings);
    EstimatorSettings other_settings = file_settings;
    other_settings.planner = options.planner == MemoryPlanner::Best ? MemoryPlanner::Greedy : MemoryPlanner::Best;
    const Estimator other_estimator(estimator.sharedBoards(), other_settings);
    for (const auto& estimate : result.estimates) {
      const Board& board = estimator.boards().get(estimate.board_id);
      std::optional<Estimate> other;
      if (isTflm(options.runtime)) {
        if (estimate.offline_plan) {
          if (!without_plan) {
            Graph plain = result.exported;
            dropOfflinePlan(plain);
            without_plan = inferShapes(plain);
          }
          other = file_estimator.estimate(*without_plan, estimate.board_id, options.runtime);
        } else {
          other = best_estimator.estimate(shaped, estimate.board_id, options.runtime);
        }
      } else {
        other = other_estimator.estimate(shaped, estimate.board_id, options.runtime);
      }
      const MemoryMap map = buildMemoryMap(shaped, estimate, board, other ? &*other : nullptr);
      const std::string dir = safeFileName(estimate.board_id, "board") + "/";
      if (wants(options, ExportFormat::MemoryMap)) {
        const Scene scene = memoryMapScene(map);
        files.push_back({dir + "memory_map.json", memoryMapToJson(map).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"});
        files.push_back({dir + "memory_map.svg", renderSvg(scene)});
        files.push_back({dir + "memory_map.png", renderPng(scene)});
        files.push_back({dir + "memory_map.pdf", renderPdf(scene)});
      }
      if (wants(options, ExportFormat::Report)) {
        ReportNotes notes;
        notes.model_file = wants(options, ExportFormat::Tflite) ? "../" + model_file : "";
        notes.placeholder_weights = result.placeholder_weights;
        notes.notes = result.notes;
        for (RuntimeKind runtime : {RuntimeKind::Tflm, RuntimeKind::TflmCmsis, RuntimeKind::TinyforgeC}) {
          const Estimate timed = runtime == estimate.runtime ? estimate
                                                             : file_estimator.estimate(shaped, estimate.board_id, runtime);
          notes.runtime_latency.push_back({toString(runtime), timed.latency_ms, timed.latency_basis});
        }
        files.push_back({dir + "report.html", renderReportHtml(estimate, map, notes)});
      }
    }
  }
  if (wants(options, ExportFormat::Firmware)) {
    for (const Estimate& estimate : result.firmware_estimates) {
      const Board& board = estimator.boards().get(estimate.board_id);
      FirmwareTarget target;
      try {
        target = firmwareTargetFor(board);
      } catch (const std::invalid_argument& error) {
        throw ExportError(error.what());
      }
      // The estimated stack, rounded up to 256 B: the link reserves it after the arena.
      const int64_t stack = (estimate.memory.runtime_sram_bytes + 255) / 256 * 256;
      FirmwareProjectInput project;
      try {
        // The patch choice for this core's kernels (their scratch differs), on the model as written.
        TinyforgeCPlanOptions patch_options;
        patch_options.dsp = target.core.dsp;
        patch_options.planner = options.planner;
        const std::optional<PatchPlan> patches = resolvePatchRequest(shaped, model, options.patches, patch_options);
        project = makeFirmwareProject(shaped, model, target, result.model_name, stack, nullptr,
                                      patches ? std::optional<PatchChoice>(patches->choice) : std::nullopt,
                                      options.planner);
      } catch (const CodegenError& error) {
        throw ExportError(result.model_name + ": the generated C runtime cannot run it: " + error.what());
      } catch (const PatchError& error) {
        throw ExportError(result.model_name + ": " + error.what());
      }
      if (result.placeholder_weights) project.notes.push_back("the weights are PLACEHOLDERS (all zero)");
      project.notes.push_back("TinyForge's estimate for " + board.id + ": Flash " +
                              std::to_string(estimate.memory.flash_bytes) + " B (model data " +
                              std::to_string(estimate.memory.model_flash_bytes) + " B + code " +
                              std::to_string(estimate.memory.code_flash_bytes) + " B), SRAM " +
                              std::to_string(estimate.memory.sram_bytes) + " B (arena " +
                              std::to_string(estimate.memory.arena_bytes) + " B + stack " +
                              std::to_string(estimate.memory.runtime_sram_bytes) + " B)");
      if (!estimate.memory.code_flash_source.empty())
        project.notes.push_back("code and stack: " + estimate.memory.code_flash_source +
                                "; the stack is the inference's: reserve more (-DTFC_STACK_BYTES=...) for your "
                                "interrupt handlers");
      if (!target.core.arm)
        result.notes.push_back(board.id + ": " + board.core +
                               " is not an Arm core: the firmware folder holds the portable sources and a README");
      const std::string dir = safeFileName(estimate.board_id, "board") + "/firmware/";
      for (ProjectFile& file : firmwareProjectFiles(project)) files.push_back({dir + file.path, std::move(file.contents)});
    }
  }
  return result;
}

std::string firmwareFolder(const std::string& out_dir, const std::string& board_id) {
  return (std::filesystem::path(out_dir) / safeFileName(board_id, "board") / "firmware").string();
}

FirmwareFolders::FirmwareFolders(const std::string& out_dir, const std::vector<std::string>& board_ids, bool force) {
  namespace fs = std::filesystem;
  for (const std::string& board : board_ids) {
    const fs::path folder = firmwareFolder(out_dir, board);
    std::error_code error;
    if (!fs::exists(folder, error)) continue;
    if (!force) {
      restore();
      throw ExportError(folder.string() + " exists; nothing was exported (use --force to replace it)");
    }
    // Replaced whole (no stale build folder beside new sources), but only once the new files
    // are written: until then it waits beside, and comes back if the export fails.
    const fs::path aside = folder.parent_path() / (".firmware.previous-" + std::to_string(::getpid()));
    fs::remove_all(aside, error);
    fs::rename(folder, aside, error);
    if (error) {
      restore();
      throw ExportError(folder.string() + ": cannot replace the folder: " + error.message());
    }
    moved_.emplace_back(folder.string(), aside.string());
  }
}

FirmwareFolders::~FirmwareFolders() {
  if (!committed_) restore();
}

void FirmwareFolders::commit() {
  std::error_code error;
  for (const auto& [folder, aside] : moved_) std::filesystem::remove_all(aside, error);
  committed_ = true;
}

void FirmwareFolders::restore() {
  std::error_code error;
  for (const auto& [folder, aside] : moved_) {
    std::filesystem::remove_all(folder, error);
    std::filesystem::rename(aside, folder, error);
  }
  moved_.clear();
}

std::vector<std::string> buildFirmwareFolders(const std::string& out_dir, const std::vector<std::string>& board_ids,
                                              const BoardLibrary& boards) {
  std::vector<std::string> notes;
  for (const std::string& id : board_ids) {
    const Board& board = boards.get(id);
    const auto core = targetCoreFor(board.core);
    if (!core || !core->arm) continue;
    FirmwareBuildOptions build;
    build.target = "board";
    FirmwareImage image;
    try {
      image = buildFirmware(firmwareFolder(out_dir, id), build);
    } catch (const FirmwareBuildError& error) {
      if (error.kind() != FirmwareBuildError::Kind::DoesNotFit) throw;
      // The linker's overflow, as the budget, the need and the excess per memory.
      const FirmwareMemory memory = firmwareMemoryFor(board);
      std::string message = board.id + ": the firmware does not link:";
      for (const MemoryOverflow& o : error.overflows()) {
        const int64_t budget = o.region == "FLASH" ? memory.flash_bytes : memory.ram_bytes;
        message += " " + std::string(o.region == "FLASH" ? "Flash" : "RAM") + " needs " +
                   std::to_string(budget + o.over_bytes) + " B, has " + std::to_string(budget) + " B, over by " +
                   std::to_string(o.over_bytes) + " B;";
      }
      message.pop_back();
      throw FirmwareBuildError(FirmwareBuildError::Kind::DoesNotFit, message, error.overflows());
    }
    notes.push_back(board.id + ": built " + image.elf_path + " (Flash " + std::to_string(image.sections.flashBytes()) +
                    " B, static RAM " + std::to_string(image.sections.staticRamBytes()) + " B + stack " +
                    std::to_string(image.sections.stack_bytes) + " B; map " + image.map_path + ")");
  }
  return notes;
}

ExportResult exportModel(const Graph& graph, const std::string& out_dir, const ExportOptions& options,
                         const Estimator& estimator) {
  std::vector<OutputFile> files;
  ExportResult result = prepareExport(graph, options, estimator, files);
  if (!result.fits_all && !options.force) return result;
  std::vector<std::string> firmware_boards;
  for (const Estimate& estimate : result.firmware_estimates) firmware_boards.push_back(estimate.board_id);
  FirmwareFolders previous(out_dir, firmware_boards, options.force);
  for (std::string& note : writeFilesTogether(out_dir, files)) result.notes.push_back(std::move(note));
  previous.commit();
  result.written = true;
  for (const auto& f : files) result.files.push_back(f.path);
  if (options.build_firmware) {
    for (std::string& note : buildFirmwareFolders(out_dir, firmware_boards, estimator.boards()))
      result.notes.push_back(std::move(note));
  }
  return result;
}

}  // namespace tinyforge
