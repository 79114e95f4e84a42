#pragma once
// A search as a job (DNAS, or evolution on the trained supernet: SearchConfig::strategy):
// the plain C++ API of core/nas (no libtorch, no Qt in this header), used by
// `tinyforge search` and by the studio's search tab.
//
//   SearchConfig config = loadSearchConfig("search.json");
//   SearchJob job(config, boards);
//   SearchResult result = job.run(on_progress, &cancel, /*resume=*/true);
//
// The job checkpoints after every epoch into the project store (search_store.h), so a
// run that was killed continues with run(..., resume = true) and loses at most the epoch
// it was in. See docs/dnas.md.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/estimate/estimate.h"
#include "core/graph/graph.h"

namespace tinyforge {

class BoardLibrary;

class SearchConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A data-parallel search over several processes (docs/dnas.md, "Several processes"): rank 0
// hosts the rendezvous (libtorch's TCPStore) at master_host:master_port, writes the project
// store and the checkpoints; every rank trains on its slice of each global batch and the
// gradients are summed with c10d/Gloo. world_size 1 is the ordinary single-process search.
struct DistributedOptions {
  int world_size = 1;
  int rank = 0;
  std::string master_host = "127.0.0.1";
  int master_port = 29500;
  // The address the other ranks reach this rank at for the gradient exchange ("" = the
  // loopback with a loopback master, else the address of this machine's host name).
  std::string address;
  double timeout_s = 120;  // joining, every exchange, and a rank that stops answering
  bool enabled() const { return world_size > 1; }
};

// Ranks that cannot start or continue together (the message names the rank or address).
class DistributedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SearchBudgets {
  // 0 = take it from the board (see docs/dnas.md: SRAM minus the runtime's overhead,
  // Flash minus code and reserve, latency through the board's latency model).
  int64_t sram_bytes = 0;   // eq. 3 working memory budget
  int64_t flash_bytes = 0;  // eq. 2 weights budget
  double latency_ms = 0;    // 0 = no latency constraint
  int64_t ops = 0;          // eq. 4 budget; 0 = from latency_ms
  // The board whose latency model turns latency_ms into ops ("" = the search's board): a
  // model can be sized for one part's memory and another's speed.
  std::string latency_board;
  // How the SRAM a model needs is measured (the budget's overhead, the candidates' fit,
  // the final check): "greedy" = TFLM's own arena plan; "best" = the best planner with
  // operator reordering, which the final .tflite then ships as an offline plan (TFLM
  // runtimes; docs/dnas.md); "patches" = patch-based inference in the generated C
  // (tinyforge-c; `auto` within 20% extra MACs), with eq. 3 read per patch (patched_memory.h).
  std::string sram_planner = "greedy";
};

struct SyntheticDataOptions {
  int train = 512, validation = 128, test = 128;
  int classes = 12;
  double noise = 0.6;  // standard deviation of the noise added to each class's template
};

// Evolutionary search on the trained supernet (MCUNet, Lin et al. 2020, sec. 3.2, after
// Once-for-All): an initial population of random architectures that fit the board, then
// `iterations` generations of `parents` survivors (elitism) plus `mutation_children` and
// `crossover_children`. Every candidate is checked with the estimator and measured with the
// shared supernet weights after batch-normalization recalibration. See docs/dnas.md.
struct EvolutionOptions {
  int population = 100;               // the initial random population
  int parents = 20;                   // top-k that survive into the next generation
  int mutation_children = 50;
  int crossover_children = 50;
  double mutation_probability = 0.1;  // per decision
  int iterations = 30;                // generations after the initial population
  int calibration_batches = 4;        // training batches that set a candidate's BN statistics
  // Samples tried per wanted candidate before the generation makes do with fewer (a tight
  // budget rejects most of a large space).
  int max_attempts = 50;
};

struct SearchConfig {
  std::string source;         // the config file (for messages)
  std::string name;           // run name in the project store (default: config file stem)
  std::string backbone;       // graph JSON path
  std::string data = "synthetic";  // "synthetic", "synth-kws", or a Speech Commands folder
  std::string data_cache;     // where synth-kws is written (default: beside the project)
  std::string board = "stm32f746zg";
  std::string runtime = "tflm-cmsis";
  std::string project;        // SQLite project file (default: <config stem>.tfproj beside it)
  SearchBudgets budgets;
  int epochs = 20;            // warm-up + search
  int warmup_epochs = 3;      // weights only, architecture frozen
  int finetune_epochs = 4;    // weights of the derived architecture only
  int batch_size = 64;
  double lr = 0.003;          // weights (Adam), cosine to lr_final
  double lr_final = 0.00003;
  double arch_lr = 0.02;      // architecture parameters (Adam)
  double weight_decay = 0.0001;
  double temperature_start = 5.0;  // Gumbel-softmax, annealed exponentially per epoch
  double temperature_end = 0.5;
  double penalty = 2.0;       // weight of each relative budget overrun
  int weight_bits = 8;        // 8 or 4
  bool fake_quant = true;
  uint64_t seed = 1;
  int threads = 2;
  int max_steps_per_epoch = 0;  // 0 = the whole train split (tests use small numbers)
  SyntheticDataOptions synthetic;
  // "dnas": the differentiable search; "evolution": all `epochs` train the supernet's
  // weights on uniformly sampled single paths (warm-up only), then evolution picks the
  // architecture that is fine-tuned and quantized.
  std::string strategy = "dnas";
  EvolutionOptions evolution;
  // Evolution only: start from the supernet of this finished run of the same project and
  // backbone instead of training one ("" = train it).
  std::string from_run;
  // data "synth-kws": clips synthesized per keyword and per unknown word.
  int synth_clips_per_word = 50;
  int synth_clips_per_unknown_word = 8;
};

// Throws SearchConfigError naming the file and the field (also for evolution options). Relative paths are taken from
// the config file's folder; a backbone that is not found there is looked up in the
// bundled resources/models.
SearchConfig loadSearchConfig(const std::string& path);
SearchConfig searchConfigFromJson(const std::string& json_text, const std::string& source, const std::string& base_dir);
// Throws SearchConfigError "SOURCE: field 'evolution.X' ..." for an option out of range;
// the CLI and the studio call it after they override the strategy.
void validateSearchStrategy(const SearchConfig& config);

struct DecisionProbabilities {
  std::string name;                 // layer or block
  std::vector<std::string> labels;  // "28", "32", ... or "keep", "skip"/"pool"
  std::vector<double> probabilities;
};

struct CostFigures {
  double flash_bytes = 0;   // eq. 2
  double memory_bytes = 0;  // eq. 3
  double ops = 0;           // eq. 4
};

struct BoardEstimateSummary {
  std::string board;
  int64_t flash_bytes = 0;
  int64_t sram_bytes = 0;
  double latency_ms = 0;
  bool fits = false;
};

struct SearchCandidate {
  int64_t id = 0;
  int epoch = 0;
  std::string kind;          // "epoch" (argmax along the way), "evolution" (epoch = its generation) or "final"
  std::string architecture;  // "conv1=64 ds1=pool ds2=128 ..."
  Graph graph;               // float graph (kind "epoch": no weights) or the int8 graph (final)
  double val_accuracy = -1;  // of the supernet at this one-hot choice (fake-quantized)
  double int8_accuracy = -1; // final: test accuracy of the int8 model on the interpreter
  double float_accuracy = -1;
  CostFigures costs;
  std::vector<BoardEstimateSummary> estimates;  // every board
  // Final: the argmax architecture exceeded a budget, so `architecture` is the most
  // probable one within the budgets instead (budget_fit.h); the argmax is kept here.
  bool budget_adjusted = false;
  std::string argmax_architecture;
};

struct SearchProgress {
  enum class Kind { Started, Step, Epoch, Candidate, Finished, Message, Generation };
  Kind kind = Kind::Message;
  std::string phase;  // "budgets", "warmup", "search", "finetune", "quantize"
  int epoch = 0;      // 0-based over warm-up + search + fine-tune
  int epochs = 0;
  int step = 0;
  int steps = 0;
  double train_loss = 0, train_accuracy = 0;
  double val_loss = 0, val_accuracy = 0;
  double temperature = 0, lr = 0;
  CostFigures expected;  // at the architecture probabilities
  CostFigures budgets;
  std::vector<DecisionProbabilities> probabilities;
  std::string architecture;  // argmax
  const SearchCandidate* candidate = nullptr;  // Candidate events
  std::string message;
  int resumed_from_epoch = -1;  // Started: the checkpointed epoch a resume continues after, -1 if fresh
  // The process that reports (DistributedOptions): every rank emits its own events.
  int rank = 0, world_size = 1;
  // Epoch (several processes): bytes this rank handed to all-reduces per step of this
  // epoch (gradients, batch-normalization sums, metrics), measured.
  double bytes_reduced_per_step = 0;
  // Generation (evolution): 0 = the initial population, then 1..generations. val_accuracy
  // is the best of the population (supernet, validation), `architecture` that best one.
  int generation = 0, generations = 0;
  double mean_accuracy = 0;
  int evaluated = 0;  // distinct architectures measured so far
  int rejected = 0;   // samples the estimator refused so far (over Flash, SRAM or latency)
};

struct SearchResult {
  int64_t run_id = 0;
  bool finished = false;       // false: cancelled; run again with resume
  int resumed_from_epoch = -1; // the last checkpointed epoch a resume started after, -1 if fresh
  SearchCandidate final_candidate;
  // The final int8 model written beside the project: "<project folder>/<run>.int8.json"
  // (TinyForge graph, for tinyforge check/estimate/run/export) and ".tflite".
  std::string final_model_path;
  std::string final_tflite_path;
  std::vector<SearchCandidate> candidates;  // of this run, as stored
};

using SearchProgressCallback = std::function<void(const SearchProgress&)>;

class SearchJob {
 public:
  SearchJob(SearchConfig config, std::shared_ptr<const BoardLibrary> boards);
  ~SearchJob();

  // Runs (or, with resume, continues) the search. `cancel` is polled at every step; a
  // cancelled run returns finished = false having saved nothing of the current epoch.
  // Without resume, an existing run of the same name is an error unless `fresh` replaces it.
  SearchResult run(const SearchProgressCallback& progress, const std::atomic<bool>* cancel = nullptr,
                   bool resume = false, bool fresh = false);

  const SearchConfig& config() const { return config_; }
  // Before run(): take part in a data-parallel search as options.rank of options.world_size.
  void setDistributed(DistributedOptions options) { distributed_ = std::move(options); }

 private:
  SearchConfig config_;
  DistributedOptions distributed_;
  std::shared_ptr<const BoardLibrary> boards_;
};

// How a board turns into budgets (also used by the studio to show them).
struct DerivedBudgets {
  int64_t sram_bytes = 0, flash_bytes = 0, ops = 0;
  int64_t sram_overhead_bytes = 0;   // runtime SRAM beyond eq. 3 (calibrated on the largest model)
  int64_t flash_overhead_bytes = 0;  // code + reserve + model container beyond eq. 2
  double ops_per_ms = 0;             // the board's throughput on this backbone
  double latency_overhead_ms = 0;
};
DerivedBudgets deriveBudgets(const Graph& backbone, const BoardLibrary& boards, const std::string& board,
                             const std::string& runtime, const SearchBudgets& requested);

// The estimator settings that measure SRAM as `sram_planner` says ("greedy", "best" or
// "patches"; std::invalid_argument otherwise, for "best" with a runtime that has no offline
// plan, and for "patches" with another runtime than tinyforge-c).
EstimatorSettings searchEstimatorSettings(const std::string& sram_planner, const std::string& runtime);

}  // namespace tinyforge
