// The search loop: alternating weight steps (train split) and architecture steps
// (validation split), checkpoints after every epoch, the derived model's fine-tuning,
// int8 quantization and its accuracy on the interpreter. See docs/dnas.md.
#include "core/nas/search_job.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/boards/board_library.h"
#include "core/cost/layer_cost.h"
#include "core/data/speech_commands.h"
#include "core/data/synth_keywords.h"
#include "core/estimate/estimate.h"
#include "core/estimate/memory_layout.h"
#include "core/estimate/units.h"
#include "core/graph/graph_json.h"
#include "core/interpreter/interpreter.h"
#include "core/io/atomic_file.h"
#include "core/nas/budget_fit.h"
#include "core/nas/evolution.h"
#include "core/nas/rank_agreement.h"
#include "core/nas/rank_group.h"
#include "core/nas/search_store.h"
#include "core/nas/supernet.h"
#include "core/nas/synthetic_data.h"
#include "core/quant/float_forward.h"
#include "core/quant/quantize_graph.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

struct Splits {
  Dataset train, validation, test;
};

Splits loadData(const SearchConfig& config, FeatureShape shape, const SearchProgressCallback& progress) {
  if (config.data == "synthetic") {
    return {makeSyntheticDataset(config.synthetic, shape, Split::kTrain, config.seed),
            makeSyntheticDataset(config.synthetic, shape, Split::kValidation, config.seed),
            makeSyntheticDataset(config.synthetic, shape, Split::kTest, config.seed)};
  }
  fs::path dir = config.data;
  if (config.data == "synth-kws") {
    dir = config.data_cache.empty() ? fs::path(config.project + ".synth-kws") : fs::path(config.data_cache);
    if (!fs::exists(dir / "_background_noise_")) {
      if (!keywordSynthesisAvailable())
        throw SearchConfigError(config.source + ": data 'synth-kws' needs espeak-ng and sox on PATH");
      SearchProgress event;
      event.message = "synthesizing keywords with espeak-ng into " + dir.string();
      if (progress) progress(event);
      KeywordSynthOptions synth;
      synth.clips_per_word = config.synth_clips_per_word;
      synth.clips_per_unknown_word = config.synth_clips_per_unknown_word;
      synthesizeKeywordSet(dir, synth);
    }
  }
  SpeechCommandsOptions options;
  options.cache_dir = dir / ".feature_cache";
  Splits splits{loadSpeechCommands(dir, Split::kTrain, options), loadSpeechCommands(dir, Split::kValidation, options),
                loadSpeechCommands(dir, Split::kTest, options)};
  if (!(splits.train.shape() == shape))
    throw SearchConfigError(config.source + ": the data's features are " + std::to_string(splits.train.shape().height) +
                            "x" + std::to_string(splits.train.shape().width) + " but the backbone's input is " +
                            std::to_string(shape.height) + "x" + std::to_string(shape.width));
  return splits;
}

// NCHW features and labels of a whole split.
struct Tensors {
  torch::Tensor x, y;
};

Tensors toTensors(const Dataset& data, FeatureShape shape, double scale) {
  const int64_t n = static_cast<int64_t>(data.size());
  auto x = torch::empty({n, shape.height, shape.width, shape.channels});
  auto y = torch::empty({n}, torch::kInt64);
  float* px = x.data_ptr<float>();
  for (int64_t i = 0; i < n; ++i) {
    const Sample& s = data.sample(static_cast<size_t>(i));
    std::copy(s.features.begin(), s.features.end(), px + i * static_cast<int64_t>(shape.elements()));
    y[i] = s.label;
  }
  return {(x / scale).permute({0, 3, 1, 2}).contiguous(), y};
}

// Training batches that set the batch normalization statistics of an architecture before
// it is evaluated (each epoch's argmax) and before the final model is exported.
constexpr int kEpochCalibrationBatches = 4;
constexpr int kFinalCalibrationBatches = 16;

// "87.5" (one decimal: accuracies in percent, probabilities)
std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

double cosine(double start, double end, double t) { return end + 0.5 * (start - end) * (1 + std::cos(M_PI * t)); }

torch::Tensor batchOf(const torch::Tensor& all, const std::vector<int64_t>& order, size_t begin, size_t count) {
  std::vector<int64_t> index(order.begin() + static_cast<long>(begin), order.begin() + static_cast<long>(begin + count));
  return all.index_select(0, torch::tensor(index, torch::kInt64));
}

std::vector<int64_t> permutation(size_t n, uint64_t seed, int epoch, uint64_t salt) {
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed * 1000003 + static_cast<uint64_t>(epoch) * 7919 + salt);
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

void setLr(torch::optim::Adam& opt, double lr) {
  for (auto& group : opt.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
}

nlohmann::json costsJson(const CostFigures& c) {
  return {{"flash_bytes", c.flash_bytes}, {"memory_bytes", c.memory_bytes}, {"ops", c.ops}};
}

nlohmann::json estimatesJson(const std::vector<BoardEstimateSummary>& estimates) {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& e : estimates)
    all.push_back({{"board", e.board}, {"flash_bytes", e.flash_bytes}, {"sram_bytes", e.sram_bytes},
                   {"latency_ms", e.latency_ms}, {"fits", e.fits}});
  return all;
}

class Runner {
 public:
  Runner(const SearchConfig& config, std::shared_ptr<const BoardLibrary> boards, const SearchProgressCallback& progress,
         const std::atomic<bool>* cancel, const DistributedOptions& distributed)
      : config_(config), boards_(std::move(boards)), progress_(progress), cancel_(cancel), dist_(distributed) {}

  SearchResult run(bool resume, bool fresh);

 private:
  void emit(SearchProgress event) {
    event.rank = dist_.rank;
    event.world_size = dist_.world_size;
    if (progress_) progress_(event);
  }
  // Several processes (rank_group.h). Rank 0 alone writes the store and the checkpoints.
  bool leader() const { return !group_ || group_->rank() == 0; }
  // Rendezvous on one fingerprint: rank 0 compares every rank's with its own and tells all
  // of them; a difference (or a rank that never came) stops every rank with its message.
  // `problem` (rank 0): a reason to stop that every rank is told instead.
  void agree(const std::string& what, const std::string& fingerprint, const std::string& problem = "");
  // Sums the gradients of `params` and `metrics` over the ranks in one exchange; returns
  // the summed metrics.
  std::vector<double> reduceGradients(const std::vector<torch::Tensor>& params, const std::vector<double>& metrics);
  // The rank's part [first, first + count) of the global batch [begin, begin + count).
  std::pair<size_t, size_t> slice(size_t begin, size_t count) const {
    if (!group_) return {begin, count};
    const size_t r = static_cast<size_t>(group_->rank()), n = static_cast<size_t>(group_->size());
    const size_t first = begin + count * r / n, last = begin + count * (r + 1) / n;
    return {first, last - first};
  }
  // Resuming ranks other than 0 load rank 0's checkpoint bytes from the store.
  int loadCheckpointArchive(torch::serialize::InputArchive& archive, const std::string& path);
  bool cancelled() const { return cancel_ && cancel_->load(); }
  CostFigures figures(const ExpectedCosts<torch::Tensor>& costs) const {
    return {costs.flash_bytes.item<double>(), costs.memory_bytes.item<double>(), costs.ops.item<double>()};
  }
  std::vector<DecisionProbabilities> probabilityTable();
  double accuracy(const Tensors& data, const Gates& gates);
  // Batch normalization statistics of `choice` from the first `batches` training batches
  // (a fixed order, so a resumed run recalibrates exactly as an uninterrupted one).
  void calibrate(const ArchChoice& choice, int batches);
  std::vector<BoardEstimateSummary> estimates(const Graph& graph);
  void saveCheckpoint(int epoch);
  int loadCheckpoint(const StoredCheckpoint& checkpoint);
  std::optional<int> loadNewestReadableCheckpoint();
  int loadCheckpointFile(const std::string& path);
  SearchCandidate storeCandidate(SearchCandidate candidate);
  void finish(SearchResult& result);
  // The argmax, or the most probable architecture within the budgets when the argmax is
  // over one (decided once: the architecture parameters no longer move after the search).
  ArchChoice finalChoice();
  // "" when the target holds as fitted, else what was done.
  std::string meetLatencyTarget(const ArchitectureProbabilities& probabilities);
  // The same for the board's SRAM, as the configured planner measures it.
  std::string meetSramBudget(const ArchitectureProbabilities& probabilities);
  // Estimates measure SRAM as budgets.sram_planner says.
  Estimator estimator() const {
    return Estimator(boards_, searchEstimatorSettings(config_.budgets.sram_planner, config_.runtime));
  }
  // fitToBudgets, then grown towards the expected costs (budget_fit.h).
  BudgetFit fitAndGrow(const ArchitectureProbabilities& p, const CostFigures& budgets) const;

  // Evolution (strategy "evolution", evolution.h).
  bool evolution() const { return config_.strategy == "evolution"; }
  // A uniformly random one-hot architecture from torch's generator (checkpointed with the
  // weights, so a resumed warm-up samples the same paths).
  ArchChoice randomChoice() const;
  // "" when the derived graph of `choice` fits the board and the budgets as the estimator
  // measures them (what `tinyforge check` says, plus latency and explicit budgets), else why not.
  std::string refuse(const ArchChoice& choice);
  // Runs the evolution and sets fit_ to its best architecture; false when cancelled.
  bool evolveArchitecture(SearchResult& result);
  // The supernet weights of another run of this project (evolution.from_run).
  void loadSupernetFrom(const std::string& run);

  const SearchConfig& config_;
  std::shared_ptr<const BoardLibrary> boards_;
  const SearchProgressCallback& progress_;
  const std::atomic<bool>* cancel_;
  const DistributedOptions& dist_;
  std::unique_ptr<RankGroup> group_;
  std::string loaded_checkpoint_path_;  // rank 0: the checkpoint a resume continues from

  std::shared_ptr<SearchSpace> space_;
  Supernet net_{nullptr};
  std::unique_ptr<torch::optim::Adam> weight_opt_, arch_opt_, finetune_opt_;
  std::unique_ptr<SearchStore> store_;
  int64_t run_id_ = 0;
  DerivedBudgets budgets_;
  Splits data_;
  Tensors train_, val_, test_;
  double input_scale_ = 1.0;
  std::string last_architecture_;
  CostFigures budget_figures_;
  std::optional<BudgetFit> fit_;
  std::unique_ptr<Estimator> refuse_estimator_;  // evolution: built once for the many checks
};

ArchChoice Runner::finalChoice() {
  if (fit_) return fit_->choice;
  ArchitectureProbabilities p;
  {
    torch::NoGradGuard no_grad;
    const Gates gates = net_->probabilities();
    for (const auto& w : gates.widths) {
      const torch::Tensor d = w.to(torch::kFloat64).contiguous();
      p.widths.emplace_back(d.data_ptr<double>(), d.data_ptr<double>() + d.numel());
    }
    for (const auto& k : gates.skips) p.skip.push_back(k[1].item<double>());
  }
  fit_ = fitAndGrow(p, budget_figures_);
  std::string how;
  if (fit_->adjusted)
    how = "it is over budget (" + fit_->reason + ")" +
          (fit_->fits ? ", so the most probable architecture within the budgets" : " and nothing fits: the smallest found");
  else if (!(fit_->choice == fit_->argmax))
    how = "it uses less than the search's expected costs, so it was grown towards them within the budgets";
  const std::string sram = meetSramBudget(p);
  if (!sram.empty()) how += (how.empty() ? "" : "; then ") + sram;
  const std::string latency = meetLatencyTarget(p);
  if (!latency.empty()) how += (how.empty() ? "" : "; then ") + latency;
  if (!how.empty()) {
    SearchProgress event;
    event.kind = SearchProgress::Kind::Message;
    event.phase = "derive";
    event.architecture = space_->describe(fit_->choice);
    event.message = "the argmax architecture is " + space_->describe(fit_->argmax) + "; " + how + ": " + event.architecture;
    emit(event);
  }
  return fit_->choice;
}

BudgetFit Runner::fitAndGrow(const ArchitectureProbabilities& p, const CostFigures& budgets) const {
  BudgetFit fit = fitToBudgets(*space_, p, budgets);
  if (!fit.fits) return fit;
  fit.choice = growTowardsExpectedCosts(*space_, p, fit.choice, budgets);
  fit.costs = choiceCosts(*space_, fit.choice);
  return fit;
}

// The latency target became an ops budget through the backbone's ops per ms at its largest
// width (MicroNets Fig. 4), but a narrower model runs fewer ops per ms (the per-operator
// costs weigh more): the default search's model met the ops budget and took 227 ms for a
// 200 ms target. So the derived model's latency is estimated, and while it is over the
// target the ops budget shrinks by the overrun and the architecture is fitted again.
std::string Runner::meetLatencyTarget(const ArchitectureProbabilities& probabilities) {
  const SearchBudgets& requested = config_.budgets;
  if (requested.latency_ms <= 0 || requested.ops > 0) return "";
  const std::string board = requested.latency_board.empty() ? config_.board : requested.latency_board;
  const auto runtime = runtimeFromString(config_.runtime).value_or(RuntimeKind::TflmCmsis);
  const Estimator estimator = this->estimator();
  const ArchChoice argmax = fit_->argmax;
  const CostFigures argmax_costs = fit_->argmax_costs;
  CostFigures budgets = budget_figures_;
  std::string note;
  for (int round = 0; round < 12; ++round) {
    const Estimate e = estimator.estimate(inferShapes(space_->derive(fit_->choice)), board, runtime);
    if (e.latency_ms <= requested.latency_ms) return note;
    if (round == 0)
      note = space_->describe(fit_->choice) + " takes " + formatMs(e.latency_ms) + " > " +
             formatMs(requested.latency_ms) + " on " + board + ", so the ops budget was lowered until it fits";
    const double layer_ms = e.latency_ms - e.latency_overhead_ms;
    const double target_layer_ms = requested.latency_ms - e.latency_overhead_ms;
    budgets.ops = std::min(budgets.ops, fit_->costs.ops) * std::max(0.5, target_layer_ms / layer_ms) * 0.995;
    const std::string reason = fit_->reason;
    fit_ = fitAndGrow(probabilities, budgets);
    fit_->argmax = argmax;
    fit_->argmax_costs = argmax_costs;
    fit_->adjusted = true;
    fit_->reason = reason.empty() ? "latency" : reason;
    if (!fit_->fits) return note + " (nothing fits: the smallest found)";
  }
  return note;
}

ArchChoice Runner::randomChoice() const {
  ArchChoice c;
  for (const auto& d : space_->widthDecisions())
    c.width_index.push_back(static_cast<int>(torch::randint(static_cast<int64_t>(d.widths.size()), {1}).item<int64_t>()));
  for (size_t d = 0; d < space_->skipDecisions().size(); ++d)
    c.skipped.push_back(torch::randint(2, {1}).item<int64_t>() == 1);
  return c;
}

std::string Runner::refuse(const ArchChoice& choice) {
  if (!refuse_estimator_) refuse_estimator_ = std::make_unique<Estimator>(boards_, searchEstimatorSettings(config_.budgets.sram_planner, config_.runtime));
  const Estimator& estimator = *refuse_estimator_;
  const auto runtime = runtimeFromString(config_.runtime).value_or(RuntimeKind::TflmCmsis);
  const ShapedGraph shaped = inferShapes(space_->derive(choice));
  const Estimate e = estimator.estimate(shaped, config_.board, runtime);
  if (!e.fit.fits_flash)
    return "Flash " + formatBytes(e.memory.flash_bytes) + " > " + formatBytes(e.fit.flash_budget_bytes) + " on " +
           config_.board;
  if (!e.fit.fits_sram)
    return "SRAM " + formatBytes(e.memory.sram_bytes) + " > " + formatBytes(e.fit.sram_budget_bytes) + " on " +
           config_.board + " (" + config_.budgets.sram_planner + " planner)";
  const SearchBudgets& b = config_.budgets;
  if (b.latency_ms > 0) {
    const std::string board = b.latency_board.empty() ? config_.board : b.latency_board;
    const double ms = board == config_.board ? e.latency_ms : estimator.estimate(shaped, board, runtime).latency_ms;
    if (ms > b.latency_ms) return "latency " + formatMs(ms) + " > " + formatMs(b.latency_ms) + " on " + board;
  }
  if (b.ops > 0 && e.total.ops() > b.ops)
    return "ops " + std::to_string(e.total.ops()) + " > budgets.ops " + std::to_string(b.ops);
  if (b.sram_bytes > 0 && e.memory.lower_bound_bytes > b.sram_bytes)
    return "activations " + std::to_string(e.memory.lower_bound_bytes) + " B > budgets.sram_bytes " +
           std::to_string(b.sram_bytes) + " B";
  if (b.flash_bytes > 0) {
    int64_t weights = 0;
    for (const LayerCost& cost : layerCosts(shaped)) weights += cost.weight_bytes + cost.bias_bytes + cost.quant_params_bytes;
    if (weights > b.flash_bytes)
      return "weights " + std::to_string(weights) + " B > budgets.flash_bytes " + std::to_string(b.flash_bytes) + " B";
  }
  return "";
}

bool Runner::evolveArchitecture(SearchResult& result) {
  const EvolutionOptions& options = config_.evolution;
  {
    SearchProgress event;
    event.kind = SearchProgress::Kind::Message;
    event.phase = "evolution";
    event.message = "evolution: population " + std::to_string(options.population) + ", top " +
                    std::to_string(options.parents) + " kept, " + std::to_string(options.mutation_children) +
                    " mutation (p = " + std::to_string(options.mutation_probability).substr(0, 4) + ") and " +
                    std::to_string(options.crossover_children) + " crossover children, " +
                    std::to_string(options.iterations) + " generations; every candidate checked against " +
                    config_.board + " with the estimator";
    emit(event);
  }
  EvolutionCallbacks callbacks;
  callbacks.refuse = [&](const ArchChoice& choice) { return refuse(choice); };
  callbacks.measure = [&](const ArchChoice& choice, int generation) {
    // The shared weights at this one-hot choice, with its own batch-normalization statistics.
    calibrate(choice, options.calibration_batches);
    SearchCandidate c;
    c.epoch = generation;
    c.kind = "evolution";
    c.architecture = space_->describe(choice);
    c.graph = space_->derive(choice);
    c.val_accuracy = accuracy(val_, net_->fixedGates(choice));
    {
      torch::NoGradGuard no_grad;
      c.costs = figures(net_->expectedCosts(net_->fixedGates(choice)));
    }
    c.estimates = estimates(c.graph);
    const double measured = c.val_accuracy;
    result.candidates.push_back(storeCandidate(std::move(c)));
    return measured;
  };
  callbacks.generation_done = [&](const GenerationSummary& s) {
    SearchProgress event;
    event.kind = SearchProgress::Kind::Generation;
    event.phase = "evolution";
    event.epoch = config_.epochs;
    event.epochs = config_.epochs + config_.finetune_epochs;
    event.generation = s.generation;
    event.generations = s.generations;
    event.val_accuracy = s.best_accuracy;
    event.mean_accuracy = s.mean_accuracy;
    event.evaluated = s.evaluated;
    event.rejected = s.rejected;
    event.architecture = s.population.front().architecture;
    event.budgets = budget_figures_;
    event.message = "generation " + std::to_string(s.generation) + "/" + std::to_string(s.generations) +
                    ": best " + formatNumber(100 * s.best_accuracy) + "%, mean " +
                    formatNumber(100 * s.mean_accuracy) + "% (supernet, validation); " +
                    std::to_string(s.evaluated) + " measured, " + std::to_string(s.rejected) + " refused";
    emit(event);
  };
  callbacks.cancelled = [&] { return cancelled(); };
  std::optional<EvolvedArchitecture> best;
  try {
    best = evolve(*space_, options, config_.seed, callbacks);
  } catch (const EvolutionError& error) {
    throw SearchConfigError(config_.source + ": " + error.what());
  }
  if (!best) return false;
  BudgetFit fit;
  fit.choice = fit.argmax = best->choice;
  fit.fits = true;
  fit.costs = fit.argmax_costs = choiceCosts(*space_, best->choice);
  fit_ = fit;
  SearchProgress event;
  event.kind = SearchProgress::Kind::Message;
  event.phase = "evolution";
  event.architecture = best->architecture;
  event.val_accuracy = best->accuracy;
  event.message = "evolution chose " + best->architecture + " (supernet validation accuracy " +
                  formatNumber(100 * best->accuracy) + "%, found in generation " + std::to_string(best->generation) + ")";
  emit(event);
  return true;
}

void Runner::loadSupernetFrom(const std::string& name) {
  if (name == config_.name)
    throw SearchConfigError(config_.source + ": field 'evolution.from_run' names this run itself ('" + name + "')");
  const auto other = store_->findRun(name);
  if (!other)
    throw SearchConfigError(config_.source + ": evolution.from_run: no run '" + name + "' in " + config_.project);
  if (other->status != "finished")
    throw SearchConfigError(config_.source + ": evolution.from_run: run '" + name + "' has not finished (resume it first)");
  const auto other_config = nlohmann::json::parse(other->config_json, nullptr, false);
  for (const char* key : {"backbone", "data"}) {
    const std::string theirs = other_config.is_object() ? other_config.value(key, std::string()) : std::string();
    const std::string ours = key == std::string("backbone") ? config_.backbone : config_.data;
    if (theirs != ours)
      throw SearchConfigError(config_.source + ": evolution.from_run: run '" + name + "' has " + key + " '" + theirs +
                              "', this config '" + ours + "'");
  }
  fs::path path = fs::path(store_->checkpointDir(name)) / "supernet.pt";
  std::string note = "evolution on the supernet of run '" + name + "' (" + path.string() + ")";
  if (!fs::exists(path)) {
    const auto checkpoints = store_->checkpoints(other->id);
    if (checkpoints.empty())
      throw SearchConfigError(config_.source + ": evolution.from_run: run '" + name + "' has no checkpoint");
    path = checkpoints.front().path;
    note = "run '" + name + "' kept no end-of-search supernet: taking its last checkpoint " + path.string() +
           " (after its fine-tuning)";
  }
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.string());
    torch::serialize::InputArchive model;
    archive.read("model", model);
    net_->load(model);
  } catch (const c10::Error& error) {
    throw SearchConfigError(path.string() + ": cannot load run '" + name +
                            "''s supernet into this search space: " + error.what_without_backtrace());
  }
  SearchProgress event;
  event.kind = SearchProgress::Kind::Message;
  event.phase = "evolution";
  event.message = note;
  emit(event);
}

std::vector<DecisionProbabilities> Runner::probabilityTable() {
  torch::NoGradGuard no_grad;
  const Gates p = net_->probabilities();
  std::vector<DecisionProbabilities> table;
  for (size_t d = 0; d < p.widths.size(); ++d) {
    DecisionProbabilities row;
    row.name = space_->widthDecisions()[d].name;
    for (int w : space_->widthDecisions()[d].widths) row.labels.push_back(std::to_string(w));
    for (int64_t k = 0; k < p.widths[d].size(0); ++k) row.probabilities.push_back(p.widths[d][k].item<double>());
    table.push_back(std::move(row));
  }
  for (size_t d = 0; d < p.skips.size(); ++d) {
    DecisionProbabilities row;
    row.name = space_->skipDecisions()[d].name;
    row.labels = {"keep", space_->skipDecisions()[d].downsamples ? "pool" : "skip"};
    row.probabilities = {p.skips[d][0].item<double>(), p.skips[d][1].item<double>()};
    table.push_back(std::move(row));
  }
  return table;
}

double Runner::accuracy(const Tensors& data, const Gates& gates) {
  torch::NoGradGuard no_grad;
  net_->eval();
  int64_t correct = 0;
  const int64_t n = data.x.size(0);
  for (int64_t begin = 0; begin < n; begin += 256) {
    const int64_t count = std::min<int64_t>(256, n - begin);
    const torch::Tensor logits = net_->forward(data.x.narrow(0, begin, count), gates);
    correct += logits.argmax(1).eq(data.y.narrow(0, begin, count)).sum().item<int64_t>();
  }
  net_->train();
  return n ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
}

void Runner::calibrate(const ArchChoice& choice, int batches) {
  const size_t n = static_cast<size_t>(train_.x.size(0));
  const size_t batch = static_cast<size_t>(config_.batch_size);
  const auto order = permutation(n, config_.seed, 0, 3);
  std::vector<torch::Tensor> xs;
  for (size_t begin = 0; begin < n && static_cast<int>(xs.size()) < batches; begin += batch)
    xs.push_back(batchOf(train_.x, order, begin, std::min(batch, n - begin)));
  net_->calibrateBatchNorm(xs, net_->fixedGates(choice));
}

// Eq. 3 is the activations' lower bound; the budget on it is the board's SRAM minus an
// overhead measured on the largest architecture (search_budgets.cpp). A plan that wastes
// more above the bound on a smaller architecture than on the largest (TFLM's greedy plan
// can) makes the fitted model miss the board although eq. 3 fits: then the memory budget
// is lowered by the overrun and the architecture fitted again. With the best planner the
// plan is at the bound and this rarely acts. An explicit sram_bytes budget is the user's.
std::string Runner::meetSramBudget(const ArchitectureProbabilities& probabilities) {
  if (config_.budgets.sram_bytes > 0 || !fit_->fits) return "";
  const auto runtime = runtimeFromString(config_.runtime).value_or(RuntimeKind::TflmCmsis);
  const Estimator estimator = this->estimator();
  const ArchChoice argmax = fit_->argmax;
  const CostFigures argmax_costs = fit_->argmax_costs;
  CostFigures budgets = budget_figures_;
  std::string note;
  for (int round = 0; round < 12; ++round) {
    const Estimate e = estimator.estimate(inferShapes(space_->derive(fit_->choice)), config_.board, runtime);
    if (e.fit.fits_sram) return note;
    if (round == 0)
      note = space_->describe(fit_->choice) + " needs " + std::to_string(e.memory.sram_bytes) + " B of SRAM > " +
             std::to_string(e.fit.sram_budget_bytes) + " B on " + config_.board + " with the " +
             config_.budgets.sram_planner + " planner, so the memory budget was lowered until it fits";
    const double overrun = static_cast<double>(e.memory.sram_bytes - e.fit.sram_budget_bytes);
    budgets.memory_bytes = std::min(budgets.memory_bytes, fit_->costs.memory_bytes) - overrun;
    const std::string reason = fit_->reason;
    fit_ = fitAndGrow(probabilities, budgets);
    fit_->argmax = argmax;
    fit_->argmax_costs = argmax_costs;
    fit_->adjusted = true;
    fit_->reason = reason.empty() ? "SRAM" : reason;
    if (!fit_->fits) return note + " (nothing fits: the smallest found)";
  }
  return note;
}

std::vector<BoardEstimateSummary> Runner::estimates(const Graph& graph) {
  const Estimator estimator = this->estimator();
  const auto runtime = runtimeFromString(config_.runtime).value_or(RuntimeKind::TflmCmsis);
  const ShapedGraph shaped = inferShapes(graph);
  std::vector<BoardEstimateSummary> result;
  for (const Board& board : boards_->boards()) {
    const Estimate e = estimator.estimate(shaped, board.id, runtime);
    result.push_back({board.id, e.memory.flash_bytes, e.memory.sram_bytes, e.latency_ms, e.fit.fits()});
  }
  return result;
}

SearchCandidate Runner::storeCandidate(SearchCandidate c) {
  StoredCandidate stored;
  stored.run_id = run_id_;
  stored.epoch = c.epoch;
  stored.kind = c.kind;
  stored.architecture = c.architecture;
  stored.graph_json = graphToJsonText(c.graph);
  stored.val_accuracy = c.val_accuracy;
  stored.float_accuracy = c.float_accuracy;
  stored.int8_accuracy = c.int8_accuracy;
  stored.costs_json = costsJson(c.costs).dump();
  stored.estimates_json = estimatesJson(c.estimates).dump();
  stored.budget_adjusted = c.budget_adjusted;
  stored.argmax_architecture = c.argmax_architecture;
  c.id = store_->addCandidate(stored);
  SearchProgress event;
  event.kind = SearchProgress::Kind::Candidate;
  event.epoch = c.epoch;
  event.architecture = c.architecture;
  event.candidate = &c;
  emit(event);
  return c;
}

void Runner::saveCheckpoint(int epoch) {
  torch::serialize::OutputArchive archive;
  torch::serialize::OutputArchive model;
  net_->save(model);
  archive.write("model", model);
  auto saveOpt = [&](const char* key, const std::unique_ptr<torch::optim::Adam>& opt) {
    if (!opt) return;
    torch::serialize::OutputArchive sub;
    opt->save(sub);
    archive.write(key, sub);
  };
  saveOpt("weight_opt", weight_opt_);
  saveOpt("arch_opt", arch_opt_);
  saveOpt("finetune_opt", finetune_opt_);
  archive.write("epoch", torch::tensor(static_cast<int64_t>(epoch)));
  archive.write("rng", at::detail::getDefaultCPUGenerator().get_state());
  // Evolution: the architecture being fine-tuned (a resume must not evolve again on
  // fine-tuned weights): width indices, then skip flags.
  if (evolution() && fit_) {
    std::vector<int64_t> choice(fit_->choice.width_index.begin(), fit_->choice.width_index.end());
    for (bool skipped : fit_->choice.skipped) choice.push_back(skipped ? 1 : 0);
    archive.write("evolved_choice", torch::tensor(choice, torch::kInt64));
  }
  const std::string dir = store_->checkpointDir(config_.name);
  const std::string path = dir + "/epoch-" + std::to_string(epoch) + ".pt";
  // Serialized in memory first: torch's file writer finishes the archive in its
  // destructor, so a write failing there (a full disk) terminates the process and leaves
  // the partial file (SearchKill.FullDiskAtACheckpointStopsNamingItAndTheRunResumes).
  std::ostringstream bytes(std::ios::binary);
  archive.save_to(bytes);
  try {
    writeFileAtomically(path, bytes.str());  // complete before the store points at it
  } catch (const FileError& error) {
    // A full disk: no partial file stays behind, the previous checkpoints stay the latest,
    // and the message names the file (a resume continues from the last complete epoch).
    std::string reason = error.what();
    if (reason.rfind(path + ": ", 0) == 0) reason = reason.substr(path.size() + 2);
    if (reason.rfind("cannot write: ", 0) == 0) reason = reason.substr(14);
    throw StoreError(path + ": cannot write the checkpoint: " + reason +
                     " (is the disk full? the previous checkpoint is kept; --resume continues from it)");
  }
  store_->recordCheckpoint(run_id_, epoch, path);
}

int Runner::loadCheckpoint(const StoredCheckpoint& checkpoint) {
  try {
    loaded_checkpoint_path_ = checkpoint.path;
    return loadCheckpointFile(checkpoint.path);
  } catch (const c10::Error& error) {
    throw StoreError(checkpoint.path + ": cannot read the checkpoint: " + error.what_without_backtrace());
  } catch (const std::exception& error) {
    throw StoreError(checkpoint.path + ": cannot read the checkpoint: " + error.what());
  }
}

// A kill cannot leave a half-written checkpoint (temporary name, then rename), but a full
// disk or a power cut before the data reached the disk can: then the previous checkpoint,
// which the store keeps for this, resumes (one more epoch lost), and the user is told.
std::optional<int> Runner::loadNewestReadableCheckpoint() {
  std::string damaged;
  for (const StoredCheckpoint& checkpoint : store_->checkpoints(run_id_)) {
    finetune_opt_.reset();  // a damaged file may have made one
    try {
      const int epoch = loadCheckpoint(checkpoint);
      if (!damaged.empty()) {
        SearchProgress event;
        event.message = "warning: " + damaged + "; resuming from " + checkpoint.path + " (epoch " +
                        std::to_string(epoch) + ") instead";
        emit(event);
      }
      return epoch;
    } catch (const StoreError& error) {
      damaged += (damaged.empty() ? "" : "; ") + std::string(error.what());
    }
  }
  if (!damaged.empty())
    throw StoreError(damaged + "; no readable checkpoint is left: run with --fresh to start over");
  return std::nullopt;
}

int Runner::loadCheckpointFile(const std::string& path) {
  torch::serialize::InputArchive archive;
  archive.load_from(path);
  return loadCheckpointArchive(archive, path);
}

int Runner::loadCheckpointArchive(torch::serialize::InputArchive& archive, const std::string& path) {
  torch::serialize::InputArchive model;
  archive.read("model", model);
  net_->load(model);
  auto loadOpt = [&](const char* key, std::unique_ptr<torch::optim::Adam>& opt) {
    torch::serialize::InputArchive sub;
    if (archive.try_read(key, sub)) {
      if (!opt) return false;
      opt->load(sub);
      return true;
    }
    return false;
  };
  loadOpt("weight_opt", weight_opt_);
  loadOpt("arch_opt", arch_opt_);
  torch::serialize::InputArchive sub;
  if (archive.try_read("finetune_opt", sub)) {
    finetune_opt_ = std::make_unique<torch::optim::Adam>(
        net_->weightParameters(), torch::optim::AdamOptions(config_.lr).weight_decay(config_.weight_decay));
    finetune_opt_->load(sub);
  }
  torch::Tensor epoch, rng;
  archive.read("epoch", epoch);
  archive.read("rng", rng);
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  generator.set_state(rng);
  if (evolution()) {
    fit_.reset();
    torch::Tensor evolved;
    if (archive.try_read("evolved_choice", evolved)) {
      const size_t widths = space_->widthDecisions().size(), skips = space_->skipDecisions().size();
      if (static_cast<size_t>(evolved.numel()) != widths + skips)
        throw StoreError(path + ": the evolved architecture does not match the search space");
      BudgetFit fit;
      for (size_t d = 0; d < widths; ++d) fit.choice.width_index.push_back(static_cast<int>(evolved[long(d)].item<int64_t>()));
      for (size_t d = 0; d < skips; ++d) fit.choice.skipped.push_back(evolved[long(widths + d)].item<int64_t>() != 0);
      fit.argmax = fit.choice;
      fit.fits = true;
      fit.costs = fit.argmax_costs = choiceCosts(*space_, fit.choice);
      fit_ = fit;
    }
  }
  return static_cast<int>(epoch.item<int64_t>());
}

SearchResult Runner::run(bool resume, bool fresh) {
  torch::set_num_threads(config_.threads);
  torch::manual_seed(config_.seed);

  Graph backbone = loadGraphJson(config_.backbone);
  if (config_.weight_bits == 4)
    for (Node& node : backbone.nodes)
      if (node.kind != NodeKind::Input) node.weight_type = DataType::Int4;
  space_ = std::make_shared<SearchSpace>(backbone);
  if (config_.budgets.sram_planner == "patches") {
    space_->setPatchedMemory(patchedMemoryOf(*space_));
    SearchProgress event;
    event.kind = SearchProgress::Kind::Message;
    event.phase = "budgets";
    const auto& patched = space_->patchedMemory();
    event.message = patched ? "eq. 3 is read per patch: the first layers up to '" + patched->split_layer + "' run in " +
                                  std::to_string(patched->rows) + "x" + std::to_string(patched->cols) +
                                  " patches (auto on the largest architecture: +" +
                                  std::to_string(static_cast<int>(std::lround(patched->extra_macs_percent))) +
                                  "% MACs); the shipped model runs with --patches auto"
                            : "no patch grid lowers the largest architecture's arena within 20% extra MACs: eq. 3 as it is";
    emit(event);
  }
  budgets_ = deriveBudgets(backbone, *boards_, config_.board, config_.runtime, config_.budgets);

  const auto& in_shape = space_->ops()[static_cast<size_t>(space_->inputOp())].out_shape;
  if (in_shape.size() != 4) throw SearchConfigError(config_.backbone + ": the search needs an NHWC feature-map input");
  const FeatureShape shape{in_shape[1], in_shape[2], in_shape[3]};
  if (dist_.enabled()) {
    if (evolution())
      throw SearchConfigError(config_.source +
                              ": a search on several processes runs strategy 'dnas' only (evolution runs in one process)");
    group_ = RankGroup::connect(dist_);
    limitBlasThreads(config_.threads);
    agree("config", configFingerprint(config_, backbone, dist_.world_size));
  }
  // Rank 0 loads (and synthesizes) the data first, so that processes sharing a folder do not
  // write the same clips and feature cache at once; the others then read it.
  const auto data_wait = std::max(std::chrono::milliseconds(1800 * 1000), group_ ? group_->timeout() : std::chrono::milliseconds(0));
  if (group_ && !leader()) {
    const std::string status = group_->await("data-ready", data_wait);
    if (status != "ok") throw DistributedError("rank 0 could not load the data: " + status);
  }
  try {
    data_ = loadData(config_, shape, progress_);
    if (data_.train.empty() || data_.validation.empty())
      throw SearchConfigError(config_.source + ": the data has an empty train or validation split");
  } catch (const std::exception& error) {
    if (group_ && leader()) group_->publish("data-ready", error.what());
    throw;
  }
  if (group_ && leader()) group_->publish("data-ready", "ok");

  // One scalar brings the features to unit spread; it is folded into the first layer's
  // weights at export, so the exported model reads raw features.
  {
    double sum = 0, sq = 0, n = 0;
    for (size_t i = 0; i < data_.train.size(); ++i)
      for (float v : data_.train.sample(i).features) sum += v, sq += double(v) * v, n += 1;
    const double mean = sum / n;
    input_scale_ = std::sqrt(std::max(sq / n - mean * mean, 1e-12) + mean * mean);
    const SpaceOp* first = nullptr;
    for (const auto& op : space_->ops())
      if (!op.inputs.empty() && op.inputs[0] == space_->inputOp()) first = first ? nullptr : &op;
    if (!first || first->kind != SpaceOp::Kind::Layer ||
        space_->maxGraph().node(first->layer).kind != NodeKind::Conv2D)
      input_scale_ = 1.0;
  }
  train_ = toTensors(data_.train, shape, input_scale_);
  val_ = toTensors(data_.validation, shape, input_scale_);
  test_ = toTensors(data_.test.empty() ? data_.validation : data_.test, shape, input_scale_);
  if (group_) {
    // Every rank needs a sample of every global batch (the last one of an epoch is short).
    const size_t batch = static_cast<size_t>(config_.batch_size);
    const size_t n_train = static_cast<size_t>(train_.x.size(0)), n_val = static_cast<size_t>(val_.x.size(0));
    int steps = static_cast<int>((n_train + batch - 1) / batch);
    if (config_.max_steps_per_epoch > 0) steps = std::min(steps, config_.max_steps_per_epoch);
    size_t smallest = batch;
    for (int step = 0; step < steps; ++step) {
      smallest = std::min(smallest, std::min(batch, n_train - (static_cast<size_t>(step) * batch) % n_train));
      smallest = std::min(smallest, std::min(batch, n_val - (static_cast<size_t>(step) * batch) % n_val));
    }
    std::string problem;
    if (smallest < static_cast<size_t>(group_->size()))
      problem = config_.source + ": world size " + std::to_string(group_->size()) +
                " is larger than the data: a global batch of this run has only " + std::to_string(smallest) +
                " samples (batch_size " + std::to_string(batch) + ", " + std::to_string(n_train) + " training and " +
                std::to_string(n_val) + " validation samples), and every rank needs at least one";
    agree("data", dataFingerprint(train_.x, train_.y, val_.x, val_.y, test_.x, test_.y), problem);
    group_->startCollectives();
  }

  net_ = Supernet(space_, SupernetOptions{config_.fake_quant, config_.weight_bits});
  net_->setRankGroup(group_.get());
  {
    std::vector<torch::Tensor> weights, ranges;
    const auto all = net_->weightParameters();
    for (const auto& p : all) (p.dim() == 0 ? ranges : weights).push_back(p);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(weights, std::make_unique<torch::optim::AdamOptions>(
                                     torch::optim::AdamOptions(config_.lr).weight_decay(config_.weight_decay)));
    groups.emplace_back(ranges, std::make_unique<torch::optim::AdamOptions>(config_.lr));
    weight_opt_ = std::make_unique<torch::optim::Adam>(std::move(groups), torch::optim::AdamOptions(config_.lr));
  }
  // No momentum on the architecture: with Adam's default beta1 = 0.9 the budget penalty's
  // push carried on for ~10 steps after the expected costs fell inside the budgets, and a
  // tight search collapsed to the smallest architecture although its budget allowed more.
  arch_opt_ = std::make_unique<torch::optim::Adam>(
      net_->archParameters(), torch::optim::AdamOptions(config_.arch_lr).betas(std::make_tuple(0.0, 0.999)));

  SearchResult result;
  int start_epoch = 0;
  // Rank 0 opens the store and decides where the run starts; with several processes it hands
  // the others the start epoch and the checkpoint it resumed from (any world size resumes
  // any checkpoint: the global batch is the config's).
  if (leader()) {
    try {
      store_ = std::make_unique<SearchStore>(config_.project);
      if (auto existing = store_->findRun(config_.name)) {
        if (fresh) {
          store_->deleteRun(existing->id);
        } else if (!resume) {
          throw SearchConfigError("run '" + config_.name + "' already exists in " + config_.project +
                                  ": pass --resume to continue it or --fresh to start over");
        } else {
          run_id_ = existing->id;
          if (evolution()) {
            // Evolution stores no per-epoch candidates; its generations are measured again
            // unless the checkpoint is one of the fine-tuning (it names the evolved architecture).
            if (auto done = loadNewestReadableCheckpoint()) {
              result.resumed_from_epoch = *done;
              start_epoch = *done + 1;
            }
            if (!fit_) store_->deleteCandidatesOfKind(run_id_, "evolution");
            store_->deleteCandidatesOfKind(run_id_, "final");
          } else if (auto done = loadNewestReadableCheckpoint()) {
            result.resumed_from_epoch = *done;
            start_epoch = *done + 1;
            store_->deleteCandidatesAfter(run_id_, *done);
            store_->deleteCandidatesOfKind(run_id_, "final");  // killed while quantizing, or resumed when finished
            // An epoch stores a candidate only when the argmax changed: compare with the last stored.
            for (const auto& stored : store_->candidates(run_id_))
              if (stored.kind == "epoch") last_architecture_ = stored.architecture;
          }
        }
      }
      // Evolution on another run's supernet skips the training (a resume that found no
      // checkpoint of its own takes it again). Loaded before this run is created, so a bad
      // from_run leaves no run behind.
      if (evolution() && !config_.from_run.empty() && start_epoch == 0) {
        loadSupernetFrom(config_.from_run);
        start_epoch = config_.epochs;
      }
      if (run_id_ == 0) {
        nlohmann::json cfg = {{"backbone", config_.backbone}, {"data", config_.data}, {"board", config_.board},
                              {"runtime", config_.runtime}, {"epochs", config_.epochs}, {"seed", config_.seed},
                              {"strategy", config_.strategy}};
        if (!config_.from_run.empty()) cfg["from_run"] = config_.from_run;
        run_id_ = store_->createRun(config_.name, cfg.dump());
      }
    } catch (const std::exception& error) {
      if (group_) group_->publish("start", nlohmann::json{{"error", error.what()}}.dump());
      throw;
    }
    if (group_) {
      nlohmann::json start = {{"start_epoch", start_epoch}, {"resumed_from_epoch", result.resumed_from_epoch}};
      if (result.resumed_from_epoch >= 0) {
        std::ifstream file(loaded_checkpoint_path_, std::ios::binary);
        group_->publish("checkpoint", std::string(std::istreambuf_iterator<char>(file), {}));
        start["checkpoint"] = loaded_checkpoint_path_;
      }
      group_->publish("start", start.dump());
    }
  } else {
    const auto start = nlohmann::json::parse(group_->await("start", group_->timeout()));
    if (start.contains("error")) throw DistributedError("rank 0 did not start the run: " + start["error"].get<std::string>());
    start_epoch = start["start_epoch"].get<int>();
    result.resumed_from_epoch = start["resumed_from_epoch"].get<int>();
    if (start.contains("checkpoint")) {
      const std::string bytes = group_->await("checkpoint", group_->timeout());
      torch::serialize::InputArchive archive;
      archive.load_from(bytes.data(), bytes.size());
      loadCheckpointArchive(archive, "rank 0's " + start["checkpoint"].get<std::string>());
    }
  }
  result.run_id = run_id_;

  const int total = config_.epochs + config_.finetune_epochs;
  const size_t n_train = static_cast<size_t>(train_.x.size(0));
  const size_t n_val = static_cast<size_t>(val_.x.size(0));
  const size_t batch = static_cast<size_t>(config_.batch_size);
  int steps = static_cast<int>((n_train + batch - 1) / batch);
  if (config_.max_steps_per_epoch > 0) steps = std::min(steps, config_.max_steps_per_epoch);
  budget_figures_ = {static_cast<double>(budgets_.flash_bytes), static_cast<double>(budgets_.sram_bytes),
                     static_cast<double>(budgets_.ops)};
  const CostFigures& budget_figures = budget_figures_;
  {
    SearchProgress event;
    event.kind = SearchProgress::Kind::Started;
    event.epoch = start_epoch;
    event.epochs = total;
    event.steps = steps;
    event.budgets = budget_figures;
    event.resumed_from_epoch = result.resumed_from_epoch;
    event.message = "search space of " + std::to_string(space_->widthDecisions().size()) + " width and " +
                    std::to_string(space_->skipDecisions().size()) + " skip decisions";
    emit(event);
  }

  ArchChoice final_choice = net_->argmax();
  const auto penalty = [&](const ExpectedCosts<torch::Tensor>& costs) {
    torch::Tensor p = torch::relu(costs.flash_bytes / budget_figures.flash_bytes - 1.0) +
                      torch::relu(costs.memory_bytes / budget_figures.memory_bytes - 1.0);
    if (budget_figures.ops > 0) p = p + torch::relu(costs.ops / budget_figures.ops - 1.0);
    return p * config_.penalty;
  };

  for (int epoch = start_epoch; epoch < total; ++epoch) {
    const bool finetune = epoch >= config_.epochs;
    const bool search = !evolution() && !finetune && epoch >= config_.warmup_epochs;
    const std::string phase = finetune ? "finetune" : search ? "search" : "warmup";
    const double t_frac = config_.epochs > 1 ? double(std::min(epoch, config_.epochs - 1)) / (config_.epochs - 1) : 1.0;
    const double temperature = config_.temperature_start * std::pow(config_.temperature_end / config_.temperature_start, t_frac);
    if (finetune && !finetune_opt_)
      finetune_opt_ = std::make_unique<torch::optim::Adam>(
          net_->weightParameters(), torch::optim::AdamOptions(config_.lr).weight_decay(config_.weight_decay));
    if (finetune && evolution() && !fit_ && !evolveArchitecture(result)) return result;
    if (finetune) final_choice = finalChoice();  // the architecture no longer moves
    torch::optim::Adam& opt = finetune ? *finetune_opt_ : *weight_opt_;
    const Gates fixed = finetune ? net_->fixedGates(final_choice) : Gates{};

    const auto order = permutation(n_train, config_.seed, epoch, 1);
    const auto val_order = permutation(n_val, config_.seed, epoch, 2);
    double loss_sum = 0, val_loss_sum = 0;
    int64_t correct = 0, seen = 0, val_correct = 0, val_seen = 0;
    const int64_t bytes_before = group_ ? group_->bytesReduced() : 0;
    net_->train();
    for (int step = 0; step < steps; ++step) {
      // Several processes stop together: the flag travels with the step's gradients.
      if (!group_ && cancelled()) {
        result.finished = false;
        return result;
      }
      // Cosine schedule over the search epochs, restarted for fine-tuning.
      const double progress_t =
          finetune ? double((epoch - config_.epochs) * steps + step) / std::max(1, config_.finetune_epochs * steps)
                   : double(epoch * steps + step) / std::max(1, config_.epochs * steps);
      const double lr = cosine(config_.lr, config_.lr_final, progress_t);
      setLr(opt, lr);

      const size_t begin = (static_cast<size_t>(step) * batch) % n_train;
      const size_t count = std::min(batch, n_train - begin);
      const auto [first, local] = slice(begin, count);  // this rank's part of the batch
      const torch::Tensor x = batchOf(train_.x, order, first, local);
      const torch::Tensor y = batchOf(train_.y, order, first, local);
      Gates gates;
      if (finetune) {
        gates = fixed;
      } else if (evolution()) {
        // Single-path training (SPOS): every step one uniformly random architecture, so
        // the shared weights serve each one-hot choice the evolution measures.
        torch::NoGradGuard no_grad;
        gates = net_->fixedGates(randomChoice());
      } else {
        torch::NoGradGuard no_grad;
        gates = net_->sampledGates(temperature);
      }
      opt.zero_grad();
      const torch::Tensor logits = net_->forward(x, gates);
      // Several processes: each rank's loss is its share of the global batch's mean, so the
      // sum of the ranks' gradients is the gradient of one process on the whole batch.
      const torch::Tensor loss =
          group_ ? torch::cross_entropy_loss(logits, y, {}, at::Reduction::Sum) / static_cast<double>(count)
                 : torch::cross_entropy_loss(logits, y);
      loss.backward();
      double step_loss = loss.item<double>() * static_cast<double>(count);
      int64_t step_correct = logits.argmax(1).eq(y).sum().item<int64_t>();
      if (group_) {
        const auto sums = reduceGradients(net_->weightParameters(),
                                          {step_loss, static_cast<double>(step_correct), cancelled() ? 1.0 : 0.0});
        if (sums[2] > 0) {
          result.finished = false;
          return result;
        }
        step_loss = sums[0];
        step_correct = std::llround(sums[1]);
      }
      opt.step();
      loss_sum += step_loss;
      correct += step_correct;
      seen += static_cast<int64_t>(count);

      if (search) {
        const size_t vb = (static_cast<size_t>(step) * batch) % n_val;
        const size_t vc = std::min(batch, n_val - vb);
        const auto [vfirst, vlocal] = slice(vb, vc);
        const torch::Tensor vx = batchOf(val_.x, val_order, vfirst, vlocal);
        const torch::Tensor vy = batchOf(val_.y, val_order, vfirst, vlocal);
        arch_opt_->zero_grad();
        const Gates sampled = net_->sampledGates(temperature);
        const torch::Tensor vlogits = net_->forward(vx, sampled);
        // Several processes: the share of the global batch's mean again, and each rank adds
        // its 1/N of the budget penalty (the same on every rank: the probabilities agree).
        const torch::Tensor ce =
            group_ ? torch::cross_entropy_loss(vlogits, vy, {}, at::Reduction::Sum) / static_cast<double>(vc)
                   : torch::cross_entropy_loss(vlogits, vy);
        const double share = group_ ? 1.0 / group_->size() : 1.0;
        const torch::Tensor arch_loss =
            ce + (penalty(net_->expectedCosts(net_->probabilities())) * share).to(torch::kFloat32);
        arch_loss.backward();
        double step_val_loss = ce.item<double>() * static_cast<double>(vc);
        int64_t step_val_correct = vlogits.argmax(1).eq(vy).sum().item<int64_t>();
        if (group_) {
          const auto sums = reduceGradients(net_->archParameters(), {step_val_loss, static_cast<double>(step_val_correct)});
          step_val_loss = sums[0];
          step_val_correct = std::llround(sums[1]);
        }
        arch_opt_->step();
        val_loss_sum += step_val_loss;
        val_correct += step_val_correct;
        val_seen += static_cast<int64_t>(vc);
      }
      SearchProgress event;
      event.kind = SearchProgress::Kind::Step;
      event.phase = phase;
      event.epoch = epoch;
      event.epochs = total;
      event.step = step + 1;
      event.steps = steps;
      event.train_loss = loss_sum / static_cast<double>(seen);
      event.train_accuracy = static_cast<double>(correct) / static_cast<double>(seen);
      event.temperature = temperature;
      event.lr = lr;
      emit(event);
    }

    // End of epoch: the argmax architecture, its accuracy, a candidate, the checkpoint.
    SearchProgress event;
    event.kind = SearchProgress::Kind::Epoch;
    event.phase = phase;
    event.epoch = epoch;
    event.epochs = total;
    event.steps = steps;
    event.step = steps;
    event.train_loss = loss_sum / std::max<int64_t>(seen, 1);
    event.train_accuracy = static_cast<double>(correct) / std::max<int64_t>(seen, 1);
    event.temperature = temperature;
    // Evolution's warm-up has no argmax to follow: it reports the largest architecture.
    const ArchChoice choice = finetune ? final_choice : evolution() ? space_->largest() : net_->argmax();
    event.architecture = space_->describe(choice);
    calibrate(choice, kEpochCalibrationBatches);
    event.val_accuracy = accuracy(val_, net_->fixedGates(choice));
    event.val_loss = val_seen ? val_loss_sum / static_cast<double>(val_seen) : 0.0;
    {
      // Evolution has no architecture distribution: its epochs report the costs at the
      // architecture they measure (eqs. 2-4 at that one-hot choice).
      torch::NoGradGuard no_grad;
      event.expected = figures(net_->expectedCosts(evolution() ? net_->fixedGates(choice) : net_->probabilities()));
    }
    event.budgets = budget_figures;
    event.probabilities = probabilityTable();
    if (group_) event.bytes_reduced_per_step = static_cast<double>(group_->bytesReduced() - bytes_before) / steps;

    if (!leader()) {  // rank 0 alone writes the store and the checkpoints
      emit(event);
      continue;
    }
    if (!finetune && !evolution() && event.architecture != last_architecture_) {
      SearchCandidate c;
      c.epoch = epoch;
      c.kind = "epoch";
      c.architecture = event.architecture;
      c.graph = space_->derive(choice);
      c.val_accuracy = event.val_accuracy;
      torch::NoGradGuard no_grad;
      c.costs = figures(net_->expectedCosts(net_->fixedGates(choice)));
      c.estimates = estimates(c.graph);
      result.candidates.push_back(storeCandidate(std::move(c)));
      last_architecture_ = event.architecture;
    }
    nlohmann::json metrics = {{"phase", phase},
                              {"train_loss", event.train_loss},
                              {"train_accuracy", event.train_accuracy},
                              {"val_loss", event.val_loss},
                              {"val_accuracy", event.val_accuracy},
                              {"temperature", temperature},
                              {"architecture", event.architecture},
                              {"expected", costsJson(event.expected)}};
    store_->recordEpoch(run_id_, epoch, phase, metrics.dump());
    saveCheckpoint(epoch);
    if (epoch == config_.epochs - 1) {
      // The trained supernet before any fine-tuning moves its shared weights towards one
      // architecture: what an evolution run takes with evolution.from_run.
      const std::string dir = store_->checkpointDir(config_.name);
      const fs::path from = fs::path(dir) / ("epoch-" + std::to_string(epoch) + ".pt");
      const fs::path temp = fs::path(dir) / "supernet.pt.tmp";
      try {
        fs::copy_file(from, temp, fs::copy_options::overwrite_existing);
        fs::rename(temp, fs::path(dir) / "supernet.pt");
      } catch (const fs::filesystem_error& error) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw StoreError((fs::path(dir) / "supernet.pt").string() + ": cannot write the trained supernet: " +
                         error.code().message() + " (the epoch checkpoints are kept; --resume continues from them)");
      }
    }
    emit(event);
  }
  if (evolution() && !fit_ && !evolveArchitecture(result)) return result;
  final_choice = finalChoice();
  result.finished = true;
  result.final_candidate.architecture = space_->describe(final_choice);
  if (group_) {
    // Past the last exchange: a rank that leaves now is not one that failed (RankGroup::fail).
    group_->publish("done/" + std::to_string(group_->rank()), "1");
    if (!leader()) return result;  // rank 0 quantizes, measures and writes the model
  }
  finish(result);
  return result;
}

void Runner::agree(const std::string& what, const std::string& fingerprint, const std::string& problem) {
  std::string verdict;
  if (leader()) {
    try {
      const auto all = group_->gather(what, fingerprint);
      verdict = problem;
      for (size_t r = 1; r < all.size() && verdict.empty(); ++r)
        verdict = describeDifference(what, static_cast<int>(r), all[r], fingerprint);
    } catch (const std::exception& error) {
      verdict = error.what();
    }
    group_->publish(what + "/verdict", verdict.empty() ? "ok" : verdict);
  } else {
    group_->gather(what, fingerprint);
    // Rank 0 answers when every rank came, or when its wait for them is over.
    verdict = group_->await(what + "/verdict", group_->timeout() + std::chrono::seconds(30));
    if (verdict == "ok") verdict.clear();
  }
  if (!verdict.empty()) throw DistributedError(verdict);
}

std::vector<double> Runner::reduceGradients(const std::vector<torch::Tensor>& params, const std::vector<double>& metrics) {
  std::vector<torch::Tensor> parts;
  for (const auto& p : params)
    if (p.grad().defined()) parts.push_back(p.grad());
  // float32 like the gradients (one buffer): the counts are exact, the loss is for display.
  torch::Tensor m = torch::tensor(std::vector<float>(metrics.begin(), metrics.end()));
  parts.push_back(m);
  group_->allReduceSum(parts);
  const torch::Tensor summed = m.to(torch::kFloat64);
  return {summed.data_ptr<double>(), summed.data_ptr<double>() + summed.numel()};
}

void Runner::finish(SearchResult& result) {
  const ArchChoice choice = finalChoice();
  SearchProgress event;
  event.kind = SearchProgress::Kind::Message;
  event.phase = "quantize";
  event.message = "quantizing " + space_->describe(choice);
  emit(event);

  calibrate(choice, kFinalCalibrationBatches);
  Graph float_graph = net_->exportFloatGraph(choice);
  // Fold the input scale into the first layer: conv(x / s; W) = conv(x; W / s).
  if (input_scale_ != 1.0) {
    for (Node& node : float_graph.nodes) {
      if (node.inputs.size() != 1 || node.kind != NodeKind::Conv2D) continue;
      const Node* producer = float_graph.find(node.inputs[0]);
      if (!producer || producer->kind != NodeKind::Input) continue;
      auto& filter = node.constants.at(0);
      auto* values = reinterpret_cast<float*>(filter.data.data());
      for (size_t i = 0; i < filter.data.size() / 4; ++i) values[i] = static_cast<float>(values[i] / input_scale_);
    }
  }
  const Dataset& test = data_.test.empty() ? data_.validation : data_.test;
  SearchCandidate c;
  c.epoch = config_.epochs + config_.finetune_epochs - 1;
  c.kind = "final";
  c.architecture = space_->describe(choice);
  c.budget_adjusted = fit_->adjusted;
  if (!(fit_->choice == fit_->argmax)) c.argmax_architecture = space_->describe(fit_->argmax);
  c.val_accuracy = accuracy(val_, net_->fixedGates(choice));
  {
    torch::NoGradGuard no_grad;
    c.costs = figures(net_->expectedCosts(net_->fixedGates(choice)));
  }
  // The float model as exported (no fake quantization) on the test split.
  const FloatModel float_model(float_graph);
  int float_correct = 0;
  for (size_t i = 0; i < test.size(); ++i)
    float_correct += argmax(float_model.run(test.sample(i).features)) == test.sample(i).label;
  c.float_accuracy = test.size() ? double(float_correct) / double(test.size()) : 0.0;

  std::vector<FloatSample> calibration;
  for (size_t i = 0; i < std::min<size_t>(data_.train.size(), 200); ++i)
    calibration.push_back({data_.train.sample(i).features});
  QuantizeOptions options;
  options.weight_type = config_.weight_bits == 4 ? DataType::Int4 : DataType::Int8;
  Graph int8_graph = quantize(float_graph, calibration, options);
  int8_graph.name = float_graph.name;
  Interpreter interpreter(inferShapes(int8_graph));
  const InterpreterTensor& in = interpreter.inputs().at(0);
  int correct = 0;
  for (size_t i = 0; i < test.size(); ++i) {
    const auto& features = test.sample(i).features;
    auto buffer = interpreter.inputBuffer(0);
    for (size_t k = 0; k < features.size(); ++k) {
      const long q = std::lround(features[k] / in.scale) + in.zero_point;
      buffer[k] = static_cast<uint8_t>(static_cast<int8_t>(std::clamp<long>(q, -128, 127)));
    }
    interpreter.invoke();
    const auto out = interpreter.outputBuffer(0);
    int best = 0;
    for (size_t k = 1; k < out.size(); ++k)
      if (static_cast<int8_t>(out[k]) > static_cast<int8_t>(out[static_cast<size_t>(best)])) best = static_cast<int>(k);
    correct += best == test.sample(i).label;
  }
  c.int8_accuracy = test.size() ? double(correct) / double(test.size()) : 0.0;
  c.graph = std::move(int8_graph);
  c.estimates = estimates(c.graph);
  for (const auto& e : c.estimates)
    if (e.board == config_.board && !e.fits) {
      SearchProgress warning;
      warning.kind = SearchProgress::Kind::Message;
      warning.phase = "quantize";
      warning.message = "warning: the final model does not fit " + e.board + " (Flash " + std::to_string(e.flash_bytes) +
                        " B, SRAM " + std::to_string(e.sram_bytes) + " B): check the budgets in the config against the board";
      emit(warning);
    }
  result.final_candidate = storeCandidate(std::move(c));
  // The model that ships, as files the other commands read (tinyforge check, export, run).
  const fs::path base = fs::absolute(config_.project).parent_path() / config_.name;
  result.final_model_path = base.string() + ".int8.json";
  // Measured with the best planner, the model ships with its order and plan (memory_layout.h).
  Graph shipped = result.final_candidate.graph;
  const auto runtime = runtimeFromString(config_.runtime).value_or(RuntimeKind::TflmCmsis);
  if (config_.budgets.sram_planner == "best") {
    MemoryLayoutOptions options;
    options.reorder = true;
    options.planner = MemoryPlanner::Best;
    MemoryLayout layout = layOutMemory(shipped, estimator(), config_.board, runtime, options);
    shipped = std::move(layout.graph);
    for (const std::string& note : layout.notes) {
      SearchProgress event;
      event.kind = SearchProgress::Kind::Message;
      event.phase = "quantize";
      event.message = note;
      emit(event);
    }
  }
  saveGraphJson(shipped, result.final_model_path);
  try {
    result.final_tflite_path = base.string() + ".int8.tflite";
    writeTfliteFile(shipped, result.final_tflite_path);
  } catch (const std::exception& error) {
    result.final_tflite_path.clear();
    SearchProgress warning;
    warning.kind = SearchProgress::Kind::Message;
    warning.phase = "quantize";
    warning.message = std::string("warning: no .tflite written: ") + error.what();
    emit(warning);
  }
  {
    SearchProgress written;
    written.kind = SearchProgress::Kind::Message;
    written.phase = "quantize";
    written.message = "final int8 model: " + result.final_model_path +
                      (result.final_tflite_path.empty() ? "" : " and " + result.final_tflite_path);
    emit(written);
  }
  store_->setStatus(run_id_, "finished");
  for (const auto& stored : store_->candidates(run_id_)) (void)stored;

  SearchProgress done;
  done.kind = SearchProgress::Kind::Finished;
  done.architecture = result.final_candidate.architecture;
  done.candidate = &result.final_candidate;
  done.val_accuracy = result.final_candidate.val_accuracy;
  emit(done);
}

}  // namespace

SearchJob::SearchJob(SearchConfig config, std::shared_ptr<const BoardLibrary> boards)
    : config_(std::move(config)), boards_(std::move(boards)) {}

SearchJob::~SearchJob() = default;

SearchResult SearchJob::run(const SearchProgressCallback& progress, const std::atomic<bool>* cancel, bool resume,
                            bool fresh) {
  Runner runner(config_, boards_, progress, cancel, distributed_);
  try {
    return runner.run(resume, fresh);
  } catch (const c10::Error& error) {
    // A failed exchange inside the backward pass reaches here through libtorch's autograd.
    if (!distributed_.enabled()) throw;
    throw DistributedError(error.what_without_backtrace());
  }
}

}  // namespace tinyforge
