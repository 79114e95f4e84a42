#include <filesystem>
#include <limits>
#include <type_traits>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "core/io/safe_names.h"
#include "core/nas/search_job.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

template <typename T>
void read(const nlohmann::json& j, const char* key, T& value, const std::string& source) {
  if (!j.contains(key)) return;
  // nlohmann converts any number to any number type; a value outside the type's range
  // (1e300 into an int or a float) is undefined behaviour, so it is refused here.
  if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    const nlohmann::json& v = j.at(key);
    if (v.is_number()) {
      const double number = v.get<double>();
      if (std::is_integral_v<T> && !v.is_number_integer())
        throw SearchConfigError(source + ": field '" + key + "' must be an integer (" + v.dump() + ")");
      if (!(number >= static_cast<double>(std::numeric_limits<T>::lowest()) &&
            number <= static_cast<double>(std::numeric_limits<T>::max())))
        throw SearchConfigError(source + ": field '" + key + "' is out of range (" + v.dump() + ")");
    }
  }
  try {
    value = j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw SearchConfigError(source + ": field '" + key + "' has the wrong type (" + j.at(key).dump() + ")");
  }
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(base_dir) / path).lexically_normal().string();
}

}  // namespace

SearchConfig searchConfigFromJson(const std::string& text, const std::string& source, const std::string& base_dir) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw SearchConfigError(source + ": not valid JSON (byte " + std::to_string(error.byte) + ")");
  } catch (const nlohmann::json::exception& error) {  // a number beyond a double: out_of_range
    throw SearchConfigError(source + ": not valid JSON (" + error.what() + ")");
  }
  if (!j.is_object()) throw SearchConfigError(source + ": expected a JSON object");
  static const char* known[] = {"name", "backbone", "data", "data_cache", "board", "runtime", "project", "budgets",
                                "epochs", "warmup_epochs", "finetune_epochs", "batch_size", "lr", "lr_final",
                                "arch_lr", "weight_decay", "temperature", "penalty", "weight_bits", "fake_quant",
                                "seed", "threads", "max_steps_per_epoch", "synthetic", "synth_kws", "strategy",
                                "evolution"};
  for (const auto& item : j.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || item.key() == k;
    if (!ok) throw SearchConfigError(source + ": unknown field '" + item.key() + "'");
  }
  SearchConfig c;
  c.source = source;
  c.name = fs::path(source).stem().string();
  read(j, "name", c.name, source);
  // The name names the checkpoint folder and the default project file.
  if (!isPlainFileName(c.name))
    throw SearchConfigError(source + ": field 'name' must be a plain name (1 to " + std::to_string(kMaxPlainNameBytes) +
                            " bytes, no '/', '\\' or control characters, not starting with '.'), got '" + c.name + "'");
  read(j, "backbone", c.backbone, source);
  if (c.backbone.empty()) throw SearchConfigError(source + ": field 'backbone' is required");
  const std::string local = resolve(c.backbone, base_dir);
  const std::string bundled = std::string(TINYFORGE_RESOURCES_DIR) + "/models/" + c.backbone;
  c.backbone = fs::exists(local) ? local : fs::exists(bundled) ? bundled : local;
  if (!fs::exists(c.backbone)) throw SearchConfigError(source + ": backbone '" + c.backbone + "' not found");
  read(j, "data", c.data, source);
  if (c.data != "synthetic" && c.data != "synth-kws") c.data = resolve(c.data, base_dir);
  read(j, "data_cache", c.data_cache, source);
  c.data_cache = resolve(c.data_cache, base_dir);
  read(j, "board", c.board, source);
  read(j, "runtime", c.runtime, source);
  read(j, "project", c.project, source);
  c.project = c.project.empty() ? (fs::path(base_dir) / (c.name + ".tfproj")).string() : resolve(c.project, base_dir);
  if (j.contains("budgets")) {
    const auto& b = j.at("budgets");
    if (!b.is_object()) throw SearchConfigError(source + ": field 'budgets' must be an object");
    read(b, "sram_bytes", c.budgets.sram_bytes, source);
    read(b, "flash_bytes", c.budgets.flash_bytes, source);
    read(b, "latency_ms", c.budgets.latency_ms, source);
    read(b, "ops", c.budgets.ops, source);
    read(b, "latency_board", c.budgets.latency_board, source);
    read(b, "sram_planner", c.budgets.sram_planner, source);
    for (const auto& item : b.items())
      if (item.key() != "sram_bytes" && item.key() != "flash_bytes" && item.key() != "latency_ms" &&
          item.key() != "ops" && item.key() != "latency_board" && item.key() != "sram_planner")
        throw SearchConfigError(source + ": unknown field 'budgets." + item.key() + "'");
    try {
      searchEstimatorSettings(c.budgets.sram_planner, c.runtime);
    } catch (const std::invalid_argument& error) {
      throw SearchConfigError(source + ": field 'budgets.sram_planner': " + error.what());
    }
  }
  if (j.contains("synth_kws")) {
    const auto& s = j.at("synth_kws");
    if (!s.is_object()) throw SearchConfigError(source + ": field 'synth_kws' must be an object");
    for (const auto& item : s.items())
      if (item.key() != "clips_per_word" && item.key() != "clips_per_unknown_word")
        throw SearchConfigError(source + ": unknown field 'synth_kws." + item.key() + "'");
    read(s, "clips_per_word", c.synth_clips_per_word, source);
    read(s, "clips_per_unknown_word", c.synth_clips_per_unknown_word, source);
    if (c.synth_clips_per_word < 1 || c.synth_clips_per_unknown_word < 0)
      throw SearchConfigError(source + ": field 'synth_kws': clips_per_word must be >= 1, clips_per_unknown_word >= 0");
  }
  read(j, "epochs", c.epochs, source);
  read(j, "warmup_epochs", c.warmup_epochs, source);
  read(j, "finetune_epochs", c.finetune_epochs, source);
  read(j, "batch_size", c.batch_size, source);
  read(j, "lr", c.lr, source);
  read(j, "lr_final", c.lr_final, source);
  read(j, "arch_lr", c.arch_lr, source);
  read(j, "weight_decay", c.weight_decay, source);
  if (j.contains("temperature")) {
    std::vector<double> t;
    read(j, "temperature", t, source);
    if (t.size() != 2 || t[0] <= 0 || t[1] <= 0)
      throw SearchConfigError(source + ": field 'temperature' must be [start, end], both positive");
    c.temperature_start = t[0];
    c.temperature_end = t[1];
  }
  read(j, "penalty", c.penalty, source);
  read(j, "weight_bits", c.weight_bits, source);
  read(j, "fake_quant", c.fake_quant, source);
  read(j, "seed", c.seed, source);
  read(j, "threads", c.threads, source);
  read(j, "max_steps_per_epoch", c.max_steps_per_epoch, source);
  if (j.contains("synthetic")) {
    const auto& s = j.at("synthetic");
    read(s, "train", c.synthetic.train, source);
    read(s, "validation", c.synthetic.validation, source);
    read(s, "test", c.synthetic.test, source);
    read(s, "classes", c.synthetic.classes, source);
    read(s, "noise", c.synthetic.noise, source);
  }
  read(j, "strategy", c.strategy, source);
  if (j.contains("evolution")) {
    const auto& e = j.at("evolution");
    if (!e.is_object()) throw SearchConfigError(source + ": field 'evolution' must be an object");
    static const char* evolution_known[] = {"population", "parents", "mutation_children", "crossover_children",
                                            "mutation_probability", "iterations", "calibration_batches",
                                            "max_attempts", "from_run"};
    for (const auto& item : e.items()) {
      bool ok = false;
      for (const char* k : evolution_known) ok = ok || item.key() == k;
      if (!ok) throw SearchConfigError(source + ": unknown field 'evolution." + item.key() + "'");
    }
    const auto field = [&](const char* key, auto& value) {
      if (!e.contains(key)) return;
      try {
        value = e.at(key).get<std::remove_reference_t<decltype(value)>>();
      } catch (const nlohmann::json::exception&) {
        throw SearchConfigError(source + ": field 'evolution." + key + "' has the wrong type (" + e.at(key).dump() + ")");
      }
    };
    field("population", c.evolution.population);
    field("parents", c.evolution.parents);
    field("mutation_children", c.evolution.mutation_children);
    field("crossover_children", c.evolution.crossover_children);
    field("mutation_probability", c.evolution.mutation_probability);
    field("iterations", c.evolution.iterations);
    field("calibration_batches", c.evolution.calibration_batches);
    field("max_attempts", c.evolution.max_attempts);
    field("from_run", c.from_run);
  }
  validateSearchStrategy(c);
  if (c.epochs < 1) throw SearchConfigError(source + ": field 'epochs' must be at least 1");
  // Evolution trains the supernet for all its epochs (warm-up only): warmup_epochs is unused.
  if (c.strategy != "evolution" && (c.warmup_epochs < 0 || c.warmup_epochs > c.epochs))
    throw SearchConfigError(source + ": field 'warmup_epochs' must be in [0, epochs]");
  if (c.finetune_epochs < 0) throw SearchConfigError(source + ": field 'finetune_epochs' must be >= 0");
  if (c.batch_size < 1) throw SearchConfigError(source + ": field 'batch_size' must be positive");
  if (c.weight_bits != 8 && c.weight_bits != 4) throw SearchConfigError(source + ": field 'weight_bits' must be 8 or 4");
  if (c.threads < 1) throw SearchConfigError(source + ": field 'threads' must be positive");
  return c;
}

void validateSearchStrategy(const SearchConfig& c) {
  const std::string& source = c.source;
  if (c.strategy != "dnas" && c.strategy != "evolution")
    throw SearchConfigError(source + ": field 'strategy' is '" + c.strategy + "' (known: dnas, evolution)");
  const EvolutionOptions& e = c.evolution;
  const auto bad = [&](const std::string& field, const std::string& rule) {
    throw SearchConfigError(source + ": field 'evolution." + field + "' " + rule);
  };
  if (e.population < 1) bad("population", "must be at least 1 (is " + std::to_string(e.population) + ")");
  if (e.parents < 1 || e.parents > e.population)
    bad("parents", "must be in [1, evolution.population = " + std::to_string(e.population) + "] (is " +
                       std::to_string(e.parents) + ")");
  if (e.mutation_children < 0) bad("mutation_children", "must be >= 0 (is " + std::to_string(e.mutation_children) + ")");
  if (e.crossover_children < 0)
    bad("crossover_children", "must be >= 0 (is " + std::to_string(e.crossover_children) + ")");
  if (e.crossover_children > 0 && e.parents < 2)
    bad("parents", "must be at least 2 for crossover (evolution.crossover_children > 0)");
  if (!(e.mutation_probability > 0 && e.mutation_probability <= 1))
    bad("mutation_probability", "must be in (0, 1] (is " + std::to_string(e.mutation_probability) + ")");
  if (e.iterations < 0) bad("iterations", "must be >= 0 (is " + std::to_string(e.iterations) + ")");
  if (e.iterations > 0 && e.mutation_children + e.crossover_children == 0)
    bad("mutation_children", "and evolution.crossover_children are both 0: the generations would make no children");
  if (e.calibration_batches < 1)
    bad("calibration_batches", "must be at least 1 (is " + std::to_string(e.calibration_batches) + ")");
  if (e.max_attempts < 1) bad("max_attempts", "must be at least 1 (is " + std::to_string(e.max_attempts) + ")");
  if (!c.from_run.empty() && c.strategy != "evolution")
    throw SearchConfigError(source + ": field 'evolution.from_run' needs strategy 'evolution'");
}

SearchConfig loadSearchConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SearchConfigError(path + ": cannot read the search config");
  std::stringstream text;
  text << in.rdbuf();
  const std::string base = fs::absolute(path).parent_path().string();
  return searchConfigFromJson(text.str(), path, base);
}

}  // namespace tinyforge
