// The final architecture respects the budgets: the argmax when it fits, otherwise the
// most probable architecture within them.
#include "core/nas/budget_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/graph/graph_json.h"
#include "core/nas/nas_test_support.h"

namespace tinyforge {
namespace {

// input 8x8x1 -> conv1 3x3 (4|8) -> conv2 1x1 (4|8) -> global average pool -> classifier (3).
Graph tinyBackbone() {
  return graphFromJsonText(R"({
    "format": "tinyforge-graph", "version": 1, "name": "tiny",
    "nodes": [
      {"name": "input", "op": "Input", "shape": [1, 8, 8, 1]},
      {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3], "stride": [1, 1],
       "padding": "same", "activation": "relu", "search": {"widths": [4, 8]}},
      {"name": "conv2", "op": "Conv2D", "inputs": ["conv1"], "out_channels": 8, "kernel": [1, 1], "stride": [1, 1],
       "activation": "relu", "search": {"widths": [4, 8]}},
      {"name": "pool", "op": "AveragePool2D", "inputs": ["conv2"], "kernel": [8, 8], "stride": [1, 1], "padding": "valid"},
      {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 3, "kernel": [1, 1], "stride": [1, 1]},
      {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 3]}
    ],
    "outputs": ["reshape"]})",
                           "tiny");
}

// Eq. 2 by hand: int8 weights, int32 bias, and per output channel a scale and zero point
// (4 + 8 bytes) for the filter and again for the bias: 4 + 24 = 28 bytes per channel.
//   conv1 9*c1 + 28*c1, conv2 c1*c2 + 28*c2, classifier 3*c2 + 28*3.
double handFlash(int c1, int c2) { return 37.0 * c1 + c1 * c2 + 31.0 * c2 + 84; }

TEST(BudgetFit, HandCostsOfTheTinySpace) {
  const SearchSpace space(tinyBackbone());
  EXPECT_DOUBLE_EQ(choiceCosts(space, {{0, 0}, {}}).flash_bytes, 372);
  EXPECT_DOUBLE_EQ(choiceCosts(space, {{0, 1}, {}}).flash_bytes, 512);
  EXPECT_DOUBLE_EQ(choiceCosts(space, {{1, 0}, {}}).flash_bytes, 536);
  EXPECT_DOUBLE_EQ(choiceCosts(space, {{1, 1}, {}}).flash_bytes, 692);
  EXPECT_DOUBLE_EQ(choiceCosts(space, {{1, 1}, {}}).flash_bytes, handFlash(8, 8));
}

TEST(BudgetFit, ArgmaxWithinBudgetIsKept) {
  const SearchSpace space(tinyBackbone());
  const BudgetFit fit = fitToBudgets(space, {{{0.3, 0.7}, {0.4, 0.6}}, {}}, {700, 0, 0});
  EXPECT_FALSE(fit.adjusted);
  EXPECT_TRUE(fit.fits);
  EXPECT_EQ(fit.choice, (ArchChoice{{1, 1}, {}}));
  EXPECT_TRUE(fit.reason.empty());
}

TEST(BudgetFit, ArgmaxOverFlashGivesTheMostProbableThatFits) {
  const SearchSpace space(tinyBackbone());
  // Flash budget 540 B: 8+8 (692 B) is over; 8+4 (536 B, p = 0.7 x 0.4 = 0.28) and 4+8
  // (512 B, p = 0.3 x 0.6 = 0.18) fit: 8+4 is the answer.
  const BudgetFit fit = fitToBudgets(space, {{{0.3, 0.7}, {0.4, 0.6}}, {}}, {540, 0, 0});
  EXPECT_TRUE(fit.adjusted);
  EXPECT_TRUE(fit.fits);
  EXPECT_EQ(fit.argmax, (ArchChoice{{1, 1}, {}}));
  EXPECT_EQ(fit.choice, (ArchChoice{{1, 0}, {}}));
  EXPECT_DOUBLE_EQ(fit.costs.flash_bytes, 536);
  EXPECT_DOUBLE_EQ(fit.argmax_costs.flash_bytes, 692);
  EXPECT_NEAR(fit.log_probability, std::log(0.28), 1e-12);
  EXPECT_NE(fit.reason.find("Flash"), std::string::npos) << fit.reason;
  // Budget 520 B leaves 4+8 and 4+4: the more probable 4+8.
  EXPECT_EQ(fitToBudgets(space, {{{0.3, 0.7}, {0.4, 0.6}}, {}}, {520, 0, 0}).choice, (ArchChoice{{0, 1}, {}}));
  // Nothing fits 300 B: reported, and the smallest is what comes back.
  const BudgetFit none = fitToBudgets(space, {{{0.3, 0.7}, {0.4, 0.6}}, {}}, {300, 0, 0});
  EXPECT_TRUE(none.adjusted);
  EXPECT_FALSE(none.fits);
  EXPECT_EQ(none.choice, (ArchChoice{{0, 0}, {}}));
}

TEST(BudgetFit, EqualsExhaustiveSearchOnTheTinySpace) {
  // Every probability table and budget: the greedy answer is the most probable of the
  // four architectures that fit (enumerated here).
  const SearchSpace space(tinyBackbone());
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0.01, 0.99);
  const ArchChoice all[4] = {{{0, 0}, {}}, {{0, 1}, {}}, {{1, 0}, {}}, {{1, 1}, {}}};
  for (int trial = 0; trial < 200; ++trial) {
    const double a = u(rng), b = u(rng);
    const ArchitectureProbabilities p{{{1 - a, a}, {1 - b, b}}, {}};
    const CostFigures budgets{380 + 340 * u(rng), 0, 0};
    int best = -1;
    double best_p = -1;
    for (int k = 0; k < 4; ++k) {
      if (choiceCosts(space, all[k]).flash_bytes > budgets.flash_bytes) continue;
      const double pk = p.widths[0][static_cast<size_t>(all[k].width_index[0])] *
                        p.widths[1][static_cast<size_t>(all[k].width_index[1])];
      if (pk > best_p) best_p = pk, best = k;
    }
    ASSERT_GE(best, 0);
    const BudgetFit fit = fitToBudgets(space, p, budgets);
    EXPECT_TRUE(fit.fits);
    EXPECT_EQ(fit.choice, all[best]) << "a=" << a << " b=" << b << " budget=" << budgets.flash_bytes;
  }
}

TEST(BudgetFit, KwsBackboneEveryBudgetHolds) {
  // The bundled KWS space (63 widths x 10, 9 skips): random peaked probabilities, budgets
  // that cut the argmax; the answer fits all three and is at least as probable as the
  // smallest architecture.
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  std::mt19937 rng(5);
  std::gamma_distribution<double> g(0.3);
  for (int trial = 0; trial < 10; ++trial) {
    ArchitectureProbabilities p;
    for (const auto& w : space.widthDecisions()) {
      std::vector<double> row;
      double sum = 0;
      for (size_t k = 0; k < w.widths.size(); ++k) sum += row.emplace_back(g(rng) + 1e-9);
      for (double& v : row) v /= sum;
      p.widths.push_back(row);
    }
    for (size_t d = 0; d < space.skipDecisions().size(); ++d) p.skip.push_back(std::uniform_real_distribution<>(0, 1)(rng));
    const ArchChoice argmax = fitToBudgets(space, p, {}).choice;
    const CostFigures full = choiceCosts(space, argmax);
    const CostFigures budgets{0.5 * full.flash_bytes, 0.6 * full.memory_bytes, 0.4 * full.ops};
    const BudgetFit fit = fitToBudgets(space, p, budgets);
    SCOPED_TRACE(space.describe(fit.choice));
    EXPECT_TRUE(fit.adjusted);
    ASSERT_TRUE(fit.fits);
    EXPECT_LE(fit.costs.flash_bytes, budgets.flash_bytes);
    EXPECT_LE(fit.costs.memory_bytes, budgets.memory_bytes);
    EXPECT_LE(fit.costs.ops, budgets.ops);
    // The costs reported are those of the choice.
    EXPECT_DOUBLE_EQ(fit.costs.ops, choiceCosts(space, fit.choice).ops);
    double smallest_logp = 0;
    const ArchChoice smallest = space.smallest();
    for (size_t d = 0; d < smallest.width_index.size(); ++d) smallest_logp += std::log(p.widths[d][0]);
    for (size_t d = 0; d < smallest.skipped.size(); ++d) smallest_logp += std::log(p.skip[d]);
    EXPECT_GE(fit.log_probability, smallest_logp);
  }
}

}  // namespace
}  // namespace tinyforge

namespace tinyforge {
namespace {

// A tight search's distribution: every decision leans slightly to its smallest option, so
// the per-decision argmax is the smallest architecture, while the expected costs (what the
// penalty drove to the budgets) are far larger.
ArchitectureProbabilities leaningToSmallest(const SearchSpace& space, double skip) {
  ArchitectureProbabilities p;
  for (const auto& decision : space.widthDecisions()) {
    std::vector<double> w(decision.widths.size(), 1.0);
    w[0] = 1.5;
    double sum = 0;
    for (double x : w) sum += x;
    for (double& x : w) x /= sum;
    p.widths.push_back(w);
  }
  p.skip.assign(space.skipDecisions().size(), skip);
  return p;
}

TEST(GrowTowardsExpectedCosts, ASpreadDistributionsArgmaxGrowsWithinBudgetAndExpectedCosts) {
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  const ArchitectureProbabilities p = leaningToSmallest(space, 0.55);
  const CostFigures budgets{40000, 25000, 8.6e6};  // the tight KWS config's eq. 2 / eq. 3 / ops
  const BudgetFit fit = fitToBudgets(space, p, budgets);
  ASSERT_TRUE(fit.fits);
  ASSERT_EQ(fit.choice, space.smallest());
  const CostFigures expected = expectedCostsAt(space, p);
  const ArchChoice grown = growTowardsExpectedCosts(space, p, fit.choice, budgets);
  const CostFigures g = choiceCosts(space, grown), small = choiceCosts(space, fit.choice);
  EXPECT_GT(g.ops, 2 * small.ops) << space.describe(grown);
  EXPECT_GT(g.flash_bytes, small.flash_bytes);
  EXPECT_LE(g.flash_bytes, std::min(budgets.flash_bytes, expected.flash_bytes));
  EXPECT_LE(g.memory_bytes, std::min(budgets.memory_bytes, expected.memory_bytes));
  EXPECT_LE(g.ops, std::min(budgets.ops, expected.ops));
  // Maximal: no one-step enlargement of the result stays within those limits.
  for (size_t d = 0; d < grown.width_index.size(); ++d) {
    ArchChoice next = grown;
    if (++next.width_index[d] >= static_cast<int>(space.widthDecisions()[d].widths.size())) continue;
    const CostFigures c = choiceCosts(space, next);
    EXPECT_TRUE(c.flash_bytes > std::min(budgets.flash_bytes, expected.flash_bytes) ||
                c.memory_bytes > std::min(budgets.memory_bytes, expected.memory_bytes) ||
                c.ops > std::min(budgets.ops, expected.ops))
        << space.describe(next);
  }
}

TEST(GrowTowardsExpectedCosts, AConcentratedDistributionKeepsItsArgmax) {
  // Probabilities ~one-hot on a mid-size architecture: the expected costs are its own, so
  // nothing larger stays within them.
  const SearchSpace space(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/kws_backbone.json"));
  ArchitectureProbabilities p;
  ArchChoice mid;
  for (const auto& decision : space.widthDecisions()) {
    std::vector<double> w(decision.widths.size(), 1e-9);
    const size_t k = decision.widths.size() / 3;
    w[k] = 1.0;
    p.widths.push_back(w);
    mid.width_index.push_back(static_cast<int>(k));
  }
  for (size_t d = 0; d < space.skipDecisions().size(); ++d) {
    p.skip.push_back(d % 2 ? 1 - 1e-9 : 1e-9);
    mid.skipped.push_back(d % 2 == 1);
  }
  EXPECT_EQ(growTowardsExpectedCosts(space, p, mid, {0, 0, 0}), mid);
}

}  // namespace
}  // namespace tinyforge
