#pragma once
// Symmetric weight quantization as the TFLite converter does it for int8 models:
// per-channel for Conv2D (channel dimension 0) and DepthwiseConv2D (dimension 3),
// per-tensor (or per-channel on request) for FullyConnected; zero point 0; int8 values
// in [-127, 127] (the narrow range keeps -128 out so that the product with an input is
// symmetric), int4 values in [-7, 7]. Biases are int32 with scale
// input_scale * filter_scale[c] and zero point 0.

#include <cstdint>
#include <span>
#include <vector>

namespace tinyforge {

struct QuantizedLayerWeights {
  std::vector<int8_t> filter;        // one value per element (int4 values not yet packed)
  std::vector<float> filter_scales;  // one per channel, or one for per-tensor
  std::vector<int32_t> bias;         // one per output channel (zeros where the layer had none)
  std::vector<float> bias_scales;    // input_scale * filter_scale, one per bias scale group
};

// `channel_dim` < 0 quantizes per tensor; `max_level` is 127 (int8) or 7 (int4);
// `bias` may be empty (a zero bias is produced, as the converter adds one);
// `output_channels` is the bias length. A channel whose weights are all zero gets scale 1.
// A scale too small for the bias to fit int32 is raised until it fits (as the converter
// adjusts weight scales for the bias), and that channel is quantized with it.
QuantizedLayerWeights quantizeLayerWeights(std::span<const float> filter, std::span<const int32_t> filter_shape,
                                           int channel_dim, int max_level, std::span<const float> bias,
                                           int output_channels, float input_scale);

}  // namespace tinyforge
