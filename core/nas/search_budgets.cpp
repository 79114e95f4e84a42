// Budgets from a board. The search regularizes eqs. 2-4, which count only weights and
// activations; what the runtime adds on top is measured once with the estimator on the
// backbone's largest architecture and subtracted from the board's figures (MicroNets:
// "SRAM minus the expected TFLM overhead"). That overhead grows with the model (TFLM's
// persistent tail), so taking it from the largest model keeps the budgets conservative.
// With TFLM's greedy plan the overhead also holds the plan's waste above eq. 3 for the
// largest model, which a smaller architecture can exceed (up to 19% on random KWS and AD
// choices); the best planner reaches eq. 3's bound on them, so with sram_planner "best"
// the overhead holds for every architecture. With sram_planner "patches" eq. 3 is the
// patched stage's (patched_memory.h) and the overhead is measured against that figure.
#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/boards/board_library.h"
#include "core/cost/layer_cost.h"
#include "core/estimate/estimate.h"
#include "core/nas/budget_fit.h"
#include "core/nas/search_job.h"
#include "core/nas/search_space.h"

namespace tinyforge {

EstimatorSettings searchEstimatorSettings(const std::string& sram_planner, const std::string& runtime) {
  EstimatorSettings settings;
  if (sram_planner == "greedy") return settings;
  if (sram_planner == "patches") {
    // The least SRAM the generated C reaches: patch-based inference (`auto`, 20% extra MACs
    // at most) over TFLM's greedy rule. Not with the best planner: auto plans every split
    // point and grid, and the best planner's search on each would cost seconds per model.
    if (runtime != "tinyforge-c" && runtime != "inplace")
      throw std::invalid_argument("SRAM planner 'patches' needs the tinyforge-c runtime (patch-based inference runs "
                                  "in the generated C), not '" + runtime + "'");
    settings.patches.mode = PatchRequest::Mode::Auto;
    return settings;
  }
  if (sram_planner != "best")
    throw std::invalid_argument("unknown SRAM planner '" + sram_planner + "' (known: greedy, best, patches)");
  if (runtime != "tflm" && runtime != "tflm-cmsis" && runtime != "tinyforge-c" && runtime != "inplace")
    throw std::invalid_argument("unknown runtime '" + runtime + "' (tflm, tflm-cmsis, tinyforge-c)");
  settings.planner = MemoryPlanner::Best;
  settings.reorder = true;
  return settings;
}

DerivedBudgets deriveBudgets(const Graph& backbone, const BoardLibrary& boards, const std::string& board,
                             const std::string& runtime_name, const SearchBudgets& requested) {
  const auto runtime = runtimeFromString(runtime_name);
  if (!runtime) throw std::invalid_argument("unknown runtime '" + runtime_name + "' (tflm, tflm-cmsis, tinyforge-c)");
  Estimator estimator(std::make_shared<BoardLibrary>(boards), searchEstimatorSettings(requested.sram_planner, runtime_name));
  SearchSpace space(backbone);
  if (requested.sram_planner == "patches") space.setPatchedMemory(patchedMemoryOf(space));
  const ShapedGraph largest = inferShapes(space.derive(space.largest()));
  const Estimate estimate = estimator.estimate(largest, board, *runtime);
  int64_t weights_bytes = 0;
  for (const LayerCost& cost : layerCosts(largest))
    weights_bytes += cost.weight_bytes + cost.bias_bytes + cost.quant_params_bytes;

  DerivedBudgets budgets;
  const int64_t activation_bytes =
      space.patchedMemory() ? static_cast<int64_t>(std::ceil(choiceCosts(space, space.largest()).memory_bytes))
                            : estimate.memory.lower_bound_bytes;
  budgets.sram_overhead_bytes = estimate.memory.sram_bytes - activation_bytes;
  budgets.flash_overhead_bytes = estimate.memory.flash_bytes - weights_bytes;
  budgets.sram_bytes = requested.sram_bytes > 0 ? requested.sram_bytes
                                                : estimate.fit.sram_budget_bytes - budgets.sram_overhead_bytes;
  budgets.flash_bytes = requested.flash_bytes > 0 ? requested.flash_bytes
                                                  : estimate.fit.flash_budget_bytes - budgets.flash_overhead_bytes;
  // MicroNets Fig. 4: latency is linear in ops for models of one backbone on one board.
  const Estimate timed = requested.latency_board.empty() || requested.latency_board == board
                             ? estimate
                             : estimator.estimate(largest, requested.latency_board, *runtime);
  budgets.latency_overhead_ms = timed.latency_overhead_ms;
  const double layer_ms = timed.latency_ms - timed.latency_overhead_ms;
  budgets.ops_per_ms = layer_ms > 0 ? static_cast<double>(timed.total.ops()) / layer_ms : 0;
  if (requested.ops > 0) {
    budgets.ops = requested.ops;
  } else if (requested.latency_ms > 0) {
    budgets.ops = static_cast<int64_t>((requested.latency_ms - budgets.latency_overhead_ms) * budgets.ops_per_ms);
    if (budgets.ops <= 0)
      throw std::invalid_argument("latency target " + std::to_string(requested.latency_ms) +
                                  " ms is below the board's fixed cost per inference");
  }
  if (budgets.sram_bytes <= 0 || budgets.flash_bytes <= 0)
    throw std::invalid_argument("board '" + board + "' has no room for a model once the runtime is counted");
  return budgets;
}

}  // namespace tinyforge
