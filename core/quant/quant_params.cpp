#include "core/quant/quant_params.h"

#include <algorithm>
#include <cmath>

namespace tinyforge {

kernels::TensorQuantization asymmetricInt8(FloatRange range) {
  constexpr double kQmin = -128.0, kQmax = 127.0;
  const double min = std::min<double>(range.min, 0.0);
  const double max = std::max<double>(range.max, 0.0);
  if (max - min <= 0.0) return {1.0f, 0};
  const double scale = (max - min) / (kQmax - kQmin);
  const double zero_point_from_min = kQmin - min / scale;
  const double zero_point = std::clamp(std::round(zero_point_from_min), kQmin, kQmax);
  return {static_cast<float>(scale), static_cast<int32_t>(zero_point)};
}

Quantization perTensor(kernels::TensorQuantization q) {
  Quantization quant;
  quant.scale = {q.scale};
  quant.zero_point = {q.zero_point};
  return quant;
}

}  // namespace tinyforge
