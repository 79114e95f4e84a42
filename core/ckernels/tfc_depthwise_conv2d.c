#include "tfc_depthwise_conv2d.h"

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

void tfc_depthwise_conv2d_s8_plain(const tfc_depthwise_conv2d_op* op) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_w = op->filter_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t mult = op->depth_multiplier;
  const int32_t input_offset = p->input_offset;
  const size_t in_tap_step = (size_t)p->dilation_w * in_c;
  int8_t* out_ptr = op->output;
  int32_t b, oy, ox, ic, m, fy, fx;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * in_c;
    for (oy = 0; oy < op->output_shape.h; ++oy) {
      const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
      int32_t fy_begin, fy_end;
      tap_range(in_y_origin, p->dilation_h, op->filter_shape.h, in_h, &fy_begin, &fy_end);
      for (ox = 0; ox < op->output_shape.w; ++ox) {
        const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
        int32_t fx_begin, fx_end;
        tap_range(in_x_origin, p->dilation_w, f_w, in_w, &fx_begin, &fx_end);
        for (ic = 0; ic < in_c; ++ic) {
          for (m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            int32_t acc = 0;
            for (fy = fy_begin; fy < fy_end; ++fy) {
              const int8_t* in = batch_in +
                                 ((size_t)(in_y_origin + p->dilation_h * fy) * in_w +
                                  (size_t)(in_x_origin + p->dilation_w * fx_begin)) *
                                     in_c +
                                 ic;
              const int8_t* f = op->filter + ((size_t)fy * f_w + fx_begin) * out_c + oc;
              for (fx = fx_begin; fx < fx_end; ++fx) {
                acc += (int32_t)*f * ((int32_t)*in + input_offset);
                in += in_tap_step;
                f += out_c;
              }
            }
            if (op->bias) acc += op->bias[oc];
            out_ptr[oc] = tfc_requantize_to_s8(acc, op->requant[oc].multiplier, op->requant[oc].shift,
                                               p->output_offset, p->act_min, p->act_max);
          }
        }
        out_ptr += out_c;
      }
    }
  }
}

/* Multiplier 1: one channel at a time. The rows and columns of the channel that the
 * output windows cover are copied to an int8 plane in scratch, the padding filled with the
 * input zero point (-input_offset: its offset value is 0, the same as skipping the point),
 * then the channel's outputs go to its own slots of the output, which may be the input:
 * the slots of later channels are untouched, and this channel's inputs are read from the
 * copy. Output batch b ends at or before input batch b + 1 begins (output h * w <= input
 * h * w), so batches in order are safe as well. */
void tfc_depthwise_conv2d_s8_inplace_plain(const tfc_depthwise_conv2d_op* op) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t channels = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t out_h = op->output_shape.h;
  const int32_t out_w = op->output_shape.w;
  const int32_t input_offset = p->input_offset;
  const int32_t plane_h = tfc_depthwise_conv2d_plane_h(op);
  const int32_t plane_w = tfc_depthwise_conv2d_plane_w(op);
  const int8_t zero_point = (int8_t)-input_offset;
  int8_t* plane = (int8_t*)op->scratch;
  int32_t b, c, oy, ox, fy, fx, py, px;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * channels;
    int8_t* batch_out = op->output + (size_t)b * out_h * out_w * channels;
    for (c = 0; c < channels; ++c) {
      const int32_t multiplier = op->requant[c].multiplier;
      const int32_t shift = op->requant[c].shift;
      const int32_t bias = op->bias ? op->bias[c] : 0;
      int8_t* out_ptr = batch_out + c;
      for (py = 0; py < plane_h; ++py) {
        const int32_t in_y = py - p->pad_h;
        int8_t* row = plane + (size_t)py * plane_w;
        for (px = 0; px < plane_w; ++px) {
          const int32_t in_x = px - p->pad_w;
          row[px] = (in_y >= 0 && in_y < in_h && in_x >= 0 && in_x < in_w)
                        ? batch_in[((size_t)in_y * in_w + (size_t)in_x) * channels + c]
                        : zero_point;
        }
      }
      for (oy = 0; oy < out_h; ++oy) {
        const int8_t* window = plane + (size_t)oy * p->stride_h * plane_w;
        for (ox = 0; ox < out_w; ++ox) {
          const int8_t* f = op->filter + c;
          int32_t acc = bias;
          for (fy = 0; fy < f_h; ++fy) {
            const int8_t* in = window + (size_t)fy * p->dilation_h * plane_w;
            for (fx = 0; fx < f_w; ++fx) {
              acc += (int32_t)*f * ((int32_t)*in + input_offset);
              in += p->dilation_w;
              f += channels;
            }
          }
          *out_ptr = tfc_requantize_to_s8(acc, multiplier, shift, p->output_offset, p->act_min, p->act_max);
          out_ptr += channels;
          window += p->stride_w;
        }
      }
    }
  }
}

#if TFC_HAVE_DSP_PATH

/* The DSP path works one input channel at a time: the rows and columns of the channel
 * that the output windows cover are widened to an int16 plane with the input offset added
 * and zeros where the windows leave the input (adding 0 is the same as skipping the
 * point, so the sums equal the plain path's). Filter taps are packed in int16 pairs along
 * the width, so one SMLAD adds two taps; a width-odd filter's last pair is (f, 0) and
 * reads one plane column past the window, which the plane has. Each output row's
 * accumulators go to scratch first, then are requantized in a loop of their own (two
 * small loops keep their values in registers under -Os; one big loop spills). Each
 * channel's plane is read completely before its outputs are written, into its own output
 * slots only: with depth multiplier 1 and output h*w <= input h*w the output may be the
 * input. */

/* count int8 values `stride` bytes apart, plus offset, to consecutive int16. */
TFC_NOINLINE static void widen_strided(const int8_t* in, int32_t stride, int32_t count, int32_t offset, int16_t* out) {
  for (; count > 0; --count) {
    *out++ = (int16_t)(*in + offset);
    in += stride;
  }
}

/* Writes the inside part of one channel's plane: input rows and columns the windows
 * cover, plus offset. Everything else of the plane is zero, written once per call by
 * the caller (the same for every channel). */
static void fill_plane(const tfc_depthwise_conv2d_op* op, const int8_t* batch_in, int32_t channel, int16_t* plane,
                       int32_t plane_h, int32_t plane_w) {
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t y_begin = tfc_min_i32(tfc_max_i32(op->params.pad_h, 0), plane_h);
  const int32_t y_end = tfc_max_i32(tfc_min_i32(op->input_shape.h + op->params.pad_h, plane_h), y_begin);
  const int32_t x_begin = tfc_min_i32(tfc_max_i32(op->params.pad_w, 0), plane_w);
  const int32_t x_end = tfc_max_i32(tfc_min_i32(in_w + op->params.pad_w, plane_w), x_begin);
  int32_t py;
  if (x_end <= x_begin) return;
  for (py = y_begin; py < y_end; ++py) {
    widen_strided(batch_in + ((size_t)(py - op->params.pad_h) * in_w + (size_t)(x_begin - op->params.pad_w)) * in_c +
                      channel,
                  in_c, x_end - x_begin, op->params.input_offset, plane + (size_t)py * plane_w + x_begin);
  }
}

/* One output row's accumulators (without the bias), 3x3 filter, dilation 1 along the
 * width: 6 loads and 6 SMLADs per output. One row per call: an outer row loop here makes
 * -Os spill the filter pairs. */
TFC_NOINLINE static void row_3x3(const int16_t* window, int32_t row_step, int32_t stride_w, int32_t count,
                                 const int32_t* pairs, int32_t* acc) {
  const int32_t p0 = pairs[0], p1 = pairs[1], p2 = pairs[2], p3 = pairs[3], p4 = pairs[4], p5 = pairs[5];
  do {
    const int16_t* r = window;
    int32_t a = tfc_smlad(p0, tfc_read_s16x2(r), 0);
    a = tfc_smlad(p1, tfc_read_s16x2(r + 2), a);
    r += row_step;
    a = tfc_smlad(p2, tfc_read_s16x2(r), a);
    a = tfc_smlad(p3, tfc_read_s16x2(r + 2), a);
    r += row_step;
    a = tfc_smlad(p4, tfc_read_s16x2(r), a);
    a = tfc_smlad(p5, tfc_read_s16x2(r + 2), a);
    *acc++ = a;
    window += stride_w;
  } while (--count);
}

/* Any filter with dilation 1 along the width: pairs_w pairs per filter row. */
TFC_NOINLINE static void row_pairs(const int16_t* window, int32_t row_step, int32_t stride_w, int32_t count,
                                   const int32_t* pairs, int32_t f_h, int32_t pairs_w, int32_t* acc) {
  int32_t fy, j;
  do {
    const int16_t* r = window;
    const int32_t* fp = pairs;
    int32_t a = 0;
    for (fy = 0; fy < f_h; ++fy) {
      for (j = 0; j < pairs_w; ++j) a = tfc_smlad(fp[j], tfc_read_s16x2(r + 2 * j), a);
      fp += pairs_w;
      r += row_step;
    }
    *acc++ = a;
    window += stride_w;
  } while (--count);
}

/* Dilated along the width: tap by tap. filter points at the channel's first tap, taps
 * `filter_step` bytes apart. */
static void row_dilated(const int16_t* window, int32_t row_step, int32_t stride_w, int32_t count, const int8_t* filter,
                        int32_t filter_step, int32_t f_h, int32_t f_w, int32_t dilation_w, int32_t* acc) {
  int32_t fy, fx;
  do {
    const int16_t* r = window;
    int32_t a = 0;
    for (fy = 0; fy < f_h; ++fy) {
      for (fx = 0; fx < f_w; ++fx) a += filter[(size_t)(fy * f_w + fx) * filter_step] * r[fx * dilation_w];
      r += row_step;
    }
    *acc++ = a;
    window += stride_w;
  } while (--count);
}

/* count accumulators plus bias to outputs out_step bytes apart. */
TFC_NOINLINE static void requantize_row(const int32_t* acc, int32_t count, int32_t bias,
                                        const tfc_channel_requant* requant, int8_t* out, int32_t out_step) {
  const tfc_channel_requant c = *requant;
  if (c.fast) {
    do {
      *out = tfc_channel_requantize_fast(*acc++ + bias, &c);
      out += out_step;
    } while (--count);
  } else {
    do {
      *out = tfc_channel_requantize(*acc++ + bias, &c);
      out += out_step;
    } while (--count);
  }
}

void tfc_depthwise_conv2d_s8_dsp(const tfc_depthwise_conv2d_op* op) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t pairs_w = (f_w + 1) / 2;
  const int32_t out_h = op->output_shape.h;
  const int32_t out_w = op->output_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t mult = op->depth_multiplier;
  const int32_t plane_h = tfc_depthwise_conv2d_plane_h(op);
  const int32_t plane_w = tfc_depthwise_conv2d_plane_w(op);
  const int32_t plane_bytes = (plane_h * plane_w * 2 + 3) & ~3;
  const int32_t chunk_rows = tfc_depthwise_conv2d_chunk_rows(op);
  int16_t* plane = (int16_t*)op->scratch;
  int32_t* filter_pairs = (int32_t*)(void*)((uint8_t*)op->scratch + plane_bytes);
  int32_t* acc = filter_pairs + f_h * pairs_w;
  const int32_t row_step = p->dilation_h * plane_w;
  const int32_t row_advance = p->stride_h * plane_w;
  int32_t b, ic, m, fy, fx, oy, i;
  for (i = 0; i < plane_h * plane_w; ++i) plane[i] = 0; /* the padding, the same for every channel */
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * in_c;
    int8_t* batch_out = op->output + (size_t)b * out_h * out_w * out_c;
    for (ic = 0; ic < in_c; ++ic) {
      fill_plane(op, batch_in, ic, plane, plane_h, plane_w);
      for (m = 0; m < mult; ++m) {
        const int32_t oc = ic * mult + m;
        const int32_t bias = op->bias ? op->bias[oc] : 0;
        const tfc_channel_requant requant =
            tfc_channel_requant_make(op->requant[oc], p->output_offset, p->act_min, p->act_max);
        for (fy = 0; fy < f_h; ++fy) {
          for (fx = 0; fx < f_w; fx += 2) {
            const int32_t f0 = op->filter[((size_t)fy * f_w + fx) * out_c + oc];
            const int32_t f1 = fx + 1 < f_w ? op->filter[((size_t)fy * f_w + fx + 1) * out_c + oc] : 0;
            filter_pairs[fy * pairs_w + fx / 2] = tfc_pkhbt(f0, f1);
          }
        }
        for (oy = 0; oy < out_h; oy += chunk_rows) {
          const int32_t rows = tfc_min_i32(chunk_rows, out_h - oy);
          const int16_t* window = plane + (size_t)oy * row_advance;
          int32_t r;
          for (r = 0; r < rows; ++r, window += row_advance) {
            if (p->dilation_w != 1) {
              row_dilated(window, row_step, p->stride_w, out_w, op->filter + oc, out_c, f_h, f_w, p->dilation_w,
                          acc + r * out_w);
            } else if (f_h == 3 && f_w == 3) {
              row_3x3(window, row_step, p->stride_w, out_w, filter_pairs, acc + r * out_w);
            } else {
              row_pairs(window, row_step, p->stride_w, out_w, filter_pairs, f_h, pairs_w, acc + r * out_w);
            }
          }
          requantize_row(acc, rows * out_w, bias, &requant, batch_out + (size_t)oy * out_w * out_c + oc, out_c);
        }
      }
    }
  }
}

void tfc_depthwise_conv2d_s8_inplace_dsp(const tfc_depthwise_conv2d_op* op) { tfc_depthwise_conv2d_s8_dsp(op); }

#endif /* TFC_HAVE_DSP_PATH */
