#ifndef TFC_COPY_RECT_H
#define TFC_COPY_RECT_H
/* A rectangle of rows between two NHWC activations of different widths: what patch-based
 * inference (core/runtime/patch_plan.h) needs to cut a patch's input out of a whole
 * tensor, to cut the region one layer reads out of a larger patch, and to write a patch's
 * result into the whole stage-output tensor. `rows` rows of `row_bytes` bytes each; the
 * rows start `src_stride` / `dst_stride` bytes apart. Regions must not overlap. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* src; /* first byte of the rectangle in the source */
  int8_t* dst;       /* first byte of the rectangle in the destination */
  int32_t rows;
  int32_t row_bytes;
  int32_t src_stride; /* bytes between the starts of two source rows */
  int32_t dst_stride;
} tfc_copy_rect_op;

void tfc_copy_rect_s8(const tfc_copy_rect_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_COPY_RECT_H */
