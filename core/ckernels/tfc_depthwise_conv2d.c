#include "tfc_depthwise_conv2d.h"

#include "tfc_fixed_point.h"

void tfc_depthwise_conv2d_s8_plain(const tfc_depthwise_conv2d_op* op) {
  const tfc_conv_params* p = &op->params;
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t f_h = op->filter_shape.h;
  const int32_t f_w = op->filter_shape.w;
  const int32_t out_c = op->output_shape.c;
  const int32_t mult = op->depth_multiplier;
  const int32_t input_offset = p->input_offset;
  int8_t* out_ptr = op->output;
  int32_t b, oy, ox, ic, m, fy, fx;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * in_c;
    for (oy = 0; oy < op->output_shape.h; ++oy) {
      const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
      for (ox = 0; ox < op->output_shape.w; ++ox) {
        const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
        for (ic = 0; ic < in_c; ++ic) {
          for (m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            int32_t acc = 0;
            for (fy = 0; fy < f_h; ++fy) {
              const int32_t in_y = in_y_origin + p->dilation_h * fy;
              if (in_y < 0 || in_y >= in_h) continue;
              for (fx = 0; fx < f_w; ++fx) {
                const int32_t in_x = in_x_origin + p->dilation_w * fx;
                if (in_x < 0 || in_x >= in_w) continue;
                acc += (int32_t)op->filter[((size_t)fy * f_w + fx) * out_c + oc] *
                       ((int32_t)batch_in[((size_t)in_y * in_w + in_x) * in_c + ic] + input_offset);
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

/* Multiplier 1: one channel at a time. The channel's input plane is copied to scratch
 * first, then its outputs go to the channel's own slots of the output, which may be the
 * input: the slots of later channels are untouched, and this channel's inputs are read
 * from the copy. Output batch b ends at or before input batch b + 1 begins (output
 * h * w <= input h * w), so batches in order are safe as well. */
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
  int8_t* plane = (int8_t*)op->scratch;
  int32_t b, c, i, oy, ox, fy, fx;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * in_h * in_w * channels;
    int8_t* batch_out = op->output + (size_t)b * out_h * out_w * channels;
    for (c = 0; c < channels; ++c) {
      const int32_t multiplier = op->requant[c].multiplier;
      const int32_t shift = op->requant[c].shift;
      const int32_t bias = op->bias ? op->bias[c] : 0;
      int8_t* out_ptr = batch_out + c;
      for (i = 0; i < in_h * in_w; ++i) plane[i] = batch_in[(size_t)i * channels + c];
      for (oy = 0; oy < out_h; ++oy) {
        const int32_t in_y_origin = oy * p->stride_h - p->pad_h;
        for (ox = 0; ox < out_w; ++ox) {
          const int32_t in_x_origin = ox * p->stride_w - p->pad_w;
          int32_t acc = 0;
          for (fy = 0; fy < f_h; ++fy) {
            const int32_t in_y = in_y_origin + p->dilation_h * fy;
            if (in_y < 0 || in_y >= in_h) continue;
            for (fx = 0; fx < f_w; ++fx) {
              const int32_t in_x = in_x_origin + p->dilation_w * fx;
              if (in_x < 0 || in_x >= in_w) continue;
              acc += (int32_t)op->filter[((size_t)fy * f_w + fx) * channels + c] *
                     ((int32_t)plane[in_y * in_w + in_x] + input_offset);
            }
          }
          *out_ptr = tfc_requantize_to_s8(acc + bias, multiplier, shift, p->output_offset, p->act_min, p->act_max);
          out_ptr += channels;
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
 * reads one plane column past the window, which the plane has. Each channel's plane is
 * read completely before its outputs are written, into its own output slots only: with
 * depth multiplier 1 and output h*w <= input h*w the output may be the input. */

static void fill_plane(const tfc_depthwise_conv2d_op* op, const int8_t* batch_in, int32_t channel, int16_t* plane,
                       int32_t plane_h, int32_t plane_w) {
  const int32_t in_h = op->input_shape.h;
  const int32_t in_w = op->input_shape.w;
  const int32_t in_c = op->input_shape.c;
  const int32_t offset = op->params.input_offset;
  const int32_t x_begin = tfc_min_i32(tfc_max_i32(op->params.pad_w, 0), plane_w);     /* first plane column inside */
  const int32_t x_end = tfc_max_i32(tfc_min_i32(in_w + op->params.pad_w, plane_w), x_begin); /* past the last */
  int32_t py, px;
  for (py = 0; py < plane_h; ++py) {
    const int32_t in_y = py - op->params.pad_h;
    int16_t* row = plane + (size_t)py * plane_w;
    if (in_y < 0 || in_y >= in_h) {
      for (px = 0; px < plane_w; ++px) row[px] = 0;
      continue;
    }
    {
      const int8_t* in = batch_in + ((size_t)in_y * in_w + (size_t)(x_begin - op->params.pad_w)) * in_c + channel;
      for (px = 0; px < x_begin; ++px) row[px] = 0;
      for (px = x_begin; px < x_end; ++px) {
        row[px] = (int16_t)(*in + offset);
        in += in_c;
      }
      for (px = x_end; px < plane_w; ++px) row[px] = 0;
    }
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
  int16_t* plane = (int16_t*)op->scratch;
  int32_t* filter_pairs = (int32_t*)(void*)((uint8_t*)op->scratch + plane_bytes);
  const size_t row_step = (size_t)p->dilation_h * plane_w;
  int32_t b, ic, m, fy, fx, oy, ox;
  for (b = 0; b < op->output_shape.n; ++b) {
    const int8_t* batch_in = op->input + (size_t)b * op->input_shape.h * op->input_shape.w * in_c;
    int8_t* batch_out = op->output + (size_t)b * out_h * out_w * out_c;
    for (ic = 0; ic < in_c; ++ic) {
      fill_plane(op, batch_in, ic, plane, plane_h, plane_w);
      for (m = 0; m < mult; ++m) {
        const int32_t oc = ic * mult + m;
        const int32_t bias = op->bias ? op->bias[oc] : 0;
        const int32_t multiplier = op->requant[oc].multiplier;
        const int32_t shift = op->requant[oc].shift;
        int8_t* out = batch_out + oc;
        for (fy = 0; fy < f_h; ++fy) {
          for (fx = 0; fx < f_w; fx += 2) {
            const int32_t f0 = op->filter[((size_t)fy * f_w + fx) * out_c + oc];
            const int32_t f1 = fx + 1 < f_w ? op->filter[((size_t)fy * f_w + fx + 1) * out_c + oc] : 0;
            filter_pairs[fy * pairs_w + fx / 2] = tfc_pkhbt(f0, f1);
          }
        }
        for (oy = 0; oy < out_h; ++oy) {
          const int16_t* window = plane + (size_t)oy * p->stride_h * plane_w;
          for (ox = 0; ox < out_w; ++ox) {
            int32_t acc = bias;
            if (f_h == 3 && f_w == 3 && p->dilation_w == 1) {
              const int16_t* r = window;
              acc = tfc_smlad(filter_pairs[0], tfc_read_s16x2(r), acc);
              acc = tfc_smlad(filter_pairs[1], tfc_read_s16x2(r + 2), acc);
              r += row_step;
              acc = tfc_smlad(filter_pairs[2], tfc_read_s16x2(r), acc);
              acc = tfc_smlad(filter_pairs[3], tfc_read_s16x2(r + 2), acc);
              r += row_step;
              acc = tfc_smlad(filter_pairs[4], tfc_read_s16x2(r), acc);
              acc = tfc_smlad(filter_pairs[5], tfc_read_s16x2(r + 2), acc);
            } else if (p->dilation_w == 1) {
              const int16_t* r = window;
              const int32_t* fp = filter_pairs;
              for (fy = 0; fy < f_h; ++fy) {
                for (fx = 0; fx < pairs_w; ++fx) acc = tfc_smlad(fp[fx], tfc_read_s16x2(r + 2 * fx), acc);
                fp += pairs_w;
                r += row_step;
              }
            } else {
              const int16_t* r = window;
              for (fy = 0; fy < f_h; ++fy) {
                for (fx = 0; fx < f_w; ++fx) {
                  acc += op->filter[((size_t)fy * f_w + fx) * out_c + oc] * r[fx * p->dilation_w];
                }
                r += row_step;
              }
            }
            *out = tfc_requantize_to_s8(acc, multiplier, shift, p->output_offset, p->act_min, p->act_max);
            out += out_c;
            window += p->stride_w;
          }
        }
      }
    }
  }
}

void tfc_depthwise_conv2d_s8_inplace_dsp(const tfc_depthwise_conv2d_op* op) { tfc_depthwise_conv2d_s8_dsp(op); }

#endif /* TFC_HAVE_DSP_PATH */
