#ifndef TFC_FIXED_POINT_EXP_H
#define TFC_FIXED_POINT_EXP_H
/* The fixed-point transcendental functions of TFLM's int8 Softmax, with gemmlowp's
 * arithmetic (fixedpoint.h) step for step. Values are raw int32 in a Q-format given by
 * its number of integer bits m (Qm.(31-m)); Q0.31 "one" is INT32_MAX as in gemmlowp. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* exp(a) for a <= 0, a in Q`integer_bits`.(31-integer_bits), integer_bits in [0, 30];
 * result in Q0.31. Softmax uses integer_bits = 5. */
int32_t tfc_exp_on_negative_values(int32_t a_raw, int32_t integer_bits);

/* exp(a) for a in [-1/4, 0), Q0.31 in and out (Taylor series around -1/8). */
int32_t tfc_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a_raw);

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out (three Newton-Raphson steps in Q2.29). */
int32_t tfc_one_over_one_plus_x_for_x_in_01(int32_t a_raw);

/* TFLM's GetReciprocal for a positive x in Q`x_integer_digits`: returns 1/(x normalised
 * to [1, 2)) in Q0.31 and sets *num_bits_over_unit so that
 * 1/x = result * 2^-num_bits_over_unit. */
int32_t tfc_get_reciprocal(int32_t x, int32_t x_integer_digits, int32_t* num_bits_over_unit);

#ifdef __cplusplus
}
#endif

#endif /* TFC_FIXED_POINT_EXP_H */
