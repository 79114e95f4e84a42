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
 * pixels per inner step; needs scratch), _x86 (PMADDWD on int16 columns: 2 output
 * channels x 4 output pixels per inner step, AVX2 or SSE2; needs scratch), bit-identical.
 * tfc_conv2d_s8 picks _dsp on cores with the DSP extension, _x86 on x86-64 hosts. */

#include "tfc_common.h"
#include "tfc_paths.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;        /* input_shape, NHWC */
  const int8_t* filter;       /* filter_shape, OHWI */
  const int32_t* bias;        /* output_shape.c values, or NULL for none */
  const tfc_requant* requant; /* output_shape.c values */
  int8_t* output;             /* output_shape, NHWC */
  void* scratch;              /* tfc_conv2d_s8_scratch_bytes(op, path) bytes, 4-byte aligned; NULL if 0 */
  tfc_shape4 input_shape;
  tfc_shape4 filter_shape;
  tfc_shape4 output_shape;
  tfc_conv_params params;
} tfc_conv2d_op;

/* Scratch of each path (TFC_PATH_PLAIN, _DSP, _X86; tfc_paths.h). Reads only the op's
 * shapes and params (its pointers may be NULL).
 * DSP: three int16 im2col columns of the window (filter h * w * c values, rounded up to
 * 4), three int32 accumulators per output channel of a group (+3), and when the filter's
 * channel count is not a multiple of 4 one more int16 window.
 * x86: four int16 columns of the window rounded up to 16 values, four rows of int32
 * accumulators (output channels of a group + 1, rounded up to 8), and when the window is
 * not a multiple of 16 values the last (window % 16) weights of every filter as 16 int16. */
static inline int32_t tfc_conv2d_s8_scratch_bytes(const tfc_conv2d_op* op, int path) {
  const int32_t depth = op->filter_shape.h * op->filter_shape.w * op->filter_shape.c;
  const int32_t groups = op->filter_shape.c > 0 ? op->input_shape.c / op->filter_shape.c : 1;
  const int32_t channels = groups > 0 ? op->output_shape.c / groups : op->output_shape.c;
  if (path == TFC_PATH_DSP) {
    const int32_t depth4 = (depth + 3) & ~3;
    const int32_t stage = (op->filter_shape.c & 3) ? depth4 * 2 : 0;
    return 3 * depth4 * 2 + 3 * (channels + 1) * 4 + stage;
  }
  if (path == TFC_PATH_X86) {
    const int32_t depth16 = (depth + 15) & ~15;
    const int32_t tails = (depth & 15) ? op->output_shape.c * 16 * 2 : 0;
    return 4 * depth16 * 2 + 4 * ((channels + 1 + 7) & ~7) * 4 + tails;
  }
  return 0;
}

void tfc_conv2d_s8_plain(const tfc_conv2d_op* op);
#if TFC_HAVE_DSP_PATH
void tfc_conv2d_s8_dsp(const tfc_conv2d_op* op);
#endif
#if TFC_HAVE_X86_PATH
/* AVX2 where the CPU has it, SSE2 otherwise. Windows of more than TFC_X86_MAX_WINDOW
 * values run the plain path (see tfc_x86.h). */
void tfc_conv2d_s8_x86(const tfc_conv2d_op* op);
/* The two variants on their own, for tests; _avx2 only where tfc_x86_has_avx2(). */
void tfc_conv2d_s8_x86_sse2(const tfc_conv2d_op* op);
void tfc_conv2d_s8_x86_avx2(const tfc_conv2d_op* op);
#endif

static inline void tfc_conv2d_s8(const tfc_conv2d_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_conv2d_s8_dsp(op);
#elif TFC_HAVE_X86_PATH
  tfc_conv2d_s8_x86(op);
#else
  tfc_conv2d_s8_plain(op);
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_CONV2D_H */
