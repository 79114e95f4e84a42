// The evolution loop of evolution.h. Randomness comes from one std::mt19937_64 seeded by
// the config's seed, so a run (and a resumed run, which evolves again from the same
// supernet checkpoint) draws the same architectures.
#include "core/nas/evolution.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace tinyforge {
namespace {

class Evolver {
 public:
  Evolver(const SearchSpace& space, const EvolutionOptions& options, uint64_t seed, const EvolutionCallbacks& callbacks)
      : space_(space), options_(options), rng_(seed * 0x9E3779B97F4A7C15ull + 17), callbacks_(callbacks) {}

  std::optional<EvolvedArchitecture> run();

 private:
  ArchChoice randomChoice() {
    ArchChoice c;
    for (const auto& d : space_.widthDecisions()) c.width_index.push_back(uniform(static_cast<int>(d.widths.size())));
    for (size_t d = 0; d < space_.skipDecisions().size(); ++d) c.skipped.push_back(uniform(2) == 1);
    return c;
  }
  ArchChoice mutate(const ArchChoice& parent) {
    ArchChoice c = parent;
    std::bernoulli_distribution flip(options_.mutation_probability);
    for (size_t d = 0; d < c.width_index.size(); ++d)
      if (flip(rng_)) c.width_index[d] = uniform(static_cast<int>(space_.widthDecisions()[d].widths.size()));
    for (size_t d = 0; d < c.skipped.size(); ++d)
      if (flip(rng_)) c.skipped[d] = uniform(2) == 1;
    return c;
  }
  ArchChoice crossover(const ArchChoice& a, const ArchChoice& b) {
    ArchChoice c = a;
    for (size_t d = 0; d < c.width_index.size(); ++d)
      if (uniform(2)) c.width_index[d] = b.width_index[d];
    for (size_t d = 0; d < c.skipped.size(); ++d)
      if (uniform(2)) c.skipped[d] = b.skipped[d];
    return c;
  }
  int uniform(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool cancelled() const { return callbacks_.cancelled && callbacks_.cancelled(); }

  // Adds `choice` to `generation` when it is new there and allowed; measures it unless it
  // was measured before. False when it was not added.
  bool admit(const ArchChoice& choice, int generation, std::vector<EvolvedArchitecture>& members,
             std::set<std::string>& names) {
    const std::string name = space_.describe(choice);
    if (names.count(name)) return false;
    auto known = measured_.find(name);
    if (known == measured_.end()) {
      auto refused = refused_.find(name);
      if (refused == refused_.end()) refused = refused_.emplace(name, callbacks_.refuse(choice)).first;
      if (!refused->second.empty()) {
        ++rejected_;
        last_refusal_ = name + ": " + refused->second;
        return false;
      }
      EvolvedArchitecture e{choice, name, callbacks_.measure(choice, generation), generation};
      known = measured_.emplace(name, e).first;
    }
    names.insert(name);
    members.push_back(known->second);
    return true;
  }

  void rankAndReport(std::vector<EvolvedArchitecture>& members, int generation) {
    // Most accurate first; ties keep the order of admission, so a run is deterministic.
    std::stable_sort(members.begin(), members.end(),
                     [](const EvolvedArchitecture& a, const EvolvedArchitecture& b) { return a.accuracy > b.accuracy; });
    if (!callbacks_.generation_done) return;
    GenerationSummary s;
    s.generation = generation;
    s.generations = options_.iterations;
    s.population = members;
    s.best_accuracy = members.front().accuracy;
    double sum = 0;
    for (const auto& m : members) sum += m.accuracy;
    s.mean_accuracy = sum / static_cast<double>(members.size());
    s.evaluated = static_cast<int>(measured_.size());
    s.rejected = rejected_;
    callbacks_.generation_done(s);
  }

  const SearchSpace& space_;
  const EvolutionOptions& options_;
  std::mt19937_64 rng_;
  const EvolutionCallbacks& callbacks_;
  std::map<std::string, EvolvedArchitecture> measured_;
  std::map<std::string, std::string> refused_;  // name -> reason ("" = allowed)
  int rejected_ = 0;
  std::string last_refusal_;
};

std::optional<EvolvedArchitecture> Evolver::run() {
  std::vector<EvolvedArchitecture> population;
  std::set<std::string> names;
  const long tries = static_cast<long>(options_.population) * options_.max_attempts;
  for (long t = 0; t < tries && static_cast<int>(population.size()) < options_.population; ++t) {
    if (cancelled()) return std::nullopt;
    admit(randomChoice(), 0, population, names);
  }
  if (population.empty()) {
    // A tight budget may leave only the smallest corner of a large space: try it before giving up.
    const ArchChoice smallest = space_.smallest();
    const std::string why = callbacks_.refuse(smallest);
    if (!why.empty())
      throw EvolutionError("no architecture fits: not even the smallest, " + space_.describe(smallest) + " (" + why +
                           ")");
    admit(smallest, 0, population, names);
  }
  rankAndReport(population, 0);

  for (int g = 1; g <= options_.iterations; ++g) {
    const size_t kept = std::min(population.size(), static_cast<size_t>(options_.parents));
    std::vector<EvolvedArchitecture> parents(population.begin(), population.begin() + static_cast<long>(kept));
    std::vector<EvolvedArchitecture> next = parents;
    std::set<std::string> next_names;
    for (const auto& p : parents) next_names.insert(p.architecture);
    const auto breed = [&](int wanted, const std::function<ArchChoice()>& child) {
      int made = 0;
      for (long t = 0; made < wanted && t < static_cast<long>(wanted) * options_.max_attempts; ++t) {
        if (cancelled()) return false;
        made += admit(child(), g, next, next_names);
      }
      return true;
    };
    const auto parent = [&]() -> const ArchChoice& { return parents[static_cast<size_t>(uniform(int(kept)))].choice; };
    if (!breed(options_.mutation_children, [&] { return mutate(parent()); })) return std::nullopt;
    if (kept >= 2) {
      const bool ok = breed(options_.crossover_children, [&] {
        const size_t a = static_cast<size_t>(uniform(int(kept)));
        size_t b = static_cast<size_t>(uniform(int(kept) - 1));
        if (b >= a) ++b;  // two different parents
        return crossover(parents[a].choice, parents[b].choice);
      });
      if (!ok) return std::nullopt;
    }
    population = std::move(next);
    rankAndReport(population, g);
  }
  return population.front();
}

}  // namespace

std::optional<EvolvedArchitecture> evolve(const SearchSpace& space, const EvolutionOptions& options, uint64_t seed,
                                          const EvolutionCallbacks& callbacks) {
  return Evolver(space, options, seed, callbacks).run();
}

}  // namespace tinyforge
