#pragma once
// Small float graphs for the quantizer's tests: layers with float32 weights in TFLite's
// layouts, filled from a deterministic generator.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/quant/float_constant.h"

namespace tinyforge::testing {

// xorshift32: the same numbers on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint32_t seed) : state_(seed ? seed : 1u) {}
  uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  float uniform(float lo, float hi) { return lo + (hi - lo) * static_cast<float>(next() >> 8) / 16777216.0f; }
  float normal() {  // Box-Muller
    const float u1 = std::max(uniform(0.0f, 1.0f), 1e-7f);
    const float u2 = uniform(0.0f, 1.0f);
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
  }
  std::vector<float> normals(size_t n, float sigma) {
    std::vector<float> v(n);
    for (float& x : v) x = sigma * normal();
    return v;
  }

 private:
  uint32_t state_;
};

inline Node inputNode(const std::string& name, std::vector<int32_t> shape) {
  Node n;
  n.name = name;
  n.kind = NodeKind::Input;
  n.shape = std::move(shape);
  n.activation_type = DataType::Float32;
  return n;
}

inline Node layerNode(const std::string& name, NodeKind kind, const std::string& input) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.inputs = {input};
  n.activation_type = DataType::Float32;
  return n;
}

// Conv2D with He-initialised float weights (filter OHWI) and a small bias.
inline Node convNode(const std::string& name, const std::string& input, int cin, int cout, int k, int stride,
                     Activation act, Rng& rng) {
  Node n = layerNode(name, NodeKind::Conv2D, input);
  n.out_channels = cout;
  n.kernel_h = n.kernel_w = k;
  n.stride_h = n.stride_w = stride;
  n.activation = act;
  const auto w = rng.normals(static_cast<size_t>(cout) * k * k * cin, std::sqrt(2.0f / static_cast<float>(k * k * cin)));
  const auto b = rng.normals(static_cast<size_t>(cout), 0.1f);
  n.constants = {floatConstant("filter", {cout, k, k, cin}, w), floatConstant("bias", {cout}, b)};
  return n;
}

inline Node depthwiseNode(const std::string& name, const std::string& input, int channels, int k, int stride,
                          Activation act, Rng& rng) {
  Node n = layerNode(name, NodeKind::DepthwiseConv2D, input);
  n.kernel_h = n.kernel_w = k;
  n.stride_h = n.stride_w = stride;
  n.activation = act;
  const auto w = rng.normals(static_cast<size_t>(k) * k * channels, std::sqrt(2.0f / static_cast<float>(k * k)));
  const auto b = rng.normals(static_cast<size_t>(channels), 0.1f);
  n.constants = {floatConstant("filter", {1, k, k, channels}, w), floatConstant("bias", {channels}, b)};
  return n;
}

inline Node fullyConnectedNode(const std::string& name, const std::string& input, int features, int units,
                               Activation act, Rng& rng) {
  Node n = layerNode(name, NodeKind::FullyConnected, input);
  n.out_channels = units;
  n.activation = act;
  const auto w = rng.normals(static_cast<size_t>(units) * features, std::sqrt(1.0f / static_cast<float>(features)));
  const auto b = rng.normals(static_cast<size_t>(units), 0.1f);
  n.constants = {floatConstant("filter", {units, features}, w), floatConstant("bias", {units}, b)};
  return n;
}

}  // namespace tinyforge::testing
