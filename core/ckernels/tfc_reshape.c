#include "tfc_reshape.h"

#include <string.h>

void tfc_reshape(const tfc_reshape_op* op) {
  const uint8_t* in = (const uint8_t*)op->input;
  uint8_t* out = (uint8_t*)op->output;
  const size_t bytes = (size_t)op->bytes;
  size_t i;
  if (out == in || bytes == 0) return; /* aliased by the memory plan */
  if (out + bytes <= in || in + bytes <= out) {
    memcpy(out, in, bytes);
  } else if (out < in) {
    for (i = 0; i < bytes; ++i) out[i] = in[i];
  } else {
    for (i = bytes; i > 0; --i) out[i - 1] = in[i - 1];
  }
}
