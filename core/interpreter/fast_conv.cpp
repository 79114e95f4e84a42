#include "core/interpreter/fast_conv.h"

#include <algorithm>
#include <cstring>

#include "core/kernels/fixed_point.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tinyforge {
namespace {

using kernels::Shape4;

// |f| <= 128 and |x + offset| <= 255 (|x| <= 128 after folding), so a window of fewer
// than 2^31 / (128 * 255) points cannot overflow int32 in either order of summation.
constexpr int64_t kMaxWindow = (int64_t{1} << 31) / (128 * 255) - 1;

int roundUp8(int value) { return (value + 7) / 8 * 8; }

inline int8_t requantize(int32_t acc, const kernels::QuantizedMultiplier& m, const kernels::ConvParams& p) {
  const int32_t scaled = kernels::multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift) + p.output_offset;
  return static_cast<int8_t>(kernels::clampToRange(scaled, p.act_min, p.act_max));
}

#if defined(__SSE2__)
inline int32_t horizontalSum(__m128i v) {
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm_cvtsi128_si32(v);
}
#endif

// Dot products of one int16 column with four consecutive filter rows; n is a multiple of 8.
inline void dot4(const int16_t* column, const int16_t* rows, int n, int32_t* out) {
#if defined(__SSE2__)
  __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
  const int16_t* r0 = rows;
  const int16_t* r1 = rows + n;
  const int16_t* r2 = rows + 2 * n;
  const int16_t* r3 = rows + 3 * n;
  for (int k = 0; k < n; k += 8) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + k));
    a0 = _mm_add_epi32(a0, _mm_madd_epi16(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(r0 + k))));
    a1 = _mm_add_epi32(a1, _mm_madd_epi16(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(r1 + k))));
    a2 = _mm_add_epi32(a2, _mm_madd_epi16(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(r2 + k))));
    a3 = _mm_add_epi32(a3, _mm_madd_epi16(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(r3 + k))));
  }
  out[0] = horizontalSum(a0);
  out[1] = horizontalSum(a1);
  out[2] = horizontalSum(a2);
  out[3] = horizontalSum(a3);
#else
  for (int r = 0; r < 4; ++r) {
    int32_t acc = 0;
    const int16_t* row = rows + static_cast<int64_t>(r) * n;
    for (int k = 0; k < n; ++k) acc += static_cast<int32_t>(column[k]) * row[k];
    out[r] = acc;
  }
#endif
}

inline int32_t dot1(const int16_t* column, const int16_t* row, int n) {
  int32_t acc = 0;
  for (int k = 0; k < n; ++k) acc += static_cast<int32_t>(column[k]) * row[k];
  return acc;
}

}  // namespace

bool FastConv2D::applies(const Shape4& input_shape, const Shape4& filter_shape) {
  return input_shape.c == filter_shape.c && int64_t{filter_shape.h} * filter_shape.w * filter_shape.c < kMaxWindow;
}

FastConv2D::FastConv2D(const kernels::PreparedConv& prepared, const Shape4& input_shape, const Shape4& filter_shape,
                       std::span<const int8_t> filter, std::span<const int32_t> bias)
    : params_(prepared.params),
      input_shape_(input_shape),
      filter_shape_(filter_shape),
      output_shape_(prepared.output_shape),
      depth_(filter_shape.h * filter_shape.w * filter_shape.c),
      padded_depth_(roundUp8(depth_)),
      multipliers_(prepared.channel_multipliers) {
  const int channels = filter_shape.n;
  // Whole blocks of 4 rows for dot4; the extra rows are zeros and never stored.
  weights_.assign(static_cast<size_t>((channels + 3) / 4 * 4) * padded_depth_, 0);
  bias_.assign(static_cast<size_t>(channels), 0);
  for (int o = 0; o < channels; ++o) {
    int32_t sum = 0;
    for (int k = 0; k < depth_; ++k) {
      const int8_t f = filter[static_cast<size_t>(o) * depth_ + k];
      weights_[static_cast<size_t>(o) * padded_depth_ + k] = f;
      sum += f;
    }
    bias_[static_cast<size_t>(o)] = (bias.empty() ? 0 : bias[static_cast<size_t>(o)]) + params_.input_offset * sum;
  }
  column_.assign(static_cast<size_t>(padded_depth_), 0);
}

void FastConv2D::run(const int8_t* input, int8_t* output) {
  const int in_h = input_shape_.h, in_w = input_shape_.w, in_c = input_shape_.c;
  const int f_h = filter_shape_.h, f_w = filter_shape_.w;
  const int channels = output_shape_.c;
  // The padding value: the input zero point, whose real value is 0.
  const auto pad_value = static_cast<int16_t>(-params_.input_offset);
  int16_t* column = column_.data();
  const bool pointwise = f_h == 1 && f_w == 1 && params_.stride_height == 1 && params_.stride_width == 1 &&
                         params_.pad_height == 0 && params_.pad_width == 0;
  int32_t acc[4];
  for (int b = 0; b < output_shape_.n; ++b) {
    const int8_t* image = input + static_cast<int64_t>(b) * in_h * in_w * in_c;
    for (int oy = 0; oy < output_shape_.h; ++oy) {
      const int y0 = oy * params_.stride_height - params_.pad_height;
      for (int ox = 0; ox < output_shape_.w; ++ox) {
        const int x0 = ox * params_.stride_width - params_.pad_width;
        if (pointwise) {
          const int8_t* pixel = image + (static_cast<int64_t>(oy) * in_w + ox) * in_c;
          for (int c = 0; c < in_c; ++c) column[c] = pixel[c];
        } else {
          int16_t* dst = column;
          for (int fy = 0; fy < f_h; ++fy) {
            const int y = y0 + fy * params_.dilation_height;
            for (int fx = 0; fx < f_w; ++fx, dst += in_c) {
              const int x = x0 + fx * params_.dilation_width;
              if (y < 0 || y >= in_h || x < 0 || x >= in_w) {
                std::fill(dst, dst + in_c, pad_value);
                continue;
              }
              const int8_t* pixel = image + (static_cast<int64_t>(y) * in_w + x) * in_c;
              for (int c = 0; c < in_c; ++c) dst[c] = pixel[c];
            }
          }
        }
        int8_t* out = output + ((static_cast<int64_t>(b) * output_shape_.h + oy) * output_shape_.w + ox) * channels;
        int o = 0;
        for (; o + 4 <= channels; o += 4) {
          dot4(column, weights_.data() + static_cast<size_t>(o) * padded_depth_, padded_depth_, acc);
          for (int r = 0; r < 4; ++r)
            out[o + r] = requantize(acc[r] + bias_[static_cast<size_t>(o + r)],
                                    multipliers_[static_cast<size_t>(o + r)], params_);
        }
        for (; o < channels; ++o)
          out[o] = requantize(dot1(column, weights_.data() + static_cast<size_t>(o) * padded_depth_, padded_depth_) +
                                  bias_[static_cast<size_t>(o)],
                              multipliers_[static_cast<size_t>(o)], params_);
      }
    }
  }
}

bool FastDepthwiseConv2D::applies(const Shape4& input_shape, const Shape4& filter_shape) {
  return filter_shape.c == input_shape.c && int64_t{filter_shape.h} * filter_shape.w < kMaxWindow;
}

FastDepthwiseConv2D::FastDepthwiseConv2D(const kernels::PreparedConv& prepared, const Shape4& input_shape,
                                         const Shape4& filter_shape, std::span<const int8_t> filter,
                                         std::span<const int32_t> bias)
    : params_(prepared.params),
      input_shape_(input_shape),
      filter_shape_(filter_shape),
      output_shape_(prepared.output_shape),
      weights_(filter.begin(), filter.end()),
      bias_(bias.begin(), bias.end()),
      multipliers_(prepared.channel_multipliers),
      accumulators_(static_cast<size_t>(filter_shape.c), 0) {
  if (bias_.empty()) bias_.assign(static_cast<size_t>(filter_shape.c), 0);
}

void FastDepthwiseConv2D::run(const int8_t* input, int8_t* output) {
  const int in_h = input_shape_.h, in_w = input_shape_.w, channels = input_shape_.c;
  const int f_h = filter_shape_.h, f_w = filter_shape_.w;
  const int32_t offset = params_.input_offset;
  int32_t* acc = accumulators_.data();
  for (int b = 0; b < output_shape_.n; ++b) {
    const int8_t* image = input + static_cast<int64_t>(b) * in_h * in_w * channels;
    for (int oy = 0; oy < output_shape_.h; ++oy) {
      const int y0 = oy * params_.stride_height - params_.pad_height;
      for (int ox = 0; ox < output_shape_.w; ++ox) {
        const int x0 = ox * params_.stride_width - params_.pad_width;
        std::memcpy(acc, bias_.data(), sizeof(int32_t) * static_cast<size_t>(channels));
        // Points outside the input add nothing (the reference skips them).
        for (int fy = 0; fy < f_h; ++fy) {
          const int y = y0 + fy * params_.dilation_height;
          if (y < 0 || y >= in_h) continue;
          for (int fx = 0; fx < f_w; ++fx) {
            const int x = x0 + fx * params_.dilation_width;
            if (x < 0 || x >= in_w) continue;
            const int8_t* pixel = image + (static_cast<int64_t>(y) * in_w + x) * channels;
            const int32_t* w = weights_.data() + (static_cast<int64_t>(fy) * f_w + fx) * channels;
            for (int c = 0; c < channels; ++c) acc[c] += w[c] * (static_cast<int32_t>(pixel[c]) + offset);
          }
        }
        int8_t* out = output + ((static_cast<int64_t>(b) * output_shape_.h + oy) * output_shape_.w + ox) * channels;
        for (int c = 0; c < channels; ++c) out[c] = requantize(acc[c], multipliers_[static_cast<size_t>(c)], params_);
      }
    }
  }
}

}  // namespace tinyforge
