/* Executed instructions of Arm's CMSIS-NN (the kernels TFLM calls with CMSIS-NN, and that
 * the latency model's coefficients were fitted to) on MicroNet-KWS-M's layers, on an
 * emulated Cortex-M4 (qemu-system-arm -icount shift=0: one SysTick tick per 40 executed
 * instructions). The counterpart of micronet_kws_m_layers.c, which times TinyForge's own
 * kernels on the same layers; measure_cmsis_nn.sh builds it against a CMSIS-NN checkout
 * (not part of TinyForge) and scripts/latency_table.sh puts the figures in the latency
 * table. Calls the wrappers TFLM's CMSIS-NN kernels call (arm_convolve_wrapper_s8,
 * arm_depthwise_conv_wrapper_s8, arm_avgpool_s8), with the scratch sizes they ask for.
 * Instructions, not cycles. Random data: the counts do not depend on values beyond a few
 * requantization branches. Prints "layer <name> <class> <MACs> <instructions>" lines. */

#include <string.h>

#include "arm_nnfunctions.h"
#include "firmware_support.h"

#define INSTRUCTIONS_PER_TICK 40

static int8_t activations_a[49 * 10 * 140];
static int8_t activations_b[49 * 10 * 140];
static int8_t weights[196 * 140];
static int32_t bias[196];
static int32_t multipliers[196];
static int32_t shifts[196];
static int32_t scratch[4096];
static uint32_t rng = 12345u;

static void randomize(int8_t* data, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) data[i] = (int8_t)fw_random_range(&rng, -128, 127);
}

static void prepare_channels(int32_t channels) {
  int32_t c;
  for (c = 0; c < channels; ++c) {
    bias[c] = fw_random_range(&rng, -5000, 5000);
    multipliers[c] = (int32_t)((1u << 30) + (fw_random(&rng) & 0x3FFFFFFFu));
    shifts[c] = fw_random_range(&rng, -10, -6);
  }
}

static cmsis_nn_dims dims(int32_t n, int32_t h, int32_t w, int32_t c) {
  cmsis_nn_dims d;
  d.n = n;
  d.h = h;
  d.w = w;
  d.c = c;
  return d;
}

static void report(const char* name, const char* op_class, int32_t macs, uint32_t ticks) {
  fw_print("layer ");
  fw_print(name);
  fw_print(" ");
  fw_print(op_class);
  fw_print(" ");
  fw_print_int(macs);
  fw_print(" ");
  fw_print_int((int32_t)(ticks * INSTRUCTIONS_PER_TICK));
  fw_print("\n");
}

static void check(arm_cmsis_nn_status status, const char* name) {
  if (status != ARM_CMSIS_NN_SUCCESS) {
    fw_print("CMSIS-NN refused ");
    fw_print(name);
    fw_print("\n");
    fw_exit(3);
  }
}

static void conv(const char* name, const char* op_class, cmsis_nn_dims in, cmsis_nn_dims filter, cmsis_nn_dims out,
                 int32_t pad_h, int32_t pad_w, const int8_t* input, int8_t* output) {
  cmsis_nn_conv_params p;
  cmsis_nn_per_channel_quant_params q;
  cmsis_nn_context ctx;
  cmsis_nn_dims bias_dims = dims(1, 1, 1, out.c);
  uint32_t t0, t1;
  memset(&p, 0, sizeof(p));
  p.input_offset = 128;
  p.output_offset = -128;
  p.stride.h = p.stride.w = 1;
  p.dilation.h = p.dilation.w = 1;
  p.padding.h = pad_h;
  p.padding.w = pad_w;
  p.activation.min = -128;
  p.activation.max = 127;
  randomize(weights, filter.n * filter.h * filter.w * filter.c);
  prepare_channels(out.c);
  q.multiplier = multipliers;
  q.shift = shifts;
  ctx.buf = scratch;
  ctx.size = arm_convolve_wrapper_s8_get_buffer_size(&p, &in, &filter, &out);
  if (ctx.size > (int32_t)sizeof(scratch)) fw_exit(4);
  t0 = fw_ticks();
  check(arm_convolve_wrapper_s8(&ctx, &p, &q, &in, input, &filter, weights, &bias_dims, bias, &out, output), name);
  t1 = fw_ticks();
  report(name, op_class, out.h * out.w * out.c * filter.h * filter.w * filter.c, t1 - t0);
}

static void depthwise(const char* name, cmsis_nn_dims in, cmsis_nn_dims out, int32_t stride, int32_t pad_h,
                      int32_t pad_w, const int8_t* input, int8_t* output) {
  cmsis_nn_dw_conv_params p;
  cmsis_nn_per_channel_quant_params q;
  cmsis_nn_context ctx;
  cmsis_nn_dims filter = dims(1, 3, 3, out.c);
  cmsis_nn_dims bias_dims = dims(1, 1, 1, out.c);
  uint32_t t0, t1;
  memset(&p, 0, sizeof(p));
  p.input_offset = 128;
  p.output_offset = -128;
  p.ch_mult = 1;
  p.stride.h = p.stride.w = stride;
  p.dilation.h = p.dilation.w = 1;
  p.padding.h = pad_h;
  p.padding.w = pad_w;
  p.activation.min = -128;
  p.activation.max = 127;
  randomize(weights, 9 * out.c);
  prepare_channels(out.c);
  q.multiplier = multipliers;
  q.shift = shifts;
  ctx.buf = scratch;
  ctx.size = arm_depthwise_conv_wrapper_s8_get_buffer_size(&p, &in, &filter, &out);
  if (ctx.size > (int32_t)sizeof(scratch)) fw_exit(4);
  t0 = fw_ticks();
  check(arm_depthwise_conv_wrapper_s8(&ctx, &p, &q, &in, input, &filter, weights, &bias_dims, bias, &out, output), name);
  t1 = fw_ticks();
  report(name, "depthwise", out.h * out.w * out.c * 9, t1 - t0);
}

int run_tests(void) {
  int8_t* a = activations_a;
  int8_t* b = activations_b;
  const cmsis_nn_dims feature = dims(1, 25, 5, 140);
  cmsis_nn_pool_params pool;
  cmsis_nn_context ctx;
  cmsis_nn_dims pool_in = dims(1, 25, 5, 196), pool_filter = dims(1, 25, 5, 1), pool_out = dims(1, 1, 1, 196);
  uint32_t t0, t1;
  fw_systick_start();
  randomize(a, 49 * 10);
  /* The layers of micronet_kws_m_layers.c, in the same order. */
  conv("conv_10x4_1to140_49x10", "conv", dims(1, 49, 10, 1), dims(140, 10, 4, 1), dims(1, 49, 10, 140), 4, 1, a, b);
  depthwise("dw_3x3_s2_140_49x10", dims(1, 49, 10, 140), feature, 2, 1, 0, b, a);
  conv("pw_140to140_25x5", "pointwise", feature, dims(140, 1, 1, 140), feature, 0, 0, a, b);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, 1, 1, 1, b, a);
  conv("pw_140to140_25x5", "pointwise", feature, dims(140, 1, 1, 140), feature, 0, 0, a, b);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, 1, 1, 1, b, a);
  conv("pw_140to140_25x5", "pointwise", feature, dims(140, 1, 1, 140), feature, 0, 0, a, b);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, 1, 1, 1, b, a);
  conv("pw_140to112_25x5", "pointwise", feature, dims(112, 1, 1, 140), dims(1, 25, 5, 112), 0, 0, a, b);
  depthwise("dw_3x3_s1_112_25x5", dims(1, 25, 5, 112), dims(1, 25, 5, 112), 1, 1, 1, b, a);
  conv("pw_112to196_25x5", "pointwise", dims(1, 25, 5, 112), dims(196, 1, 1, 112), dims(1, 25, 5, 196), 0, 0, a, b);
  memset(&pool, 0, sizeof(pool));
  pool.stride.h = 25;
  pool.stride.w = 5;
  pool.activation.min = -128;
  pool.activation.max = 127;
  ctx.buf = scratch;
  ctx.size = arm_avgpool_s8_get_buffer_size(1, 196);
  t0 = fw_ticks();
  check(arm_avgpool_s8(&ctx, &pool, &pool_in, b, &pool_filter, &pool_out, a), "avgpool");
  t1 = fw_ticks();
  report("avgpool_25x5_196", "pooling", 25 * 5 * 196, t1 - t0);
  conv("fc_196to12_1x1", "pointwise", dims(1, 1, 1, 196), dims(12, 1, 1, 196), dims(1, 1, 1, 12), 0, 0, a, b);
  return 0;
}
