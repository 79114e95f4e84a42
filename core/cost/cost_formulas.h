#pragma once
// Layer cost formulas, written once as templates over the number type so that the
// estimator uses them with plain integers and the DNAS uses them with tensors of
// expected channel counts (at a one-hot choice both give the same figure).
//
// Conventions (MicroNets): one multiply-accumulate (MAC) = 2 ops. The sums of an average
// pool count as MACs, which reproduces the paper's MicroNet-AD op counts exactly.

namespace tinyforge::cost {

// Conv2D: every output element is a kh*kw*cin dot product.
template <typename T>
T convMacs(const T& in_channels, const T& out_channels, int kernel_h, int kernel_w, int out_h, int out_w) {
  return in_channels * out_channels * (static_cast<double>(kernel_h) * kernel_w) * (static_cast<double>(out_h) * out_w);
}

// DepthwiseConv2D: every output channel sees one input channel.
template <typename T>
T depthwiseMacs(const T& out_channels, int kernel_h, int kernel_w, int out_h, int out_w) {
  return out_channels * (static_cast<double>(kernel_h) * kernel_w) * (static_cast<double>(out_h) * out_w);
}

template <typename T>
T fullyConnectedMacs(const T& in_features, const T& units) {
  return in_features * units;
}

// Average pooling sums kh*kw inputs per output element.
template <typename T>
T poolMacs(const T& channels, int kernel_h, int kernel_w, int out_h, int out_w) {
  return channels * (static_cast<double>(kernel_h) * kernel_w) * (static_cast<double>(out_h) * out_w);
}

template <typename T>
T convParams(const T& in_channels, const T& out_channels, int kernel_h, int kernel_w) {
  return in_channels * out_channels * (static_cast<double>(kernel_h) * kernel_w);
}

template <typename T>
T depthwiseParams(const T& out_channels, int kernel_h, int kernel_w) {
  return out_channels * (static_cast<double>(kernel_h) * kernel_w);
}

// A feature map's bytes: h*w*channels elements of `bytes_per_element`.
template <typename T>
T featureMapBytes(const T& channels, int h, int w, double bytes_per_element) {
  return channels * (static_cast<double>(h) * w * bytes_per_element);
}

}  // namespace tinyforge::cost
