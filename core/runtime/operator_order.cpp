#include "core/runtime/operator_order.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace tinyforge {
namespace {

int64_t alignUpTo(int64_t value, int64_t alignment) {
  return alignment > 1 ? (value + alignment - 1) / alignment * alignment : value;
}

// The model reduced to what the peak depends on: planned tensors with their size, who
// makes them and who reads them.
struct OrderProblem {
  struct Tensor {
    int64_t bytes = 0;
    int producer = -1;           // operator, -1 for a graph input
    std::vector<int> readers;    // distinct operators
    bool graph_output = false;
  };
  std::vector<Tensor> tensors;
  std::vector<std::vector<int>> inputs;   // per operator: planned tensors it reads (distinct)
  std::vector<std::vector<int>> outputs;  // per operator: planned tensors it writes
  std::vector<int64_t> extra;             // per operator
  int64_t graph_input_bytes = 0;          // alive before the first operator

  OrderProblem(const TensorModel& model, std::span<const int64_t> extra_bytes, int64_t alignment) {
    const size_t op_count = model.operators.size();
    if (!extra_bytes.empty() && extra_bytes.size() != op_count)
      throw std::invalid_argument("operator order: " + std::to_string(extra_bytes.size()) + " extra sizes for " +
                                  std::to_string(op_count) + " operators");
    std::vector<int> index(model.tensors.size(), -1);
    for (size_t t = 0; t < model.tensors.size(); ++t) {
      const TensorInfo& info = model.tensors[t];
      if (info.is_constant || info.bytes == 0) continue;
      index[t] = static_cast<int>(tensors.size());
      Tensor tensor;
      tensor.bytes = alignUpTo(info.bytes, alignment);
      tensor.producer = info.producer;
      tensors.push_back(tensor);
    }
    for (int t : model.outputs)
      if (index[static_cast<size_t>(t)] >= 0) tensors[static_cast<size_t>(index[static_cast<size_t>(t)])].graph_output = true;
    for (int t : model.inputs)
      if (index[static_cast<size_t>(t)] >= 0) graph_input_bytes += tensors[static_cast<size_t>(index[static_cast<size_t>(t)])].bytes;
    inputs.resize(op_count);
    outputs.resize(op_count);
    extra.assign(op_count, 0);
    for (size_t o = 0; o < op_count; ++o) {
      if (!extra_bytes.empty()) extra[o] = extra_bytes[o];
      for (int t : model.operators[o].inputs) {
        if (t < 0 || index[static_cast<size_t>(t)] < 0) continue;
        const int k = index[static_cast<size_t>(t)];
        if (std::find(inputs[o].begin(), inputs[o].end(), k) != inputs[o].end()) continue;
        inputs[o].push_back(k);
        tensors[static_cast<size_t>(k)].readers.push_back(static_cast<int>(o));
      }
      for (int t : model.operators[o].outputs)
        if (index[static_cast<size_t>(t)] >= 0) outputs[o].push_back(index[static_cast<size_t>(t)]);
    }
  }

  // A tensor still needed after `done`: a graph output, or read by an operator not in it.
  template <typename Done>
  bool kept(const Tensor& t, const Done& done) const {
    if (t.graph_output) return true;
    for (int r : t.readers)
      if (!done(r)) return true;
    return false;
  }
};

using Words = std::vector<uint64_t>;

uint64_t hashWords(const Words& words) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (uint64_t w : words) {
    h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ULL;
  }
  return h;
}

}  // namespace

int64_t orderPeakBytes(const TensorModel& model, std::span<const int> order, std::span<const int64_t> extra_bytes,
                       int64_t alignment_bytes) {
  const OrderProblem problem(model, extra_bytes, alignment_bytes);
  const size_t n = model.operators.size();
  if (order.size() != n) throw std::invalid_argument("operator order: not every operator is in the order");
  std::vector<char> done(n, 0);
  auto is_done = [&](int op) { return done[static_cast<size_t>(op)] != 0; };
  int64_t resident = 0;
  for (const auto& t : problem.tensors)
    if (t.producer < 0 && problem.kept(t, is_done)) resident += t.bytes;
  int64_t peak = problem.graph_input_bytes;
  for (int op : order) {
    if (op < 0 || static_cast<size_t>(op) >= n || done[static_cast<size_t>(op)])
      throw std::invalid_argument("operator order: operator " + std::to_string(op) + " is missing or repeated");
    for (int k : problem.inputs[static_cast<size_t>(op)]) {
      const int producer = problem.tensors[static_cast<size_t>(k)].producer;
      if (producer >= 0 && !done[static_cast<size_t>(producer)])
        throw std::invalid_argument("operator order: operator " + std::to_string(op) + " runs before operator " +
                                    std::to_string(producer) + " that makes its input");
    }
    int64_t made = 0;
    for (int k : problem.outputs[static_cast<size_t>(op)]) made += problem.tensors[static_cast<size_t>(k)].bytes;
    peak = std::max(peak, resident + made + problem.extra[static_cast<size_t>(op)]);
    done[static_cast<size_t>(op)] = 1;
    for (int k : problem.outputs[static_cast<size_t>(op)])
      if (problem.kept(problem.tensors[static_cast<size_t>(k)], is_done)) resident += problem.tensors[static_cast<size_t>(k)].bytes;
    for (int k : problem.inputs[static_cast<size_t>(op)]) {
      const auto& t = problem.tensors[static_cast<size_t>(k)];
      if (!problem.kept(t, is_done)) resident -= t.bytes;
    }
  }
  return peak;
}

OperatorOrder findMemoryOrder(const TensorModel& model, std::span<const int64_t> extra_bytes,
                              const OrderSearchOptions& options) {
  const OrderProblem problem(model, extra_bytes, options.alignment_bytes);
  const int n = static_cast<int>(model.operators.size());
  OperatorOrder result;
  result.operators.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) result.operators[static_cast<size_t>(i)] = i;
  result.original_peak_bytes = orderPeakBytes(model, result.operators, extra_bytes, options.alignment_bytes);
  result.peak_bytes = result.original_peak_bytes;
  result.exact = true;
  if (n < 2) return result;

  const size_t words = (static_cast<size_t>(n) + 63) / 64;
  // One level per number of operators run. A state is a set of operators (its bits in
  // `keys`), the least peak of running it, the bytes it leaves alive, and how it was
  // reached (the state of the previous level and the operator run last).
  struct State {
    int64_t peak;
    int64_t resident;
    int32_t parent;
    int32_t op;
  };
  struct Level {
    std::vector<State> states;
    std::vector<uint64_t> keys;  // words per state
  };
  std::vector<Level> levels(static_cast<size_t>(n) + 1);
  {
    Level& start = levels[0];
    start.keys.assign(words, 0);
    int64_t resident = 0;
    auto none = [](int) { return false; };
    for (const auto& t : problem.tensors)
      if (t.producer < 0 && problem.kept(t, none)) resident += t.bytes;
    start.states.push_back({problem.graph_input_bytes, resident, -1, -1});
  }
  // Sets of the next level by hash; states with equal hashes are chained.
  std::unordered_map<uint64_t, int32_t> first_with_hash;
  std::vector<int32_t> same_hash_next;
  Words next_key(words);
  std::vector<int32_t> order;
  bool exact = true;
  for (int k = 0; k < n; ++k) {
    Level& from = levels[static_cast<size_t>(k)];
    Level& to = levels[static_cast<size_t>(k) + 1];
    // The beam: keep the best states of a level that grew too large.
    if (static_cast<int64_t>(from.states.size()) > options.max_states) {
      exact = false;
      order.resize(from.states.size());
      for (size_t s = 0; s < order.size(); ++s) order[s] = static_cast<int32_t>(s);
      std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        const State& x = from.states[static_cast<size_t>(a)];
        const State& y = from.states[static_cast<size_t>(b)];
        return x.peak != y.peak ? x.peak < y.peak : x.resident < y.resident;
      });
      order.resize(static_cast<size_t>(options.beam_width));
      std::sort(order.begin(), order.end());
    } else {
      order.resize(from.states.size());
      for (size_t s = 0; s < order.size(); ++s) order[s] = static_cast<int32_t>(s);
    }
    first_with_hash.clear();
    same_hash_next.clear();
    for (int32_t s : order) {
      const State state = from.states[static_cast<size_t>(s)];
      const uint64_t* key = &from.keys[static_cast<size_t>(s) * words];
      auto done = [&](int op) { return (key[static_cast<size_t>(op) / 64] >> (op % 64)) & 1; };
      for (int op = 0; op < n; ++op) {
        if (done(op)) continue;
        bool ready = true;
        for (int t : problem.inputs[static_cast<size_t>(op)]) {
          const int producer = problem.tensors[static_cast<size_t>(t)].producer;
          if (producer >= 0 && !done(producer)) {
            ready = false;
            break;
          }
        }
        if (!ready) continue;
        int64_t made = 0;
        for (int t : problem.outputs[static_cast<size_t>(op)]) made += problem.tensors[static_cast<size_t>(t)].bytes;
        const int64_t peak = std::max(state.peak, state.resident + made + problem.extra[static_cast<size_t>(op)]);
        std::copy(key, key + words, next_key.begin());
        next_key[static_cast<size_t>(op) / 64] |= uint64_t{1} << (op % 64);
        const uint64_t hash = hashWords(next_key);
        int32_t existing_id = -1;
        if (auto bucket = first_with_hash.find(hash); bucket != first_with_hash.end()) {
          for (int32_t id = bucket->second; id >= 0; id = same_hash_next[static_cast<size_t>(id)]) {
            if (std::equal(next_key.begin(), next_key.end(), to.keys.begin() + static_cast<long>(id * words))) {
              existing_id = id;
              break;
            }
          }
        }
        if (existing_id >= 0) {
          State& existing = to.states[static_cast<size_t>(existing_id)];
          if (peak < existing.peak) {
            existing.peak = peak;
            existing.parent = s;
            existing.op = op;
          }
          continue;
        }
        auto after = [&](int other) { return other == op || done(other); };
        int64_t resident = state.resident;
        for (int t : problem.outputs[static_cast<size_t>(op)])
          if (problem.kept(problem.tensors[static_cast<size_t>(t)], after)) resident += problem.tensors[static_cast<size_t>(t)].bytes;
        for (int t : problem.inputs[static_cast<size_t>(op)])
          if (!problem.kept(problem.tensors[static_cast<size_t>(t)], after)) resident -= problem.tensors[static_cast<size_t>(t)].bytes;
        const int32_t id = static_cast<int32_t>(to.states.size());
        to.states.push_back({peak, resident, s, op});
        to.keys.insert(to.keys.end(), next_key.begin(), next_key.end());
        auto [bucket, inserted] = first_with_hash.try_emplace(hash, id);
        same_hash_next.push_back(inserted ? -1 : bucket->second);
        bucket->second = id;
      }
    }
    result.states += static_cast<int64_t>(to.states.size());
  }
  const Level& last = levels[static_cast<size_t>(n)];
  if (last.states.empty()) throw std::invalid_argument("operator order: the graph has a cycle");
  const State* end = &last.states[0];
  std::vector<int> found(static_cast<size_t>(n));
  int32_t s = 0;
  for (int k = n; k > 0; --k) {
    const State& state = levels[static_cast<size_t>(k)].states[static_cast<size_t>(s)];
    found[static_cast<size_t>(k) - 1] = state.op;
    s = state.parent;
  }
  result.exact = exact;
  if (end->peak < result.original_peak_bytes) {
    result.operators = std::move(found);
    result.peak_bytes = end->peak;
  }
  return result;
}

ShapedGraph reorderLayers(const ShapedGraph& graph, const TensorModel& model, std::span<const int> order) {
  const size_t layer_count = graph.layers.size();
  std::vector<int> layers;
  layers.reserve(layer_count);
  for (size_t i = 0; i < layer_count; ++i)
    if (graph.node(static_cast<int>(i)).kind == NodeKind::Input) layers.push_back(static_cast<int>(i));
  for (int op : order) layers.push_back(model.operators[static_cast<size_t>(op)].layer);
  if (layers.size() != layer_count)
    throw std::invalid_argument("operator order: " + std::to_string(layers.size()) + " layers for " +
                                std::to_string(layer_count));
  std::vector<int> new_index(layer_count, -1);
  for (size_t k = 0; k < layers.size(); ++k) new_index[static_cast<size_t>(layers[k])] = static_cast<int>(k);
  ShapedGraph out;
  out.expanded.name = graph.expanded.name;
  out.expanded.description = graph.expanded.description;
  out.expanded.outputs = graph.expanded.outputs;
  for (int layer : layers) {
    out.expanded.nodes.push_back(graph.expanded.nodes[static_cast<size_t>(layer)]);
    ShapedLayer shaped = graph.layers[static_cast<size_t>(layer)];
    for (int& input : shaped.inputs) input = new_index[static_cast<size_t>(input)];
    out.layers.push_back(std::move(shaped));
  }
  for (int output : graph.outputs) out.outputs.push_back(new_index[static_cast<size_t>(output)]);
  return out;
}

}  // namespace tinyforge
