#ifndef TFC_PATHS_H
#define TFC_PATHS_H
/* Which implementation of a kernel runs: the `path` argument of the scratch formulas
 * (`tfc_<op>_s8_scratch_bytes(op, path)`), with which a code generator plans the arena of
 * the core it compiles for.
 *   TFC_PATH_PLAIN  portable C (Cortex-M0+/M3, any host without a SIMD path)
 *   TFC_PATH_DSP    Arm DSP extension (Cortex-M4, M7, M33, M55)
 *   TFC_PATH_X86    x86-64 SSE2 / AVX2 (hosts)
 * TFC_PATH_NATIVE is the path `tfc_<op>_s8` takes where this header is compiled. */

#include "tfc_dsp.h"
#include "tfc_x86.h"

#define TFC_PATH_PLAIN 0
#define TFC_PATH_DSP 1
#define TFC_PATH_X86 2

#if TFC_TARGET_HAS_DSP
#define TFC_PATH_NATIVE TFC_PATH_DSP
#elif TFC_HAVE_X86_PATH
#define TFC_PATH_NATIVE TFC_PATH_X86
#else
#define TFC_PATH_NATIVE TFC_PATH_PLAIN
#endif

#endif /* TFC_PATHS_H */
