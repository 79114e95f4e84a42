// tinyforge export MODEL --board B [--board ...] --out DIR [--format tflite,c,memmap,report,firmware]
//   [--calibration DATA] [--runtime R] [--force] [--planner greedy|best] [--offline-plan] [--reorder]
//   [--allow-empty-weights] [--build] [--patches none|auto|LAYER:ROWSxCOLS] [--patch-mac-limit PERCENT]
// Writes the deployable model, C sources and per-board memory maps and reports (see
// docs/export.md). Exit codes: 0 written (also when forced), 1 does not fit a board and
// nothing was written, 2 bad input or the files cannot be written (nothing written).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/estimate_report.h"
#include "app/cli/patch_options.h"
#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/estimate/load_model.h"
#include "core/estimate/units.h"
#include "core/export/exporter.h"
#include "core/firmware/firmware_build.h"
#include "core/io/atomic_file.h"

namespace tinyforge::cli {
namespace {

struct ExportCliOptions {
  std::string model;
  std::vector<std::string> boards;
  std::string out_dir;
  std::string formats = "tflite,c,memmap,report";
  std::string calibration;
  std::string runtime = "tflm";
  bool force = false;
  bool offline_plan = false;
  std::string planner = "greedy";
  bool reorder = false;
  bool allow_empty_weights = false;
  bool build = false;
  std::string patches = "none";
  double patch_mac_limit_percent = 20.0;
};

[[noreturn]] void failWith(const std::string& message, int code = kExitBadInput) {
  std::cerr << "tinyforge: " << message << "\n";
  throw CommandFailed{code};
}

void printFit(const Estimate& e) {
  std::cout << e.model << " on " << e.board_id << " (" << toString(e.runtime) << "): "
            << (e.fit.fits() ? "fits" : "DOES NOT FIT") << " - Flash " << formatBytes(e.memory.flash_bytes) << " of "
            << formatBytes(e.fit.flash_budget_bytes) << ", SRAM " << formatBytes(e.memory.sram_bytes) << " of "
            << formatBytes(e.fit.sram_budget_bytes) << " (arena " << e.memory.min_arena_bytes << " B)\n";
  for (const auto& problem : e.fit.problems) std::cout << "  " << problem << "\n";
}

void runExport(const ExportCliOptions& cli, const CommonOptions& common) {
  const auto boards = loadBoards(common);
  ExportOptions options;
  const auto runtime = runtimeFromString(cli.runtime);
  if (!runtime) failWith("unknown runtime '" + cli.runtime + "' (known: tflm, tflm-cmsis, tinyforge-c)");
  options.runtime = *runtime;
  options.boards = cli.boards;
  options.force = cli.force;
  options.offline_plan = cli.offline_plan;
  const auto planner = memoryPlannerFromString(cli.planner);
  if (!planner) failWith("unknown planner '" + cli.planner + "' (known: greedy, best)");
  options.planner = cli.offline_plan ? MemoryPlanner::Best : *planner;
  options.reorder = cli.reorder;
  options.allow_empty_weights = cli.allow_empty_weights;
  options.calibration_path = cli.calibration;
  options.build_firmware = cli.build;
  options.model_name = std::filesystem::path(cli.model).stem().string();

  ExportResult result;
  try {
    options.formats = parseExportFormats(cli.formats);
    // Patches run in the generated C: the firmware, and the estimates when they are tinyforge-c's.
    const bool firmware = std::find(options.formats.begin(), options.formats.end(), ExportFormat::Firmware) !=
                          options.formats.end();
    if (cli.patches != "none" && !firmware && options.runtime != RuntimeKind::TinyforgeC)
      failWith("--patches needs --format firmware or --runtime tinyforge-c: patch-based inference runs in "
               "TinyForge's generated C runtime");
    options.patches = patchRequestOf(cli.patches, cli.patch_mac_limit_percent, RuntimeKind::TinyforgeC);
    EstimatorSettings settings;
    if (options.runtime == RuntimeKind::TinyforgeC) settings.patches = options.patches;
    const Graph graph = loadModelFile(cli.model);
    const Estimator estimator(boards, settings);
    result = exportModel(graph, cli.out_dir, options, estimator);
  } catch (const FirmwareBuildError& error) {
    // The files are written; the build of a firmware folder failed.
    if (error.kind() == FirmwareBuildError::Kind::DoesNotFit) {
      std::cerr << "tinyforge: " << error.what() << " (the sources were written to " << cli.out_dir << ")\n";
      throw CommandFailed{kExitDoesNotFit};
    }
    failWith(std::string(error.what()) + " (the files were written to " + cli.out_dir + ")");
  } catch (const FileError& error) {
    failWith(std::string(error.what()) + "; nothing was exported to " + cli.out_dir);
  } catch (const GraphError& error) {
    failWith(cli.model + ": " + error.what());
  } catch (const std::exception& error) {
    failWith(error.what());
  }

  for (const auto& e : result.estimates) printFit(e);
  for (const auto& e : result.firmware_estimates) {
    printFit(e);
    if (e.patches) printPatches(std::cout, e, options.patches);
  }
  if (!result.written) {
    std::cerr << "tinyforge: " << cli.model << " does not fit every board: nothing was written to " << cli.out_dir
              << " (use --force to export anyway)\n";
    throw CommandFailed{kExitDoesNotFit};
  }
  for (const auto& note : result.notes) std::cout << "note: " << note << "\n";
  std::cout << "wrote " << result.files.size() << " files to " << cli.out_dir << ":\n";
  for (const auto& file : result.files) std::cout << "  " << file << "\n";
  if (result.placeholder_weights)
    std::cout << "WARNING: the exported weights are placeholders (all zero); the model predicts nothing.\n";
  if (!result.fits_all) std::cout << "WARNING: exported with --force; the model does not fit every board.\n";
}

}  // namespace

void addExportCommand(CLI::App& app, const CommonOptions& common) {
  auto options = std::make_shared<ExportCliOptions>();
  auto* cmd = app.add_subcommand("export", "write the int8 .tflite, C sources, memory maps and reports per board");
  cmd->add_option("model", options->model, "model file (.json graph or .tflite)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--board,-b", options->boards, "board id (repeat for several)")->required();
  cmd->add_option("--out,-o", options->out_dir, "output folder (created when missing)")->required();
  cmd->add_option("--format", options->formats, "comma-separated subset of tflite,c,memmap,report,firmware")
      ->capture_default_str();
  cmd->add_option("--calibration", options->calibration,
                  "calibration samples for a float model: .npy [N, ...input shape], raw float32, or a folder of them");
  cmd->add_option("--runtime,-r", options->runtime, "tflm | tflm-cmsis | tinyforge-c")->capture_default_str();
  cmd->add_flag("--force", options->force, "write even when the model does not fit a board");
  cmd->add_option("--planner", options->planner,
                  "arena planner: greedy (TFLM's own) | best (written into the model when it is smaller)")
      ->capture_default_str();
  cmd->add_flag("--offline-plan", options->offline_plan,
                "write the best arena plan into the model (OfflineMemoryAllocation metadata) even when TFLM's own "
                "plan is as small");
  cmd->add_flag("--reorder", options->reorder, "write the operators in the order with the smallest peak memory");
  addPatchOptions(*cmd, options->patches, options->patch_mac_limit_percent);
  cmd->add_flag("--build", options->build,
                "with --format firmware: compile each board's firmware (arm-none-eabi-gcc; ELF and map in its build-board folder)");
  cmd->add_flag("--allow-empty-weights", options->allow_empty_weights,
                "export a graph without weights with zero placeholder weights");
  cmd->callback([options, &common] { runExport(*options, common); });
}

}  // namespace tinyforge::cli
