#ifndef TFC_FULLY_CONNECTED_H
#define TFC_FULLY_CONNECTED_H
/* Int8 FullyConnected: TFLM's reference_integer_ops::FullyConnected (per-tensor filter
 * scale, with a filter offset) and FullyConnectedPerChannel.
 *
 *   acc[b][o] = sum_d (filter[o][d] + filter_offset) * (input[b][d] + input_offset) + bias[o]
 *   out = clamp(MBQM(acc, m, shift) + output_offset, act_min, act_max)
 * per_channel = 0: one requant (requant[0]) and filter_offset as given;
 * per_channel = 1: requant[o] per unit and filter_offset ignored (symmetric filters), as
 * TFLM's two kernels do.
 *
 * Paths: _plain and _dsp (the input row widened once to q15 in scratch, SMLAD over two
 * units at a time), bit-identical. */

#include "tfc_common.h"
#include "tfc_dsp.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;        /* [batches][accum_depth] */
  const int8_t* filter;       /* [units][accum_depth] */
  const int32_t* bias;        /* units values, or NULL for none */
  const tfc_requant* requant; /* 1 value (per-tensor) or units values (per-channel) */
  int8_t* output;             /* [batches][units] */
  void* scratch;              /* tfc_fully_connected_s8_scratch_bytes(op, dsp) bytes, 4-byte aligned */
  int32_t batches;
  int32_t accum_depth;
  int32_t units;
  int32_t per_channel;
  int32_t input_offset;  /* -input zero point */
  int32_t filter_offset; /* -filter zero point (per-tensor kernel only) */
  int32_t output_offset; /* output zero point */
  int32_t act_min;
  int32_t act_max;
} tfc_fully_connected_op;

/* One input row as int16, rounded up to 4 values, on DSP cores. */
static inline int32_t tfc_fully_connected_s8_scratch_bytes(const tfc_fully_connected_op* op, int dsp) {
  return dsp ? ((op->accum_depth + 3) & ~3) * (int32_t)sizeof(int16_t) : 0;
}

void tfc_fully_connected_s8_plain(const tfc_fully_connected_op* op);
#if TFC_HAVE_DSP_PATH
void tfc_fully_connected_s8_dsp(const tfc_fully_connected_op* op);
#endif

static inline void tfc_fully_connected_s8(const tfc_fully_connected_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_fully_connected_s8_dsp(op);
#else
  tfc_fully_connected_s8_plain(op);
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_FULLY_CONNECTED_H */
