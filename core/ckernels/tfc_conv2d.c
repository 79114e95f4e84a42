#include "tfc_conv2d.h"

#include "tfc_fixed_point.h"

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
  int8_t* out_ptr = op->output;
  int32_t b, oy, ox, oc, fy, fx, ic;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * in_c;
    for (oy = 0; oy < out_h; ++oy) {
      const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
      for (ox = 0; ox < out_w; ++ox) {
        const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
        for (oc = 0; oc < out_c; ++oc) {
          const int32_t group = oc / filters_per_group;
          const int8_t* filter = op->filter + (size_t)oc * f_h * f_w * f_c;
          int32_t acc = 0;
          for (fy = 0; fy < f_h; ++fy) {
            const int32_t in_y = in_y_origin + p->dilation_h * fy;
            if (in_y < 0 || in_y >= in_h) continue;
            for (fx = 0; fx < f_w; ++fx) {
              const int32_t in_x = in_x_origin + p->dilation_w * fx;
              const int8_t* in;
              const int8_t* f;
              if (in_x < 0 || in_x >= in_w) continue;
              in = batch_in + ((size_t)in_y * in_w + in_x) * in_c + group * f_c;
              f = filter + ((size_t)fy * f_w + fx) * f_c;
              for (ic = 0; ic < f_c; ++ic) acc += (int32_t)f[ic] * ((int32_t)in[ic] + input_offset);
            }
          }
          if (op->bias) acc += op->bias[oc];
          *out_ptr++ = tfc_requantize_to_s8(acc, op->requant[oc].multiplier, op->requant[oc].shift,
                                            p->output_offset, p->act_min, p->act_max);
        }
      }
    }
  }
}

#if TFC_HAVE_DSP_PATH

#if defined(__GNUC__)
#define TFC_NOINLINE __attribute__((noinline))
#else
#define TFC_NOINLINE
#endif

/* The DSP path keeps two output pixels' windows ("columns") in scratch as int16 with the
 * input offset added and zeros where the window leaves the input: adding 0 is the same
 * as skipping the point, so the int32 sums equal the plain path's. Columns are
 * interleaved four values at a time in the order SXTB16 unpacks a filter word:
 *   group of 4 window values v0..v3 -> words {A(v0,v2), A(v1,v3), B(v0,v2), B(v1,v3)}
 * so one filter word (f0 f1 f2 f3) gives SXTB16 -> (f0,f2), SXTB16 ROR 8 -> (f1,f3), and
 * two SMLADs per column add f0v0 + f2v2 + f1v1 + f3v3. The depth % 4 leftover values
 * follow the groups in natural order, A then B. */

static int32_t column_position(int32_t k, int32_t groups_end) {
  return k < groups_end ? 2 * (k & ~3) + ((k & 1) << 1) + ((k & 2) >> 1) : k;
}

/* Writes the window of output pixel (y, x), input channels [c0, c0 + f_c), into column
 * slot `slot` (0 = A, 1 = B). */
static void gather_column(const tfc_conv2d_op* op, const int8_t* batch_in, int32_t y, int32_t x, int32_t c0,
                          int16_t* columns, int32_t slot) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t f_c = op->filter_shape.c;
  const int32_t depth = f_h * f_w * f_c;
  const int32_t groups_end = depth & ~3;
  const int32_t in_y_origin = y * p->stride_h - p->pad_h;
  const int32_t in_x_origin = x * p->stride_w - p->pad_w;
  const int16_t offset = (int16_t)p->input_offset;
  int32_t fy, fx, i;
  if ((f_c & 3) == 0) {
    /* Whole groups per filter tap: 4 bytes in, two words out, offsets added by SXTAB16. */
    const int32_t offset_pair = tfc_pkhbt(p->input_offset, p->input_offset);
    int32_t* words = (int32_t*)(void*)columns + 2 * slot;
    for (fy = 0; fy < f_h; ++fy) {
      const int32_t in_y = in_y_origin + p->dilation_h * fy;
      for (fx = 0; fx < f_w; ++fx) {
        const int32_t in_x = in_x_origin + p->dilation_w * fx;
        if (in_y < 0 || in_y >= in_h || in_x < 0 || in_x >= in_w) {
          for (i = 0; i < f_c; i += 4) {
            words[0] = 0;
            words[1] = 0;
            words += 4;
          }
        } else {
          const int8_t* in = batch_in + ((size_t)in_y * in_w + in_x) * in_c + c0;
          for (i = 0; i < f_c; i += 4) {
            const int32_t v = tfc_read_s8x4(in + i);
            words[0] = tfc_sxtab16(offset_pair, v);
            words[1] = tfc_sxtab16_ror8(offset_pair, v);
            words += 4;
          }
        }
      }
    }
    return;
  }
  {
    /* Any channel count: one value at a time to its interleaved position. */
    int32_t k = 0;
    for (fy = 0; fy < f_h; ++fy) {
      const int32_t in_y = in_y_origin + p->dilation_h * fy;
      for (fx = 0; fx < f_w; ++fx) {
        const int32_t in_x = in_x_origin + p->dilation_w * fx;
        const int inside = in_y >= 0 && in_y < in_h && in_x >= 0 && in_x < in_w;
        const int8_t* in = inside ? batch_in + ((size_t)in_y * in_w + in_x) * in_c + c0 : NULL;
        for (i = 0; i < f_c; ++i, ++k) {
          const int16_t value = inside ? (int16_t)(in[i] + offset) : 0;
          const int32_t pos = column_position(k, groups_end);
          columns[k < groups_end ? pos + 4 * slot : 2 * groups_end + slot * (depth - groups_end) + (k - groups_end)] =
              value;
        }
      }
    }
  }
}

/* The inner product of two filter rows (f and f + next) with both columns over whole
 * groups of 4, added to acc = {f.A, f.B, (f+next).A, (f+next).B}. A function of its own,
 * with a do-while on the column pointer, so that GCC -Os keeps it all in registers on
 * Cortex-M4: 6 loads, 4 SXTB16, 8 SMLAD and 4 loop instructions per 16
 * multiply-accumulates (the order of the statements matters: others spill). col < col_end on entry. */
TFC_NOINLINE static void dot_2x2_groups(const int8_t* f, int32_t next, const int32_t* col, const int32_t* col_end,
                                        int32_t acc[4]) {
  int32_t a0 = acc[0], a1 = acc[1], b0 = acc[2], b1 = acc[3];
  do {
    const int32_t wa = tfc_read_s8x4(f);
    const int32_t wb = tfc_read_s8x4(f + next);
    const int32_t fa02 = tfc_sxtb16(wa);
    const int32_t fb02 = tfc_sxtb16(wb);
    const int32_t fa13 = tfc_sxtb16_ror8(wa);
    const int32_t fb13 = tfc_sxtb16_ror8(wb);
    int32_t v = col[0]; /* A (v0, v2) */
    a0 = tfc_smlad(fa02, v, a0);
    b0 = tfc_smlad(fb02, v, b0);
    v = col[1]; /* A (v1, v3) */
    a0 = tfc_smlad(fa13, v, a0);
    b0 = tfc_smlad(fb13, v, b0);
    v = col[2]; /* B (v0, v2) */
    a1 = tfc_smlad(fa02, v, a1);
    b1 = tfc_smlad(fb02, v, b1);
    v = col[3]; /* B (v1, v3) */
    a1 = tfc_smlad(fa13, v, a1);
    b1 = tfc_smlad(fb13, v, b1);
    col += 4;
    f += 4;
  } while (col < col_end);
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = b0;
  acc[3] = b1;
}

/* Output channels oc and oc + 1 (oc twice when `two` is 0) over both columns:
 * acc = {oc A, oc B, oc+1 A, oc+1 B}. */
static void dot_columns(const int8_t* filter, int32_t depth, const int16_t* columns, int two, int32_t acc[4]) {
  const int32_t groups_end = depth & ~3;
  const int32_t leftover = depth & 3;
  const int32_t next = two ? depth : 0; /* offset of channel oc + 1's filter row */
  const int16_t* tail = columns + 2 * groups_end;
  const int8_t* f = filter + groups_end;
  int32_t t;
  acc[0] = acc[1] = acc[2] = acc[3] = 0;
  if (groups_end > 0) {
    const int32_t* col = (const int32_t*)(const void*)columns;
    dot_2x2_groups(filter, next, col, col + groups_end, acc);
  }
  for (t = 0; t < leftover; ++t) {
    acc[0] += f[t] * tail[t];
    acc[1] += f[t] * tail[leftover + t];
    acc[2] += f[next + t] * tail[t];
    acc[3] += f[next + t] * tail[leftover + t];
  }
}

static int8_t requantize_channel(const tfc_conv2d_op* op, int32_t oc, int32_t acc) {
  if (op->bias) acc += op->bias[oc];
  return tfc_requantize_to_s8(acc, op->requant[oc].multiplier, op->requant[oc].shift, op->params.output_offset,
                              op->params.act_min, op->params.act_max);
}

void tfc_conv2d_s8_dsp(const tfc_conv2d_op* op) {
  const int32_t out_h = op->output_shape.h;
  const int32_t out_w = op->output_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t f_c = op->filter_shape.c;
  const int32_t groups = op->input_shape.c / f_c;
  const int32_t filters_per_group = out_c / groups;
  const int32_t pixels = out_h * out_w;
  const int32_t depth = op->filter_shape.h * op->filter_shape.w * f_c;
  int16_t* columns = (int16_t*)op->scratch;
  int32_t b, pixel, g, oc;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * op->input_shape.c;
    int8_t* batch_out = op->output + (size_t)b * pixels * out_c;
    for (pixel = 0; pixel < pixels; pixel += 2) {
      /* An odd last pixel fills both columns; only column A is stored. */
      const int32_t second = pixel + 1 < pixels ? pixel + 1 : pixel;
      int8_t* out_a = batch_out + (size_t)pixel * out_c;
      int8_t* out_b = batch_out + (size_t)second * out_c;
      for (g = 0; g < groups; ++g) {
        const int32_t oc_begin = g * filters_per_group;
        const int32_t oc_end = oc_begin + filters_per_group;
        gather_column(op, batch_in, pixel / out_w, pixel % out_w, g * f_c, columns, 0);
        gather_column(op, batch_in, second / out_w, second % out_w, g * f_c, columns, 1);
        for (oc = oc_begin; oc < oc_end; oc += 2) {
          int32_t acc[4];
          const int two = oc + 1 < oc_end;
          dot_columns(op->filter + (size_t)oc * depth, depth, columns, two, acc);
          out_a[oc] = requantize_channel(op, oc, acc[0]);
          out_b[oc] = requantize_channel(op, oc, acc[1]);
          if (two) {
            out_a[oc + 1] = requantize_channel(op, oc + 1, acc[2]);
            out_b[oc + 1] = requantize_channel(op, oc + 1, acc[3]);
          }
        }
      }
    }
  }
}

#endif /* TFC_HAVE_DSP_PATH */
