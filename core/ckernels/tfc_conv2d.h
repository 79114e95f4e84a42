#ifndef TFC_CONV2D_H
#define TFC_CONV2D_H
/* Int8 Conv2D with per-channel filters (TFLM's reference_integer_ops::ConvPerChannel),
 * grouped and dilated.
 *
 * For each output element:
 *   acc = sum over the window of filter[o][fy][fx][i] * (input + input_offset)
 *         (window points outside the input are skipped: zero padding in real terms)
 *   acc += bias[o]
 *   out = clamp(MBQM(acc, requant[o]) + output_offset, act_min, act_max)
 * Groups = input_shape.c / filter_shape.c; output channel o reads input channels
 * [g * filter_shape.c, (g + 1) * filter_shape.c) with g = o / (output_shape.c / groups).
 *
 * Paths: _plain (any core), _dsp (SMLAD on q15 columns: 2 output channels x 3 output
 * pixels per inner step; needs scratch), bit-identical. tfc_conv2d_s8 picks _dsp on cores
 * with the DSP extension. */

#include "tfc_common.h"
#include "tfc_dsp.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;        /* input_shape, NHWC */
  const int8_t* filter;       /* filter_shape, OHWI */
  const int32_t* bias;        /* output_shape.c values, or NULL for none */
  const tfc_requant* requant; /* output_shape.c values */
  int8_t* output;             /* output_shape, NHWC */
  void* scratch;              /* tfc_conv2d_s8_scratch_bytes(op, dsp) bytes, 4-byte aligned; NULL if 0 */
  tfc_shape4 input_shape;
  tfc_shape4 filter_shape;
  tfc_shape4 output_shape;
  tfc_conv_params params;
} tfc_conv2d_op;

/* Scratch the conv needs on a core with (dsp = 1) or without (dsp = 0) the DSP extension:
 * three int16 im2col columns of the window (filter h * w * c values, rounded up to 4),
 * three int32 accumulators per output channel of a group (+3), and when the filter's
 * channel count is not a multiple of 4 one more int16 window. Reads only the op's shapes
 * and params (its pointers may be NULL). */
static inline int32_t tfc_conv2d_s8_scratch_bytes(const tfc_conv2d_op* op, int dsp) {
  const int32_t depth4 = (op->filter_shape.h * op->filter_shape.w * op->filter_shape.c + 3) & ~3;
  const int32_t groups = op->filter_shape.c > 0 ? op->input_shape.c / op->filter_shape.c : 1;
  const int32_t channels = groups > 0 ? op->output_shape.c / groups : op->output_shape.c;
  const int32_t stage = (op->filter_shape.c & 3) ? depth4 * 2 : 0;
  return dsp ? 3 * depth4 * 2 + 3 * (channels + 1) * 4 + stage : 0;
}

void tfc_conv2d_s8_plain(const tfc_conv2d_op* op);
#if TFC_HAVE_DSP_PATH
void tfc_conv2d_s8_dsp(const tfc_conv2d_op* op);
#endif

static inline void tfc_conv2d_s8(const tfc_conv2d_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_conv2d_s8_dsp(op);
#else
  tfc_conv2d_s8_plain(op);
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_CONV2D_H */
