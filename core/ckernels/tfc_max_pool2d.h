#ifndef TFC_MAX_POOL2D_H
#define TFC_MAX_POOL2D_H
/* Int8 MaxPool2D: TFLM's reference_integer_ops::MaxPool. The maximum over the window
 * clipped to the input (padding never wins), clamped to [act_min, act_max]; a window
 * entirely in the padding gives clamp(-128). Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

void tfc_max_pool2d_s8(const tfc_pool2d_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_MAX_POOL2D_H */
