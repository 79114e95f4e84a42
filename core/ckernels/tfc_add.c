#include "tfc_add.h"

static int32_t element_count(const int32_t* dims, int32_t rank) {
  int32_t n = 1;
  int32_t d;
  for (d = 0; d < rank; ++d) n *= dims[d];
  return n;
}

static int same_dims(const tfc_add_op* op) {
  int32_t d;
  for (d = 0; d < op->rank; ++d) {
    if (op->input1_dims[d] != op->output_dims[d] || op->input2_dims[d] != op->output_dims[d]) return 0;
  }
  return 1;
}

/* NumPy broadcasting: an input dimension of 1 has stride 0. The output is walked in
 * row-major order, so an input with the output's dims is read at the position being
 * written, which keeps the in-place case correct. */
static void add_broadcast(const tfc_add_op* op) {
  int32_t stride1[TFC_MAX_DIMS];
  int32_t stride2[TFC_MAX_DIMS];
  int32_t index[TFC_MAX_DIMS];
  const int32_t rank = op->rank;
  const int32_t count = element_count(op->output_dims, rank);
  int32_t s1 = 1;
  int32_t s2 = 1;
  int32_t off1 = 0;
  int32_t off2 = 0;
  int32_t d, o;
  for (d = rank - 1; d >= 0; --d) {
    stride1[d] = op->input1_dims[d] == 1 ? 0 : s1;
    stride2[d] = op->input2_dims[d] == 1 ? 0 : s2;
    s1 *= op->input1_dims[d];
    s2 *= op->input2_dims[d];
    index[d] = 0;
  }
  for (o = 0; o < count; ++o) {
    op->output[o] = tfc_add_s8_element(op->input1[off1], op->input2[off2], &op->params);
    for (d = rank - 1; d >= 0; --d) {
      ++index[d];
      off1 += stride1[d];
      off2 += stride2[d];
      if (index[d] < op->output_dims[d]) break;
      off1 -= stride1[d] * index[d];
      off2 -= stride2[d] * index[d];
      index[d] = 0;
    }
  }
}

void tfc_add_s8_plain(const tfc_add_op* op) {
  int32_t i, count;
  if (!same_dims(op)) {
    add_broadcast(op);
    return;
  }
  count = element_count(op->output_dims, op->rank);
  for (i = 0; i < count; ++i) op->output[i] = tfc_add_s8_element(op->input1[i], op->input2[i], &op->params);
}

#if TFC_HAVE_DSP_PATH

/* One element whose offsets are already added. */
static int8_t add_offset_values(int32_t a, int32_t b, const tfc_add_params* p) {
  const int32_t scaled1 = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
      tfc_shift_left_wrapping(a, p->left_shift), p->input1_requant.multiplier, p->input1_requant.shift);
  const int32_t scaled2 = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
      tfc_shift_left_wrapping(b, p->left_shift), p->input2_requant.multiplier, p->input2_requant.shift);
  const int32_t raw = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
                          scaled1 + scaled2, p->output_requant.multiplier, p->output_requant.shift) +
                      p->output_offset;
  return (int8_t)tfc_clamp_i32(raw, p->act_min, p->act_max);
}

static int32_t lane_lo(int32_t x) { return (int32_t)(int16_t)(uint16_t)((uint32_t)x & 0xFFFFu); }
static int32_t lane_hi(int32_t x) { return (int32_t)(int16_t)(uint16_t)((uint32_t)x >> 16); }

/* Elementwise: four elements per step, both offsets added by SXTAB16 (lanes 0, 2 and
 * 1, 3), then the scalar requantization. Reads each group of four before writing it,
 * so the output may be either input. */
void tfc_add_s8_dsp(const tfc_add_op* op) {
  const tfc_add_params* p = &op->params;
  const int32_t offset1 = tfc_pkhbt(p->input1_offset, p->input1_offset);
  const int32_t offset2 = tfc_pkhbt(p->input2_offset, p->input2_offset);
  int32_t i, count;
  if (!same_dims(op)) {
    add_broadcast(op);
    return;
  }
  count = element_count(op->output_dims, op->rank);
  for (i = 0; i + 4 <= count; i += 4) {
    const int32_t a = tfc_read_s8x4(op->input1 + i);
    const int32_t b = tfc_read_s8x4(op->input2 + i);
    const int32_t a02 = tfc_sxtab16(offset1, a);
    const int32_t a13 = tfc_sxtab16_ror8(offset1, a);
    const int32_t b02 = tfc_sxtab16(offset2, b);
    const int32_t b13 = tfc_sxtab16_ror8(offset2, b);
    op->output[i] = add_offset_values(lane_lo(a02), lane_lo(b02), p);
    op->output[i + 1] = add_offset_values(lane_lo(a13), lane_lo(b13), p);
    op->output[i + 2] = add_offset_values(lane_hi(a02), lane_hi(b02), p);
    op->output[i + 3] = add_offset_values(lane_hi(a13), lane_hi(b13), p);
  }
  for (; i < count; ++i) op->output[i] = tfc_add_s8_element(op->input1[i], op->input2[i], p);
}

#endif /* TFC_HAVE_DSP_PATH */
