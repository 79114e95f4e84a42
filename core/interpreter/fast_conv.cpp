#include "core/interpreter/fast_conv.h"

#include <algorithm>
#include <cstring>

#include "core/kernels/fixed_point.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TINYFORGE_AVX2_DISPATCH 1
#include <immintrin.h>
#endif

namespace tinyforge {
namespace {

using kernels::Shape4;

// |f| <= 128 and |x + offset| <= 255 (|x| <= 128 after folding), so a window of fewer
// than 2^31 / (128 * 255) points cannot overflow int32 in either order of summation.
constexpr int64_t kMaxWindow = (int64_t{1} << 31) / (128 * 255) - 1;

int roundUp8(int value) { return (value + 7) / 8 * 8; }
int roundUp16(int value) { return (value + 15) / 16 * 16; }


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

#if TINYFORGE_AVX2_DISPATCH
__attribute__((target("avx2"), always_inline)) inline int32_t horizontalSumAvx2(__m256i v) {
  const __m128i half = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i quarter = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(1, 0, 3, 2)));
  return _mm_cvtsi128_si32(_mm_add_epi32(quarter, _mm_shuffle_epi32(quarter, _MM_SHUFFLE(2, 3, 0, 1))));
}

// Two columns (two output pixels) dotted with four filter rows; n is a multiple of 16.
__attribute__((target("avx2"))) void dot4x2Avx2(const int16_t* column0, const int16_t* column1, const int16_t* rows,
                                                int n, int32_t* out0, int32_t* out1) {
  // Eight named accumulators so that they stay in registers.
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  const int16_t* r0 = rows;
  const int16_t* r1 = rows + n;
  const int16_t* r2 = rows + 2 * static_cast<int64_t>(n);
  const int16_t* r3 = rows + 3 * static_cast<int64_t>(n);
  for (int k = 0; k < n; k += 16) {
    const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(column0 + k));
    const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(column1 + k));
    __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r0 + k));
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(x0, w));
    b0 = _mm256_add_epi32(b0, _mm256_madd_epi16(x1, w));
    w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r1 + k));
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(x0, w));
    b1 = _mm256_add_epi32(b1, _mm256_madd_epi16(x1, w));
    w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r2 + k));
    a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(x0, w));
    b2 = _mm256_add_epi32(b2, _mm256_madd_epi16(x1, w));
    w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r3 + k));
    a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(x0, w));
    b3 = _mm256_add_epi32(b3, _mm256_madd_epi16(x1, w));
  }
  out0[0] = horizontalSumAvx2(a0);
  out0[1] = horizontalSumAvx2(a1);
  out0[2] = horizontalSumAvx2(a2);
  out0[3] = horizontalSumAvx2(a3);
  out1[0] = horizontalSumAvx2(b0);
  out1[1] = horizontalSumAvx2(b1);
  out1[2] = horizontalSumAvx2(b2);
  out1[3] = horizontalSumAvx2(b3);
}
#endif

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
      padded_depth_(roundUp16(depth_)),
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
  column_.assign(2 * static_cast<size_t>(padded_depth_), 0);
  accumulators_.assign(2 * static_cast<size_t>((channels + 7) / 8 * 8), 0);
#if TINYFORGE_AVX2_DISPATCH
  avx2_ = __builtin_cpu_supports("avx2");
#endif
}

void FastConv2D::gather(const int8_t* input, int64_t pixel, int16_t* column) const {
  const int in_h = input_shape_.h, in_w = input_shape_.w, in_c = input_shape_.c;
  const int64_t per_image = int64_t{output_shape_.h} * output_shape_.w;
  const int b = static_cast<int>(pixel / per_image);
  const int oy = static_cast<int>(pixel % per_image / output_shape_.w);
  const int ox = static_cast<int>(pixel % output_shape_.w);
  const int8_t* image = input + static_cast<int64_t>(b) * in_h * in_w * in_c;
  const int y0 = oy * params_.stride_height - params_.pad_height;
  const int x0 = ox * params_.stride_width - params_.pad_width;
  // The padding value: the input zero point, whose real value is 0.
  const auto pad_value = static_cast<int16_t>(-params_.input_offset);
  int16_t* dst = column;
  for (int fy = 0; fy < filter_shape_.h; ++fy) {
    const int y = y0 + fy * params_.dilation_height;
    for (int fx = 0; fx < filter_shape_.w; ++fx, dst += in_c) {
      const int x = x0 + fx * params_.dilation_width;
      if (y < 0 || y >= in_h || x < 0 || x >= in_w) {
        std::fill(dst, dst + in_c, pad_value);
        continue;
      }
      const int8_t* source = image + (static_cast<int64_t>(y) * in_w + x) * in_c;
      for (int c = 0; c < in_c; ++c) dst[c] = source[c];
    }
  }
}

void FastConv2D::run(const int8_t* input, int8_t* output) {
  const int channels = output_shape_.c;
  const int64_t pixels = int64_t{output_shape_.n} * output_shape_.h * output_shape_.w;
  const int16_t* weights = weights_.data();
  const int n = padded_depth_;
  int16_t* column0 = column_.data();
  int16_t* column1 = column_.data() + n;
  int32_t* acc0 = accumulators_.data();
  int32_t* acc1 = accumulators_.data() + accumulators_.size() / 2;
  int64_t p = 0;
#if TINYFORGE_AVX2_DISPATCH
  if (avx2_) {
    // Two pixels per pass over the filter: each row loaded once serves both.
    for (; p + 2 <= pixels; p += 2) {
      gather(input, p, column0);
      gather(input, p + 1, column1);
      int o = 0;
      for (; o + 4 <= channels; o += 4)
        dot4x2Avx2(column0, column1, weights + static_cast<size_t>(o) * n, n, acc0 + o, acc1 + o);
      for (; o < channels; ++o) {
        acc0[o] = dot1(column0, weights + static_cast<size_t>(o) * n, n);
        acc1[o] = dot1(column1, weights + static_cast<size_t>(o) * n, n);
      }
      for (int c = 0; c < channels; ++c) {
        acc0[c] += bias_[static_cast<size_t>(c)];
        acc1[c] += bias_[static_cast<size_t>(c)];
      }
      requantizer_.run(acc0, output + p * channels);
      requantizer_.run(acc1, output + (p + 1) * channels);
    }
  }
#endif
  for (; p < pixels; ++p) {
    gather(input, p, column0);
    int o = 0;
    for (; o + 4 <= channels; o += 4) dot4(column0, weights + static_cast<size_t>(o) * n, n, acc0 + o);
    for (; o < channels; ++o) acc0[o] = dot1(column0, weights + static_cast<size_t>(o) * n, n);
    for (int c = 0; c < channels; ++c) acc0[c] += bias_[static_cast<size_t>(c)];
    requantizer_.run(acc0, output + p * channels);
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
