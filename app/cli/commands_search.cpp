// tinyforge search CONFIG.json [--strategy dnas|evolution] [--from-run RUN] [--resume] [--fresh] [--json]
//                  [--workers N | --world-size N --rank R --master HOST:PORT [--address A]] [--timeout S]
// Progress: a bar on stderr when it is a terminal, one JSON object per line on stdout
// with --json. Ctrl-C stops at the next step; the last finished epoch is kept and
// --resume continues from it.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/commands.h"

#ifdef TINYFORGE_HAVE_SEARCH
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/search_workers.h"
#include "core/estimate/units.h"
#include "core/nas/search_job.h"
#endif

namespace tinyforge::cli {

#ifdef TINYFORGE_HAVE_SEARCH
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void onInterrupt(int) { g_cancel = true; }

nlohmann::json costs(const CostFigures& c) {
  return {{"flash_bytes", c.flash_bytes}, {"memory_bytes", c.memory_bytes}, {"ops", c.ops}};
}

nlohmann::json eventJson(const SearchProgress& p) {
  static const char* kinds[] = {"started", "step", "epoch", "candidate", "finished", "message", "generation"};
  nlohmann::json j = {{"event", kinds[static_cast<int>(p.kind)]}, {"epoch", p.epoch}, {"epochs", p.epochs}};
  if (p.world_size > 1) {
    j["rank"] = p.rank;
    j["world_size"] = p.world_size;
  }
  if (!p.phase.empty()) j["phase"] = p.phase;
  if (!p.message.empty()) j["message"] = p.message;
  if (p.kind == SearchProgress::Kind::Step || p.kind == SearchProgress::Kind::Epoch) {
    j["step"] = p.step;
    j["steps"] = p.steps;
    j["train_loss"] = p.train_loss;
    j["train_accuracy"] = p.train_accuracy;
    j["temperature"] = p.temperature;
  }
  if (p.kind == SearchProgress::Kind::Started) {
    j["budgets"] = costs(p.budgets);
    j["resumed_from_epoch"] = p.resumed_from_epoch;
  }
  if (p.kind == SearchProgress::Kind::Epoch) {
    j["val_loss"] = p.val_loss;
    j["val_accuracy"] = p.val_accuracy;
    j["expected"] = costs(p.expected);
    j["budgets"] = costs(p.budgets);
    j["architecture"] = p.architecture;
    nlohmann::json probs = nlohmann::json::object();
    for (const auto& d : p.probabilities) {
      nlohmann::json row = nlohmann::json::object();
      for (size_t k = 0; k < d.labels.size(); ++k) row[d.labels[k]] = d.probabilities[k];
      probs[d.name] = row;
    }
    j["probabilities"] = probs;
    if (p.world_size > 1) j["bytes_reduced_per_step"] = p.bytes_reduced_per_step;
  }
  if (p.kind == SearchProgress::Kind::Generation) {
    j["generation"] = p.generation;
    j["generations"] = p.generations;
    j["best_accuracy"] = p.val_accuracy;
    j["mean_accuracy"] = p.mean_accuracy;
    j["evaluated"] = p.evaluated;
    j["rejected"] = p.rejected;
    j["architecture"] = p.architecture;
  }
  if (p.candidate) {
    const SearchCandidate& c = *p.candidate;
    j["candidate"] = {{"id", c.id}, {"kind", c.kind}, {"architecture", c.architecture},
                      {"val_accuracy", c.val_accuracy}, {"float_accuracy", c.float_accuracy},
                      {"int8_accuracy", c.int8_accuracy}, {"costs", costs(c.costs)},
                      {"budget_adjusted", c.budget_adjusted}};
    if (c.budget_adjusted) j["candidate"]["argmax_architecture"] = c.argmax_architecture;
  }
  return j;
}

void printBar(const SearchProgress& p) {
  const int width = 24;
  const int filled = p.steps ? width * p.step / p.steps : 0;
  std::cerr << "\r" << std::left << std::setw(8) << p.phase << " epoch " << std::right << std::setw(3) << p.epoch + 1
            << "/" << p.epochs << " [" << std::string(static_cast<size_t>(filled), '#')
            << std::string(static_cast<size_t>(width - filled), '.') << "] loss " << std::fixed << std::setprecision(3)
            << p.train_loss << " acc " << std::setprecision(2) << 100 * p.train_accuracy << "%   " << std::flush;
}

}  // namespace
#endif

void addSearchCommand(CLI::App& app, const CommonOptions& common) {
  struct Options {
    std::string config;
    bool resume = false, fresh = false, json = false;
    std::string strategy, from_run;
    int workers = 0, world_size = 0, rank = -1;
    std::string master, address;
    double timeout_s = 120;
  };
  auto options = std::make_shared<Options>();
  auto* search = app.add_subcommand(
      "search", "architecture search on a backbone: differentiable (MicroNets DNAS) or evolution on the supernet");
  search->add_option("CONFIG", options->config, "search config (JSON; see docs/dnas.md)")->required();
  search->add_option("--strategy", options->strategy, "dnas | evolution (overrides the config's \"strategy\")");
  search->add_option("--from-run", options->from_run,
                     "evolution on the trained supernet of this finished run of the project (no training)");
  search->add_flag("--resume", options->resume, "continue the run of this name from its last checkpoint");
  search->add_flag("--fresh", options->fresh, "replace an existing run of this name");
  search->add_flag("--json", options->json, "progress as JSON lines on stdout");
  search->add_option("--workers", options->workers,
                     "run on N local processes (data-parallel; rendezvous on a free port of 127.0.0.1)");
  search->add_option("--world-size", options->world_size, "number of processes of a search on several machines");
  search->add_option("--rank", options->rank, "this process's rank, 0 to world size - 1 (rank 0 writes the project)");
  search->add_option("--master", options->master, "HOST:PORT of rank 0's rendezvous (rank 0 listens on PORT)");
  search->add_option("--address", options->address,
                     "the address the other ranks reach this one at (default: its host name's, or 127.0.0.1)");
  search->add_option("--timeout", options->timeout_s,
                     "seconds to wait for joining ranks and for each exchange before naming a rank that stopped");
  search->callback([options, &common] {
#ifndef TINYFORGE_HAVE_SEARCH
    (void)common;
    std::cerr << "tinyforge: built without the search engine (libtorch was not found at build time)\n";
    throw CommandFailed{kExitBadInput};
#else
    DistributedOptions distributed;
    if (options->workers != 0 || options->world_size != 0 || options->rank >= 0 || !options->master.empty()) {
      const auto refuse = [](const std::string& why) {
        std::cerr << "tinyforge: " << why << "\n";
        throw CommandFailed{kExitBadInput};
      };
      if (options->timeout_s <= 0) refuse("--timeout must be positive (is " + std::to_string(options->timeout_s) + ")");
      if (options->workers != 0) {
        if (options->world_size != 0 || options->rank >= 0 || !options->master.empty())
          refuse("--workers starts the ranks itself: it does not go with --world-size, --rank or --master");
        if (options->workers < 1) refuse("--workers must be at least 1 (is " + std::to_string(options->workers) + ")");
        std::vector<std::string> args;
        if (!common.boards_file.empty()) args.insert(args.end(), {"--boards-file", common.boards_file});
        args.insert(args.end(), {"search", options->config, "--timeout", std::to_string(options->timeout_s)});
        if (!options->strategy.empty()) args.insert(args.end(), {"--strategy", options->strategy});
        if (!options->from_run.empty()) args.insert(args.end(), {"--from-run", options->from_run});
        if (options->resume) args.push_back("--resume");
        if (options->fresh) args.push_back("--fresh");
        if (options->json) args.push_back("--json");
        // --workers 1 is the ordinary search in this process.
        const int code = options->workers == 1 ? -1 : runLocalWorkers(options->workers, args, options->json);
        if (code > 0) throw CommandFailed{code};
        if (code == 0) return;
      } else {
        if (options->world_size < 1) refuse("--world-size N (at least 1) is needed with --rank and --master");
        if (options->world_size > 1 && (options->rank < 0 || options->master.empty()))
          refuse("a search on several processes needs --world-size, --rank and --master HOST:PORT");
        distributed.world_size = options->world_size;
        distributed.rank = std::max(options->rank, 0);
        if (!options->master.empty()) {
          const size_t colon = options->master.rfind(':');
          int port = -1;
          try {
            if (colon != std::string::npos && colon > 0) port = std::stoi(options->master.substr(colon + 1));
          } catch (const std::exception&) {
          }
          if (port < 1 || port > 65535)
            refuse("--master '" + options->master + "' is not HOST:PORT with a port from 1 to 65535");
          distributed.master_host = options->master.substr(0, colon);
          distributed.master_port = port;
        }
        if (distributed.rank >= distributed.world_size)
          refuse("--rank " + std::to_string(distributed.rank) + " is out of range for --world-size " +
                 std::to_string(distributed.world_size) + " (ranks are 0 to " +
                 std::to_string(distributed.world_size - 1) + ")");
        distributed.address = options->address;
        distributed.timeout_s = options->timeout_s;
      }
    }
    SearchConfig config;
    try {
      config = loadSearchConfig(options->config);
      if (!options->strategy.empty()) config.strategy = options->strategy;
      if (!options->from_run.empty()) {
        if (options->strategy.empty()) config.strategy = "evolution";
        config.from_run = options->from_run;
      }
      validateSearchStrategy(config);
    } catch (const std::exception& error) {
      std::cerr << "tinyforge: " << error.what() << "\n";
      throw CommandFailed{kExitBadInput};
    }
    const auto boards = loadBoards(common);
    const bool bar = !options->json && isatty(STDERR_FILENO);
    std::signal(SIGINT, onInterrupt);
    SearchJob job(config, boards);
    job.setDistributed(distributed);
    const bool leader = distributed.rank == 0;
    SearchResult result;
    try {
      result = job.run(
          [&](const SearchProgress& p) {
            if (options->json) {
              std::cout << eventJson(p).dump() << "\n" << std::flush;
              return;
            }
            if (!leader) return;  // the other ranks report with --json only (and errors)
            if (p.kind == SearchProgress::Kind::Step) {
              if (bar) printBar(p);
            } else if (p.kind == SearchProgress::Kind::Epoch) {
              if (bar) std::cerr << "\n";
              std::cerr << "epoch " << p.epoch + 1 << "/" << p.epochs << " " << p.phase << ": val acc "
                        << std::setprecision(3) << 100 * p.val_accuracy << "%, E[flash] "
                        << formatBytes(static_cast<int64_t>(p.expected.flash_bytes)) << ", E[memory] "
                        << formatBytes(static_cast<int64_t>(p.expected.memory_bytes)) << ", E[ops] "
                        << std::setprecision(4) << p.expected.ops / 1e6 << "M; argmax " << p.architecture << "\n";
            } else if (p.kind == SearchProgress::Kind::Generation) {
              std::cerr << p.message << "; best " << p.architecture << "\n";
            } else if (p.kind == SearchProgress::Kind::Message || p.kind == SearchProgress::Kind::Started) {
              std::cerr << p.message << "\n";
              if (p.kind == SearchProgress::Kind::Started && p.resumed_from_epoch >= 0) {
                std::cerr << "resumed after epoch " << p.resumed_from_epoch + 1 << " (its checkpoint), ";
                if (p.epoch < p.epochs)
                  std::cerr << "continuing with epoch " << p.epoch + 1 << "/" << p.epochs << "\n";
                else
                  std::cerr << "the last one: quantizing the final model again\n";
              }
            }
          },
          &g_cancel, options->resume, options->fresh);
    } catch (const std::exception& error) {
      std::signal(SIGINT, SIG_DFL);
      const std::string what = error.what();
      const bool named = !distributed.enabled() || what.rfind("rank", 0) == 0;  // messages that name a rank already
      std::cerr << "\ntinyforge: " << (named ? "" : "rank " + std::to_string(distributed.rank) + ": ") << what << "\n";
      throw CommandFailed{kExitBadInput};
    }
    std::signal(SIGINT, SIG_DFL);
    if (!result.finished && !leader) {
      std::cerr << "\nrank " << distributed.rank << " stopped with the others at the same step\n";
      throw CommandFailed{130};
    }
    if (!result.finished) {
      std::cerr << "\nstopped; the last finished epoch is saved in " << config.project
                << ": run again with --resume to continue\n";
      throw CommandFailed{130};
    }
    if (!leader) {
      if (options->json)
        std::cout << nlohmann::json{{"event", "rank_finished"}, {"rank", distributed.rank},
                                    {"architecture", result.final_candidate.architecture}}.dump()
                  << "\n";
      return;
    }
    const SearchCandidate& c = result.final_candidate;
    if (options->json)
      std::cout << nlohmann::json{{"event", "written"}, {"model", result.final_model_path},
                                  {"tflite", result.final_tflite_path},
                                  {"resumed_from_epoch", result.resumed_from_epoch}}.dump()
                << "\n";
    if (!options->json) {
      std::cout << "architecture: " << c.architecture << "\n";
      if (c.budget_adjusted)
        std::cout << "  (the argmax " << c.argmax_architecture
                  << " was over budget: this is the most probable architecture within the budgets)\n";
      std::cout
                << "accuracy (test): int8 on the interpreter " << std::setprecision(4) << 100 * c.int8_accuracy
                << "%, float " << 100 * c.float_accuracy << "%\n";
      for (const auto& e : c.estimates)
        if (e.board == config.board)
          std::cout << e.board << ": Flash " << formatBytes(e.flash_bytes) << ", SRAM " << formatBytes(e.sram_bytes)
                    << ", latency " << e.latency_ms << " ms, " << (e.fits ? "fits" : "does not fit") << "\n";
      std::cout << "stored as candidate " << c.id << " of run '" << config.name << "' in " << config.project << "\n";
      std::cout << "final int8 model: " << result.final_model_path
                << (result.final_tflite_path.empty() ? "" : " and " + result.final_tflite_path) << "\n";
    }
#endif
  });
}

}  // namespace tinyforge::cli
