#include "tfc_fully_connected.h"

#include "tfc_fixed_point.h"

void tfc_fully_connected_s8_plain(const tfc_fully_connected_op* op) {
  const int32_t depth = op->accum_depth;
  const int32_t filter_offset = op->per_channel ? 0 : op->filter_offset;
  int32_t b, o, d;
  for (b = 0; b < op->batches; ++b) {
    const int8_t* in_row = op->input + (size_t)b * depth;
    int8_t* out_row = op->output + (size_t)b * op->units;
    for (o = 0; o < op->units; ++o) {
      const int8_t* f_row = op->filter + (size_t)o * depth;
      const tfc_requant* rq = op->per_channel ? &op->requant[o] : &op->requant[0];
      int32_t acc = 0;
      for (d = 0; d < depth; ++d) acc += ((int32_t)f_row[d] + filter_offset) * ((int32_t)in_row[d] + op->input_offset);
      if (op->bias) acc += op->bias[o];
      out_row[o] = tfc_requantize_to_s8(acc, rq->multiplier, rq->shift, op->output_offset, op->act_min, op->act_max);
    }
  }
}

#if TFC_HAVE_DSP_PATH

/* The DSP path widens each input row once to int16 in scratch with the input offset
 * added, four values at a time in the order SXTB16 unpacks a filter word:
 *   v0..v3 -> words (v0, v2), (v1, v3)
 * so a filter word gives (f0, f2) and (f1, f3) and two SMLADs add f0v0 + f2v2 + f1v1 + f3v3.
 * Two units share each row word; the accum_depth % 4 leftover runs in plain C. */

static void widen_row(const int8_t* in, int32_t groups, int32_t offset, int32_t* words) {
  const int32_t offset_pair = tfc_pkhbt(offset, offset);
  int32_t g;
  for (g = 0; g < groups; ++g) {
    const int32_t v = tfc_read_s8x4(in + 4 * g);
    words[2 * g] = tfc_sxtab16(offset_pair, v);
    words[2 * g + 1] = tfc_sxtab16_ror8(offset_pair, v);
  }
}

void tfc_fully_connected_s8_dsp(const tfc_fully_connected_op* op) {
  const int32_t depth = op->accum_depth;
  const int32_t groups = depth >> 2;
  const int32_t groups_end = depth & ~3;
  const int32_t filter_offset = op->per_channel ? 0 : op->filter_offset;
  const int32_t filter_offset_pair = tfc_pkhbt(filter_offset, filter_offset);
  int32_t* row = (int32_t*)op->scratch;
  int32_t b, o, g, d;
  for (b = 0; b < op->batches; ++b) {
    const int8_t* in_row = op->input + (size_t)b * depth;
    int8_t* out_row = op->output + (size_t)b * op->units;
    widen_row(in_row, groups, op->input_offset, row);
    for (o = 0; o < op->units; o += 2) {
      const int two = o + 1 < op->units;
      const int8_t* fa = op->filter + (size_t)o * depth;
      const int8_t* fb = two ? fa + depth : fa;
      int32_t acc[2] = {0, 0};
      int32_t u;
      if (filter_offset == 0) {
        for (g = 0; g < groups; ++g) {
          const int32_t wa = tfc_read_s8x4(fa + 4 * g);
          const int32_t wb = tfc_read_s8x4(fb + 4 * g);
          const int32_t v02 = row[2 * g];
          const int32_t v13 = row[2 * g + 1];
          acc[0] = tfc_smlad(tfc_sxtb16(wa), v02, acc[0]);
          acc[1] = tfc_smlad(tfc_sxtb16(wb), v02, acc[1]);
          acc[0] = tfc_smlad(tfc_sxtb16_ror8(wa), v13, acc[0]);
          acc[1] = tfc_smlad(tfc_sxtb16_ror8(wb), v13, acc[1]);
        }
      } else {
        /* Per-tensor filter with a zero point: f + filter_offset fits int16 lanes. */
        for (g = 0; g < groups; ++g) {
          const int32_t wa = tfc_read_s8x4(fa + 4 * g);
          const int32_t wb = tfc_read_s8x4(fb + 4 * g);
          const int32_t v02 = row[2 * g];
          const int32_t v13 = row[2 * g + 1];
          acc[0] = tfc_smlad(tfc_sxtab16(filter_offset_pair, wa), v02, acc[0]);
          acc[1] = tfc_smlad(tfc_sxtab16(filter_offset_pair, wb), v02, acc[1]);
          acc[0] = tfc_smlad(tfc_sxtab16_ror8(filter_offset_pair, wa), v13, acc[0]);
          acc[1] = tfc_smlad(tfc_sxtab16_ror8(filter_offset_pair, wb), v13, acc[1]);
        }
      }
      for (d = groups_end; d < depth; ++d) {
        const int32_t x = (int32_t)in_row[d] + op->input_offset;
        acc[0] += ((int32_t)fa[d] + filter_offset) * x;
        acc[1] += ((int32_t)fb[d] + filter_offset) * x;
      }
      for (u = 0; u < 1 + two; ++u) {
        const tfc_requant* rq = op->per_channel ? &op->requant[o + u] : &op->requant[0];
        const int32_t sum = acc[u] + (op->bias ? op->bias[o + u] : 0);
        out_row[o + u] =
            tfc_requantize_to_s8(sum, rq->multiplier, rq->shift, op->output_offset, op->act_min, op->act_max);
      }
    }
  }
}

#endif /* TFC_HAVE_DSP_PATH */
