#ifndef TFC_DEPTHWISE_CONV2D_H
#define TFC_DEPTHWISE_CONV2D_H
/* Int8 DepthwiseConv2D with per-channel filters (TFLM's
 * reference_integer_ops::DepthwiseConvPerChannel), any depth multiplier, dilated.
 *
 * Output channel oc = ic * depth_multiplier + m sees only input channel ic:
 *   acc = sum over the window of filter[0][fy][fx][oc] * (input[..][ic] + input_offset)
 *   acc += bias[oc]
 *   out = clamp(MBQM(acc, requant[oc]) + output_offset, act_min, act_max)
 *
 * Paths: _plain (any core, no scratch) and _dsp (one input channel at a time, widened to
 * an int16 plane with the offset added and zeros around it, SMLAD over filter rows),
 * bit-identical. tfc_depthwise_conv2d_s8 picks _dsp on cores with the DSP extension.
 *
 * In place (TinyEngine): tfc_depthwise_conv2d_s8_inplace may write its output over its
 * input (output == input) when tfc_depthwise_conv2d_can_run_inplace(op): depth multiplier
 * 1 and output h * w <= input h * w. It copies one input channel plane to scratch, then
 * writes that channel's outputs into the channel's own slots, which no later channel
 * reads: the layer needs the larger of the two tensors plus one channel plane instead of
 * both tensors. It also runs with separate buffers. */

#include "tfc_common.h"
#include "tfc_dsp.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;        /* input_shape, NHWC */
  const int8_t* filter;       /* filter_shape {1, h, w, input c * depth_multiplier} */
  const int32_t* bias;        /* output_shape.c values, or NULL for none */
  const tfc_requant* requant; /* output_shape.c values */
  int8_t* output;             /* output_shape, NHWC, c = input c * depth_multiplier */
  void* scratch;              /* see the scratch formulas below; 4-byte aligned; NULL if 0 */
  tfc_shape4 input_shape;
  tfc_shape4 filter_shape;
  tfc_shape4 output_shape;
  tfc_conv_params params;
  int32_t depth_multiplier;
} tfc_depthwise_conv2d_op;

/* The rows and columns of one input channel that the output windows cover, starting at
 * (-pad_h, -pad_w): the int16 plane of the DSP path. */
static inline int32_t tfc_depthwise_conv2d_plane_h(const tfc_depthwise_conv2d_op* op) {
  return (op->output_shape.h - 1) * op->params.stride_h + (op->filter_shape.h - 1) * op->params.dilation_h + 1;
}
static inline int32_t tfc_depthwise_conv2d_plane_w(const tfc_depthwise_conv2d_op* op) {
  /* +1: the DSP loop reads filter taps in pairs and may read one int16 past a row. */
  return (op->output_shape.w - 1) * op->params.stride_w + (op->filter_shape.w - 1) * op->params.dilation_w + 2;
}

/* Output rows the DSP path accumulates before requantizing them: as many whole rows as
 * fit 64 outputs, at least one. */
static inline int32_t tfc_depthwise_conv2d_chunk_rows(const tfc_depthwise_conv2d_op* op) {
  const int32_t rows = op->output_shape.w >= 64 ? 1 : 64 / op->output_shape.w;
  return rows < op->output_shape.h ? rows : op->output_shape.h;
}

/* Scratch of tfc_depthwise_conv2d_s8 on a core with (dsp = 1) or without (dsp = 0) the
 * DSP extension: the int16 plane, one channel's filter as int16 pairs and the int32
 * accumulators of a chunk of output rows. Reads only the op's shapes and params. */
static inline int32_t tfc_depthwise_conv2d_s8_scratch_bytes(const tfc_depthwise_conv2d_op* op, int dsp) {
  const int32_t plane_bytes = (tfc_depthwise_conv2d_plane_h(op) * tfc_depthwise_conv2d_plane_w(op) * 2 + 3) & ~3;
  const int32_t filter_bytes = op->filter_shape.h * ((op->filter_shape.w + 1) / 2) * 4;
  const int32_t chunk_bytes = tfc_depthwise_conv2d_chunk_rows(op) * op->output_shape.w * 4;
  return dsp ? plane_bytes + filter_bytes + chunk_bytes : 0;
}

/* Scratch of tfc_depthwise_conv2d_s8_inplace: one channel's plane (the input rows and
 * columns the windows cover, padding included): int8 on plain cores, as the DSP path's
 * scratch on DSP cores. */
static inline int32_t tfc_depthwise_conv2d_s8_inplace_scratch_bytes(const tfc_depthwise_conv2d_op* op, int dsp) {
  return dsp ? tfc_depthwise_conv2d_s8_scratch_bytes(op, 1)
             : ((tfc_depthwise_conv2d_plane_h(op) * tfc_depthwise_conv2d_plane_w(op) + 3) & ~3);
}

/* Whether the in-place variant may write over its input. */
static inline int tfc_depthwise_conv2d_can_run_inplace(const tfc_depthwise_conv2d_op* op) {
  return op->depth_multiplier == 1 &&
         op->output_shape.h * op->output_shape.w <= op->input_shape.h * op->input_shape.w;
}

void tfc_depthwise_conv2d_s8_plain(const tfc_depthwise_conv2d_op* op);
void tfc_depthwise_conv2d_s8_inplace_plain(const tfc_depthwise_conv2d_op* op);
#if TFC_HAVE_DSP_PATH
void tfc_depthwise_conv2d_s8_dsp(const tfc_depthwise_conv2d_op* op);
void tfc_depthwise_conv2d_s8_inplace_dsp(const tfc_depthwise_conv2d_op* op);
#endif

static inline void tfc_depthwise_conv2d_s8(const tfc_depthwise_conv2d_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_depthwise_conv2d_s8_dsp(op);
#else
  tfc_depthwise_conv2d_s8_plain(op);
#endif
}

static inline void tfc_depthwise_conv2d_s8_inplace(const tfc_depthwise_conv2d_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_depthwise_conv2d_s8_inplace_dsp(op);
#else
  tfc_depthwise_conv2d_s8_inplace_plain(op);
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_DEPTHWISE_CONV2D_H */
