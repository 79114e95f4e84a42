#ifndef TFC_X86_H
#define TFC_X86_H
/* The host SIMD paths (`tfc_<op>_s8_x86`) of Conv2D and DepthwiseConv2D on x86-64.
 *
 * TFC_HAVE_X86_PATH is 1 when GCC or Clang compile for x86-64 (define TFC_NO_X86_PATH to
 * leave the paths out). SSE2 is the baseline of every x86-64 CPU; the AVX2 variants are
 * compiled with `__attribute__((target("avx2")))` and chosen at run time, so a host build
 * at plain -O2 gets them. They use the int16 multiply-add PMADDWD on the same integers as
 * the plain path: sums of the same products in another order, bit-identical outputs. */

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(TFC_NO_X86_PATH)
#define TFC_HAVE_X86_PATH 1
#else
#define TFC_HAVE_X86_PATH 0
#endif

/* The x86 paths add a window's products in another order than the plain path. Sums of at
 * most this many products |f * (x + input_offset)| <= 128 * 255 stay inside int32 in any
 * order (65,793 * 32,640 = 2,147,483,520 < 2^31), so no partial sum overflows where the
 * plain path's does not; larger windows take the plain path. */
#define TFC_X86_MAX_WINDOW 65793

#if TFC_HAVE_X86_PATH
/* Whether this CPU runs AVX2: a load and a bit test of the CPU model that libgcc (or
 * compiler-rt) fills at start-up, so the library keeps no state of its own.
 * __builtin_cpu_init makes it valid even before constructors have run. */
static inline int tfc_x86_has_avx2(void) {
#if defined(__AVX2__)
  return 1;
#else
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
#endif
}
#endif

#ifdef __cplusplus
}
#endif

#endif /* TFC_X86_H */
