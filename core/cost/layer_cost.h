#pragma once
// What a layer costs, independent of the runtime: arithmetic, parameters and the bytes
// of its weights and activations.

#include <cstdint>
#include <vector>

#include "core/graph/shape_inference.h"

namespace tinyforge {

struct LayerCost {
  int64_t macs = 0;          // multiply-accumulates (1 MAC = 2 ops)
  int64_t other_ops = 0;     // arithmetic that is not a MAC: additions of Add, comparisons of max pooling, ...
  int64_t weight_params = 0; // filter elements
  int64_t bias_params = 0;
  int64_t weight_bytes = 0;  // as stored: int8 = 1 B, int4 = packed 2 per byte
  int64_t bias_bytes = 0;    // int32 (int64 for 16-bit activations)
  int64_t quant_params_bytes = 0;  // per-channel scales (float32) and zero points (int64) in the flatbuffer
  int64_t input_bytes = 0;   // all activation inputs
  int64_t output_bytes = 0;

  int64_t ops() const { return 2 * macs + other_ops; }
  int64_t params() const { return weight_params + bias_params; }
  LayerCost& operator+=(const LayerCost& other);
};

LayerCost layerCost(const ShapedGraph& graph, int layer);
std::vector<LayerCost> layerCosts(const ShapedGraph& graph);
LayerCost totalCost(const std::vector<LayerCost>& costs);

}  // namespace tinyforge
