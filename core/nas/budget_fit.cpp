#include "core/nas/budget_fit.h"

#include <algorithm>
#include <cmath>

#include "core/estimate/units.h"
#include "core/nas/expected_cost.h"

namespace tinyforge {
namespace {

// A probability the softmax rounded to 0 still ranks below every positive one.
double logOf(double p) { return std::log(std::max(p, 1e-300)); }

ExpectedCosts<double> costsAt(const SearchSpace& space, const std::vector<std::vector<double>>& widths,
                              const std::vector<double>& skip) {
  std::vector<double> keep;
  for (double s : skip) keep.push_back(1.0 - s);
  auto constant = [](double x) { return x; };
  auto maximum = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
  const auto channels = expectedChannels<double>(space, widths, keep, skip, constant);
  return expectedCosts<double>(space, channels, keep, skip, constant, maximum);
}

ExpectedCosts<double> costsOf(const SearchSpace& space, const ArchChoice& choice) {
  std::vector<std::vector<double>> widths;
  for (size_t d = 0; d < space.widthDecisions().size(); ++d) {
    widths.emplace_back(space.widthDecisions()[d].widths.size(), 0.0);
    widths.back()[static_cast<size_t>(choice.width_index[d])] = 1.0;
  }
  std::vector<double> skip;
  for (bool skipped : choice.skipped) skip.push_back(skipped ? 1.0 : 0.0);
  return costsAt(space, widths, skip);
}

double overrun(const ExpectedCosts<double>& costs, const CostFigures& budgets) {
  double total = 0;
  if (budgets.flash_bytes > 0) total += std::max(0.0, costs.flash_bytes / budgets.flash_bytes - 1);
  if (budgets.ops > 0) total += std::max(0.0, costs.ops / budgets.ops - 1);
  if (budgets.memory_bytes > 0)
    for (double m : costs.op_memory) total += std::max(0.0, m / budgets.memory_bytes - 1);
  return total;
}

struct Move {
  bool width = true;
  size_t decision = 0;
  int to = 0;  // width index, or skipped (1) / kept (0)
};

double logProbability(const ArchitectureProbabilities& p, const ArchChoice& choice) {
  double sum = 0;
  for (size_t d = 0; d < choice.width_index.size(); ++d)
    sum += logOf(p.widths[d][static_cast<size_t>(choice.width_index[d])]);
  for (size_t d = 0; d < choice.skipped.size(); ++d) sum += logOf(choice.skipped[d] ? p.skip[d] : 1 - p.skip[d]);
  return sum;
}

ArchChoice applied(ArchChoice choice, const Move& move) {
  if (move.width)
    choice.width_index[move.decision] = move.to;
  else
    choice.skipped[move.decision] = move.to == 1;
  return choice;
}

// One-step moves down (smaller) or up (larger) from `choice`.
std::vector<Move> moves(const SearchSpace& space, const ArchChoice& choice, bool down) {
  std::vector<Move> result;
  for (size_t d = 0; d < choice.width_index.size(); ++d) {
    const int to = choice.width_index[d] + (down ? -1 : 1);
    if (to >= 0 && to < static_cast<int>(space.widthDecisions()[d].widths.size())) result.push_back({true, d, to});
  }
  for (size_t d = 0; d < choice.skipped.size(); ++d)
    if (choice.skipped[d] != down) result.push_back({false, d, down ? 1 : 0});
  return result;
}

std::string overText(const CostFigures& costs, const CostFigures& budgets) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (budgets.flash_bytes > 0 && costs.flash_bytes > budgets.flash_bytes)
    add("Flash (eq. 2) " + formatBytes(static_cast<int64_t>(costs.flash_bytes)) + " > " +
        formatBytes(static_cast<int64_t>(budgets.flash_bytes)));
  if (budgets.memory_bytes > 0 && costs.memory_bytes > budgets.memory_bytes)
    add("working memory (eq. 3) " + formatBytes(static_cast<int64_t>(costs.memory_bytes)) + " > " +
        formatBytes(static_cast<int64_t>(budgets.memory_bytes)));
  if (budgets.ops > 0 && costs.ops > budgets.ops)
    add("ops (eq. 4) " + formatCount(static_cast<int64_t>(costs.ops)) + " > " +
        formatCount(static_cast<int64_t>(budgets.ops)));
  return text;
}

CostFigures figures(const ExpectedCosts<double>& c) { return {c.flash_bytes, c.memory_bytes, c.ops}; }

}  // namespace

CostFigures choiceCosts(const SearchSpace& space, const ArchChoice& choice) {
  return figures(costsOf(space, choice));
}

BudgetFit fitToBudgets(const SearchSpace& space, const ArchitectureProbabilities& p, const CostFigures& budgets) {
  if (p.widths.size() != space.widthDecisions().size() || p.skip.size() != space.skipDecisions().size())
    throw SearchSpaceError("architecture probabilities do not match the search space");
  BudgetFit fit;
  for (size_t d = 0; d < p.widths.size(); ++d) {
    if (p.widths[d].size() != space.widthDecisions()[d].widths.size())
      throw SearchSpaceError("architecture probabilities do not match '" + space.widthDecisions()[d].name + "'");
    fit.argmax.width_index.push_back(
        static_cast<int>(std::max_element(p.widths[d].begin(), p.widths[d].end()) - p.widths[d].begin()));
  }
  for (double skip : p.skip) fit.argmax.skipped.push_back(skip > 0.5);

  const ExpectedCosts<double> argmax_costs = costsOf(space, fit.argmax);
  fit.argmax_costs = figures(argmax_costs);
  fit.choice = fit.argmax;
  fit.costs = fit.argmax_costs;
  fit.log_probability = logProbability(p, fit.argmax);
  double over = overrun(argmax_costs, budgets);
  if (over <= 0) {
    fit.fits = true;
    return fit;
  }
  fit.adjusted = true;
  fit.reason = overText(fit.argmax_costs, budgets);

  // 1. Down: most overrun removed per log-probability lost.
  ArchChoice choice = fit.argmax;
  double logp = fit.log_probability;
  while (over > 0) {
    double best_score = -1;
    ArchChoice best;
    double best_over = over, best_logp = logp;
    for (const Move& move : moves(space, choice, /*down=*/true)) {
      ArchChoice next = applied(choice, move);
      const double next_over = overrun(costsOf(space, next), budgets);
      const double removed = over - next_over;
      if (removed <= 0) continue;
      const double next_logp = logProbability(p, next);
      const double lost = std::max(logp - next_logp, 1e-12);  // a gain counts as (almost) free
      const double score = removed / lost;
      if (score > best_score) {
        best_score = score;
        best = std::move(next);
        best_over = next_over;
        best_logp = next_logp;
      }
    }
    if (best_score < 0) break;  // nothing reduces the overrun further
    choice = std::move(best);
    over = best_over;
    logp = best_logp;
  }
  if (over > 0) {
    // The greedy path stalled (or nothing fits): the smallest architecture is the last resort.
    const ArchChoice smallest = space.smallest();
    if (overrun(costsOf(space, smallest), budgets) <= 0) {
      choice = smallest;
      logp = logProbability(p, choice);
      over = 0;
    }
  }
  // 2. Up: the most probable enlargement that still fits, while one increases probability.
  if (over <= 0) {
    for (;;) {
      double best_gain = 0;
      ArchChoice best;
      for (const Move& move : moves(space, choice, /*down=*/false)) {
        ArchChoice next = applied(choice, move);
        const double gain = logProbability(p, next) - logp;
        if (gain <= best_gain) continue;
        if (overrun(costsOf(space, next), budgets) > 0) continue;
        best_gain = gain;
        best = std::move(next);
      }
      if (best_gain <= 0) break;
      choice = std::move(best);
      logp += best_gain;
    }
  }
  fit.choice = choice;
  fit.costs = choiceCosts(space, choice);
  fit.log_probability = logProbability(p, choice);
  fit.fits = over <= 0;
  return fit;
}

CostFigures expectedCostsAt(const SearchSpace& space, const ArchitectureProbabilities& p) {
  return figures(costsAt(space, p.widths, p.skip));
}

ArchChoice growTowardsExpectedCosts(const SearchSpace& space, const ArchitectureProbabilities& p,
                                    const ArchChoice& start, const CostFigures& budgets) {
  const CostFigures expected = expectedCostsAt(space, p);
  auto cap = [](double budget, double expected_cost) { return budget > 0 ? std::min(budget, expected_cost) : expected_cost; };
  const CostFigures limit{cap(budgets.flash_bytes, expected.flash_bytes), cap(budgets.memory_bytes, expected.memory_bytes),
                          cap(budgets.ops, expected.ops)};
  auto within = [&](const CostFigures& c) {
    return c.flash_bytes <= limit.flash_bytes && c.memory_bytes <= limit.memory_bytes && c.ops <= limit.ops;
  };
  ArchChoice choice = start;
  CostFigures costs = choiceCosts(space, choice);
  double logp = logProbability(p, choice);
  for (;;) {
    double best_score = -1;
    ArchChoice best;
    CostFigures best_costs;
    for (const Move& move : moves(space, choice, /*down=*/false)) {
      ArchChoice next = applied(choice, move);
      const CostFigures next_costs = choiceCosts(space, next);
      if (!within(next_costs)) continue;
      // Cost gained as a fraction of what the limits leave, summed over the three costs.
      const double gained = (next_costs.flash_bytes - costs.flash_bytes) / std::max(limit.flash_bytes, 1.0) +
                            (next_costs.memory_bytes - costs.memory_bytes) / std::max(limit.memory_bytes, 1.0) +
                            (next_costs.ops - costs.ops) / std::max(limit.ops, 1.0);
      if (gained <= 0) continue;
      const double lost = std::max(logp - logProbability(p, next), 1e-12);
      const double score = gained / lost;
      if (score > best_score) {
        best_score = score;
        best = std::move(next);
        best_costs = next_costs;
      }
    }
    if (best_score < 0) break;
    choice = std::move(best);
    costs = best_costs;
    logp = logProbability(p, choice);
  }
  return choice;
}

}  // namespace tinyforge
