#ifndef TFC_AVERAGE_POOL2D_H
#define TFC_AVERAGE_POOL2D_H
/* Int8 AveragePool2D: TFLM's reference_integer_ops::AveragePool. The window is clipped to
 * the input (padding cells are not counted); the int32 sum of the n cells inside is
 * divided by n rounding half away from zero, then clamped to [act_min, act_max].
 * Precondition (TFLM fails at Eval otherwise, the C++ wrapper checks it): every window has
 * at least one cell inside the input. Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

void tfc_average_pool2d_s8(const tfc_pool2d_op* op);

/* sum / count rounded half away from zero, count > 0. */
static inline int32_t tfc_rounded_average(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_AVERAGE_POOL2D_H */
