// Operator reordering: the least peak over all execution orders, hand-worked on a
// branched graph, checked against every topological order of small random graphs, and
// carried through the graph so that lowering (and so the writer) keeps the order.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "core/runtime/allocation_lifetimes.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/operator_order.h"

namespace tinyforge {
namespace {

Node layer(const std::string& name, NodeKind kind, std::vector<std::string> inputs, int32_t channels = 0) {
  Node node;
  node.name = name;
  node.kind = kind;
  node.inputs = std::move(inputs);
  node.out_channels = channels;
  return node;
}

// Two branches from one 1x8x8x16 input (1,024 B), joined by a concatenation:
//   A: a1 conv 1x1 -> 32 ch (2,048 B), a2 conv 1x1 -> 32 ch (2,048 B)
//   B: b1 conv 1x1 -> 128 ch (8,192 B), b2 conv 1x1 -> 4 ch (256 B)
//   cat (a2, b2) -> 36 ch (2,304 B)
// Listed A first. Bytes alive per operator (TFLM lifetimes: the input until its last
// reader; 1x1 convolutions request no scratch):
//   A then B: a1 1024+2048 = 3072, a2 1024+2048+2048 = 5120,
//             b1 1024+2048+8192 = 11264, b2 2048+8192+256 = 10496, cat 2048+256+2304 = 4608
//   B then A: b1 1024+8192 = 9216, b2 1024+8192+256 = 9472,
//             a1 1024+256+2048 = 3328, a2 256+2048+2048 = 4352, cat 4608
// Interleaving only adds (b1 beside a1 or a2 is above 10,000 B). Least peak: B first, 9,472 B.
// (Nothing needs scratch: 1x1 convolutions with no padding.)
Graph branchedGraph() {
  Graph graph;
  graph.name = "branches";
  Node input = layer("input", NodeKind::Input, {});
  input.shape = {1, 8, 8, 16};
  graph.nodes.push_back(input);
  graph.nodes.push_back(layer("a1", NodeKind::Conv2D, {"input"}, 32));
  graph.nodes.push_back(layer("a2", NodeKind::Conv2D, {"a1"}, 32));
  graph.nodes.push_back(layer("b1", NodeKind::Conv2D, {"input"}, 128));
  graph.nodes.push_back(layer("b2", NodeKind::Conv2D, {"b1"}, 4));
  graph.nodes.push_back(layer("cat", NodeKind::Concatenation, {"a2", "b2"}));
  return graph;
}

std::vector<std::string> operatorNames(const ShapedGraph& shaped, const TensorModel& model) {
  std::vector<std::string> names;
  for (const auto& op : model.operators) names.push_back(shaped.node(op.layer).name);
  return names;
}

TEST(OperatorOrder, RunsTheBranchWithTheLargerPeakFirst) {
  const ShapedGraph shaped = inferShapes(branchedGraph());
  const TensorModel model = lower(shaped);
  ASSERT_EQ(operatorNames(shaped, model), (std::vector<std::string>{"a1", "a2", "b1", "b2", "cat"}));
  EXPECT_EQ(orderPeakBytes(model, std::vector<int>{0, 1, 2, 3, 4}, {}), 11264);
  EXPECT_EQ(orderPeakBytes(model, std::vector<int>{2, 3, 0, 1, 4}, {}), 9472);
  // Interleaved a1, b1, a2, ...: at a2, a1 (2,048) + b1 (8,192, b2 still to read it) + a2 (2,048).
  EXPECT_EQ(orderPeakBytes(model, std::vector<int>{0, 2, 1, 3, 4}, {}), 12288);

  const OperatorOrder order = findMemoryOrder(model, {});
  EXPECT_EQ(order.original_peak_bytes, 11264);
  EXPECT_EQ(order.peak_bytes, 9472);
  EXPECT_TRUE(order.exact);
  EXPECT_TRUE(order.changed());
  EXPECT_EQ(order.operators, (std::vector<int>{2, 3, 0, 1, 4}));

  // The reordered graph lowers in that order, and its head lower bound is the peak.
  const ShapedGraph reordered = reorderLayers(shaped, model, order.operators);
  const TensorModel lowered = lower(reordered);
  EXPECT_EQ(operatorNames(reordered, lowered), (std::vector<std::string>{"b1", "b2", "a1", "a2", "cat"}));
  std::vector<PlannerBuffer> buffers;
  std::vector<int> owner;
  buildTflmBuffers(lowered, {}, buffers, owner);
  EXPECT_EQ(overlapLowerBoundBytes(buffers), 9472);
  // Shape inference of the reordered layers keeps them where they are.
  const ShapedGraph again = inferShapes(reordered.expanded);
  EXPECT_EQ(operatorNames(again, lower(again)), (std::vector<std::string>{"b1", "b2", "a1", "a2", "cat"}));
}

TEST(OperatorOrder, KeepsTheOrderOfAChainAndWhenNothingIsGained) {
  Graph chain;
  Node input = layer("input", NodeKind::Input, {});
  input.shape = {1, 4, 4, 8};
  chain.nodes = {input, layer("c1", NodeKind::Conv2D, {"input"}, 5), layer("c2", NodeKind::Conv2D, {"c1"}, 7)};
  const ShapedGraph shaped = inferShapes(chain);
  const TensorModel model = lower(shaped);
  const OperatorOrder order = findMemoryOrder(model, {});
  EXPECT_FALSE(order.changed());
  EXPECT_TRUE(order.exact);
  EXPECT_EQ(order.operators, (std::vector<int>{0, 1}));
  EXPECT_EQ(order.states, 2);  // one set per length
  // Scratch counts at its operator: 1x4x4 with 5 channels is 80 B, 7 channels 112 B.
  EXPECT_EQ(orderPeakBytes(model, std::vector<int>{0, 1}, std::vector<int64_t>{0, 1000}), 80 + 112 + 1000);
  EXPECT_THROW(orderPeakBytes(model, std::vector<int>{1, 0}, {}), std::invalid_argument);  // c2 before c1
}

// Every topological order of a small random graph of convolutions, additions and
// concatenations, by brute force, against the search.
TEST(OperatorOrder, FindsTheLeastPeakOfAllTopologicalOrders) {
  uint32_t state = 2024;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  for (int trial = 0; trial < 25; ++trial) {
    Graph graph;
    Node input = layer("input", NodeKind::Input, {});
    input.shape = {1, 4, 4, 4};
    graph.nodes.push_back(input);
    std::vector<std::string> names{"input"};
    const int count = 4 + static_cast<int>(next() % 5);
    for (int i = 0; i < count; ++i) {
      const std::string name = "n" + std::to_string(i);
      const std::string from = names[next() % names.size()];
      if (i > 1 && next() % 3 == 0) {  // join two earlier tensors along the channels
        const std::string other = names[next() % names.size()];
        if (other != from) {
          graph.nodes.push_back(layer(name, NodeKind::Concatenation, {from, other}));
          names.push_back(name);
          continue;
        }
      }
      graph.nodes.push_back(layer(name, NodeKind::Conv2D, {from}, 1 + static_cast<int32_t>(next() % 12)));
      names.push_back(name);
    }
    const ShapedGraph shaped = inferShapes(graph);
    const TensorModel model = lower(shaped);
    const int n = static_cast<int>(model.operators.size());
    std::vector<int64_t> scratch(static_cast<size_t>(n));
    for (auto& s : scratch) s = 16 * static_cast<int64_t>(next() % 4);
    // Brute force: every permutation that is a topological order.
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    int64_t best = INT64_MAX;
    do {
      std::vector<char> done(static_cast<size_t>(n), 0);
      bool valid = true;
      for (int op : order) {
        for (int t : model.operators[static_cast<size_t>(op)].inputs) {
          if (t < 0 || model.tensors[static_cast<size_t>(t)].is_constant) continue;
          const int producer = model.tensors[static_cast<size_t>(t)].producer;
          if (producer >= 0 && !done[static_cast<size_t>(producer)]) valid = false;
        }
        done[static_cast<size_t>(op)] = 1;
      }
      if (valid) best = std::min(best, orderPeakBytes(model, order, scratch));
    } while (std::next_permutation(order.begin(), order.end()));
    const OperatorOrder found = findMemoryOrder(model, scratch);
    EXPECT_EQ(found.peak_bytes, best) << "trial " << trial;
    EXPECT_TRUE(found.exact);
    EXPECT_EQ(orderPeakBytes(model, found.operators, scratch), found.peak_bytes);
    // The beam (one set kept per length) is a heuristic: never better than exact.
    OrderSearchOptions beam;
    beam.max_states = 1;
    beam.beam_width = 1;
    const OperatorOrder greedy = findMemoryOrder(model, scratch, beam);
    EXPECT_GE(greedy.peak_bytes, best);
    EXPECT_LE(greedy.peak_bytes, greedy.original_peak_bytes);
  }
}

}  // namespace
}  // namespace tinyforge
