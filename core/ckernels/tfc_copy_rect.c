#include "tfc_copy_rect.h"

#include <string.h>

void tfc_copy_rect_s8(const tfc_copy_rect_op* op) {
  const int8_t* src = op->src;
  int8_t* dst = op->dst;
  int32_t r;
  if (op->row_bytes == op->src_stride && op->row_bytes == op->dst_stride) {
    /* Whole rows on both sides: one block. */
    memcpy(dst, src, (size_t)op->rows * (size_t)op->row_bytes);
    return;
  }
  for (r = 0; r < op->rows; ++r) {
    memcpy(dst, src, (size_t)op->row_bytes);
    src += op->src_stride;
    dst += op->dst_stride;
  }
}
