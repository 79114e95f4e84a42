// `tinyforge search CONFIG --strategy evolution` end to end on a board whose SRAM only the
// smaller half of the tiny search space fits: it exits 0, reports one generation event per
// generation with a best accuracy that never falls, and every architecture it stored in
// the project, and the model it shipped, passes `tinyforge check` on that board. A bad
// strategy is refused with the field named.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/search_space.h"
#include "tiny_kws_backbone.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace tinyforge;

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout (stderr goes to err)
  std::string err;
};

CliRun tinyforge(const std::string& args, const fs::path& dir) {
  const fs::path err_file = dir / "stderr.txt";
  const std::string command = std::string(TINYFORGE_CLI) + " " + args + " 2>" + err_file.string();
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  run.err.assign(std::istreambuf_iterator<char>(err), {});
  return run;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_evolution_cli_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// The F446RE with its SRAM halfway between what the space's smallest and largest
// architectures need (the estimator, as `tinyforge check` runs it).
fs::path writeTightBoard(const fs::path& dir) {
  const auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  const SearchSpace space(graphFromJsonText(kTinyBackbone, "tiny"));
  const Estimator estimator(library);
  const auto sram = [&](const ArchChoice& c) {
    return estimator.estimate(inferShapes(space.derive(c)), "stm32f446re", RuntimeKind::TflmCmsis).memory.sram_bytes;
  };
  std::ifstream in(std::string(TINYFORGE_RESOURCES_DIR) + "/boards/stm32f446re.json");
  json board = json::parse(in);
  board["id"] = "tight-f446";
  board["part"] = "STM32F446RE (tight SRAM)";
  board["sram_bytes"] = (sram(space.smallest()) + sram(space.largest())) / 2;
  board.erase("sram_banks");
  const fs::path path = dir / "boards.json";
  std::ofstream(path) << json::array({board}).dump();
  return path;
}

std::vector<std::pair<std::string, std::string>> storedCandidates(const fs::path& project) {
  std::vector<std::pair<std::string, std::string>> out;  // kind, graph JSON
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(project.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT kind, graph FROM candidates ORDER BY id", -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW)
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                       reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST(SearchEvolutionCli, TightSramRunShipsOnlyWhatCheckAccepts) {
  TempDir dir;
  std::ofstream(dir.path / "tiny.json") << kTinyBackbone;
  std::ofstream(dir.path / "evo.json") << R"({"backbone": "tiny.json", "data": "synthetic", "board": "tight-f446",
    "epochs": 2, "warmup_epochs": 1, "finetune_epochs": 1, "batch_size": 32, "lr": 0.01, "threads": 1, "seed": 5, "name": "evo",
    "evolution": {"population": 10, "parents": 3, "mutation_children": 4, "crossover_children": 4, "iterations": 3,
                  "calibration_batches": 2},
    "synthetic": {"train": 160, "validation": 64, "test": 64, "classes": 4, "noise": 0.5}})";
  const fs::path boards = writeTightBoard(dir.path);
  const std::string common = "--boards-file " + boards.string() + " ";
  const CliRun run =
      tinyforge(common + "search " + (dir.path / "evo.json").string() + " --strategy evolution --json", dir.path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<double> best;
  std::string model;
  for (std::string::size_type begin = 0, end; (end = run.out.find('\n', begin)) != std::string::npos; begin = end + 1) {
    const json event = json::parse(run.out.substr(begin, end - begin), nullptr, false);
    if (event.is_discarded()) continue;
    if (event["event"] == "generation") {
      EXPECT_EQ(event["generation"].get<int>(), static_cast<int>(best.size()));
      best.push_back(event["best_accuracy"].get<double>());
    }
    if (event["event"] == "written") model = event["model"].get<std::string>();
  }
  ASSERT_EQ(best.size(), 4u) << run.out;
  for (size_t g = 1; g < best.size(); ++g) EXPECT_GE(best[g], best[g - 1]) << "generation " << g;

  // Every stored architecture fits by the code `tinyforge check` runs (estimateAll: the
  // estimator with default settings); the CLI itself (a second or more to start, it loads
  // libtorch) checks the three that need the most SRAM and the shipped model.
  const auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  library->addUserFile(boards.string());
  const Estimator check_code(library);
  std::vector<std::pair<int64_t, std::string>> by_sram;  // SRAM, graph JSON
  int evolved = 0;
  for (const auto& [kind, graph] : storedCandidates(dir.path / "evo.tfproj")) {
    const Estimate e = check_code.estimate(inferShapes(graphFromJsonText(graph, "candidate")), "tight-f446",
                                           RuntimeKind::TflmCmsis);
    EXPECT_TRUE(e.fit.fits()) << kind << ": SRAM " << e.memory.sram_bytes << " of " << e.fit.sram_budget_bytes;
    by_sram.emplace_back(e.memory.sram_bytes, graph);
    evolved += kind == "evolution";
  }
  EXPECT_GE(evolved, 10);
  std::sort(by_sram.rbegin(), by_sram.rend());
  for (size_t i = 0; i < std::min<size_t>(3, by_sram.size()); ++i) {
    const fs::path file = dir.path / ("candidate" + std::to_string(i) + ".json");
    std::ofstream(file) << by_sram[i].second;
    const CliRun check = tinyforge(common + "check " + file.string() + " -b tight-f446 -r tflm-cmsis", dir.path);
    EXPECT_EQ(check.exit_code, 0) << "candidate with " << by_sram[i].first << " B of SRAM: " << check.out;
  }
  ASSERT_FALSE(model.empty());
  const CliRun check = tinyforge(common + "check " + model + " -b tight-f446 -r tflm-cmsis", dir.path);
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

TEST(SearchEvolutionCli, BadStrategyIsRefusedWithTheFieldNamed) {
  TempDir dir;
  std::ofstream(dir.path / "tiny.json") << kTinyBackbone;
  std::ofstream(dir.path / "evo.json") << R"({"backbone": "tiny.json", "evolution": {"parents": 0}})";
  CliRun run = tinyforge("search " + (dir.path / "evo.json").string() + " --strategy genetic", dir.path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("field 'evolution.parents'"), std::string::npos) << run.err;
  std::ofstream(dir.path / "evo.json") << R"({"backbone": "tiny.json"})";
  run = tinyforge("search " + (dir.path / "evo.json").string() + " --strategy genetic", dir.path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("'strategy' is 'genetic'"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir.path / "evo.tfproj"));
}

}  // namespace
