#include "tfc_fixed_point_exp.h"

#include "tfc_fixed_point.h"

/* Q0.31 "one" of gemmlowp. */
#define TFC_Q0_ONE INT32_MAX

/* gemmlowp's FixedPoint + and - are plain int32 arithmetic; they wrap on TFLM's targets. */
static int32_t add_wrapping(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t sub_wrapping(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }

int32_t tfc_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a_raw) {
  /* Q0.31 constants of gemmlowp: exp(-1/8) and 1/3. */
  const int32_t exp_minus_one_eighth = 1895147668;
  const int32_t one_third = 715827883;
  /* Taylor expansion around -1/8: x = a + 1/8 (1/8 in Q0.31 is 1 << 28). */
  const int32_t x = add_wrapping(a_raw, (int32_t)1 << 28);
  const int32_t x2 = tfc_srdhm(x, x);
  const int32_t x3 = tfc_srdhm(x2, x);
  const int32_t x4 = tfc_srdhm(x2, x2);
  const int32_t x4_over_4 = tfc_rounding_divide_by_pot(x4, 2);
  const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
      tfc_rounding_divide_by_pot(add_wrapping(tfc_srdhm(add_wrapping(x4_over_4, x3), one_third), x2), 1);
  return add_wrapping(exp_minus_one_eighth,
                      tfc_srdhm(exp_minus_one_eighth, add_wrapping(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

int32_t tfc_exp_on_negative_values(int32_t a_raw, int32_t integer_bits) {
  /* Barrel shifter: multiply by exp(-2^e) for each bit e of the remainder; the
   * multipliers are exp(-2^e) in Q0.31 for e = -2..4. */
  static const int32_t step_exponent[7] = {-2, -1, 0, 1, 2, 3, 4};
  static const int32_t step_multiplier[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  const int32_t fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = sub_wrapping(a_raw & mask, one_quarter);
  int32_t result = tfc_exp_on_interval_between_negative_one_quarter_and_0_excl(
      tfc_saturating_rounding_multiply_by_pot(a_mod_quarter_minus_one_quarter, integer_bits));
  const int32_t remainder = sub_wrapping(a_mod_quarter_minus_one_quarter, a_raw);
  int i;
  for (i = 0; i < 7; ++i) {
    if (integer_bits > step_exponent[i]) {
      const int32_t shift = fractional_bits + step_exponent[i];
      if (remainder & (int32_t)((uint32_t)1 << shift)) result = tfc_srdhm(result, step_multiplier[i]);
    }
  }
  if (integer_bits > 5) {
    /* Below -32 exp() is zero in Q0.31. */
    const int32_t clamp = -((int32_t)1 << (36 - integer_bits));
    if (a_raw < clamp) result = 0;
  }
  if (a_raw == 0) result = TFC_Q0_ONE;
  return result;
}

int32_t tfc_one_over_one_plus_x_for_x_in_01(int32_t a_raw) {
  /* Newton-Raphson division in Q2.29 with the classic 48/17 - 32/17 * d first guess. */
  const int32_t q2_one = (int32_t)1 << 29;
  const int32_t constant_48_over_17 = 1515870810;
  const int32_t constant_neg_32_over_17 = -1010580540;
  const int32_t half_denominator = tfc_rounding_half_sum(a_raw, TFC_Q0_ONE);
  int32_t x = add_wrapping(constant_48_over_17, tfc_srdhm(half_denominator, constant_neg_32_over_17));
  int i;
  for (i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = tfc_srdhm(half_denominator, x);
    const int32_t one_minus_half_denominator_times_x = sub_wrapping(q2_one, half_denominator_times_x);
    /* Q2 * Q2 = Q4, rescaled back to Q2. */
    x = add_wrapping(x, tfc_saturating_rounding_multiply_by_pot(tfc_srdhm(x, one_minus_half_denominator_times_x), 2));
  }
  /* x / 2 reinterpreted as Q1, rescaled to Q0. */
  return tfc_saturating_rounding_multiply_by_pot(x, 1);
}

int32_t tfc_get_reciprocal(int32_t x, int32_t x_integer_digits, int32_t* num_bits_over_unit) {
  const int32_t headroom_plus_one = tfc_count_leading_zeros((uint32_t)x);
  const int32_t shifted_sum_minus_one = (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  return tfc_one_over_one_plus_x_for_x_in_01(shifted_sum_minus_one);
}
