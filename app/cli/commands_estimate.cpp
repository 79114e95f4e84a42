#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/estimate_report.h"
#include "app/cli/patch_options.h"
#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/estimate/load_model.h"
#include "core/estimate/units.h"

namespace tinyforge::cli {
namespace {

struct EstimateOptions {
  std::string model;
  std::vector<std::string> boards;
  std::string runtime = "tflm";
  std::string planner = "greedy";
  bool reorder = false;
  std::string patches = "none";
  double patch_mac_limit_percent = 20.0;
  bool json = false;
  bool quiet = false;
};

[[noreturn]] void failWith(const std::string& message, int code = kExitBadInput) {
  std::cerr << "tinyforge: " << message << "\n";
  throw CommandFailed{code};
}

RuntimeKind parseRuntime(const std::string& text) {
  const auto runtime = runtimeFromString(text);
  if (!runtime) failWith("unknown runtime '" + text + "' (known: tflm, tflm-cmsis, tinyforge-c)");
  return *runtime;
}

std::vector<Estimate> estimateAll(const EstimateOptions& options, const CommonOptions& common) {
  const auto boards = loadBoards(common);
  const RuntimeKind runtime = parseRuntime(options.runtime);
  EstimatorSettings settings;
  const auto planner = memoryPlannerFromString(options.planner);
  if (!planner) failWith("unknown planner '" + options.planner + "' (known: greedy, best)");
  settings.planner = *planner;
  settings.reorder = options.reorder;
  settings.patches = patchRequestOf(options.patches, options.patch_mac_limit_percent, runtime);
  std::vector<Estimate> estimates;
  try {
    const Graph graph = loadModelFile(options.model);
    const ShapedGraph shaped = inferShapes(graph);
    const Estimator estimator(boards, settings);
    for (const auto& board : options.boards) estimates.push_back(estimator.estimate(shaped, board, runtime));
  } catch (const GraphError& error) {
    failWith(options.model + ": " + error.what());
  } catch (const std::exception& error) {
    // Readers' messages start with the file already; the estimate's (a tensor no 32-bit
    // arena holds, an unknown board) get it here.
    const std::string message = error.what();
    failWith(message.rfind(options.model, 0) == 0 ? message : options.model + ": " + message);
  }
  return estimates;
}

void runEstimate(const EstimateOptions& options, const CommonOptions& common) {
  const auto estimates = estimateAll(options, common);
  const PatchRequest patches =
      patchRequestOf(options.patches, options.patch_mac_limit_percent, parseRuntime(options.runtime));
  if (options.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : estimates) {
      all.push_back(estimateToJson(e));
      all.back()["patches"] = patchesToJson(e, patches);
    }
    std::cout << (all.size() == 1 ? all[0] : all).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  printLayerTable(std::cout, estimates.front());
  std::cout << "\n";
  for (const auto& e : estimates) {
    printTotals(std::cout, e);
    printPatches(std::cout, e, patches);
    std::cout << "\n";
  }
  if (estimates.size() > 1) printFitSummary(std::cout, estimates);
}

void runCheck(const EstimateOptions& options, const CommonOptions& common) {
  const auto estimates = estimateAll(options, common);
  bool all_fit = true;
  for (const auto& e : estimates) {
    if (options.json) continue;
    std::cout << e.model << " on " << e.board_id << " (" << toString(e.runtime) << "): "
              << (e.fit.fits() ? "fits" : "DOES NOT FIT") << " - Flash " << formatBytes(e.memory.flash_bytes)
              << " of " << formatBytes(e.fit.flash_budget_bytes) << ", SRAM " << formatBytes(e.memory.sram_bytes)
              << " of " << formatBytes(e.fit.sram_budget_bytes) << ", latency " << formatMs(e.latency_ms) << "\n";
    for (const auto& problem : e.fit.problems) std::cout << "  " << problem << "\n";
  }
  for (const auto& e : estimates) all_fit = all_fit && e.fit.fits();
  if (options.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : estimates) all.push_back(estimateToJson(e)["fit"]);
    std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  if (!all_fit) throw CommandFailed{kExitDoesNotFit};
}

void addPlannerOptions(CLI::App& command, EstimateOptions& options) {
  command.add_option("--planner", options.planner, "arena planner: greedy (TFLM's own) | best (shipped as an offline plan)")
      ->capture_default_str();
  command.add_flag("--reorder", options.reorder, "run the operators in the order with the smallest peak memory");
  addPatchOptions(command, options.patches, options.patch_mac_limit_percent);
}

}  // namespace

void addEstimateCommands(CLI::App& app, const CommonOptions& common) {
  auto estimate_options = std::make_shared<EstimateOptions>();
  estimate_options->boards = {"STM32F446RE", "STM32F746ZG", "STM32F767ZI"};
  auto* estimate = app.add_subcommand("estimate", "Flash, SRAM, ops, latency and energy per layer and in total");
  estimate->add_option("model", estimate_options->model, "model file (.json graph or .tflite)")
      ->required()
      ->check(CLI::ExistingFile);
  estimate->add_option("--board,-b", estimate_options->boards, "board id (repeat for several)")
      ->capture_default_str();
  estimate->add_option("--runtime,-r", estimate_options->runtime, "tflm | tflm-cmsis | tinyforge-c")->capture_default_str();
  addPlannerOptions(*estimate, *estimate_options);
  estimate->add_flag("--json", estimate_options->json, "machine-readable output");
  estimate->callback([estimate_options, &common] { runEstimate(*estimate_options, common); });

  auto check_options = std::make_shared<EstimateOptions>();
  auto* check = app.add_subcommand("check", "exit 1 unless the model fits every given board (for CI gates)");
  check->add_option("model", check_options->model, "model file (.json graph or .tflite)")
      ->required()
      ->check(CLI::ExistingFile);
  check->add_option("--board,-b", check_options->boards, "board id (repeat for several)")->required();
  check->add_option("--runtime,-r", check_options->runtime, "tflm | tflm-cmsis | tinyforge-c")->capture_default_str();
  addPlannerOptions(*check, *check_options);
  check->add_flag("--json", check_options->json, "machine-readable output");
  check->callback([check_options, &common] { runCheck(*check_options, common); });
}

}  // namespace tinyforge::cli
