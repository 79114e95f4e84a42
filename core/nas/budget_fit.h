#pragma once
// The architecture a search ends with must respect its budgets. The argmax of the
// architecture probabilities usually does (the penalty pushed the probabilities there),
// but a short run, a high temperature or a budget that binds late can leave it over. Then
// the most probable architecture that fits is taken instead, found greedily:
//
//   1. From the argmax, repeatedly take the one-step reduction (a width decision to its
//      next smaller width, or a kept block to skipped) that removes the most overrun per
//      unit of log-probability it costs, until every budget holds. Overrun is
//      relu(flash/B - 1) + relu(ops/B - 1) + sum over operators of relu(memory/B - 1):
//      eq. 3 is a max, so its per-operator terms make every reduction of a layer at or
//      over the budget count, also when two layers share the peak.
//   2. Then repeatedly take back the one-step enlargement that gains the most
//      log-probability and still fits (step 1 may have cut more than it had to).
//
// Costs are eqs. 2-4 at the one-hot choice (expected_cost.h), which equal the
// estimator's weights, ops and activation lower bound of the derived graph. Torch-free.

#include <string>
#include <vector>

#include "core/nas/search_job.h"
#include "core/nas/search_space.h"

namespace tinyforge {

struct ArchitectureProbabilities {
  std::vector<std::vector<double>> widths;  // per width decision, per width (ascending)
  std::vector<double> skip;                 // per skip decision: probability of skipping
};

// Eqs. 2-4 of a one-hot choice.
CostFigures choiceCosts(const SearchSpace& space, const ArchChoice& choice);

struct BudgetFit {
  ArchChoice choice;           // the argmax when it fits, else the fitted architecture
  ArchChoice argmax;
  bool adjusted = false;       // the argmax was over a budget and `choice` replaces it
  bool fits = false;           // `choice` is within every budget (false: even the smallest is not)
  CostFigures argmax_costs, costs;
  double log_probability = 0;  // of `choice` (sum over decisions of log p)
  std::string reason;          // what the argmax exceeded, e.g. "Flash 612.0 KiB > 480.0 KiB"
};

// `budgets`: flash (eq. 2) and memory (eq. 3) bytes, ops (eq. 4); a budget <= 0 is not
// checked. Throws SearchSpaceError when the probabilities do not match the space.
BudgetFit fitToBudgets(const SearchSpace& space, const ArchitectureProbabilities& probabilities,
                       const CostFigures& budgets);

// The per-decision argmax of a spread distribution can be far smaller than the
// distribution's expected costs, which the search's penalty drove up to the budgets: a tight
// KWS search ended with expected costs at its budgets and an argmax that skipped every
// block. So the fitted architecture is grown towards the expected costs: repeatedly the
// one-step enlargement that loses the least log-probability per unit of cost gained, as
// long as every cost stays within min(budget, expected cost). Returns the grown choice
// (`choice` itself when no enlargement fits).
ArchChoice growTowardsExpectedCosts(const SearchSpace& space, const ArchitectureProbabilities& probabilities,
                                    const ArchChoice& choice, const CostFigures& budgets);

// Eqs. 2-4 at the probabilities (the search's expected costs).
CostFigures expectedCostsAt(const SearchSpace& space, const ArchitectureProbabilities& probabilities);

}  // namespace tinyforge
