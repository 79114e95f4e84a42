#pragma once
// Float32 constants of a float graph (the quantizer's input). A float graph stores its
// weights as TFLite's float models do: raw little-endian IEEE-754 float32 bytes in
// ConstTensor::data, DataType::Float32, in TFLite's layouts (Conv2D filter OHWI
// [cout,kh,kw,cin], DepthwiseConv2D [1,kh,kw,cout], FullyConnected [units,features],
// bias [cout]).

#include <span>
#include <string>
#include <vector>

#include "core/graph/graph.h"

namespace tinyforge {

// A ConstTensor of role `role` holding `values` as float32 (shape's element count must
// equal values.size(); std::invalid_argument otherwise).
ConstTensor floatConstant(std::string role, std::vector<int32_t> shape, std::span<const float> values);

// The float values of a Float32 constant. Throws GraphError naming `layer` when the
// constant is not Float32, its byte count does not match its shape, or a value is NaN
// or infinite.
std::vector<float> floatValues(const ConstTensor& constant, const std::string& layer);

// The node's first constant with this role, or null.
const ConstTensor* findConstant(const Node& node, const std::string& role);

}  // namespace tinyforge
