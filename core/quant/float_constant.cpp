#include "core/quant/float_constant.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/graph/shape_inference.h"

namespace tinyforge {

ConstTensor floatConstant(std::string role, std::vector<int32_t> shape, std::span<const float> values) {
  if (elementsOf(shape) != static_cast<int64_t>(values.size()))
    throw std::invalid_argument("float constant '" + role + "': " + std::to_string(values.size()) +
                                " values for a shape of " + std::to_string(elementsOf(shape)) + " elements");
  ConstTensor constant;
  constant.role = std::move(role);
  constant.type = DataType::Float32;
  constant.shape = std::move(shape);
  constant.data.resize(values.size() * sizeof(float));
  if (!values.empty()) std::memcpy(constant.data.data(), values.data(), constant.data.size());
  return constant;
}

std::vector<float> floatValues(const ConstTensor& constant, const std::string& layer) {
  if (constant.type != DataType::Float32)
    throw GraphError(layer, "constant '" + constant.role + "' is " + toString(constant.type) +
                                ", a float model needs float32 weights");
  const int64_t elements = elementsOf(constant.shape);
  if (constant.data.empty() && elements > 0)
    throw GraphError(layer, "constant '" + constant.role + "' has no data (missing float weights)");
  if (static_cast<int64_t>(constant.data.size()) != elements * 4)
    throw GraphError(layer, "constant '" + constant.role + "' holds " + std::to_string(constant.data.size()) +
                                " bytes, its shape needs " + std::to_string(elements * 4));
  std::vector<float> values(static_cast<size_t>(elements));
  if (elements > 0) std::memcpy(values.data(), constant.data.data(), constant.data.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]))
      throw GraphError(layer, "constant '" + constant.role + "' has a " + (std::isnan(values[i]) ? "NaN" : "infinite") +
                                  " value at element " + std::to_string(i));
  }
  return values;
}

const ConstTensor* findConstant(const Node& node, const std::string& role) {
  for (const auto& constant : node.constants)
    if (constant.role == role) return &constant;
  return nullptr;
}

}  // namespace tinyforge
