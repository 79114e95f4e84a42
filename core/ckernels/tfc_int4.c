#include "tfc_int4.h"

static int8_t sign_extend_nibble(uint32_t nibble) {
  return (int8_t)((nibble & 0x08u) ? (int32_t)(nibble & 0x0Fu) - 16 : (int32_t)(nibble & 0x0Fu));
}

void tfc_unpack_int4(const uint8_t* packed, int32_t count, int8_t* output) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    const uint32_t byte = packed[i / 2];
    output[i] = sign_extend_nibble((i % 2 == 0) ? byte : byte >> 4);
  }
}
