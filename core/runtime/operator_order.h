#pragma once
// The execution order of a branched graph changes its peak memory (Liberis & Lane 2019,
// "Neural networks on microcontrollers: saving memory at inference via operator
// reordering"): which branch of an Add or a Concatenation runs first decides which
// tensors wait in memory meanwhile. This finds the order with the smallest peak.
//
// The peak of an order is the most bytes alive at one operator under TFLM's lifetimes
// (allocation_lifetimes.h: graph inputs alive from before the first operator, a tensor
// from its producer to its last reader, graph outputs to the end), tensor sizes rounded
// up to `alignment_bytes`, plus the operator's own extra bytes (kernel scratch): exactly
// the head lower bound of the reordered model (overlapLowerBoundBytes of its buffers).
//
// Exact by dynamic programming over the sets of operators already run (the downsets of
// the graph): the bytes alive while an operator runs depend only on that set, so the
// least peak of each set is the least over its last operator of max(least peak of the
// set without it, bytes alive at it). A chain has one set per length; branches multiply
// them. When a length has more sets than `max_states`, only the `beam_width` best sets of
// each length are kept (a beam search: a good order, not proven the best).
//
// TFLM runs operators in file order, so the exporter writes them in the order found;
// the generated C runtime takes the same order.

#include <cstdint>
#include <span>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

struct OrderSearchOptions {
  int64_t alignment_bytes = 16;  // TFLM's MicroArenaBufferAlignment
  int64_t max_states = 100000;   // sets of one length before the search turns into a beam
  int beam_width = 256;
};

struct OperatorOrder {
  std::vector<int> operators;        // operator indices of the model, in the new execution order
  int64_t peak_bytes = 0;            // of that order
  int64_t original_peak_bytes = 0;   // of the model's own order
  bool exact = false;                // no order has a smaller peak (the search was exhaustive)
  int64_t states = 0;                // sets of operators the search visited
  bool changed() const { return peak_bytes < original_peak_bytes; }
};

// `extra_bytes` has one entry per operator (its scratch), or is empty. Keeps the model's
// own order unless another order has a strictly smaller peak.
OperatorOrder findMemoryOrder(const TensorModel& model, std::span<const int64_t> extra_bytes,
                              const OrderSearchOptions& options = {});

// The peak of running the model's operators in `order` (a topological order of all of
// them; std::invalid_argument otherwise).
int64_t orderPeakBytes(const TensorModel& model, std::span<const int> order, std::span<const int64_t> extra_bytes,
                       int64_t alignment_bytes = 16);

// The graph with its layers in the new order: the Input layers first as they were, then
// the operators' layers in `order`. Its expanded graph lists the nodes in that order, so
// shape inference (a topological sort stable in node order) and lower() keep it, and the
// exporter writes the operators in it.
ShapedGraph reorderLayers(const ShapedGraph& graph, const TensorModel& model, std::span<const int> order);

}  // namespace tinyforge
