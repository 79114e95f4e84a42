#pragma once
// Export = a model made deployable for one or more boards: the int8 .tflite (quantized
// here from a float graph and calibration samples when needed), C sources for a TFLM
// application, and per board a memory map (JSON; a picture as SVG, PNG and PDF) and an
// HTML report. Files:
//   DIR/<model>.tflite
//   DIR/c/model_data.h, DIR/c/model_data.cc, DIR/c/main.cc
//   DIR/<board>/memory_map.json, memory_map.svg, memory_map.png, memory_map.pdf, report.html
//   DIR/<board>/firmware/   a firmware project of TinyForge's generated C runtime
//                           (core/firmware: builds with cmake -B build && cmake --build build)
// A model that does not fit a board is not written unless forced; the files are written
// all together or not at all (output_files.h).

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/estimate/estimate.h"
#include "core/export/output_files.h"
#include "core/graph/graph.h"

namespace tinyforge {

// A model or a request that cannot be exported (float weights without calibration data,
// no weights without --allow-empty-weights, bad calibration data, unknown format...).
// The message names the file, the layer or the board.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ExportFormat { Tflite, C, MemoryMap, Report, Firmware };
const char* toString(ExportFormat format);  // "tflite", "c", "memmap", "report", "firmware"
// "tflite,c,memmap,report,firmware" (any subset, any order). Throws ExportError for unknown names.
std::vector<ExportFormat> parseExportFormats(const std::string& text);

// What the weighted layers (Conv2D, DepthwiseConv2D, FullyConnected) carry.
enum class WeightState {
  Quantized,  // int8/int4 filters with data: ready to write
  Float,      // float32 filters: quantize with calibration data first
  Missing,    // drawn by hand: no weights at all
};
// `layer` gets the first layer that decides the state (for messages). Throws ExportError
// when some layers have weights and others none.
WeightState weightStateOf(const Graph& graph, std::string* layer = nullptr);

struct ExportOptions {
  std::string model_name;  // file stem of DIR/<model>.tflite; empty: the graph's name
  std::vector<std::string> boards;
  RuntimeKind runtime = RuntimeKind::Tflm;
  std::vector<ExportFormat> formats = {ExportFormat::Tflite, ExportFormat::C, ExportFormat::MemoryMap,
                                       ExportFormat::Report};
  bool force = false;                // write even when the model does not fit a board
  // The arena planner for TFLM: with Best the best plan (offset_planner.h) for the first
  // board goes into the model as OfflineMemoryAllocation metadata when it is smaller than
  // TFLM's own; offline_plan writes it even when it is not (and implies Best).
  MemoryPlanner planner = MemoryPlanner::Greedy;
  bool offline_plan = false;
  bool reorder = false;              // write the operators in the order with the smallest peak
  bool allow_empty_weights = false;  // write zero placeholder weights for a graph without any
  bool build_firmware = false;       // with the firmware format: compile it (ELF, map) for the board
  std::string calibration_path;      // samples for quantizing a float graph (calibration_samples.h)
  // Patch-based inference in the firmware (and the tinyforge-c estimates): none, auto or a
  // split layer and grid (core/runtime/patch_request.h).
  PatchRequest patches;
};

struct ExportResult {
  std::string model_name;
  Graph exported;                    // the graph written (quantized when calibrated)
  std::vector<uint8_t> tflite;       // the .tflite's bytes
  std::vector<Estimate> estimates;   // one per board, of the exported model
  std::vector<Estimate> firmware_estimates;  // with the firmware format: tinyforge-c, one per board
  bool fits_all = true;
  bool written = false;              // false: it does not fit and was not forced
  bool placeholder_weights = false;
  std::vector<std::string> files;    // written, relative to the output folder
  std::vector<std::string> notes;    // for the user: calibration, forced export, offline plan
};

// Everything but the writing: quantize if needed, write the .tflite in memory, estimate
// every board and render every requested file. Throws ExportError, GraphError or
// std::invalid_argument (unknown board) with a message naming what is wrong.
ExportResult prepareExport(const Graph& graph, const ExportOptions& options, const Estimator& estimator,
                           std::vector<OutputFile>& files);

// prepareExport, then writeFilesTogether into `out_dir` unless a board does not fit and
// the export is not forced. Throws FileError when the folder or a file cannot be written
// (nothing is left behind then), ExportError when a firmware folder exists and the export is
// not forced, and core/firmware's FirmwareBuildError when --build fails (the files stay).
ExportResult exportModel(const Graph& graph, const std::string& out_dir, const ExportOptions& options,
                         const Estimator& estimator);

// An export's firmware folders (DIR/<board>/firmware) that already exist: refused with an
// ExportError unless `force`; with it they are moved aside until commit() (after the new
// files are written) and put back if the export fails before that.
class FirmwareFolders {
 public:
  FirmwareFolders(const std::string& out_dir, const std::vector<std::string>& board_ids, bool force);
  ~FirmwareFolders();
  FirmwareFolders(const FirmwareFolders&) = delete;
  FirmwareFolders& operator=(const FirmwareFolders&) = delete;
  void commit();

 private:
  void restore();
  std::vector<std::pair<std::string, std::string>> moved_;  // folder, where it waits
  bool committed_ = false;
};

// Builds each Arm board's firmware folder under `out_dir` for the board (ELF and map in its
// build-board folder); returns a note per build. Throws core/firmware's FirmwareBuildError
// (a link overflow as the budget, the need and the excess per memory).
std::vector<std::string> buildFirmwareFolders(const std::string& out_dir, const std::vector<std::string>& board_ids,
                                              const BoardLibrary& boards);

}  // namespace tinyforge
