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
      requantizer_(prepared.channel_multipliers, prepared.params.output_offset, prepared.params.act_min,
                   prepared.params.act_max) {
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
  accumulators_.assign(static_cast<size_t>((channels + 3) / 4 * 4), 0);
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
        int32_t* acc = accumulators_.data();
        int o = 0;
        for (; o + 4 <= channels; o += 4) {
          dot4(column, weights_.data() + static_cast<size_t>(o) * padded_depth_, padded_depth_, acc + o);
          for (int r = 0; r < 4; ++r) acc[o + r] += bias_[static_cast<size_t>(o + r)];
        }
        for (; o < channels; ++o)
          acc[o] = dot1(column, weights_.data() + static_cast<size_t>(o) * padded_depth_, padded_depth_) +
                   bias_[static_cast<size_t>(o)];
        requantizer_.run(acc, out);
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
      padded_channels_(roundUp8(filter_shape.c)),
      requantizer_(prepared.channel_multipliers, prepared.params.output_offset, prepared.params.act_min,
                   prepared.params.act_max) {
  const int channels = filter_shape.c;
  const int points = filter_shape.h * filter_shape.w;
  weights_.assign(static_cast<size_t>(points) * padded_channels_, 0);
  for (int p = 0; p < points; ++p)
    for (int c = 0; c < channels; ++c)
      weights_[static_cast<size_t>(p) * padded_channels_ + c] = filter[static_cast<size_t>(p) * channels + c];
  bias_.assign(static_cast<size_t>(padded_channels_), 0);
  for (size_t c = 0; c < bias.size(); ++c) bias_[c] = bias[c];
  accumulators_.assign(static_cast<size_t>(padded_channels_), 0);
}

void FastDepthwiseConv2D::run(const int8_t* input, int8_t* output) {
  const int in_h = input_shape_.h, in_w = input_shape_.w, channels = input_shape_.c;
  const int f_h = filter_shape_.h, f_w = filter_shape_.w;
  const int dh = params_.dilation_height, dw = params_.dilation_width;
  const int32_t offset = params_.input_offset;
  const int cp = padded_channels_;
  int32_t* acc = accumulators_.data();
  // Channels handled 8 at a time with SIMD; the rest one by one.
#if defined(__SSE2__)
  const int vector_channels = channels / 8 * 8;
  const __m128i offset16 = _mm_set1_epi16(static_cast<int16_t>(offset));
#else
  const int vector_channels = 0;
#endif
  for (int b = 0; b < output_shape_.n; ++b) {
    const int8_t* image = input + static_cast<int64_t>(b) * in_h * in_w * channels;
    for (int oy = 0; oy < output_shape_.h; ++oy) {
      const int y0 = oy * params_.stride_height - params_.pad_height;
      // Window rows inside the input (the reference skips the others: they add nothing).
      int fy_begin = 0, fy_end = f_h;
      while (fy_begin < f_h && y0 + fy_begin * dh < 0) ++fy_begin;
      while (fy_end > fy_begin && y0 + (fy_end - 1) * dh >= in_h) --fy_end;
      for (int ox = 0; ox < output_shape_.w; ++ox) {
        const int x0 = ox * params_.stride_width - params_.pad_width;
        int fx_begin = 0, fx_end = f_w;
        while (fx_begin < f_w && x0 + fx_begin * dw < 0) ++fx_begin;
        while (fx_end > fx_begin && x0 + (fx_end - 1) * dw >= in_w) --fx_end;
        std::memcpy(acc, bias_.data(), sizeof(int32_t) * static_cast<size_t>(cp));
        for (int fy = fy_begin; fy < fy_end; ++fy) {
          const int8_t* row = image + static_cast<int64_t>(y0 + fy * dh) * in_w * channels;
          for (int fx = fx_begin; fx < fx_end; ++fx) {
            const int8_t* pixel = row + static_cast<int64_t>(x0 + fx * dw) * channels;
            const int16_t* w = weights_.data() + (static_cast<int64_t>(fy) * f_w + fx) * cp;
            int c = 0;
#if defined(__SSE2__)
            for (; c < vector_channels; c += 8) {
              // x + offset is within [-255, 255] and w within [-128, 127]: the 16 x 16-bit
              // products are exact in 32 bits, assembled from their low and high halves.
              const __m128i raw = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(pixel + c));
              const __m128i x = _mm_add_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(raw, raw), 8), offset16);
              const __m128i wv = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + c));
              const __m128i lo = _mm_mullo_epi16(x, wv);
              const __m128i hi = _mm_mulhi_epi16(x, wv);
              __m128i* a = reinterpret_cast<__m128i*>(acc + c);
              _mm_storeu_si128(a, _mm_add_epi32(_mm_loadu_si128(a), _mm_unpacklo_epi16(lo, hi)));
              _mm_storeu_si128(a + 1, _mm_add_epi32(_mm_loadu_si128(a + 1), _mm_unpackhi_epi16(lo, hi)));
            }
#endif
            for (; c < channels; ++c) acc[c] += static_cast<int32_t>(w[c]) * (static_cast<int32_t>(pixel[c]) + offset);
          }
        }
        int8_t* out = output + ((static_cast<int64_t>(b) * output_shape_.h + oy) * output_shape_.w + ox) * channels;
        requantizer_.run(acc, out);
      }
    }
  }
}

}  // namespace tinyforge
