#ifndef TFC_INT4_H
#define TFC_INT4_H
/* TFLite's packed int4 tensors: two signed nibbles per byte, the element with the even
 * index in the low nibble. TFLM unpacks such filters into an int8 buffer before the int8
 * kernel runs (tensor_utils::UnpackDenseInt4IntoInt8); so does this. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes `count` sign-extended values; reads ceil(count / 2) bytes (an odd count uses
 * only the low nibble of the last byte). */
void tfc_unpack_int4(const uint8_t* packed, int32_t count, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* TFC_INT4_H */
