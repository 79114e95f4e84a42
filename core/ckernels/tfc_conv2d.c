#include "tfc_conv2d.h"

#include "tfc_fixed_point.h"

/* First and one-past-last filter tap whose input coordinate origin + dilation * tap lies
 * in [0, size): the taps the reference skips are simply not visited. */
static void tap_range(int32_t origin, int32_t dilation, int32_t taps, int32_t size, int32_t* begin, int32_t* end) {
  int32_t b = 0, e = taps;
  while (b < taps && origin + dilation * b < 0) ++b;
  while (e > b && origin + dilation * (e - 1) >= size) --e;
  *begin = b;
  *end = e;
}

void tfc_conv2d_s8_plain(const tfc_conv2d_op* op) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t f_c = op->filter_shape.c;
  const int32_t out_h = op->output_shape.h;
  const int32_t out_w = op->output_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t filters_per_group = out_c / (in_c / f_c);
  const int32_t input_offset = p->input_offset;
  const size_t tap_step = (size_t)p->dilation_w * in_c;
  int8_t* out_ptr = op->output;
  int32_t b, oy, ox, oc, fy, fx, ic;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * in_c;
    for (oy = 0; oy < out_h; ++oy) {
      const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
      int32_t fy_begin, fy_end;
      tap_range(in_y_origin, p->dilation_h, f_h, in_h, &fy_begin, &fy_end);
      for (ox = 0; ox < out_w; ++ox) {
        const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
        int32_t fx_begin, fx_end;
        tap_range(in_x_origin, p->dilation_w, f_w, in_w, &fx_begin, &fx_end);
        for (oc = 0; oc < out_c; ++oc) {
          const int32_t group = oc / filters_per_group;
          const int8_t* filter = op->filter + (size_t)oc * f_h * f_w * f_c;
          int32_t acc = 0;
          for (fy = fy_begin; fy < fy_end; ++fy) {
            const int32_t in_y = in_y_origin + p->dilation_h * fy;
            const int8_t* in = batch_in +
                               ((size_t)in_y * in_w + (size_t)(in_x_origin + p->dilation_w * fx_begin)) * in_c +
                               (size_t)group * f_c;
            const int8_t* f = filter + ((size_t)fy * f_w + fx_begin) * f_c;
            for (fx = fx_begin; fx < fx_end; ++fx) {
              for (ic = 0; ic < f_c; ++ic) acc += (int32_t)f[ic] * ((int32_t)in[ic] + input_offset);
              in += tap_step;
              f += f_c;
            }
          }
          if (op->bias) acc += op->bias[oc];
          *out_ptr++ = tfc_requantize_to_s8(acc, op->requant[oc].multiplier, op->requant[oc].shift, p->output_offset,
                                            p->act_min, p->act_max);
        }
      }
    }
  }
}

#if TFC_HAVE_DSP_PATH

/* The DSP path works on three output pixels at a time. Their windows ("columns") go to
 * scratch as int16 with the input offset added and zeros where a window leaves the input:
 * adding 0 is the same as skipping the point, so the int32 sums equal the plain path's.
 * The columns are interleaved four window values at a time in the order SXTB16 unpacks a
 * filter word:
 *   values v0..v3 -> words {A(v0,v2), A(v1,v3), B(v0,v2), B(v1,v3), C(v0,v2), C(v1,v3)}
 * so one filter word (f0 f1 f2 f3) gives SXTB16 -> (f0,f2), SXTB16 ROR 8 -> (f1,f3), and
 * two SMLADs per column add f0v0 + f2v2 + f1v1 + f3v3. The depth % 4 leftover values
 * follow the groups in natural order, A, B then C. Two output channels times three
 * columns is what Cortex-M4's registers hold under -Os without spilling: 2 filter loads,
 * 4 SXTB16, 6 column loads, 12 SMLAD and 4 loop instructions per 24 multiply-adds. The
 * accumulators of all channels then go through one requantization pass per channel. */

#define TFC_CONV_COLUMNS 3

/* Writes the window of output pixel (y, x), input channels [c0, c0 + f_c), into column
 * `slot` (0 = A, 1 = B, 2 = C). `stage` (depth int16, rounded up to 4) holds the window in
 * natural order when f_c is not a multiple of 4. */
static void gather_column(const tfc_conv2d_op* op, const int8_t* batch_in, int32_t y, int32_t x, int32_t c0,
                          int16_t* columns, int32_t slot, int16_t* stage) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t f_c = op->filter_shape.c;
  const int32_t depth = f_h * f_w * f_c;
  const int32_t groups = depth >> 2;
  const int32_t in_y_origin = y * p->stride_h - p->pad_h;
  const int32_t in_x_origin = x * p->stride_w - p->pad_w;
  const int32_t offset_pair = tfc_pkhbt(p->input_offset, p->input_offset);
  int32_t* words = (int32_t*)(void*)columns + 2 * slot;
  int32_t fy, fx, i, g;
  /* Taps fx in [fx_begin, fx_end) are inside the input along the width. */
  int32_t fx_begin = 0, fx_end = f_w;
  while (fx_begin < f_w && in_x_origin + p->dilation_w * fx_begin < 0) ++fx_begin;
  while (fx_end > fx_begin && in_x_origin + p->dilation_w * (fx_end - 1) >= in_w) --fx_end;
  if ((f_c & 3) == 0) {
    /* Whole groups per tap: 4 bytes in, two words out, offsets added by SXTAB16. */
    for (fy = 0; fy < f_h; ++fy) {
      const int32_t in_y = in_y_origin + p->dilation_h * fy;
      const int row_inside = in_y >= 0 && in_y < in_h;
      for (fx = 0; fx < f_w; ++fx) {
        if (row_inside && fx >= fx_begin && fx < fx_end) {
          const int8_t* in = batch_in + ((size_t)in_y * in_w + (size_t)(in_x_origin + p->dilation_w * fx)) * in_c + c0;
          for (i = 0; i < f_c; i += 4) {
            const int32_t v = tfc_read_s8x4(in + i);
            words[0] = tfc_sxtab16(offset_pair, v);
            words[1] = tfc_sxtab16_ror8(offset_pair, v);
            words += 2 * TFC_CONV_COLUMNS;
          }
        } else {
          for (i = 0; i < f_c; i += 4) {
            words[0] = 0;
            words[1] = 0;
            words += 2 * TFC_CONV_COLUMNS;
          }
        }
      }
    }
    return;
  }
  {
    /* Any channel count: the window in natural order first, then each group of 4
     * (v0 v1 | v2 v3) repacked to (v0, v2), (v1, v3) (PKHBT / PKHTB). */
    int16_t* out = stage;
    const int32_t* pairs = (const int32_t*)(const void*)stage;
    int16_t* tail = columns + 2 * TFC_CONV_COLUMNS * (depth & ~3) / 2 + slot * (depth & 3);
    for (fy = 0; fy < f_h; ++fy) {
      const int32_t in_y = in_y_origin + p->dilation_h * fy;
      if (in_y < 0 || in_y >= in_h) {
        for (i = 0; i < f_w * f_c; ++i) *out++ = 0;
        continue;
      }
      for (i = 0; i < fx_begin * f_c; ++i) *out++ = 0;
      for (fx = fx_begin; fx < fx_end; ++fx) {
        const int8_t* in = batch_in + ((size_t)in_y * in_w + (size_t)(in_x_origin + p->dilation_w * fx)) * in_c + c0;
        for (i = 0; i < f_c; ++i) *out++ = (int16_t)(in[i] + p->input_offset);
      }
      for (i = fx_end * f_c; i < f_w * f_c; ++i) *out++ = 0;
    }
    for (g = 0; g < groups; ++g) {
      const uint32_t v01 = (uint32_t)pairs[2 * g];
      const uint32_t v23 = (uint32_t)pairs[2 * g + 1];
      words[0] = (int32_t)((v01 & 0xFFFFu) | (v23 << 16));
      words[1] = (int32_t)((v01 >> 16) | (v23 & 0xFFFF0000u));
      words += 2 * TFC_CONV_COLUMNS;
    }
    for (i = 0; i < (depth & 3); ++i) tail[i] = stage[(depth & ~3) + i];
  }
}

/* The inner products of two filter rows (f and f + next) with the three columns over
 * `groups` (>= 1) groups of 4 values: out_f = {f.A, f.B, f.C}, out_next likewise. A
 * function of its own with a count-down loop and this statement order: the loop then
 * stays in registers under GCC -Os (other orders spill). */
TFC_NOINLINE static void dot_2x3_groups(const int8_t* f, int32_t next, const int32_t* col, int32_t groups,
                                        int32_t* out_f, int32_t* out_next) {
  int32_t a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0;
  do {
    const int32_t wb = tfc_read_s8x4(f + next);
    const int32_t wa = tfc_read_s8x4(f);
    int32_t fa02, fb02, fa13, fb13, v;
    f += 4;
    fa02 = tfc_sxtb16(wa);
    fb02 = tfc_sxtb16(wb);
    fa13 = tfc_sxtb16_ror8(wa);
    fb13 = tfc_sxtb16_ror8(wb);
    v = *col++; /* A (v0, v2) */
    a0 = tfc_smlad(fa02, v, a0);
    b0 = tfc_smlad(fb02, v, b0);
    v = *col++; /* A (v1, v3) */
    a0 = tfc_smlad(fa13, v, a0);
    b0 = tfc_smlad(fb13, v, b0);
    v = *col++; /* B */
    a1 = tfc_smlad(fa02, v, a1);
    b1 = tfc_smlad(fb02, v, b1);
    v = *col++;
    a1 = tfc_smlad(fa13, v, a1);
    b1 = tfc_smlad(fb13, v, b1);
    v = *col++; /* C */
    a2 = tfc_smlad(fa02, v, a2);
    b2 = tfc_smlad(fb02, v, b2);
    v = *col++;
    a2 = tfc_smlad(fa13, v, a2);
    b2 = tfc_smlad(fb13, v, b2);
  } while (--groups);
  out_f[0] = a0;
  out_f[1] = a1;
  out_f[2] = a2;
  out_next[0] = b0;
  out_next[1] = b1;
  out_next[2] = b2;
}

/* The accumulators of `channels` consecutive output channels over the three columns,
 * two channels at a time, into acc[3 i + column]. acc holds 3 * (channels + 1) values
 * (an odd last channel computes a twin that is not used). */
TFC_NOINLINE static void dot_channels(const int8_t* filter, int32_t depth, int32_t channels, const int16_t* columns,
                                      int32_t* acc) {
  const int32_t groups_end = depth & ~3;
  const int32_t leftover = depth & 3;
  const int32_t* col = (const int32_t*)(const void*)columns;
  const int16_t* tail = columns + TFC_CONV_COLUMNS * groups_end;
  int32_t oc, t, k;
  for (oc = 0; oc < channels; oc += 2) {
    const int8_t* f = filter + (size_t)oc * depth;
    const int32_t next = oc + 1 < channels ? depth : 0; /* offset of the second channel's filter row */
    int32_t* a = acc + TFC_CONV_COLUMNS * oc;
    int32_t* b = a + TFC_CONV_COLUMNS;
    if (groups_end > 0) {
      dot_2x3_groups(f, next, col, groups_end >> 2, a, b);
    } else {
      for (k = 0; k < TFC_CONV_COLUMNS; ++k) a[k] = b[k] = 0;
    }
    for (t = 0; t < leftover; ++t) {
      const int32_t fa = f[groups_end + t];
      const int32_t fb = f[next + groups_end + t];
      for (k = 0; k < TFC_CONV_COLUMNS; ++k) {
        a[k] += fa * tail[k * leftover + t];
        b[k] += fb * tail[k * leftover + t];
      }
    }
  }
}

/* One channel's outputs through the general requantization (multipliers the fast form
 * does not cover); out of line to keep requantize_channels' loop in registers. */
TFC_NOINLINE static void requantize_general(const int32_t* acc, int32_t bias, tfc_requant requant,
                                            const tfc_conv_params* p, int8_t* const* out, int32_t oc) {
  int32_t k;
  for (k = 0; k < TFC_CONV_COLUMNS; ++k) {
    out[k][oc] = tfc_requantize_to_s8(acc[k] + bias, requant.multiplier, requant.shift, p->output_offset, p->act_min,
                                      p->act_max);
  }
}

TFC_ALWAYS_INLINE static inline int8_t clamp_s8(int32_t v, int32_t act_min, int32_t act_max) {
  return (int8_t)(v < act_min ? act_min : (v > act_max ? act_max : v));
}

/* Bias and requantization of `channels` channels of the three pixels (the accumulators
 * of dot_channels); each channel's constants are worked out once for its outputs. */
TFC_NOINLINE static void requantize_channels(const int32_t* acc, int32_t channels, const int32_t* bias,
                                             const tfc_requant* requant, const tfc_conv_params* p, int8_t* const* out) {
  const int32_t offset = p->output_offset;
  const int32_t act_min = p->act_min;
  const int32_t act_max = p->act_max;
  int8_t* out0 = out[0];
  int8_t* out1 = out[1];
  int8_t* out2 = out[2];
  int32_t i;
  for (i = 0; i < channels; ++i, acc += TFC_CONV_COLUMNS) {
    const int32_t multiplier = requant[i].multiplier;
    const int32_t e = -requant[i].shift;
    const int32_t b = bias ? bias[i] : 0;
    if (multiplier >= 0 && e >= 1) {
      const int64_t round_nonnegative = tfc_fast_requant_rounding(e);
      const int64_t round_negative = round_nonnegative - ((int64_t)1 << 31);
      out0[i] =
          clamp_s8(tfc_fast_requant_scale(acc[0] + b, multiplier, round_nonnegative, round_negative, e - 1) + offset,
                   act_min, act_max);
      out1[i] =
          clamp_s8(tfc_fast_requant_scale(acc[1] + b, multiplier, round_nonnegative, round_negative, e - 1) + offset,
                   act_min, act_max);
      out2[i] =
          clamp_s8(tfc_fast_requant_scale(acc[2] + b, multiplier, round_nonnegative, round_negative, e - 1) + offset,
                   act_min, act_max);
    } else {
      requantize_general(acc, b, requant[i], p, out, i);
    }
  }
}

void tfc_conv2d_s8_dsp(const tfc_conv2d_op* op) {
  const int32_t out_w = op->output_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t f_c = op->filter_shape.c;
  const int32_t depth = op->filter_shape.h * op->filter_shape.w * f_c;
  const int32_t depth4 = (depth + 3) & ~3;
  const int32_t groups = op->input_shape.c / f_c;
  const int32_t filters_per_group = out_c / groups;
  const int32_t pixels = op->output_shape.h * out_w;
  int16_t* columns = (int16_t*)op->scratch;
  int32_t* acc = (int32_t*)op->scratch + TFC_CONV_COLUMNS * depth4 / 2; /* after the int16 columns */
  int16_t* stage = (int16_t*)(void*)(acc + TFC_CONV_COLUMNS * (filters_per_group + 1));
  int32_t b, pixel, g, k;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * op->input_shape.c;
    int8_t* batch_out = op->output + (size_t)b * pixels * out_c;
    for (pixel = 0; pixel < pixels; pixel += TFC_CONV_COLUMNS) {
      /* Past the last pixel: the last one again, written identically. */
      int8_t* out[TFC_CONV_COLUMNS];
      int32_t px[TFC_CONV_COLUMNS];
      for (k = 0; k < TFC_CONV_COLUMNS; ++k) px[k] = pixel + k < pixels ? pixel + k : pixels - 1;
      for (g = 0; g < groups; ++g) {
        const int32_t oc = g * filters_per_group;
        for (k = 0; k < TFC_CONV_COLUMNS; ++k) {
          gather_column(op, batch_in, px[k] / out_w, px[k] % out_w, g * f_c, columns, k, stage);
          out[k] = batch_out + (size_t)px[k] * out_c + oc;
        }
        dot_channels(op->filter + (size_t)oc * depth, depth, filters_per_group, columns, acc);
        requantize_channels(acc, filters_per_group, op->bias ? op->bias + oc : NULL, op->requant + oc, &op->params,
                            out);
      }
    }
  }
}

#endif /* TFC_HAVE_DSP_PATH */
