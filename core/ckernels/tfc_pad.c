#include "tfc_pad.h"

void tfc_pad_s8(const tfc_pad_op* op) {
  int32_t out_dims[TFC_MAX_DIMS];
  int32_t index[TFC_MAX_DIMS];
  const int32_t rank = op->rank;
  const int8_t* in = op->input;
  const int8_t pad_value = (int8_t)op->pad_value;
  int32_t count = 1;
  int32_t d, o;
  for (d = 0; d < rank; ++d) {
    out_dims[d] = op->input_dims[d] + op->pad_before[d] + op->pad_after[d];
    count *= out_dims[d];
    index[d] = 0;
  }
  for (o = 0; o < count; ++o) {
    int inside = 1;
    for (d = 0; d < rank && inside; ++d) {
      inside = index[d] >= op->pad_before[d] && index[d] < out_dims[d] - op->pad_after[d];
    }
    op->output[o] = inside ? *in++ : pad_value;
    for (d = rank - 1; d >= 0; --d) {
      if (++index[d] < out_dims[d]) break;
      index[d] = 0;
    }
  }
}
