#include "core/kernels/fixed_point_exp.h"

#include "core/ckernels/tfc_fixed_point_exp.h"

// One implementation: the C library's (core/ckernels/tfc_fixed_point_exp.c).
namespace tinyforge::kernels {

int32_t expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a_raw) {
  return tfc_exp_on_interval_between_negative_one_quarter_and_0_excl(a_raw);
}

int32_t expOnNegativeValues(int32_t a_raw, int integer_bits) { return tfc_exp_on_negative_values(a_raw, integer_bits); }

int32_t oneOverOnePlusXForXIn01(int32_t a_raw) { return tfc_one_over_one_plus_x_for_x_in_01(a_raw); }

int32_t getReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  int32_t bits = 0;
  const int32_t result = tfc_get_reciprocal(x, x_integer_digits, &bits);
  *num_bits_over_unit = bits;
  return result;
}

}  // namespace tinyforge::kernels
