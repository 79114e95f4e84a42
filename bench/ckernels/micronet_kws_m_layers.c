/* Executed instructions of the C kernels on MicroNet-KWS-M's layers
 * (/work/shared/models/kws_micronet_m.tflite: 15.58 M MACs), measured on an emulated
 * Cortex-M4 under qemu-system-arm -icount shift=0 (measure_instructions.sh): SysTick ticks
 * once per 40 executed instructions there. Instructions, not cycles: no pipeline, no
 * flash wait states. Each layer runs once on the DSP path and once on the plain path;
 * data is random (the kernels' instruction counts do not depend on values beyond a few
 * requantization branches). Prints one line per layer and the model's total. */

#include <string.h>

#include "firmware_support.h"
#include "tinyforge_c.h"

#define INSTRUCTIONS_PER_TICK 40

static int8_t activations_a[49 * 10 * 140];
static int8_t activations_b[49 * 10 * 140];
static int8_t weights[196 * 140];
static int32_t bias[196];
static tfc_requant requant[196];
static uint32_t scratch[2048];
static uint32_t rng = 12345u;

static void randomize(int8_t* data, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) data[i] = (int8_t)fw_random_range(&rng, -128, 127);
}

static void prepare_channels(int32_t channels) {
  int32_t c;
  for (c = 0; c < channels; ++c) {
    bias[c] = fw_random_range(&rng, -5000, 5000);
    requant[c].multiplier = (int32_t)((1u << 30) + (fw_random(&rng) & 0x3FFFFFFFu));
    requant[c].shift = fw_random_range(&rng, -10, -6);
  }
}

static tfc_shape4 shape(int32_t n, int32_t h, int32_t w, int32_t c) {
  tfc_shape4 s;
  s.n = n;
  s.h = h;
  s.w = w;
  s.c = c;
  return s;
}

static tfc_conv_params conv_params(int32_t stride, int32_t pad_h, int32_t pad_w) {
  tfc_conv_params p;
  p.stride_h = p.stride_w = stride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_h = pad_h;
  p.pad_w = pad_w;
  p.input_offset = 128;
  p.output_offset = -128;
  p.act_min = -128;
  p.act_max = 127;
  return p;
}

static int64_t total_macs = 0;
static int64_t total_dsp = 0;
static int64_t total_plain = 0;

static void report(const char* name, int32_t macs, uint32_t dsp_ticks, uint32_t plain_ticks) {
  const int64_t dsp = (int64_t)dsp_ticks * INSTRUCTIONS_PER_TICK;
  const int64_t plain = (int64_t)plain_ticks * INSTRUCTIONS_PER_TICK;
  total_macs += macs;
  total_dsp += dsp;
  total_plain += plain;
  fw_print(name);
  fw_print(" MACs ");
  fw_print_int(macs);
  fw_print(" dsp_instructions ");
  fw_print_int((int32_t)dsp);
  fw_print(" plain_instructions ");
  fw_print_int((int32_t)plain);
  if (macs > 0) {
    fw_print(" dsp_per_MAC_x1000 ");
    fw_print_int((int32_t)(dsp * 1000 / macs));
    fw_print(" plain_per_MAC_x1000 ");
    fw_print_int((int32_t)(plain * 1000 / macs));
  }
  fw_print("\n");
}

static void conv(const char* name, tfc_shape4 in, tfc_shape4 filter, tfc_shape4 out, tfc_conv_params p,
                 const int8_t* input, int8_t* output) {
  tfc_conv2d_op op;
  uint32_t t0, t1, t2;
  memset(&op, 0, sizeof(op));
  randomize(weights, filter.n * filter.h * filter.w * filter.c);
  prepare_channels(out.c);
  op.input = input;
  op.filter = weights;
  op.bias = bias;
  op.requant = requant;
  op.output = output;
  op.scratch = scratch;
  op.input_shape = in;
  op.filter_shape = filter;
  op.output_shape = out;
  op.params = p;
  t0 = fw_ticks();
  tfc_conv2d_s8_dsp(&op);
  t1 = fw_ticks();
  tfc_conv2d_s8_plain(&op);
  t2 = fw_ticks();
  report(name, out.h * out.w * out.c * filter.h * filter.w * filter.c, t1 - t0, t2 - t1);
}

/* In place, as the generated runtime runs it: the output overwrites the input. The plain
 * path is timed on the same data afterwards (its input has been overwritten; its count
 * does not depend on the values). */
static void depthwise(const char* name, tfc_shape4 in, tfc_shape4 out, tfc_conv_params p, int8_t* buffer) {
  tfc_depthwise_conv2d_op op;
  uint32_t t0, t1, t2;
  memset(&op, 0, sizeof(op));
  randomize(weights, 9 * out.c);
  prepare_channels(out.c);
  op.input = buffer;
  op.filter = weights;
  op.bias = bias;
  op.requant = requant;
  op.output = buffer;
  op.scratch = scratch;
  op.input_shape = in;
  op.filter_shape = shape(1, 3, 3, out.c);
  op.output_shape = out;
  op.params = p;
  op.depth_multiplier = 1;
  t0 = fw_ticks();
  tfc_depthwise_conv2d_s8_inplace_dsp(&op);
  t1 = fw_ticks();
  tfc_depthwise_conv2d_s8_inplace_plain(&op);
  t2 = fw_ticks();
  report(name, out.h * out.w * out.c * 9, t1 - t0, t2 - t1);
}

int run_tests(void) {
  int8_t* a = activations_a;
  int8_t* b = activations_b;
  const tfc_shape4 feature = shape(1, 25, 5, 140);
  tfc_pool2d_op pool;
  uint32_t t0, t1;
  fw_systick_start();
  randomize(a, 49 * 10);
  /* Conv 10x4, 1 -> 140 channels, SAME (top 4, left 1), 49x10. */
  conv("conv_10x4_1to140_49x10", shape(1, 49, 10, 1), shape(140, 10, 4, 1), shape(1, 49, 10, 140),
       conv_params(1, 4, 1), a, b);
  /* Depthwise 3x3 stride 2 SAME (top 1, left 0): 49x10 -> 25x5, in place. */
  depthwise("dw_3x3_s2_140_49x10", shape(1, 49, 10, 140), feature, conv_params(2, 1, 0), b);
  conv("pw_140to140_25x5", feature, shape(140, 1, 1, 140), feature, conv_params(1, 0, 0), b, a);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, conv_params(1, 1, 1), a);
  conv("pw_140to140_25x5", feature, shape(140, 1, 1, 140), feature, conv_params(1, 0, 0), a, b);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, conv_params(1, 1, 1), b);
  conv("pw_140to140_25x5", feature, shape(140, 1, 1, 140), feature, conv_params(1, 0, 0), b, a);
  depthwise("dw_3x3_s1_140_25x5", feature, feature, conv_params(1, 1, 1), a);
  conv("pw_140to112_25x5", feature, shape(112, 1, 1, 140), shape(1, 25, 5, 112), conv_params(1, 0, 0), a, b);
  depthwise("dw_3x3_s1_112_25x5", shape(1, 25, 5, 112), shape(1, 25, 5, 112), conv_params(1, 1, 1), b);
  conv("pw_112to196_25x5", shape(1, 25, 5, 112), shape(196, 1, 1, 112), shape(1, 25, 5, 196), conv_params(1, 0, 0), b,
       a);
  /* Average pool 25x5 -> 1x1 over 196 channels (no DSP path: timed once). */
  memset(&pool, 0, sizeof(pool));
  pool.input = a;
  pool.output = b;
  pool.input_shape = shape(1, 25, 5, 196);
  pool.output_shape = shape(1, 1, 1, 196);
  pool.params.stride_h = 25;
  pool.params.stride_w = 5;
  pool.params.filter_h = 25;
  pool.params.filter_w = 5;
  pool.params.act_min = -128;
  pool.params.act_max = 127;
  t0 = fw_ticks();
  tfc_average_pool2d_s8(&pool);
  t1 = fw_ticks();
  report("avgpool_25x5_196", 0, t1 - t0, t1 - t0);
  conv("fc_196to12_1x1", shape(1, 1, 1, 196), shape(12, 1, 1, 196), shape(1, 1, 1, 12), conv_params(1, 0, 0), b, a);
  fw_print("total MACs ");
  fw_print_int((int32_t)total_macs);
  fw_print(" dsp_instructions ");
  fw_print_int((int32_t)total_dsp);
  fw_print(" plain_instructions ");
  fw_print_int((int32_t)total_plain);
  fw_print(" dsp_per_MAC_x1000 ");
  fw_print_int((int32_t)(total_dsp * 1000 / total_macs));
  fw_print(" plain_per_MAC_x1000 ");
  fw_print_int((int32_t)(total_plain * 1000 / total_macs));
  fw_print("\n");
  return 0;
}
