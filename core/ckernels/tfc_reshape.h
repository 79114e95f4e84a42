#ifndef TFC_RESHAPE_H
#define TFC_RESHAPE_H
/* RESHAPE: the bytes unchanged. A memory plan that aliases the output to the input
 * (output == input) makes it a no-op; overlapping buffers are copied safely. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const void* input;
  void* output;
  int32_t bytes;
} tfc_reshape_op;

void tfc_reshape(const tfc_reshape_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_RESHAPE_H */
