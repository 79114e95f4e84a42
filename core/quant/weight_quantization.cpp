#include "core/quant/weight_quantization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tinyforge {

QuantizedLayerWeights quantizeLayerWeights(std::span<const float> filter, std::span<const int32_t> shape,
                                           int channel_dim, int max_level, std::span<const float> bias,
                                           int output_channels, float input_scale) {
  if (max_level <= 0) throw std::invalid_argument("weight quantization needs a positive maximum level");
  if (!(input_scale > 0.0f) || !std::isfinite(input_scale))
    throw std::invalid_argument("weight quantization needs a positive finite input scale");
  const int rank = static_cast<int>(shape.size());
  if (channel_dim >= rank) throw std::invalid_argument("channel dimension outside the filter's rank");
  // Element e belongs to channel (e / inner) % channels.
  int64_t channels = 1, inner = 1;
  if (channel_dim >= 0) {
    channels = shape[channel_dim];
    for (int d = channel_dim + 1; d < rank; ++d) inner *= shape[d];
  }
  if (channel_dim >= 0 && channels != output_channels)
    throw std::invalid_argument("filter has " + std::to_string(channels) + " channels along dimension " +
                                std::to_string(channel_dim) + ", the layer " + std::to_string(output_channels));
  auto channelOf = [&](size_t e) { return static_cast<size_t>((static_cast<int64_t>(e) / inner) % channels); };
  auto biasGroupOf = [&](int c) { return channel_dim >= 0 ? static_cast<size_t>(c) : size_t{0}; };

  QuantizedLayerWeights out;
  std::vector<double> max_abs(static_cast<size_t>(channels), 0.0);
  for (size_t e = 0; e < filter.size(); ++e)
    max_abs[channelOf(e)] = std::max(max_abs[channelOf(e)], std::fabs(static_cast<double>(filter[e])));
  out.filter_scales.resize(static_cast<size_t>(channels));
  for (size_t c = 0; c < max_abs.size(); ++c)
    out.filter_scales[c] = max_abs[c] > 0.0 ? static_cast<float>(max_abs[c] / max_level) : 1.0f;

  // The bias must fit int32 at scale input_scale * filter_scale.
  constexpr double kInt32Max = static_cast<double>(std::numeric_limits<int32_t>::max());
  for (int c = 0; c < static_cast<int>(bias.size()); ++c) {
    float& scale = out.filter_scales[biasGroupOf(c)];
    const double needed = std::fabs(static_cast<double>(bias[c])) / (static_cast<double>(input_scale) * kInt32Max);
    if (scale < needed) scale = static_cast<float>(needed * (1.0 + 1e-6));
  }

  out.filter.resize(filter.size());
  for (size_t e = 0; e < filter.size(); ++e) {
    const double q = std::round(static_cast<double>(filter[e]) / out.filter_scales[channelOf(e)]);
    out.filter[e] = static_cast<int8_t>(std::clamp<double>(q, -max_level, max_level));
  }

  out.bias_scales.resize(out.filter_scales.size());
  for (size_t g = 0; g < out.filter_scales.size(); ++g)
    out.bias_scales[g] = static_cast<float>(static_cast<double>(input_scale) * out.filter_scales[g]);
  out.bias.assign(static_cast<size_t>(output_channels), 0);
  for (int c = 0; c < static_cast<int>(bias.size()) && c < output_channels; ++c) {
    const double q = std::round(static_cast<double>(bias[c]) / out.bias_scales[biasGroupOf(c)]);
    out.bias[static_cast<size_t>(c)] = static_cast<int32_t>(std::clamp(q, -kInt32Max, kInt32Max));
  }
  return out;
}

}  // namespace tinyforge
