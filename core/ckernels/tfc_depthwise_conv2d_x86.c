#include "tfc_depthwise_conv2d.h"

#if TFC_HAVE_X86_PATH

#include <string.h>

#include "tfc_x86_simd.h"

/* The x86 path works on blocks of 16 output channels. A block's plane, the input rows and
 * columns the output windows cover, goes to scratch as int16 with the input offset added
 * and zeros where the windows leave the input (adding 0 is the same as skipping the
 * point): plane[y][x][16], lane i holding the input channel of output channel c0 + i
 * ((c0 + i) / depth multiplier). Then every output pixel of the block has a
 * whole window inside the plane, and its taps are taken two at a time: interleaving the
 * two taps' 16 values (PUNPCKLWD / PUNPCKHWD) makes PMADDWD add, per channel, tap a's and
 * tap b's products into one int32 lane, against weights staged once per block in the same
 * interleaved order (an odd last tap is paired with a zero weight). The accumulators start
 * at the bias; the int32 sums are the plain path's products in another order (windows of
 * at most TFC_X86_MAX_WINDOW taps). A block narrower than 16 channels (the last one) runs
 * with zero lanes that are not stored.
 *
 * Lanes and channels: the interleaving puts channel 8h + 4v + j (h: 128-bit half, v: low
 * or high unpack, j: 0..3) in lane 8v + 4h + j of the accumulators, the same in the AVX2
 * variant (two 256-bit accumulators) and the SSE2 one (four 128-bit accumulators ordered
 * v0h0, v0h1, v1h0, v1h1); packing the two unpack halves back restores channel order.
 *
 * In place: a block's plane is read completely before any of its outputs is written, and
 * outputs go only to the block's own channel slots, which no later block reads; output
 * batch b ends at or before input batch b + 1 begins (output h * w <= input h * w), so
 * the output may be the input as for the plain path's in-place variant. */

#define BLOCK 16

typedef struct {
  int32_t plane_h;
  int32_t plane_w;
  int32_t taps;        /* filter h * w */
  int32_t pairs;       /* (taps + 1) / 2 */
  int16_t* plane;      /* plane_h x plane_w x BLOCK */
  int16_t* weights;    /* pairs x 2 x BLOCK, interleaved */
  int32_t* tap_offset; /* 2 * pairs plane offsets (int16 units) from a window's corner */
} dw_layout;

static int32_t lane_channel(int32_t lane) { return ((lane >> 2) & 1) * 8 + (lane >> 3) * 4 + (lane & 3); }

/* Lane i of the block starting at output channel c0 reads input channel
 * (c0 + i) / depth multiplier: its offset from the first of them, c0 / multiplier. */
static int32_t lane_input(int32_t c0, int32_t lane, int32_t mult) { return (c0 + lane) / mult - c0 / mult; }

/* One plane cell from an input pixel's channels (lane i reads first[lanes[i]]), lanes past
 * `width` zero. */
static void fill_cell(const int8_t* first, const int8_t* lanes, int32_t width, int32_t input_offset, int16_t* cell) {
  int32_t i;
  for (i = 0; i < width; ++i) cell[i] = (int16_t)(first[lanes[i]] + input_offset);
  for (; i < BLOCK; ++i) cell[i] = 0;
}

/* `count` cells of one input row with a depth multiplier above 1: the 16 bytes from the
 * pixel's first input channel of the block, rearranged by PSHUFB (lane i takes byte
 * lanes[i]), widened and offset. The 16-byte read may take bytes of the next pixels (not
 * used); a read that would pass the end of the input fills the cell lane by lane. */
TFC_AVX2 static void fill_cells_expanded_avx2(const int8_t* first, int32_t in_c, int32_t count, const int8_t* end,
                                              const int8_t* lanes, int32_t width, int32_t input_offset,
                                              int16_t* cell) {
  const __m128i expand = _mm_loadu_si128((const __m128i*)(const void*)lanes);
  const __m256i offset = _mm256_set1_epi16((int16_t)input_offset);
  for (; count > 0; --count, first += in_c, cell += BLOCK) {
    if (end - first >= BLOCK) {
      const __m128i bytes = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i*)(const void*)first), expand);
      _mm256_storeu_si256((__m256i*)(void*)cell, _mm256_add_epi16(_mm256_cvtepi8_epi16(bytes), offset));
    } else {
      fill_cell(first, lanes, width, input_offset, cell);
    }
  }
}

/* The block's plane from input batch `batch_in`: per lane the input channel of output
 * channel c0 + lane, for the block's `width` output channels. */
static void fill_plane(const tfc_depthwise_conv2d_op* op, const dw_layout* l, const int8_t* batch_in, int32_t c0,
                       int32_t width, int avx2) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t mult = op->depth_multiplier;
  const int8_t* input_end = op->input + (size_t)op->input_shape.n * in_h * in_w * in_c;
  /* Plane columns [x_begin, x_end) lie inside the input (plane column px is input x px - pad_w). */
  const int32_t x_begin = tfc_min_i32(p->pad_w, l->plane_w);
  const int32_t x_end = tfc_max_i32(tfc_min_i32(in_w + p->pad_w, l->plane_w), x_begin);
  const __m128i offset = _mm_set1_epi16((int16_t)p->input_offset);
  int8_t lanes[BLOCK]; /* lane i's input channel, from the block's first (0 past width) */
  int32_t py, px, i;
  for (i = 0; i < BLOCK; ++i) lanes[i] = (int8_t)(i < width ? lane_input(c0, i, mult) : 0);
  for (py = 0; py < l->plane_h; ++py) {
    const int32_t in_y = py - p->pad_h;
    int16_t* row = l->plane + (size_t)py * l->plane_w * BLOCK;
    const int8_t* first;
    if (in_y < 0 || in_y >= in_h) {
      memset(row, 0, (size_t)l->plane_w * BLOCK * sizeof(int16_t));
      continue;
    }
    memset(row, 0, (size_t)x_begin * BLOCK * sizeof(int16_t));
    memset(row + (size_t)x_end * BLOCK, 0, (size_t)(l->plane_w - x_end) * BLOCK * sizeof(int16_t));
    if (x_end == x_begin) continue;
    /* The first input channel of the block in the row's first inside pixel. */
    first = batch_in + ((size_t)in_y * in_w + (size_t)(x_begin - p->pad_w)) * in_c + c0 / mult;
    if (mult == 1 && width == BLOCK) {
      for (px = x_begin; px < x_end; ++px, first += in_c) {
        int16_t* cell = row + (size_t)px * BLOCK;
        _mm_storeu_si128((__m128i*)(void*)cell, tfc_x86_widen8_sse2(first, offset));
        _mm_storeu_si128((__m128i*)(void*)(cell + 8), tfc_x86_widen8_sse2(first + 8, offset));
      }
    } else if (avx2) {
      fill_cells_expanded_avx2(first, in_c, x_end - x_begin, input_end, lanes, width, p->input_offset,
                               row + (size_t)x_begin * BLOCK);
    } else {
      for (px = x_begin; px < x_end; ++px, first += in_c) {
        fill_cell(first, lanes, width, p->input_offset, row + (size_t)px * BLOCK);
      }
    }
  }
}

/* The block's weights, tap pairs interleaved in lane order: weights[pair][lane][a, b]. */
static void stage_weights(const tfc_depthwise_conv2d_op* op, const dw_layout* l, int32_t c0, int32_t width) {
  const int32_t channels = op->output_shape.c;
  int32_t pair, lane, t;
  for (pair = 0; pair < l->pairs; ++pair) {
    for (lane = 0; lane < BLOCK; ++lane) {
      const int32_t c = lane_channel(lane);
      for (t = 0; t < 2; ++t) {
        const int32_t tap = 2 * pair + t;
        l->weights[(pair * BLOCK + lane) * 2 + t] =
            (int16_t)(tap < l->taps && c < width ? op->filter[(size_t)tap * channels + c0 + c] : 0);
      }
    }
  }
}

/* Accumulators of one output pixel, lanes in the order above; window: its top-left cell. */
TFC_AVX2 static void window_avx2(const dw_layout* l, const int16_t* window, __m256i* acc0, __m256i* acc1) {
  const int16_t* w = l->weights;
  const int32_t* offset = l->tap_offset;
  __m256i a0 = *acc0, a1 = *acc1;
  int32_t pair;
  for (pair = 0; pair < l->pairs; ++pair, w += 2 * BLOCK, offset += 2) {
    const __m256i xa = _mm256_loadu_si256((const __m256i*)(const void*)(window + offset[0]));
    const __m256i xb = _mm256_loadu_si256((const __m256i*)(const void*)(window + offset[1]));
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_unpacklo_epi16(xa, xb),
                                                 _mm256_loadu_si256((const __m256i*)(const void*)w)));
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_unpackhi_epi16(xa, xb),
                                                 _mm256_loadu_si256((const __m256i*)(const void*)(w + BLOCK))));
  }
  *acc0 = a0;
  *acc1 = a1;
}

/* One block of one batch: every output pixel. lanes_*: per lane, from the block's
 * channels (zeros for lanes past `width`). */
TFC_AVX2 static void block_avx2(const tfc_depthwise_conv2d_op* op, const dw_layout* l, int8_t* out, int32_t width,
                                const int32_t* lane_bias, const int32_t* lane_multiplier, const int32_t* lane_shift) {
  const tfc_conv_params* p = &op->params;
  const int32_t out_c = op->output_shape.c;
  const __m256i bias0 = _mm256_loadu_si256((const __m256i*)(const void*)lane_bias);
  const __m256i bias1 = _mm256_loadu_si256((const __m256i*)(const void*)(lane_bias + 8));
  const __m256i offset = _mm256_set1_epi32(p->output_offset);
  const __m256i act_min = _mm256_set1_epi32(p->act_min);
  const __m256i act_max = _mm256_set1_epi32(p->act_max);
  tfc_x86_requant8 q0, q1;
  const int fast =
      tfc_x86_requant8_make(_mm256_loadu_si256((const __m256i*)(const void*)lane_multiplier),
                            _mm256_loadu_si256((const __m256i*)(const void*)lane_shift), &q0) &
      tfc_x86_requant8_make(_mm256_loadu_si256((const __m256i*)(const void*)(lane_multiplier + 8)),
                            _mm256_loadu_si256((const __m256i*)(const void*)(lane_shift + 8)), &q1);
  int32_t oy, ox, lane;
  for (oy = 0; oy < op->output_shape.h; ++oy) {
    const int16_t* window = l->plane + (size_t)oy * p->stride_h * l->plane_w * BLOCK;
    for (ox = 0; ox < op->output_shape.w; ++ox, window += p->stride_w * BLOCK, out += out_c) {
      __m256i acc0 = bias0, acc1 = bias1;
      window_avx2(l, window, &acc0, &acc1);
      if (fast) {
        const __m256i r0 = tfc_x86_requant8_apply(acc0, &q0, offset, act_min, act_max);
        const __m256i r1 = tfc_x86_requant8_apply(acc1, &q1, offset, act_min, act_max);
        /* PACKSSDW per 128-bit half: {lanes 0-3 of r0, 0-3 of r1 | 4-7 of r0, 4-7 of r1} =
         * channels 0-7 | 8-15. */
        const __m256i words = _mm256_packs_epi32(r0, r1);
        const __m128i bytes = _mm_packs_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
        if (width == BLOCK) {
          _mm_storeu_si128((__m128i*)(void*)out, bytes);
        } else {
          int8_t tmp[BLOCK];
          _mm_storeu_si128((__m128i*)(void*)tmp, bytes);
          memcpy(out, tmp, (size_t)width);
        }
      } else {
        int32_t sums[BLOCK];
        _mm256_storeu_si256((__m256i*)(void*)sums, acc0);
        _mm256_storeu_si256((__m256i*)(void*)(sums + 8), acc1);
        for (lane = 0; lane < BLOCK; ++lane) {
          const int32_t c = lane_channel(lane);
          if (c < width) {
            out[c] = tfc_requantize_to_s8(sums[lane], lane_multiplier[lane], lane_shift[lane], p->output_offset,
                                          p->act_min, p->act_max);
          }
        }
      }
    }
  }
}

/* The SSE2 variant: four 128-bit accumulators, requantized one channel at a time with
 * constants worked out once per block. */
static void block_sse2(const tfc_depthwise_conv2d_op* op, const dw_layout* l, int8_t* out, int32_t width,
                       const int32_t* lane_bias, const int32_t* lane_multiplier, const int32_t* lane_shift) {
  const tfc_conv_params* p = &op->params;
  const int32_t out_c = op->output_shape.c;
  tfc_channel_requant requant[BLOCK];
  int32_t oy, ox, lane, pair;
  for (lane = 0; lane < BLOCK; ++lane) {
    tfc_requant r;
    r.multiplier = lane_multiplier[lane];
    r.shift = lane_shift[lane];
    requant[lane] = tfc_channel_requant_make(r, p->output_offset, p->act_min, p->act_max);
  }
  for (oy = 0; oy < op->output_shape.h; ++oy) {
    const int16_t* window = l->plane + (size_t)oy * p->stride_h * l->plane_w * BLOCK;
    for (ox = 0; ox < op->output_shape.w; ++ox, window += p->stride_w * BLOCK, out += out_c) {
      __m128i acc[4];
      int32_t sums[BLOCK];
      const int16_t* w = l->weights;
      for (lane = 0; lane < 4; ++lane) acc[lane] = _mm_loadu_si128((const __m128i*)(const void*)(lane_bias + 4 * lane));
      for (pair = 0; pair < l->pairs; ++pair, w += 2 * BLOCK) {
        const int16_t* a = window + l->tap_offset[2 * pair];
        const int16_t* b = window + l->tap_offset[2 * pair + 1];
        const __m128i a_lo = _mm_loadu_si128((const __m128i*)(const void*)a);
        const __m128i a_hi = _mm_loadu_si128((const __m128i*)(const void*)(a + 8));
        const __m128i b_lo = _mm_loadu_si128((const __m128i*)(const void*)b);
        const __m128i b_hi = _mm_loadu_si128((const __m128i*)(const void*)(b + 8));
        acc[0] = _mm_add_epi32(acc[0], _mm_madd_epi16(_mm_unpacklo_epi16(a_lo, b_lo),
                                                      _mm_loadu_si128((const __m128i*)(const void*)w)));
        acc[1] = _mm_add_epi32(acc[1], _mm_madd_epi16(_mm_unpacklo_epi16(a_hi, b_hi),
                                                      _mm_loadu_si128((const __m128i*)(const void*)(w + 8))));
        acc[2] = _mm_add_epi32(acc[2], _mm_madd_epi16(_mm_unpackhi_epi16(a_lo, b_lo),
                                                      _mm_loadu_si128((const __m128i*)(const void*)(w + 16))));
        acc[3] = _mm_add_epi32(acc[3], _mm_madd_epi16(_mm_unpackhi_epi16(a_hi, b_hi),
                                                      _mm_loadu_si128((const __m128i*)(const void*)(w + 24))));
      }
      for (lane = 0; lane < 4; ++lane) _mm_storeu_si128((__m128i*)(void*)(sums + 4 * lane), acc[lane]);
      for (lane = 0; lane < BLOCK; ++lane) {
        const int32_t c = lane_channel(lane);
        if (c < width) out[c] = tfc_channel_requantize(sums[lane], &requant[lane]);
      }
    }
  }
}

static void depthwise_x86(const tfc_depthwise_conv2d_op* op, int avx2) {
  const tfc_conv_params* p = &op->params;
  const int32_t channels = op->output_shape.c;
  const int32_t f_w = op->filter_shape.w;
  dw_layout l;
  int32_t b, c0, lane, t;
  l.taps = op->filter_shape.h * f_w;
  if (l.taps > TFC_X86_MAX_WINDOW) {
    if (op->input == op->output) {
      tfc_depthwise_conv2d_s8_inplace_plain(op);
    } else {
      tfc_depthwise_conv2d_s8_plain(op);
    }
    return;
  }
  l.plane_h = tfc_depthwise_conv2d_plane_h(op);
  l.plane_w = tfc_depthwise_conv2d_plane_w(op) - 1;
  l.pairs = (l.taps + 1) / 2;
  l.plane = (int16_t*)op->scratch;
  l.weights = l.plane + (size_t)l.plane_h * l.plane_w * BLOCK;
  l.tap_offset = (int32_t*)(void*)(l.weights + (size_t)l.pairs * 2 * BLOCK);
  for (t = 0; t < 2 * l.pairs; ++t) {
    l.tap_offset[t] = t < l.taps ? ((t / f_w) * p->dilation_h * l.plane_w + (t % f_w) * p->dilation_w) * BLOCK : 0;
  }
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * op->input_shape.c;
    int8_t* batch_out = op->output + (size_t)b * op->output_shape.h * op->output_shape.w * channels;
    for (c0 = 0; c0 < channels; c0 += BLOCK) {
      const int32_t width = channels - c0 < BLOCK ? channels - c0 : BLOCK;
      int32_t lane_bias[BLOCK], lane_multiplier[BLOCK], lane_shift[BLOCK];
      for (lane = 0; lane < BLOCK; ++lane) {
        const int32_t c = lane_channel(lane);
        const int inside = c < width;
        lane_bias[lane] = inside && op->bias ? op->bias[c0 + c] : 0;
        lane_multiplier[lane] = inside ? op->requant[c0 + c].multiplier : 0;
        lane_shift[lane] = inside ? op->requant[c0 + c].shift : -1; /* unused lanes: the fast form */
      }
      fill_plane(op, &l, batch_in, c0, width, avx2);
      stage_weights(op, &l, c0, width);
      if (avx2) {
        block_avx2(op, &l, batch_out + c0, width, lane_bias, lane_multiplier, lane_shift);
      } else {
        block_sse2(op, &l, batch_out + c0, width, lane_bias, lane_multiplier, lane_shift);
      }
    }
  }
}

void tfc_depthwise_conv2d_s8_x86_sse2(const tfc_depthwise_conv2d_op* op) { depthwise_x86(op, 0); }

void tfc_depthwise_conv2d_s8_x86_avx2(const tfc_depthwise_conv2d_op* op) { depthwise_x86(op, 1); }

void tfc_depthwise_conv2d_s8_x86(const tfc_depthwise_conv2d_op* op) { depthwise_x86(op, tfc_x86_has_avx2()); }

void tfc_depthwise_conv2d_s8_inplace_x86(const tfc_depthwise_conv2d_op* op) {
  depthwise_x86(op, tfc_x86_has_avx2());
}

#else
typedef int tfc_depthwise_conv2d_x86_not_compiled; /* ISO C wants a declaration in every file */
#endif /* TFC_HAVE_X86_PATH */
