#include "tfc_conv2d.h"

#if TFC_HAVE_X86_PATH

#include <string.h>

#include "tfc_x86_simd.h"

/* The x86 path works on four output pixels at a time. Their windows ("columns") go to
 * scratch as int16 with the input offset added and zeros where a window leaves the input
 * (adding 0 is the same as skipping the point), zero-padded to a multiple of 16 values.
 * Filter rows stay int8 in the op's filter and are sign-extended 16 at a time as they are
 * read; the last (depth % 16) weights of every row, which a 16-byte read would overrun,
 * are staged once per call as 16 int16 (zeros after them). PMADDWD multiplies int16 pairs
 * and adds each pair into an int32 lane: |f * (x + offset)| <= 128 * 255, so a pair's sum
 * is exact, and the lane sums are the plain path's products added in another order
 * (windows are limited to TFC_X86_MAX_WINDOW values, so no order overflows).
 * Inner step: 2 output channels x 4 pixels, 8 accumulators. The accumulators of one
 * group's channels then go through one requantization pass per pixel, 8 channels per
 * AVX2 step. A last tile of fewer than 4 pixels runs pixel by pixel. */

#define TILE 4 /* output pixels per tile; the scratch formula's 4 */

typedef struct {
  int32_t depth;      /* values per window: filter h * w * c */
  int32_t depth16;    /* rounded up to 16: the column length */
  int32_t chunks;     /* whole 16-value chunks read from the filter rows */
  int32_t channels;   /* output channels per group */
  int32_t acc_stride; /* channels + 1 (an odd last channel computes a twin) rounded up to 8 */
  int16_t* columns;   /* TILE columns of depth16 */
  int32_t* acc;       /* TILE rows of acc_stride */
  int16_t* tails;     /* 16 per output channel, or NULL when depth % 16 == 0 */
} conv_layout;

/* n int8 values plus offset to int16: 8 at a time, then 4, then one by one (no read past
 * the n values). */
static void widen_run(const int8_t* in, int32_t n, int32_t input_offset, __m128i offset, int16_t* out) {
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) _mm_storeu_si128((__m128i*)(void*)(out + i), tfc_x86_widen8_sse2(in + i, offset));
  if (i + 4 <= n) {
    int32_t word;
    __m128i bytes;
    memcpy(&word, in + i, 4);
    bytes = _mm_cvtsi32_si128(word);
    _mm_storel_epi64((__m128i*)(void*)(out + i),
                     _mm_add_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(bytes, bytes), 8), offset));
    i += 4;
  }
  for (; i < n; ++i) out[i] = (int16_t)(in[i] + input_offset);
}

/* The window of the output pixel at (out_y, out_x), input channels [c0, c0 + f_c). Where
 * the window lies inside the input along the width, without dilation and groups, each of
 * its rows is one run of f_w * f_c input bytes. */
static void gather_column(const tfc_conv2d_op* op, const int8_t* batch_in, int32_t out_y, int32_t out_x, int32_t c0,
                          int16_t* column, int32_t depth16) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t f_c = op->filter_shape.c;
  const int32_t in_y_origin = out_y * p->stride_h - p->pad_h;
  const int32_t in_x_origin = out_x * p->stride_w - p->pad_w;
  const int rows_are_runs = p->dilation_w == 1 && f_c == in_c && in_x_origin >= 0 && in_x_origin + f_w <= in_w;
  const __m128i offset = _mm_set1_epi16((int16_t)p->input_offset);
  int16_t* out = column;
  int32_t fy, fx, i;
  for (fy = 0; fy < f_h; ++fy) {
    const int32_t in_y = in_y_origin + p->dilation_h * fy;
    if (in_y < 0 || in_y >= in_h) {
      memset(out, 0, (size_t)f_w * f_c * sizeof(int16_t));
      out += f_w * f_c;
    } else if (rows_are_runs) {
      widen_run(batch_in + ((size_t)in_y * in_w + (size_t)in_x_origin) * in_c, f_w * f_c, p->input_offset, offset,
                out);
      out += f_w * f_c;
    } else {
      for (fx = 0; fx < f_w; ++fx, out += f_c) {
        const int32_t in_x = in_x_origin + p->dilation_w * fx;
        if (in_x < 0 || in_x >= in_w) {
          memset(out, 0, (size_t)f_c * sizeof(int16_t));
        } else {
          widen_run(batch_in + ((size_t)in_y * in_w + (size_t)in_x) * in_c + c0, f_c, p->input_offset, offset, out);
        }
      }
    }
  }
  for (i = (int32_t)(out - column); i < depth16; ++i) column[i] = 0;
}

/* Sums of 4 vectors' lanes: {sum a, sum b, sum c, sum d}. */
TFC_ALWAYS_INLINE static inline __m128i sum4_sse2(__m128i a, __m128i b, __m128i c, __m128i d) {
  const __m128i ab = _mm_add_epi32(_mm_unpacklo_epi32(a, b), _mm_unpackhi_epi32(a, b));
  const __m128i cd = _mm_add_epi32(_mm_unpacklo_epi32(c, d), _mm_unpackhi_epi32(c, d));
  return _mm_add_epi32(_mm_unpacklo_epi64(ab, cd), _mm_unpackhi_epi64(ab, cd));
}

/* acc[k * stride + oc] and [.. + oc + 1] of pixels k, k + 1 from {a_k, b_k, a_k+1, b_k+1}. */
TFC_ALWAYS_INLINE static inline void store_pair_rows(int32_t* acc, int32_t stride, __m128i sums) {
  _mm_storel_epi64((__m128i*)(void*)acc, sums);
  _mm_storel_epi64((__m128i*)(void*)(acc + stride), _mm_unpackhi_epi64(sums, sums));
}

/* 16 int8 weights as two vectors of 8 int16 (SSE2 has no PMOVSXBW). */
TFC_ALWAYS_INLINE static inline void widen16_sse2(const int8_t* p, __m128i* lo, __m128i* hi) {
  const __m128i bytes = _mm_loadu_si128((const __m128i*)(const void*)p);
  *lo = _mm_srai_epi16(_mm_unpacklo_epi8(bytes, bytes), 8);
  *hi = _mm_srai_epi16(_mm_unpackhi_epi8(bytes, bytes), 8);
}

#define LOAD128(p) _mm_loadu_si128((const __m128i*)(const void*)(p))
#define LOAD256(p) _mm256_loadu_si256((const __m256i*)(const void*)(p))

/* The accumulators of a tile: `pixels` (TILE or 1) columns against every channel of
 * the group. filter: the group's first row; tails: its first staged tail or NULL. */
static void dot_tile_sse2(const conv_layout* l, const int8_t* filter, const int16_t* tails, int32_t pixels) {
  const int16_t* c0 = l->columns;
  const int16_t* c1 = c0 + l->depth16;
  const int16_t* c2 = c1 + l->depth16;
  const int16_t* c3 = c2 + l->depth16;
  int32_t oc, k;
  for (oc = 0; oc < l->channels; oc += 2) {
    const int32_t twin = oc + 1 < l->channels ? 1 : 0;
    const int8_t* fa = filter + (size_t)oc * l->depth;
    const int8_t* fb = fa + (twin ? l->depth : 0);
    __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    for (k = 0; k <= l->chunks; ++k) {
      __m128i wa_lo, wa_hi, wb_lo, wb_hi, x;
      const int32_t at = 16 * k;
      if (k < l->chunks) {
        widen16_sse2(fa + at, &wa_lo, &wa_hi);
        widen16_sse2(fb + at, &wb_lo, &wb_hi);
      } else if (tails) {
        wa_lo = LOAD128(tails + 16 * oc);
        wa_hi = LOAD128(tails + 16 * oc + 8);
        wb_lo = LOAD128(tails + 16 * (oc + twin));
        wb_hi = LOAD128(tails + 16 * (oc + twin) + 8);
      } else {
        break;
      }
      x = LOAD128(c0 + at);
      a0 = _mm_add_epi32(a0, _mm_madd_epi16(x, wa_lo));
      b0 = _mm_add_epi32(b0, _mm_madd_epi16(x, wb_lo));
      x = LOAD128(c0 + at + 8);
      a0 = _mm_add_epi32(a0, _mm_madd_epi16(x, wa_hi));
      b0 = _mm_add_epi32(b0, _mm_madd_epi16(x, wb_hi));
      if (pixels == 1) continue;
      x = LOAD128(c1 + at);
      a1 = _mm_add_epi32(a1, _mm_madd_epi16(x, wa_lo));
      b1 = _mm_add_epi32(b1, _mm_madd_epi16(x, wb_lo));
      x = LOAD128(c1 + at + 8);
      a1 = _mm_add_epi32(a1, _mm_madd_epi16(x, wa_hi));
      b1 = _mm_add_epi32(b1, _mm_madd_epi16(x, wb_hi));
      x = LOAD128(c2 + at);
      a2 = _mm_add_epi32(a2, _mm_madd_epi16(x, wa_lo));
      b2 = _mm_add_epi32(b2, _mm_madd_epi16(x, wb_lo));
      x = LOAD128(c2 + at + 8);
      a2 = _mm_add_epi32(a2, _mm_madd_epi16(x, wa_hi));
      b2 = _mm_add_epi32(b2, _mm_madd_epi16(x, wb_hi));
      x = LOAD128(c3 + at);
      a3 = _mm_add_epi32(a3, _mm_madd_epi16(x, wa_lo));
      b3 = _mm_add_epi32(b3, _mm_madd_epi16(x, wb_lo));
      x = LOAD128(c3 + at + 8);
      a3 = _mm_add_epi32(a3, _mm_madd_epi16(x, wa_hi));
      b3 = _mm_add_epi32(b3, _mm_madd_epi16(x, wb_hi));
    }
    store_pair_rows(l->acc + oc, l->acc_stride, sum4_sse2(a0, b0, a1, b1));
    if (pixels > 1) store_pair_rows(l->acc + 2 * l->acc_stride + oc, l->acc_stride, sum4_sse2(a2, b2, a3, b3));
  }
}

/* One 16-value step of the 2 x 4 tile: weights wa, wb against the columns at `at`. */
#define STEP_4X2_AVX2(wa, wb, at)                                 \
  do {                                                           \
    __m256i x_ = LOAD256(c0 + (at));                             \
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(x_, (wa)));      \
    b0 = _mm256_add_epi32(b0, _mm256_madd_epi16(x_, (wb)));      \
    x_ = LOAD256(c1 + (at));                                     \
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(x_, (wa)));      \
    b1 = _mm256_add_epi32(b1, _mm256_madd_epi16(x_, (wb)));      \
    x_ = LOAD256(c2 + (at));                                     \
    a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(x_, (wa)));      \
    b2 = _mm256_add_epi32(b2, _mm256_madd_epi16(x_, (wb)));      \
    x_ = LOAD256(c3 + (at));                                     \
    a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(x_, (wa)));      \
    b3 = _mm256_add_epi32(b3, _mm256_madd_epi16(x_, (wb)));      \
  } while (0)

/* The same with 16 values per step: PMOVSXBW widens the weights in one instruction. The
 * whole chunks and the staged tail are separate loops: one loop choosing between them
 * makes GCC copy the accumulators between registers every step. */
TFC_AVX2 static void dot_tile_avx2(const conv_layout* l, const int8_t* filter, const int16_t* tails,
                                   int32_t pixels) {
  const int16_t* c0 = l->columns;
  const int16_t* c1 = c0 + l->depth16;
  const int16_t* c2 = c1 + l->depth16;
  const int16_t* c3 = c2 + l->depth16;
  const int32_t tail_at = 16 * l->chunks;
  int32_t oc, at;
  for (oc = 0; oc < l->channels; oc += 2) {
    const int32_t twin = oc + 1 < l->channels ? 1 : 0;
    const int8_t* fa = filter + (size_t)oc * l->depth;
    const int8_t* fb = fa + (twin ? l->depth : 0);
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    if (pixels == TILE) {
      for (at = 0; at < tail_at; at += 16) {
        const __m256i wa = _mm256_cvtepi8_epi16(LOAD128(fa + at));
        const __m256i wb = _mm256_cvtepi8_epi16(LOAD128(fb + at));
        STEP_4X2_AVX2(wa, wb, at);
      }
      if (tails) STEP_4X2_AVX2(LOAD256(tails + 16 * oc), LOAD256(tails + 16 * (oc + twin)), tail_at);
    } else {
      for (at = 0; at < tail_at; at += 16) {
        const __m256i x = LOAD256(c0 + at);
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(LOAD128(fa + at))));
        b0 = _mm256_add_epi32(b0, _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(LOAD128(fb + at))));
      }
      if (tails) {
        const __m256i x = LOAD256(c0 + tail_at);
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(x, LOAD256(tails + 16 * oc)));
        b0 = _mm256_add_epi32(b0, _mm256_madd_epi16(x, LOAD256(tails + 16 * (oc + twin))));
      }
    }
    {
      /* Horizontal sums of the 8 accumulators: {a0, b0, a1, b1} and {a2, b2, a3, b3}. */
      const __m256i p01 = _mm256_hadd_epi32(_mm256_hadd_epi32(a0, b0), _mm256_hadd_epi32(a1, b1));
      const __m256i p23 = _mm256_hadd_epi32(_mm256_hadd_epi32(a2, b2), _mm256_hadd_epi32(a3, b3));
      store_pair_rows(l->acc + oc, l->acc_stride,
                      _mm_add_epi32(_mm256_castsi256_si128(p01), _mm256_extracti128_si256(p01, 1)));
      if (pixels > 1) {
        store_pair_rows(l->acc + 2 * l->acc_stride + oc, l->acc_stride,
                        _mm_add_epi32(_mm256_castsi256_si128(p23), _mm256_extracti128_si256(p23, 1)));
      }
    }
  }
}

/* Bias and requantization of `count` channels of one output pixel, one by one. */
static void requantize_scalar(const int32_t* acc, int32_t count, const int32_t* bias, const tfc_requant* requant,
                              const tfc_conv_params* p, int8_t* out) {
  int32_t c;
  for (c = 0; c < count; ++c) {
    out[c] = tfc_requantize_to_s8(acc[c] + (bias ? bias[c] : 0), requant[c].multiplier, requant[c].shift,
                                  p->output_offset, p->act_min, p->act_max);
  }
}

/* Bias and requantization of the tile's `pixels` rows of accumulators, 8 channels per
 * step where their multipliers are in the fast form. */
TFC_AVX2 static void requantize_tile_avx2(const conv_layout* l, int32_t pixels, const int32_t* bias,
                                          const tfc_requant* requant, const tfc_conv_params* p, int8_t* const* out) {
  const __m256i offset = _mm256_set1_epi32(p->output_offset);
  const __m256i act_min = _mm256_set1_epi32(p->act_min);
  const __m256i act_max = _mm256_set1_epi32(p->act_max);
  int32_t c = 0, k;
  for (; c + 8 <= l->channels; c += 8) {
    __m256i multiplier, shift;
    tfc_x86_requant8 q;
    const __m256i b = bias ? LOAD256(bias + c) : _mm256_setzero_si256();
    tfc_x86_load_requant8(requant + c, &multiplier, &shift);
    if (tfc_x86_requant8_make(multiplier, shift, &q)) {
      for (k = 0; k < pixels; ++k) {
        const __m256i acc = _mm256_add_epi32(LOAD256(l->acc + k * l->acc_stride + c), b);
        tfc_x86_store8_avx2(out[k] + c, tfc_x86_requant8_apply(acc, &q, offset, act_min, act_max));
      }
    } else {
      for (k = 0; k < pixels; ++k)
        requantize_scalar(l->acc + k * l->acc_stride + c, 8, bias ? bias + c : NULL, requant + c, p, out[k] + c);
    }
  }
  if (c < l->channels) {
    /* The last channels as 8 lanes: constants copied out (lanes past the channels take the
     * fast form's multiplier 0, shift -1), accumulators read within the row's padding,
     * only the channels' bytes stored. */
    const int32_t n = l->channels - c;
    int32_t lane_multiplier[8], lane_shift[8], lane_bias[8];
    tfc_x86_requant8 q;
    int i;
    for (i = 0; i < 8; ++i) {
      lane_multiplier[i] = i < n ? requant[c + i].multiplier : 0;
      lane_shift[i] = i < n ? requant[c + i].shift : -1;
      lane_bias[i] = i < n && bias ? bias[c + i] : 0;
    }
    if (tfc_x86_requant8_make(LOAD256(lane_multiplier), LOAD256(lane_shift), &q)) {
      const __m256i b = LOAD256(lane_bias);
      for (k = 0; k < pixels; ++k) {
        int8_t bytes[8];
        const __m256i acc = _mm256_add_epi32(LOAD256(l->acc + k * l->acc_stride + c), b);
        tfc_x86_store8_avx2(bytes, tfc_x86_requant8_apply(acc, &q, offset, act_min, act_max));
        memcpy(out[k] + c, bytes, (size_t)n);
      }
    } else {
      for (k = 0; k < pixels; ++k)
        requantize_scalar(l->acc + k * l->acc_stride + c, n, bias ? bias + c : NULL, requant + c, p, out[k] + c);
    }
  }
}

/* The SSE2 variant: each channel's constants worked out once for the tile's pixels. */
static void requantize_tile_sse2(const conv_layout* l, int32_t pixels, const int32_t* bias,
                                 const tfc_requant* requant, const tfc_conv_params* p, int8_t* const* out) {
  int32_t c, k;
  for (c = 0; c < l->channels; ++c) {
    const tfc_channel_requant r = tfc_channel_requant_make(requant[c], p->output_offset, p->act_min, p->act_max);
    const int32_t b = bias ? bias[c] : 0;
    for (k = 0; k < pixels; ++k) out[k][c] = tfc_channel_requantize(l->acc[k * l->acc_stride + c] + b, &r);
  }
}

static void conv2d_x86(const tfc_conv2d_op* op, int avx2) {
  const int32_t f_c = op->filter_shape.c;
  const int32_t out_c = op->output_shape.c;
  const int32_t groups = op->input_shape.c / f_c;
  const int32_t pixels = op->output_shape.h * op->output_shape.w;
  conv_layout l;
  int32_t b, pixel, g, k, oc, i;
  l.depth = op->filter_shape.h * op->filter_shape.w * f_c;
  if (l.depth > TFC_X86_MAX_WINDOW) {
    tfc_conv2d_s8_plain(op);
    return;
  }
  l.depth16 = (l.depth + 15) & ~15;
  l.chunks = l.depth >> 4;
  l.channels = out_c / groups;
  l.acc_stride = (l.channels + 1 + 7) & ~7;
  l.columns = (int16_t*)op->scratch;
  l.acc = (int32_t*)(void*)(l.columns + TILE * l.depth16);
  l.tails = (l.depth & 15) ? (int16_t*)(void*)(l.acc + TILE * l.acc_stride) : NULL;
  if (l.tails) {
    for (oc = 0; oc < out_c; ++oc) {
      const int8_t* row = op->filter + (size_t)oc * l.depth + 16 * l.chunks;
      for (i = 0; i < 16; ++i) l.tails[16 * oc + i] = (int16_t)(i < (l.depth & 15) ? row[i] : 0);
    }
  }
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * op->input_shape.c;
    int8_t* batch_out = op->output + (size_t)b * pixels * out_c;
    for (pixel = 0; pixel < pixels;) {
      const int32_t count = pixels - pixel >= TILE ? TILE : 1;
      int32_t out_y[TILE], out_x[TILE];
      for (k = 0; k < count; ++k) {
        out_y[k] = (pixel + k) / op->output_shape.w;
        out_x[k] = (pixel + k) % op->output_shape.w;
      }
      for (g = 0; g < groups; ++g) {
        const int32_t oc0 = g * l.channels;
        int8_t* out[TILE];
        for (k = 0; k < count; ++k) {
          gather_column(op, batch_in, out_y[k], out_x[k], g * f_c, l.columns + k * l.depth16, l.depth16);
          out[k] = batch_out + (size_t)(pixel + k) * out_c + oc0;
        }
        if (avx2) {
          dot_tile_avx2(&l, op->filter + (size_t)oc0 * l.depth, l.tails ? l.tails + 16 * oc0 : NULL, count);
          requantize_tile_avx2(&l, count, op->bias ? op->bias + oc0 : NULL, op->requant + oc0, &op->params, out);
        } else {
          dot_tile_sse2(&l, op->filter + (size_t)oc0 * l.depth, l.tails ? l.tails + 16 * oc0 : NULL, count);
          requantize_tile_sse2(&l, count, op->bias ? op->bias + oc0 : NULL, op->requant + oc0, &op->params, out);
        }
      }
      pixel += count;
    }
  }
}

void tfc_conv2d_s8_x86_sse2(const tfc_conv2d_op* op) { conv2d_x86(op, 0); }

void tfc_conv2d_s8_x86_avx2(const tfc_conv2d_op* op) { conv2d_x86(op, 1); }

void tfc_conv2d_s8_x86(const tfc_conv2d_op* op) { conv2d_x86(op, tfc_x86_has_avx2()); }

#else
typedef int tfc_conv2d_x86_not_compiled; /* ISO C wants a declaration in every file */
#endif /* TFC_HAVE_X86_PATH */
