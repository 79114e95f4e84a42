// Evolutionary search (evolution.h, strategy "evolution" of the search job): the best
// accuracy of the population never falls from one generation to the next; every candidate
// of a run under a tight SRAM budget fits the board by the estimator `tinyforge check` uses,
// and so does the final int8 model; a resumed run ends on the same architecture; bad
// evolution options are refused with the field named.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/nas/evolution.h"
#include "core/nas/search_job.h"
#include "core/nas/search_store.h"
#include "core/nas/search_space.h"
#include "tiny_kws_backbone.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_evolution_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// A stand-in for the supernet's accuracy that is not monotone in size: the share of
// decisions that agree with one hidden allowed architecture (1 of the 512 allowed ones).
double fakeAccuracy(const ArchChoice& c) {
  const ArchChoice target{{1, 3, 0, 2}, {false, true, false}};
  int agree = 0;
  for (size_t d = 0; d < c.width_index.size(); ++d) agree += c.width_index[d] == target.width_index[d];
  for (size_t d = 0; d < c.skipped.size(); ++d) agree += c.skipped[d] == target.skipped[d];
  return agree / 7.0;
}

TEST(Evolution, BestAccuracyNeverFallsAndRefusedArchitecturesNeverEnter) {
  const SearchSpace space(graphFromJsonText(kTinyBackbone, "tiny"));
  EvolutionOptions options;
  options.population = 30;
  options.parents = 6;
  options.mutation_children = 10;
  options.crossover_children = 10;
  options.iterations = 12;
  // Refuse every architecture with a wide conv1: a quarter of the space is left.
  const auto refuse = [&](const ArchChoice& c) { return c.width_index[0] >= 2 ? std::string("conv1 too wide") : ""; };
  EvolutionCallbacks callbacks;
  std::set<std::string> measured;
  callbacks.refuse = refuse;
  callbacks.measure = [&](const ArchChoice& c, int) {
    const std::string name = space.describe(c);
    EXPECT_TRUE(measured.insert(name).second) << name << " measured twice";
    EXPECT_EQ(refuse(c), "") << name;
    return fakeAccuracy(c);
  };
  std::vector<double> best;
  callbacks.generation_done = [&](const GenerationSummary& s) {
    EXPECT_EQ(s.generation, static_cast<int>(best.size()));
    best.push_back(s.best_accuracy);
    EXPECT_LE(s.mean_accuracy, s.best_accuracy);
    for (const auto& member : s.population) EXPECT_EQ(refuse(member.choice), "") << member.architecture;
    EXPECT_GT(s.rejected, 0);
  };
  const auto result = evolve(space, options, 3, callbacks);
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(best.size(), 13u);
  for (size_t g = 1; g < best.size(); ++g) EXPECT_GE(best[g], best[g - 1]) << "generation " << g;
  EXPECT_EQ(result->accuracy, best.back());
  // The schedule improves on its initial random population.
  EXPECT_GT(best.back(), best.front());
}

TEST(Evolution, NothingAllowedNamesTheSmallestArchitecture) {
  const SearchSpace space(graphFromJsonText(kTinyBackbone, "tiny"));
  EvolutionOptions options;
  options.population = 4;
  options.max_attempts = 2;
  EvolutionCallbacks callbacks;
  callbacks.refuse = [](const ArchChoice&) { return std::string("SRAM 9 KiB > 1 KiB"); };
  callbacks.measure = [](const ArchChoice&, int) { return 0.0; };
  try {
    evolve(space, options, 1, callbacks);
    FAIL();
  } catch (const EvolutionError& error) {
    EXPECT_NE(std::string(error.what()).find("not even the smallest"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("SRAM 9 KiB > 1 KiB"), std::string::npos) << error.what();
  }
}

TEST(Evolution, BadOptionsAreRefusedWithTheFieldNamed) {
  const auto refused = [](const std::string& fields) {
    try {
      searchConfigFromJson(R"({"backbone": "kws_backbone.json", )" + fields + "}", "evo.json", "/tmp");
    } catch (const SearchConfigError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused(R"("strategy": "random")"), "evo.json: field 'strategy' is 'random' (known: dnas, evolution)");
  EXPECT_NE(refused(R"("evolution": {"parents": 120})").find("'evolution.parents'"), std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"population": 0})").find("'evolution.population'"), std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"mutation_probability": 0})").find("'evolution.mutation_probability'"),
            std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"mutation_probability": 1.5})").find("'evolution.mutation_probability'"),
            std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"iterations": -1})").find("'evolution.iterations'"), std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"crossover_children": -3})").find("'evolution.crossover_children'"),
            std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"calibration_batches": 0})").find("'evolution.calibration_batches'"),
            std::string::npos);
  EXPECT_NE(refused(R"("evolution": {"iterations": "many"})").find("'evolution.iterations' has the wrong type"),
            std::string::npos);
  EXPECT_EQ(refused(R"("evolution": {"popsize": 10})"), "evo.json: unknown field 'evolution.popsize'");
  EXPECT_NE(refused(R"("evolution": {"from_run": "a"})").find("needs strategy 'evolution'"), std::string::npos);
  // MCUNet's schedule by default.
  const SearchConfig c = searchConfigFromJson(R"({"backbone": "kws_backbone.json", "strategy": "evolution"})",
                                              "evo.json", "/tmp");
  EXPECT_EQ(c.evolution.population, 100);
  EXPECT_EQ(c.evolution.parents, 20);
  EXPECT_EQ(c.evolution.mutation_children, 50);
  EXPECT_EQ(c.evolution.crossover_children, 50);
  EXPECT_DOUBLE_EQ(c.evolution.mutation_probability, 0.1);
  EXPECT_EQ(c.evolution.iterations, 30);
}

// The F446RE with its SRAM set halfway between what the tiny space's smallest and largest
// architectures need (by the estimator): the largest does not fit, the smallest does.
std::shared_ptr<BoardLibrary> tightBoards(int64_t* sram_budget) {
  auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  Board board = library->get("stm32f446re");
  board.id = "tight-f446";
  board.sram_banks.clear();
  const SearchSpace space(graphFromJsonText(kTinyBackbone, "tiny"));
  const Estimator estimator(library);
  const auto sram = [&](const ArchChoice& c) {
    return estimator.estimate(inferShapes(space.derive(c)), "stm32f446re", RuntimeKind::TflmCmsis).memory.sram_bytes;
  };
  board.sram_bytes = (sram(space.smallest()) + sram(space.largest())) / 2;
  *sram_budget = board.sram_bytes;
  library->add(board);
  return library;
}

SearchConfig tinyEvolutionConfig(const fs::path& dir, const std::string& name, const std::string& board) {
  const fs::path backbone = dir / "tiny.json";
  if (!fs::exists(backbone)) saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.string());
  const std::string text = std::string(R"({"backbone": "tiny.json", "data": "synthetic", "board": ")") + board +
                           R"(", "strategy": "evolution", "epochs": 3, "finetune_epochs": 1, "batch_size": 32, "lr": 0.01,
      "threads": 1, "seed": 7, "name": ")" + name + R"(",
      "evolution": {"population": 12, "parents": 4, "mutation_children": 4, "crossover_children": 4, "iterations": 3,
                    "calibration_batches": 2},
      "synthetic": {"train": 192, "validation": 96, "test": 96, "classes": 4, "noise": 0.5}})";
  return searchConfigFromJson(text, (dir / (name + ".json")).string(), dir.string());
}

TEST(EvolutionSearch, TightSramCandidatesAllFitAndTheBestNeverFalls) {
  TempDir dir;
  int64_t sram_budget = 0;
  const auto boards = tightBoards(&sram_budget);
  const SearchConfig config = tinyEvolutionConfig(dir.path, "evo", "tight-f446");
  std::vector<double> best;
  int rejected = 0;
  const SearchResult result = SearchJob(config, boards).run([&](const SearchProgress& p) {
    if (p.kind != SearchProgress::Kind::Generation) return;
    EXPECT_EQ(p.generation, static_cast<int>(best.size()));
    best.push_back(p.val_accuracy);
    rejected = p.rejected;
  });
  ASSERT_TRUE(result.finished);
  ASSERT_EQ(best.size(), 4u);  // the initial population and 3 generations
  for (size_t g = 1; g < best.size(); ++g) EXPECT_GE(best[g], best[g - 1]) << "generation " << g;
  EXPECT_GT(rejected, 0) << "the budget should refuse part of the space";

  // What `tinyforge check --board tight-f446` computes (default settings: TFLM's planner).
  const Estimator check(boards);
  SearchStore store(config.project);
  const auto run = store.findRun("evo");
  ASSERT_TRUE(run.has_value());
  int evolved = 0;
  for (const StoredCandidate& c : store.candidates(run->id)) {
    const Estimate e = check.estimate(inferShapes(graphFromJsonText(c.graph_json, c.architecture)), "tight-f446",
                                      RuntimeKind::TflmCmsis);
    EXPECT_TRUE(e.fit.fits()) << c.kind << " " << c.architecture << ": SRAM " << e.memory.sram_bytes << " of "
                              << sram_budget;
    evolved += c.kind == "evolution";
    if (c.kind == "evolution") EXPECT_GE(c.val_accuracy, 0.0);
  }
  EXPECT_GE(evolved, 12);
  EXPECT_EQ(store.candidates(run->id).back().kind, "final");
  // The shipped file, as `tinyforge check` reads it.
  const Estimate shipped = check.estimate(inferShapes(loadGraphJson(result.final_model_path)), "tight-f446",
                                          RuntimeKind::TflmCmsis);
  EXPECT_TRUE(shipped.fit.fits()) << result.final_candidate.architecture;
  EXPECT_GE(result.final_candidate.int8_accuracy, 0.0);
}

TEST(EvolutionSearch, ResumedAfterTheEvolutionKeepsItsArchitecture) {
  TempDir dir;
  const auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  SearchConfig config = tinyEvolutionConfig(dir.path, "whole", "stm32f446re");
  config.finetune_epochs = 2;
  const SearchResult whole = SearchJob(config, boards).run(nullptr);
  ASSERT_TRUE(whole.finished);
  // Stop in the second fine-tuning epoch: the first one's checkpoint names the architecture.
  SearchConfig split = config;
  split.name = "split";
  split.project = (dir.path / "split.tfproj").string();
  std::atomic<bool> cancel{false};
  const SearchResult first = SearchJob(split, boards).run(
      [&](const SearchProgress& p) {
        if (p.kind == SearchProgress::Kind::Step && p.phase == "finetune" && p.epoch == config.epochs + 1) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(first.finished);
  int generations = 0;
  const SearchResult resumed = SearchJob(split, boards).run(
      [&](const SearchProgress& p) { generations += p.kind == SearchProgress::Kind::Generation; }, nullptr, true);
  ASSERT_TRUE(resumed.finished);
  EXPECT_EQ(generations, 0) << "a resume in the fine-tuning must not evolve again";
  EXPECT_EQ(resumed.final_candidate.architecture, whole.final_candidate.architecture);
}

TEST(EvolutionSearch, StoppedDuringTheEvolutionEvolvesAgainWithoutDuplicates) {
  TempDir dir;
  const auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  const SearchConfig config = tinyEvolutionConfig(dir.path, "whole", "stm32f446re");
  const SearchResult whole = SearchJob(config, boards).run(nullptr);
  ASSERT_TRUE(whole.finished);
  SearchConfig split = config;
  split.name = "split";
  split.project = (dir.path / "split.tfproj").string();
  std::atomic<bool> cancel{false};
  const SearchResult first = SearchJob(split, boards).run(
      [&](const SearchProgress& p) { cancel = cancel || (p.kind == SearchProgress::Kind::Generation && p.generation == 1); },
      &cancel);
  ASSERT_FALSE(first.finished);
  const SearchResult resumed = SearchJob(split, boards).run(nullptr, nullptr, true);
  ASSERT_TRUE(resumed.finished);
  EXPECT_EQ(resumed.final_candidate.architecture, whole.final_candidate.architecture);
  const auto count = [](const std::string& project, const std::string& run) {
    SearchStore store(project);
    size_t evolved = 0;
    for (const auto& c : store.candidates(store.findRun(run)->id)) evolved += c.kind == "evolution";
    return evolved;
  };
  EXPECT_EQ(count(split.project, "split"), count(config.project, "whole"));
}

TEST(EvolutionSearch, FromRunUsesAnotherRunsSupernetWithoutTraining) {
  TempDir dir;
  const auto boards = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
  SearchConfig dnas = tinyEvolutionConfig(dir.path, "dnas", "stm32f446re");
  dnas.strategy = "dnas";
  dnas.warmup_epochs = 1;
  dnas.project = (dir.path / "project.tfproj").string();
  ASSERT_TRUE(SearchJob(dnas, boards).run(nullptr).finished);
  EXPECT_TRUE(fs::exists(dir.path / "project.tfproj.checkpoints" / "dnas" / "supernet.pt"));
  SearchConfig evo = tinyEvolutionConfig(dir.path, "evo", "stm32f446re");
  evo.project = dnas.project;
  evo.from_run = "dnas";
  int training_steps = 0, generations = 0;
  const SearchResult result = SearchJob(evo, boards).run([&](const SearchProgress& p) {
    training_steps += p.kind == SearchProgress::Kind::Step && p.phase != "finetune";
    generations += p.kind == SearchProgress::Kind::Generation;
  });
  ASSERT_TRUE(result.finished);
  EXPECT_EQ(training_steps, 0);
  EXPECT_EQ(generations, 4);
  // A run that does not exist is named.
  evo.name = "evo2";
  evo.from_run = "nope";
  try {
    SearchJob(evo, boards).run(nullptr);
    FAIL();
  } catch (const SearchConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("no run 'nope'"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(SearchStore(evo.project).findRun("evo2").has_value()) << "a refused run must leave nothing behind";
}

}  // namespace
}  // namespace tinyforge
