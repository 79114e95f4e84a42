#ifndef TFC_DSP_H
#define TFC_DSP_H
/* The SIMD primitives of the DSP paths (Armv7E-M / Armv8-M DSP extension: Cortex-M4, M7,
 * M33, M55).
 *
 * On a core with the DSP extension (__ARM_FEATURE_DSP) they are the ACLE intrinsics of
 * arm_acle.h, one instruction each. With TFC_EMULATE_DSP defined (the host build) they
 * are portable C with exactly those instructions' semantics, so the host library
 * contains, runs and tests the DSP paths bit for bit. TFC_HAVE_DSP_PATH says whether the
 * `_dsp` kernels are compiled; `tfc_<op>_s8` picks them only on a real DSP core.
 *
 * Packed types follow ACLE: an int32_t holds two int16 lanes (bits 0-15 "bottom", 16-31
 * "top") or four int8 lanes. */

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#define TFC_TARGET_HAS_DSP 1
#else
#define TFC_TARGET_HAS_DSP 0
#endif

#if TFC_TARGET_HAS_DSP || defined(TFC_EMULATE_DSP)
#define TFC_HAVE_DSP_PATH 1
#else
#define TFC_HAVE_DSP_PATH 0
#endif

/* Four int8 (or two int16) from any address: a 4-byte memcpy compiles to one LDR on cores
 * with unaligned access (all DSP cores) and stays defined behaviour in C. The builtin is
 * named explicitly so that -ffreestanding / -fno-builtin firmware builds do not turn it
 * into a call (measured: 5.9 instead of 1.5 instructions per MAC on Cortex-M4). */
#if defined(__GNUC__) || defined(__clang__)
#define TFC_COPY4(dst, src) __builtin_memcpy((dst), (src), 4)
#else
#define TFC_COPY4(dst, src) memcpy((dst), (src), 4)
#endif
static inline int32_t tfc_read_s8x4(const int8_t* p) {
  int32_t v;
  TFC_COPY4(&v, p);
  return v;
}
static inline int32_t tfc_read_s16x2(const int16_t* p) {
  int32_t v;
  TFC_COPY4(&v, p);
  return v;
}
static inline void tfc_write_s16x2(int16_t* p, int32_t v) { TFC_COPY4(p, &v); }

#if TFC_TARGET_HAS_DSP

#include <arm_acle.h>

/* {sext(b0), sext(b2)} */
static inline int32_t tfc_sxtb16(int32_t x) { return __sxtb16(x); }
/* {sext(b1), sext(b3)}: SXTB16 with its ROR #8 operand (GCC 12's arm_acle.h has no
 * __ror, and the rotate would otherwise cost its own instruction). */
static inline int32_t tfc_sxtb16_ror8(int32_t x) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
/* {a.lo + sext(b0), a.hi + sext(b2)} */
static inline int32_t tfc_sxtab16(int32_t a, int32_t b) { return __sxtab16(a, b); }
/* {a.lo + sext(b1), a.hi + sext(b3)} */
static inline int32_t tfc_sxtab16_ror8(int32_t a, int32_t b) {
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
/* acc + a.lo*b.lo + a.hi*b.hi */
static inline int32_t tfc_smlad(int32_t a, int32_t b, int32_t acc) { return __smlad(a, b, acc); }
/* acc + a.lo*b.lo */
static inline int32_t tfc_smlabb(int32_t a, int32_t b, int32_t acc) { return __smlabb(a, b, acc); }
/* acc + a.hi*b.hi */
static inline int32_t tfc_smlatt(int32_t a, int32_t b, int32_t acc) { return __smlatt(a, b, acc); }
/* acc + a.lo*b.hi */
static inline int32_t tfc_smlabt(int32_t a, int32_t b, int32_t acc) { return __smlabt(a, b, acc); }
/* acc + a.hi*b.lo */
static inline int32_t tfc_smlatb(int32_t a, int32_t b, int32_t acc) { return __smlatb(a, b, acc); }
/* {a.lo + b.lo, a.hi + b.hi} modulo 2^16 per lane */
static inline int32_t tfc_sadd16(int32_t a, int32_t b) { return __sadd16(a, b); }
/* a + b saturated to int32 */
static inline int32_t tfc_qadd(int32_t a, int32_t b) { return __qadd(a, b); }
/* {a.lo, b.lo}: PKHBT a, b, LSL #16 (the compiler emits it for this expression) */
static inline int32_t tfc_pkhbt(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a & 0xFFFFu) | ((uint32_t)b << 16));
}
/* x saturated to a signed `bits`-bit value; bits must be a constant (SSAT). */
#define TFC_SSAT(x, bits) __ssat((x), (bits))

#elif defined(TFC_EMULATE_DSP)

static inline int32_t tfc_lane_lo(int32_t x) { return (int32_t)(int16_t)(uint16_t)((uint32_t)x & 0xFFFFu); }
static inline int32_t tfc_lane_hi(int32_t x) { return (int32_t)(int16_t)(uint16_t)((uint32_t)x >> 16); }
static inline int32_t tfc_pack_lanes(int32_t lo, int32_t hi) {
  return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}
static inline int32_t tfc_byte(int32_t x, int n) { return (int32_t)(int8_t)(uint8_t)((uint32_t)x >> (8 * n)); }

static inline int32_t tfc_sxtb16(int32_t x) { return tfc_pack_lanes(tfc_byte(x, 0), tfc_byte(x, 2)); }
static inline int32_t tfc_sxtb16_ror8(int32_t x) { return tfc_pack_lanes(tfc_byte(x, 1), tfc_byte(x, 3)); }
static inline int32_t tfc_sxtab16(int32_t a, int32_t b) {
  return tfc_pack_lanes(tfc_lane_lo(a) + tfc_byte(b, 0), tfc_lane_hi(a) + tfc_byte(b, 2));
}
static inline int32_t tfc_sxtab16_ror8(int32_t a, int32_t b) {
  return tfc_pack_lanes(tfc_lane_lo(a) + tfc_byte(b, 1), tfc_lane_hi(a) + tfc_byte(b, 3));
}
/* The products fit int32; the sums wrap modulo 2^32 like the instruction (which only
 * sets the Q flag). */
static inline int32_t tfc_smlad(int32_t a, int32_t b, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(tfc_lane_lo(a) * tfc_lane_lo(b)) +
                   (uint32_t)(tfc_lane_hi(a) * tfc_lane_hi(b)));
}
static inline int32_t tfc_smlabb(int32_t a, int32_t b, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(tfc_lane_lo(a) * tfc_lane_lo(b)));
}
static inline int32_t tfc_smlatt(int32_t a, int32_t b, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(tfc_lane_hi(a) * tfc_lane_hi(b)));
}
static inline int32_t tfc_smlabt(int32_t a, int32_t b, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(tfc_lane_lo(a) * tfc_lane_hi(b)));
}
static inline int32_t tfc_smlatb(int32_t a, int32_t b, int32_t acc) {
  return (int32_t)((uint32_t)acc + (uint32_t)(tfc_lane_hi(a) * tfc_lane_lo(b)));
}
static inline int32_t tfc_sadd16(int32_t a, int32_t b) {
  return tfc_pack_lanes(tfc_lane_lo(a) + tfc_lane_lo(b), tfc_lane_hi(a) + tfc_lane_hi(b));
}
static inline int32_t tfc_qadd(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  return sum > INT32_MAX ? INT32_MAX : (sum < INT32_MIN ? INT32_MIN : (int32_t)sum);
}
static inline int32_t tfc_pkhbt(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a & 0xFFFFu) | ((uint32_t)b << 16));
}
static inline int32_t tfc_ssat_emulated(int32_t x, int bits) {
  const int32_t hi = (int32_t)(((uint32_t)1 << (bits - 1)) - 1u);
  const int32_t lo = -hi - 1;
  return x < lo ? lo : (x > hi ? hi : x);
}
#define TFC_SSAT(x, bits) tfc_ssat_emulated((x), (bits))

#endif /* TFC_TARGET_HAS_DSP / TFC_EMULATE_DSP */

#ifdef __cplusplus
}
#endif

#endif /* TFC_DSP_H */
