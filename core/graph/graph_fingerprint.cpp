#include "core/graph/graph_fingerprint.h"

#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace tinyforge {
namespace {

// splitmix64's finaliser: every input bit reaches every output bit.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Feeds words into a running state; lengths go in before the contents, so ("ab", "c") and
// ("a", "bc") differ. Little-endian byte order, as the files themselves.
class Hasher {
 public:
  // One multiply per word (names are most of the input); value() mixes the end fully.
  void word(uint64_t w) {
    state_ = (state_ ^ w) * 0x9E3779B97F4A7C15ull;
    state_ ^= state_ >> 29;
  }
  void bytes(const void* data, size_t size) {
    word(size);
    const auto* p = static_cast<const unsigned char*>(data);
    for (; size >= 8; size -= 8, p += 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      word(w);
    }
    uint64_t tail = 0;
    // An empty vector's data() may be null, and memcpy from null is undefined even for 0
    // bytes (UBSan, fuzz_tflite's first seeds).
    if (size > 0) std::memcpy(&tail, p, size);
    word(tail);
  }
  template <typename T>
  void scalar(T value) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    uint64_t w = 0;
    std::memcpy(&w, &value, sizeof(T));
    word(w);
  }
  void text(const std::string& s) { bytes(s.data(), s.size()); }
  template <typename T>
  void values(const std::vector<T>& v) {
    bytes(v.data(), v.size() * sizeof(T));
  }
  uint64_t value() const { return mix(state_); }

 private:
  uint64_t state_ = 0;
};

// Lengths of the arrays, not their values: see the header.
void addQuantization(Hasher& h, const Quantization& q) {
  h.word(q.scale.size());
  h.word(q.zero_point.size());
  h.scalar(q.quantized_dimension);
  h.word(q.min.size());
  h.word(q.max.size());
}

uint64_t nodeFingerprint(const Node& node) {
  Hasher h;
  h.text(node.name);
  h.scalar(node.kind);
  h.word(node.inputs.size());
  for (const std::string& input : node.inputs) h.text(input);
  h.values(node.shape);
  for (int32_t v : {node.out_channels, node.kernel_h, node.kernel_w, node.stride_h, node.stride_w, node.dilation_h,
                    node.dilation_w, node.depth_multiplier, node.expansion, node.axis})
    h.scalar(v);
  h.scalar(node.padding);
  h.values(node.pads);
  h.scalar(node.keep_dims);
  h.scalar(node.beta);
  h.scalar(node.activation);
  h.scalar(node.activation_type);
  h.scalar(node.weight_type);
  h.word(node.constants.size());
  for (const ConstTensor& c : node.constants) {
    h.text(c.role);
    h.text(c.name);
    h.scalar(c.type);
    h.values(c.shape);
    h.word(c.data.size());
    addQuantization(h, c.quant);
    h.scalar(c.tensor_index);
  }
  addQuantization(h, node.output_quant);
  h.text(node.output_name);
  h.scalar(node.output_tensor_index);
  h.values(node.search.widths);
  h.scalar(node.search.skippable);
  h.text(node.block);
  return h.value();
}

}  // namespace

uint64_t graphFingerprint(const Graph& graph) {
  // A sum of the nodes' fingerprints does not depend on their order.
  uint64_t nodes = 0;
  for (const Node& node : graph.nodes) nodes += nodeFingerprint(node);
  Hasher h;
  h.text(graph.description);
  h.word(graph.outputs.size());
  for (const std::string& output : graph.outputs) h.text(output);
  h.word(graph.nodes.size());
  h.word(nodes);
  return h.value();
}

bool isUnmodifiedImport(const Graph& graph) {
  return graph.imported_file.bytes > 0 && graphFingerprint(graph) == graph.imported_file.fingerprint;
}

void markImportedFrom(Graph& graph, int64_t file_bytes) {
  graph.imported_file.bytes = file_bytes;
  graph.imported_file.fingerprint = graphFingerprint(graph);
}

}  // namespace tinyforge
