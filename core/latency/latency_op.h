#pragma once
// What the latency model needs to know about one layer. The estimator maps its per-layer
// costs to these; the fitting code and the tests build them by hand.

#include <cstdint>
#include <string>

#include "core/graph/graph.h"

namespace tinyforge {

struct LatencyOp {
  std::string name;
  NodeKind kind = NodeKind::Conv2D;  // a layer kind; blocks must be expanded first
  double macs = 0;                   // pooling: one MAC per summed input
  int32_t in_channels = 0;
  int32_t out_channels = 0;
  int32_t in_h = 0, in_w = 0;    // spatial sizes; an exact measurement lookup needs them
  int32_t out_h = 0, out_w = 0;
  int32_t kernel_h = 1, kernel_w = 1;
  int32_t stride = 1;
  int64_t output_elements = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;
};

// Op classes with their own throughput in the model.
enum class OpClass { Conv, Depthwise, Pointwise, FullyConnected, Pooling, Other, Free };

// Free: graph inputs, which cost nothing at run time.
OpClass opClassOf(const LatencyOp& op);
const char* toString(OpClass op_class);

// CMSIS-NN's fast int8 convolution paths read 4 channels at a time; a conv whose
// reduction length (kh*kw*in_channels) or out_channels is not a multiple of 4 falls back
// to a slower path (MicroNets Fig 3).
bool missesChannelFastPath(const LatencyOp& op);

}  // namespace tinyforge
