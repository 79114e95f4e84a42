#include "core/kernels/fixed_point_exp.h"

#include <limits>

#include "core/kernels/fixed_point.h"

namespace tinyforge::kernels {

namespace {
constexpr int32_t kQ0One = std::numeric_limits<int32_t>::max();

// Wrapping add and subtract: gemmlowp's FixedPoint operator+ / operator- are plain int32
// arithmetic; the operands below never overflow, and if they did TFLM's target wraps.
int32_t add(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }
int32_t sub(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b)); }
int32_t mul(int32_t a, int32_t b) { return saturatingRoundingDoublingHighMul(a, b); }
}  // namespace

int32_t expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a_raw) {
  // Q0.31 constants of gemmlowp: exp(-1/8) and 1/3.
  constexpr int32_t kExpMinusOneEighth = 1895147668;
  constexpr int32_t kOneThird = 715827883;
  // Taylor expansion around -1/8: x = a + 1/8 (1/8 in Q0.31 is 1 << 28).
  const int32_t x = add(a_raw, int32_t{1} << 28);
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4_over_4 = roundingDivideByPOT(x4, 2);
  const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
      roundingDivideByPOT(add(mul(add(x4_over_4, x3), kOneThird), x2), 1);
  return add(kExpMinusOneEighth, mul(kExpMinusOneEighth, add(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

int32_t expOnNegativeValues(int32_t a_raw, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = sub(a_raw & mask, one_quarter);
  int32_t result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      saturatingRoundingMultiplyByPOT(a_mod_quarter_minus_one_quarter, integer_bits));
  const int32_t remainder = sub(a_mod_quarter_minus_one_quarter, a_raw);

  // Barrel shifter: multiply by exp(-2^e) for each bit e of the remainder.
  struct Step {
    int exponent;
    int32_t multiplier;  // exp(-2^exponent) in Q0.31
  };
  constexpr Step kSteps[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
                             {2, 39332535},    {3, 720401},      {4, 242}};
  for (const Step& step : kSteps) {
    if (integer_bits > step.exponent) {
      const int shift = fractional_bits + step.exponent;
      if (remainder & static_cast<int32_t>(uint32_t{1} << shift)) result = mul(result, step.multiplier);
    }
  }
  if (integer_bits > 5) {
    // Below -32 exp() is zero in Q0.31.
    const int32_t clamp = -(int32_t{1} << (36 - integer_bits));
    if (a_raw < clamp) result = 0;
  }
  if (a_raw == 0) result = kQ0One;
  return result;
}

int32_t oneOverOnePlusXForXIn01(int32_t a_raw) {
  // Newton-Raphson division in Q2.29 with the classic 48/17 - 32/17 * d first guess.
  constexpr int32_t kQ2One = int32_t{1} << 29;
  constexpr int32_t k48Over17 = 1515870810;
  constexpr int32_t kMinus32Over17 = -1010580540;
  const int32_t half_denominator = roundingHalfSum(a_raw, kQ0One);
  int32_t x = add(k48Over17, mul(half_denominator, kMinus32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = mul(half_denominator, x);
    const int32_t one_minus_half_denominator_times_x = sub(kQ2One, half_denominator_times_x);
    // Q2 * Q2 = Q4, rescaled back to Q2.
    x = add(x, saturatingRoundingMultiplyByPOT(mul(x, one_minus_half_denominator_times_x), 2));
  }
  // x / 2 reinterpreted as Q1, rescaled to Q0.
  return saturatingRoundingMultiplyByPOT(x, 1);
}

int32_t getReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = countLeadingZeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const int32_t shifted_sum_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return oneOverOnePlusXForXIn01(shifted_sum_minus_one);
}

}  // namespace tinyforge::kernels
