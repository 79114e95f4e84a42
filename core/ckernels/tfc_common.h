#ifndef TFC_COMMON_H
#define TFC_COMMON_H
/* TinyForge C kernels: types shared by every op.
 *
 * Every kernel runs from one descriptor struct holding its pointers, shapes and every
 * parameter TFLM's Prepare derives; the host interpreter fills descriptors at Prepare,
 * generated firmware defines them as `static const` data. Kernels keep no state, never
 * allocate and are reentrant. Only <stdint.h>, <stddef.h> and <string.h> (memcpy, memset)
 * are used. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Batch, height, width, channels (TFLite's NHWC). Filters use the same struct: Conv2D
 * filters are OHWI {out, h, w, in / groups}, DepthwiseConv2D filters {1, h, w, in * mult}. */
typedef struct {
  int32_t n;
  int32_t h;
  int32_t w;
  int32_t c;
} tfc_shape4;

/* TFLM's QuantizedMultiplier: real ~= multiplier * 2^(shift - 31), multiplier Q0.31,
 * shift > 0 shifts left. Same layout as tinyforge::kernels::QuantizedMultiplier, so the
 * C++ side passes its vectors directly (checked with static_assert there). */
typedef struct {
  int32_t multiplier;
  int32_t shift;
} tfc_requant;

/* Most dimensions of the N-D ops (Add broadcast, Mean, Pad, Concatenation). */
#define TFC_MAX_DIMS 6

/* Stride, padding and quantization of a Conv2D or DepthwiseConv2D, as TFLM's Prepare
 * derives them: pad_h / pad_w are the top / left padding, input_offset = -input zero
 * point, output_offset = output zero point, [act_min, act_max] the fused activation's
 * clamp range. */
typedef struct {
  int32_t stride_h;
  int32_t stride_w;
  int32_t dilation_h;
  int32_t dilation_w;
  int32_t pad_h;
  int32_t pad_w;
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
} tfc_conv_params;

/* AveragePool2D and MaxPool2D (TFLM's PoolParams); input and output share scale and
 * zero point, so there is no requantization. */
typedef struct {
  int32_t stride_h;
  int32_t stride_w;
  int32_t filter_h;
  int32_t filter_w;
  int32_t pad_h; /* top */
  int32_t pad_w; /* left */
  int32_t act_min;
  int32_t act_max;
} tfc_pool_params;

typedef struct {
  const int8_t* input;
  int8_t* output;
  tfc_shape4 input_shape;
  tfc_shape4 output_shape; /* same n and c as the input */
  tfc_pool_params params;
} tfc_pool2d_op;

/* Hot helpers (requantization, DSP primitives) are forced inline: GCC -Os otherwise
 * calls them out of line from the kernels' inner loops. */
#if defined(__GNUC__) || defined(__clang__)
#define TFC_ALWAYS_INLINE __attribute__((always_inline))
#define TFC_NOINLINE __attribute__((noinline))
#else
#define TFC_ALWAYS_INLINE
#define TFC_NOINLINE
#endif

static inline int32_t tfc_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t tfc_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t tfc_clamp_i32(int32_t x, int32_t lo, int32_t hi) {
  return tfc_min_i32(tfc_max_i32(x, lo), hi);
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_COMMON_H */
