#pragma once
// The fixed-point transcendental functions of TFLM's int8 Softmax, with gemmlowp's
// arithmetic (fixedpoint.h) step for step. Values are raw int32 in a Q-format given by
// its number of integer bits m (Qm.(31-m)); Q0.31 "one" is INT32_MAX as in gemmlowp.

#include <cstdint>

namespace tinyforge::kernels {

// exp(a) for a <= 0, a in Q`integer_bits`.(31-integer_bits); result in Q0.31.
// integer_bits in [0, 30]. Softmax uses integer_bits = 5.
int32_t expOnNegativeValues(int32_t a_raw, int integer_bits);

// exp(a) for a in [-1/4, 0), Q0.31 in and out (Taylor series around -1/8).
int32_t expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a_raw);

// 1 / (1 + a) for a in [0, 1), Q0.31 in and out (three Newton-Raphson steps in Q2.29).
int32_t oneOverOnePlusXForXIn01(int32_t a_raw);

// The reciprocal of a positive x in Q`x_integer_digits`, as TFLM's GetReciprocal: returns
// 1/(x normalised to [1, 2)) in Q0.31 and sets num_bits_over_unit so that
// 1/x = result * 2^-num_bits_over_unit. x must be > 0.
int32_t getReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit);

}  // namespace tinyforge::kernels
