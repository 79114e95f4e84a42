#include "tfc_mean.h"

#include "tfc_fixed_point.h"

/* Walks the dimensions listed in `axes` (count of them, outermost first) as an odometer:
 * advances `index` and returns the change of the input offset, or -1 after the last. */
static int32_t odometer_next(int32_t* index, const int32_t* axes, int32_t count, const int32_t* dims,
                             const int32_t* strides, int32_t* offset) {
  int32_t k;
  for (k = count - 1; k >= 0; --k) {
    const int32_t d = axes[k];
    ++index[k];
    *offset += strides[d];
    if (index[k] < dims[d]) return 1;
    *offset -= strides[d] * index[k];
    index[k] = 0;
  }
  return 0;
}

void tfc_mean_s8(const tfc_mean_op* op) {
  int32_t strides[TFC_MAX_DIMS];
  int32_t kept[TFC_MAX_DIMS];
  int32_t reduced[TFC_MAX_DIMS];
  int32_t kept_index[TFC_MAX_DIMS];
  int32_t reduced_index[TFC_MAX_DIMS];
  int32_t kept_count = 0;
  int32_t reduced_axes = 0;
  int32_t reduced_count = 1;
  int32_t stride = 1;
  int32_t base = 0;
  int32_t d, shift, multiplier, output_shift, zero_point_sum;
  int8_t* out = op->output;
  for (d = op->rank - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= op->input_dims[d];
  }
  for (d = 0; d < op->rank; ++d) {
    if (op->reduce_mask & (1u << d)) {
      reduced[reduced_axes++] = d;
      reduced_count *= op->input_dims[d];
    } else {
      kept[kept_count++] = d;
    }
  }
  for (d = 0; d < TFC_MAX_DIMS; ++d) kept_index[d] = reduced_index[d] = 0;

  /* Fold 1/n into the multiplier exactly as TFLM does at Eval. */
  shift = 31 - tfc_count_leading_zeros((uint32_t)reduced_count); /* floor(log2 n) */
  shift = tfc_min_i32(shift, 32);
  shift = tfc_min_i32(shift, 31 + op->requant.shift);
  multiplier = (int32_t)((int64_t)op->requant.multiplier * ((int64_t)1 << shift) / reduced_count);
  output_shift = op->requant.shift - shift;
  zero_point_sum = (int32_t)((uint32_t)op->input_zero_point * (uint32_t)reduced_count);

  do {
    int32_t sum = 0;
    int32_t offset = base;
    do {
      sum += op->input[offset];
    } while (odometer_next(reduced_index, reduced, reduced_axes, op->input_dims, strides, &offset));
    {
      const int32_t value =
          tfc_multiply_by_quantized_multiplier(sum - zero_point_sum, multiplier, output_shift) + op->output_zero_point;
      *out++ = (int8_t)tfc_clamp_i32(value, -128, 127);
    }
  } while (odometer_next(kept_index, kept, kept_count, op->input_dims, strides, &base));
}
