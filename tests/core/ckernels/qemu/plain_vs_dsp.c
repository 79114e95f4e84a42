/* Runs random Conv2D, DepthwiseConv2D (also in place), FullyConnected and Add cases
 * through the plain and the DSP path and counts the outputs that differ. Built for
 * Cortex-M4 / M7 (real SXTB16, SMLAD...) and run under QEMU, and built for the host
 * (emulated intrinsics): every build prints the same FNV-1a checksum of all outputs when
 * the plain path computes the same bytes everywhere. Exit code: the number of cases whose
 * paths differ (0 = pass). */

#include <string.h>

#include "firmware_support.h"
#include "tinyforge_c.h"

#define MAX_TENSOR 4096
#define MAX_CHANNELS 48

static int8_t input[MAX_TENSOR];
static int8_t filter[MAX_TENSOR];
static int32_t bias[MAX_CHANNELS];
static tfc_requant requant[MAX_CHANNELS];
static int8_t out_plain[MAX_TENSOR];
static int8_t out_dsp[MAX_TENSOR];
static int8_t in_place[MAX_TENSOR];
static uint32_t scratch[4096];

static uint32_t checksum = 2166136261u;
static int32_t cases = 0;
static int32_t mismatches = 0;

static void hash_bytes(const int8_t* bytes, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) checksum = (checksum ^ (uint8_t)bytes[i]) * 16777619u;
}

static void compare(const char* what, const int8_t* a, const int8_t* b, int32_t n) {
  ++cases;
  hash_bytes(a, n);
  if (memcmp(a, b, (size_t)n) != 0) {
    ++mismatches;
    fw_print("MISMATCH ");
    fw_print(what);
    fw_print(" case ");
    fw_print_int(cases);
    fw_print("\n");
  }
}

static void fill(uint32_t* rng, int8_t* data, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) data[i] = (int8_t)fw_random_range(rng, -128, 127);
}

static int32_t zero_point(uint32_t* rng) {
  switch (fw_random_range(rng, 0, 4)) {
    case 0: return -128;
    case 1: return 127;
    default: return fw_random_range(rng, -128, 127);
  }
}

static void fill_channels(uint32_t* rng, int32_t channels) {
  int32_t c;
  for (c = 0; c < channels; ++c) {
    bias[c] = fw_random_range(rng, -20000, 20000);
    requant[c].multiplier = (int32_t)((1u << 30) + (fw_random(rng) & 0x3FFFFFFFu));
    requant[c].shift = fw_random_range(rng, -12, 1);
  }
}

static void activation(uint32_t* rng, int32_t* lo, int32_t* hi) {
  if (fw_random_range(rng, 0, 2) == 0) {
    *lo = fw_random_range(rng, -128, 100);
    *hi = *lo + fw_random_range(rng, 0, 127 - *lo);
  } else {
    *lo = -128;
    *hi = 127;
  }
}

static int32_t out_size(int32_t in, int32_t filter_size, int32_t stride, int32_t dilation, int32_t pad) {
  const int32_t eff = (filter_size - 1) * dilation + 1;
  const int32_t out = (in + 2 * pad - eff) / stride + 1;
  return out < 1 ? 1 : out;
}

static void conv_cases(uint32_t* rng, int32_t count) {
  static const int32_t channel_choices[] = {1, 2, 3, 4, 5, 8, 12};
  int32_t i;
  for (i = 0; i < count; ++i) {
    tfc_conv2d_op op;
    const int32_t groups = fw_random_range(rng, 0, 3) == 0 ? 2 : 1;
    const int32_t f_c = channel_choices[fw_random_range(rng, 0, 6)];
    const int32_t out_c = groups * fw_random_range(rng, 1, 8);
    memset(&op, 0, sizeof(op));
    op.filter_shape.n = out_c;
    op.filter_shape.h = fw_random_range(rng, 1, 3);
    op.filter_shape.w = fw_random_range(rng, 1, 3);
    op.filter_shape.c = f_c;
    op.input_shape.n = 1;
    op.input_shape.h = fw_random_range(rng, 1, 7);
    op.input_shape.w = fw_random_range(rng, 1, 7);
    op.input_shape.c = groups * f_c;
    op.params.stride_h = fw_random_range(rng, 1, 2);
    op.params.stride_w = fw_random_range(rng, 1, 2);
    op.params.dilation_h = fw_random_range(rng, 1, 2);
    op.params.dilation_w = fw_random_range(rng, 1, 2);
    op.params.pad_h = fw_random_range(rng, 0, (op.filter_shape.h - 1) * op.params.dilation_h);
    op.params.pad_w = fw_random_range(rng, 0, (op.filter_shape.w - 1) * op.params.dilation_w);
    op.output_shape.n = 1;
    op.output_shape.h = out_size(op.input_shape.h, op.filter_shape.h, op.params.stride_h, op.params.dilation_h,
                                 op.params.pad_h);
    op.output_shape.w = out_size(op.input_shape.w, op.filter_shape.w, op.params.stride_w, op.params.dilation_w,
                                 op.params.pad_w);
    op.output_shape.c = out_c;
    op.params.input_offset = -zero_point(rng);
    op.params.output_offset = zero_point(rng);
    activation(rng, &op.params.act_min, &op.params.act_max);
    fill(rng, input, op.input_shape.h * op.input_shape.w * op.input_shape.c);
    fill(rng, filter, out_c * op.filter_shape.h * op.filter_shape.w * f_c);
    fill_channels(rng, out_c);
    op.input = input;
    op.filter = filter;
    op.bias = fw_random_range(rng, 0, 5) ? bias : NULL;
    op.requant = requant;
    op.output = out_plain;
    tfc_conv2d_s8_plain(&op);
    op.output = out_dsp;
    op.scratch = scratch;
    tfc_conv2d_s8_dsp(&op);
    compare("conv2d", out_plain, out_dsp, op.output_shape.h * op.output_shape.w * out_c);
  }
}

static void depthwise_cases(uint32_t* rng, int32_t count) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    tfc_depthwise_conv2d_op op;
    int32_t n_out;
    memset(&op, 0, sizeof(op));
    op.depth_multiplier = fw_random_range(rng, 0, 2) == 0 ? 2 : 1;
    op.input_shape.n = 1;
    op.input_shape.h = fw_random_range(rng, 1, 9);
    op.input_shape.w = fw_random_range(rng, 1, 9);
    op.input_shape.c = fw_random_range(rng, 1, 12);
    op.filter_shape.n = 1;
    op.filter_shape.h = fw_random_range(rng, 0, 1) ? 3 : fw_random_range(rng, 1, 5);
    op.filter_shape.w = fw_random_range(rng, 0, 1) ? 3 : fw_random_range(rng, 1, 5);
    op.filter_shape.c = op.input_shape.c * op.depth_multiplier;
    op.params.stride_h = fw_random_range(rng, 1, 2);
    op.params.stride_w = fw_random_range(rng, 1, 2);
    op.params.dilation_h = fw_random_range(rng, 0, 4) ? 1 : 2;
    op.params.dilation_w = fw_random_range(rng, 0, 4) ? 1 : 2;
    op.params.pad_h = fw_random_range(rng, 0, (op.filter_shape.h - 1) * op.params.dilation_h);
    op.params.pad_w = fw_random_range(rng, 0, (op.filter_shape.w - 1) * op.params.dilation_w);
    op.output_shape.n = 1;
    op.output_shape.h = out_size(op.input_shape.h, op.filter_shape.h, op.params.stride_h, op.params.dilation_h,
                                 op.params.pad_h);
    op.output_shape.w = out_size(op.input_shape.w, op.filter_shape.w, op.params.stride_w, op.params.dilation_w,
                                 op.params.pad_w);
    op.output_shape.c = op.filter_shape.c;
    op.params.input_offset = -zero_point(rng);
    op.params.output_offset = zero_point(rng);
    activation(rng, &op.params.act_min, &op.params.act_max);
    fill(rng, input, op.input_shape.h * op.input_shape.w * op.input_shape.c);
    fill(rng, filter, op.filter_shape.h * op.filter_shape.w * op.filter_shape.c);
    fill_channels(rng, op.output_shape.c);
    n_out = op.output_shape.h * op.output_shape.w * op.output_shape.c;
    op.input = input;
    op.filter = filter;
    op.bias = bias;
    op.requant = requant;
    op.output = out_plain;
    tfc_depthwise_conv2d_s8_plain(&op);
    op.output = out_dsp;
    op.scratch = scratch;
    tfc_depthwise_conv2d_s8_dsp(&op);
    compare("depthwise", out_plain, out_dsp, n_out);
    if (tfc_depthwise_conv2d_can_run_inplace(&op)) {
      memcpy(in_place, input, (size_t)(op.input_shape.h * op.input_shape.w * op.input_shape.c));
      op.input = in_place;
      op.output = in_place;
      tfc_depthwise_conv2d_s8_inplace_dsp(&op);
      compare("depthwise in place (dsp)", out_plain, in_place, n_out);
      memcpy(in_place, input, (size_t)(op.input_shape.h * op.input_shape.w * op.input_shape.c));
      tfc_depthwise_conv2d_s8_inplace_plain(&op);
      compare("depthwise in place (plain)", out_plain, in_place, n_out);
    }
  }
}

static void fully_connected_cases(uint32_t* rng, int32_t count) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    tfc_fully_connected_op op;
    memset(&op, 0, sizeof(op));
    op.batches = fw_random_range(rng, 1, 3);
    op.accum_depth = fw_random_range(rng, 1, 200);
    op.units = fw_random_range(rng, 1, 16);
    op.per_channel = fw_random_range(rng, 0, 1);
    op.input_offset = -zero_point(rng);
    op.filter_offset = op.per_channel || fw_random_range(rng, 0, 1) ? 0 : -zero_point(rng);
    op.output_offset = zero_point(rng);
    activation(rng, &op.act_min, &op.act_max);
    fill(rng, input, op.batches * op.accum_depth);
    fill(rng, filter, op.units * op.accum_depth);
    fill_channels(rng, op.units);
    op.input = input;
    op.filter = filter;
    op.bias = bias;
    op.requant = requant;
    op.output = out_plain;
    tfc_fully_connected_s8_plain(&op);
    op.output = out_dsp;
    op.scratch = scratch;
    tfc_fully_connected_s8_dsp(&op);
    compare("fully connected", out_plain, out_dsp, op.batches * op.units);
  }
}

static void add_cases(uint32_t* rng, int32_t count) {
  int32_t i;
  for (i = 0; i < count; ++i) {
    tfc_add_op op;
    const int32_t n = fw_random_range(rng, 1, 300);
    memset(&op, 0, sizeof(op));
    op.params.left_shift = 20;
    op.params.input1_offset = -zero_point(rng);
    op.params.input2_offset = -zero_point(rng);
    op.params.output_offset = zero_point(rng);
    op.params.input1_requant.multiplier = (int32_t)((1u << 30) + (fw_random(rng) & 0x3FFFFFFFu));
    op.params.input1_requant.shift = fw_random_range(rng, -3, 0);
    op.params.input2_requant.multiplier = (int32_t)((1u << 30) + (fw_random(rng) & 0x3FFFFFFFu));
    op.params.input2_requant.shift = fw_random_range(rng, -3, 0);
    op.params.output_requant.multiplier = (int32_t)((1u << 30) + (fw_random(rng) & 0x3FFFFFFFu));
    op.params.output_requant.shift = fw_random_range(rng, -22, -16);
    activation(rng, &op.params.act_min, &op.params.act_max);
    op.rank = 1;
    op.input1_dims[0] = op.input2_dims[0] = op.output_dims[0] = n;
    fill(rng, input, n);
    fill(rng, filter, n);
    op.input1 = input;
    op.input2 = filter;
    op.output = out_plain;
    tfc_add_s8_plain(&op);
    op.output = out_dsp;
    tfc_add_s8_dsp(&op);
    compare("add", out_plain, out_dsp, n);
  }
}

int run_tests(void) {
  uint32_t rng = 20240611u;
  conv_cases(&rng, 150);
  depthwise_cases(&rng, 150);
  fully_connected_cases(&rng, 100);
  add_cases(&rng, 100);
  fw_print("cases ");
  fw_print_int(cases);
  fw_print(" mismatches ");
  fw_print_int(mismatches);
  fw_print(" checksum ");
  fw_print_int((int32_t)checksum);
  fw_print("\n");
  return mismatches > 100 ? 100 : mismatches;
}
