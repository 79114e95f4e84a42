#include "tfc_concatenation.h"

#include <string.h>

void tfc_concatenation_s8(const tfc_concatenation_op* op) {
  int32_t outer = 1;
  int32_t inner = 1;
  int32_t d, k, i;
  int8_t* out = op->output;
  for (d = 0; d < op->axis; ++d) outer *= op->output_dims[d];
  for (d = op->axis + 1; d < op->rank; ++d) inner *= op->output_dims[d];
  for (k = 0; k < outer; ++k) {
    for (i = 0; i < op->num_inputs; ++i) {
      const size_t slab = (size_t)op->input_axis_dims[i] * (size_t)inner;
      if (slab > 0) memcpy(out, op->inputs[i] + (size_t)k * slab, slab);
      out += slab;
    }
  }
}
