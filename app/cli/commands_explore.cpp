// tinyforge explore BACKBONE --board B [--runtime R] [--planner greedy|best|patches] [--samples M] [--resolutions 25x5 49 ...]
//                  [--widths 0.5 1.0 ...] [--seed S] [--json]
// TinyNAS-style exploration without training (core/nas/explore.h): per resolution x width
// multiplier, the fraction of random architectures that fit the board and the ops of
// those that do; configurations ranked by the mean ops of their fitting models.
#include <CLI/CLI.hpp>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "app/cli/commands.h"

#ifdef TINYFORGE_HAVE_SEARCH
#include <nlohmann/json.hpp>

#include "core/estimate/load_model.h"
#include "core/estimate/units.h"
#include "core/nas/explore.h"
#endif

namespace tinyforge::cli {

#ifdef TINYFORGE_HAVE_SEARCH
namespace {

// "49x10" is height x width; a single number R is a height, the width following the
// backbone's aspect ratio.
ExploreResolution parseResolution(const std::string& text, const Graph& backbone) {
  int own_h = 0, own_w = 0;
  for (const Node& node : backbone.nodes)
    if (node.kind == NodeKind::Input && node.shape.size() == 4) own_h = node.shape[1], own_w = node.shape[2];
  try {
    size_t used = 0;
    const auto x = text.find('x');
    if (x != std::string::npos) {
      const int h = std::stoi(text.substr(0, x), &used);
      if (used != x) throw std::invalid_argument(text);
      const std::string rest = text.substr(x + 1);
      const int w = std::stoi(rest, &used);
      if (used != rest.size() || h <= 0 || w <= 0) throw std::invalid_argument(text);
      return {h, w};
    }
    const int h = std::stoi(text, &used);
    if (used != text.size() || h <= 0 || own_h <= 0) throw std::invalid_argument(text);
    return {h, std::max(1, static_cast<int>(std::lround(static_cast<double>(own_w) * h / own_h)))};
  } catch (const std::exception&) {
    throw std::invalid_argument("resolution '" + text + "': expected HxW (e.g. 49x10) or a height (e.g. 32)");
  }
}

std::string resolutionText(ExploreResolution r) { return std::to_string(r.height) + "x" + std::to_string(r.width); }

nlohmann::json resultJson(const ExploreResult& result) {
  nlohmann::json configs = nlohmann::json::array();
  for (const auto& c : result.configs) {
    nlohmann::json cdf = nlohmann::json::array();
    for (const auto& p : c.ops_cdf) cdf.push_back({{"fraction", p.fraction}, {"ops", p.ops}});
    nlohmann::json j = {{"resolution", {c.resolution.height, c.resolution.width}},
                        {"width_multiplier", c.width_multiplier},
                        {"rank", c.rank},
                        {"samples", c.samples},
                        {"exhaustive", c.exhaustive},
                        {"fitting", c.fitting},
                        {"fit_fraction", c.fit_fraction},
                        {"mean_ops", c.mean_ops},
                        {"ops_cdf", cdf},
                        {"min_flash_bytes", c.min_flash_bytes},
                        {"min_sram_bytes", c.min_sram_bytes}};
    if (!c.error.empty()) j["error"] = c.error;
    configs.push_back(j);
  }
  return {{"board", result.board},
          {"runtime", result.runtime},
          {"sram_planner", result.sram_planner},
          {"flash_budget_bytes", result.flash_budget_bytes},
          {"sram_budget_bytes", result.sram_budget_bytes},
          {"configs", configs},
          {"ranking", result.ranking}};
}

void printTable(const ExploreResult& result) {
  std::cout << "board " << result.board << " (" << result.runtime << "): Flash budget "
            << formatBytes(result.flash_budget_bytes) << ", SRAM budget " << formatBytes(result.sram_budget_bytes)
            << "\n";
  std::cout << std::left << std::setw(6) << "rank" << std::setw(11) << "input" << std::setw(7) << "width"
            << std::setw(16) << "fit" << std::setw(12) << "mean ops" << "ops CDF of fitting models (p10 / p50 / p90)\n";
  for (int index : result.ranking) {
    const auto& c = result.configs[static_cast<size_t>(index)];
    std::ostringstream fit;
    std::cout << std::left << std::setw(6) << (c.rank ? std::to_string(c.rank) : "-") << std::setw(11)
              << resolutionText(c.resolution) << std::setw(7) << std::setprecision(3) << c.width_multiplier;
    if (!c.error.empty()) {
      std::cout << "invalid: " << c.error << "\n";
      continue;
    }
    fit << c.fitting << "/" << c.samples << " " << formatPercent(c.fit_fraction);
    std::cout << std::setw(16) << fit.str() << std::setw(12)
              << (c.fitting ? formatCount(static_cast<int64_t>(c.mean_ops)) : std::string("-"));
    if (c.fitting) {
      auto at = [&](double q) {
        const auto& cdf = c.ops_cdf;
        size_t best = 0;
        for (size_t k = 0; k < cdf.size(); ++k)
          if (std::abs(cdf[k].fraction - q) < std::abs(cdf[best].fraction - q)) best = k;
        return formatCount(static_cast<int64_t>(cdf[best].ops));
      };
      std::cout << at(0.1) << " / " << at(0.5) << " / " << at(0.9);
    } else {
      std::cout << "nothing fits; smallest sampled: Flash " << formatBytes(c.min_flash_bytes) << ", SRAM "
                << formatBytes(c.min_sram_bytes);
    }
    std::cout << "\n";
  }
}

}  // namespace
#endif

void addExploreCommand(CLI::App& app, const CommonOptions& common) {
  struct Options {
    std::string backbone, board, runtime = "tflm-cmsis", planner = "greedy";
    int samples = 1000;
    uint64_t seed = 1;
    std::vector<std::string> resolutions;
    std::vector<double> widths;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "explore", "sample a backbone's search space over resolutions x width multipliers, without training (TinyNAS)");
  command->add_option("BACKBONE", options->backbone, "backbone graph (.json with search options)")->required();
  command->add_option("--board", options->board, "board whose Flash and SRAM the models must fit")->required();
  command->add_option("--runtime", options->runtime, "tflm | tflm-cmsis | tinyforge-c");
  command->add_option("--planner", options->planner,
                      "SRAM as planned by: greedy (TFLM's own) | best (best planner + reordering, shipped in the .tflite) "
                      "| patches (tinyforge-c: patch-based inference, auto within 20% extra MACs)");
  command->add_option("--samples", options->samples, "random architectures per configuration (default 1000)");
  command->add_option("--resolutions", options->resolutions, "input sizes: HxW or a height (default: the backbone's)");
  command->add_option("--widths", options->widths, "width multipliers (default 1.0)");
  command->add_option("--seed", options->seed, "random seed");
  command->add_flag("--json", options->json, "print the result as JSON");
  command->callback([options, &common] {
#ifndef TINYFORGE_HAVE_SEARCH
    (void)common;
    std::cerr << "tinyforge: built without the search engine (libtorch was not found at build time)\n";
    throw CommandFailed{kExitBadInput};
#else
    try {
      std::string path = options->backbone;
      if (!std::filesystem::exists(path) &&
          std::filesystem::exists(std::filesystem::path(TINYFORGE_RESOURCES_DIR) / "models" / path))
        path = (std::filesystem::path(TINYFORGE_RESOURCES_DIR) / "models" / path).string();
      const Graph backbone = loadModelFile(path);
      ExploreOptions explore_options;
      explore_options.board = options->board;
      explore_options.runtime = options->runtime;
      explore_options.sram_planner = options->planner;
      explore_options.samples = options->samples;
      explore_options.seed = options->seed;
      explore_options.width_multipliers = options->widths;
      for (const auto& text : options->resolutions)
        explore_options.resolutions.push_back(parseResolution(text, backbone));
      const ExploreResult result = explore(backbone, loadBoards(common), explore_options);
      if (options->json)
        std::cout << resultJson(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      else
        printTable(result);
    } catch (const std::exception& error) {
      std::cerr << "tinyforge: " << options->backbone << ": " << error.what() << "\n";
      throw CommandFailed{kExitBadInput};
    }
#endif
  });
}

}  // namespace tinyforge::cli
