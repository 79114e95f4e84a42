// The C library's Conv2D, plain, DSP (intrinsics emulated on the host) and x86 path
// (SSE2 and AVX2), against the independent C++ reference on random geometries and
// quantizations.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/ckernels/tfc_conv2d.h"
#include "core/kernels/ckernels_bridge.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

using kernels::ConvParams;
using kernels::Shape4;
using testing::GuardedScratch;
using testing::Random;

struct ConvCase {
  ConvParams params;
  Shape4 input_shape, filter_shape, output_shape;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;
  std::vector<kernels::QuantizedMultiplier> multipliers;
  std::string text;
};

std::string describeCase(const ConvCase& c) {
  const ConvParams& p = c.params;
  return "input " + kernels::toString(c.input_shape) + " filter " + kernels::toString(c.filter_shape) + " output " +
         kernels::toString(c.output_shape) + " stride " + std::to_string(p.stride_height) + "x" +
         std::to_string(p.stride_width) + " dilation " + std::to_string(p.dilation_height) + "x" +
         std::to_string(p.dilation_width) + " pad " + std::to_string(p.pad_height) + "," +
         std::to_string(p.pad_width) + " offsets " + std::to_string(p.input_offset) + "/" +
         std::to_string(p.output_offset);
}

// The output size of a window with the given padding (at least 1).
int outputSize(int input, int pad, int filter, int dilation, int stride) {
  return std::max(1, (input + 2 * pad - ((filter - 1) * dilation + 1)) / stride + 1);
}

ConvCase randomConv(Random& random, bool pointwise) {
  ConvCase c;
  const int groups = pointwise || random.chance(0.75) ? 1 : random.uniform(2, 3);
  const int channel_choices[] = {1, 2, 3, 4, 5, 7, 8, 12, 16};
  const int f_c = pointwise ? 4 * random.uniform(1, 40) : channel_choices[random.uniform(0, 8)];
  const int out_c = groups * random.uniform(1, pointwise ? 24 : 7);
  c.filter_shape = {out_c, pointwise ? 1 : random.uniform(1, 4), pointwise ? 1 : random.uniform(1, 4), f_c};
  c.input_shape = {random.uniform(1, 2), random.uniform(1, 9), random.uniform(1, 9), groups * f_c};
  ConvParams& p = c.params;
  p.stride_height = pointwise ? 1 : random.uniform(1, 3);
  p.stride_width = pointwise ? 1 : random.uniform(1, 3);
  p.dilation_height = random.chance(0.2) ? 2 : 1;
  p.dilation_width = random.chance(0.2) ? 2 : 1;
  const int eff_h = (c.filter_shape.h - 1) * p.dilation_height + 1;
  const int eff_w = (c.filter_shape.w - 1) * p.dilation_width + 1;
  p.pad_height = pointwise ? 0 : random.uniform(0, eff_h - 1);
  p.pad_width = pointwise ? 0 : random.uniform(0, eff_w - 1);
  const int out_h = std::max(1, (c.input_shape.h + 2 * p.pad_height - eff_h) / p.stride_height + 1);
  const int out_w = std::max(1, (c.input_shape.w + 2 * p.pad_width - eff_w) / p.stride_width + 1);
  c.output_shape = {c.input_shape.n, out_h, out_w, out_c};
  p.input_offset = -random.zeroPoint();
  p.output_offset = random.zeroPoint();
  std::tie(p.act_min, p.act_max) = random.activationRange();
  c.input = random.int8s(static_cast<size_t>(c.input_shape.flatSize()));
  c.filter = random.int8s(static_cast<size_t>(c.filter_shape.flatSize()));
  if (random.chance(0.85)) c.bias = random.biases(out_c);
  c.multipliers = random.multipliers(out_c);
  c.text = describeCase(c);
  return c;
}

// Layers for the x86 path: windows of every length modulo 16 (its chunk), output channel
// counts odd and even around its 8-channel requantization step, pixel counts around its
// 4-pixel tile, groups, strides and dilations up to 3, padding on every side.
ConvCase randomX86Conv(Random& random) {
  ConvCase c;
  const int groups = random.chance(0.7) ? 1 : random.uniform(2, 4);
  const int f_c = random.chance(0.3) ? random.uniform(1, 4) : random.uniform(1, 40);
  const int out_c = groups * random.uniform(1, random.chance(0.5) ? 9 : 36);
  c.filter_shape = {out_c, random.uniform(1, 5), random.uniform(1, 5), f_c};
  c.input_shape = {random.uniform(1, 2), random.uniform(1, 11), random.uniform(1, 11), groups * f_c};
  ConvParams& p = c.params;
  p.stride_height = random.uniform(1, 3);
  p.stride_width = random.uniform(1, 3);
  p.dilation_height = random.chance(0.25) ? random.uniform(2, 3) : 1;
  p.dilation_width = random.chance(0.25) ? random.uniform(2, 3) : 1;
  p.pad_height = random.uniform(0, (c.filter_shape.h - 1) * p.dilation_height);
  p.pad_width = random.uniform(0, (c.filter_shape.w - 1) * p.dilation_width);
  c.output_shape = {c.input_shape.n,
                    outputSize(c.input_shape.h, p.pad_height, c.filter_shape.h, p.dilation_height, p.stride_height),
                    outputSize(c.input_shape.w, p.pad_width, c.filter_shape.w, p.dilation_width, p.stride_width),
                    out_c};
  p.input_offset = -random.zeroPoint();
  p.output_offset = random.zeroPoint();
  std::tie(p.act_min, p.act_max) = random.activationRange();
  c.input = random.int8s(static_cast<size_t>(c.input_shape.flatSize()));
  c.filter = random.int8s(static_cast<size_t>(c.filter_shape.flatSize()));
  if (random.chance(0.85)) c.bias = random.biases(out_c, random.chance(0.1) ? 2000000000 : 20000);
  c.multipliers = random.multipliers(out_c);
  c.text = describeCase(c);
  return c;
}

tfc_conv2d_op describe(const ConvCase& c, int8_t* output, void* scratch) {
  tfc_conv2d_op op{};
  op.input = c.input.data();
  op.filter = c.filter.data();
  op.bias = c.bias.empty() ? nullptr : c.bias.data();
  op.requant = kernels::toC(c.multipliers);
  op.output = output;
  op.scratch = scratch;
  op.input_shape = kernels::toC(c.input_shape);
  op.filter_shape = kernels::toC(c.filter_shape);
  op.output_shape = kernels::toC(c.output_shape);
  op.params = kernels::toC(c.params);
  return op;
}

#if TFC_HAVE_X86_PATH
// The x86 path's variants on one case: SSE2, AVX2 (where the CPU has it) and the
// dispatch, each with a guarded scratch of the formula's bytes.
void checkX86(const ConvCase& c, const std::vector<int8_t>& expected, const std::string& where) {
  using Variant = void (*)(const tfc_conv2d_op*);
  const std::pair<const char*, Variant> variants[] = {
      {"x86 sse2", tfc_conv2d_s8_x86_sse2}, {"x86 avx2", tfc_conv2d_s8_x86_avx2}, {"x86", tfc_conv2d_s8_x86}};
  for (const auto& [name, run] : variants) {
    if (run == tfc_conv2d_s8_x86_avx2 && !tfc_x86_has_avx2()) continue;
    std::vector<int8_t> got(expected.size());
    tfc_conv2d_op op = describe(c, got.data(), nullptr);
    GuardedScratch scratch(tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86));
    op.scratch = scratch.data();
    run(&op);
    ASSERT_EQ(got, expected) << name << ", " << where << ": " << c.text;
    ASSERT_TRUE(scratch.guardsIntact()) << name << " wrote outside its scratch, " << where << ": " << c.text;
  }
}
#endif

void checkCases(uint32_t seed, int count, bool pointwise) {
  Random random(seed);
  for (int i = 0; i < count; ++i) {
    const ConvCase c = randomConv(random, pointwise);
    const size_t out_size = static_cast<size_t>(c.output_shape.flatSize());
    std::vector<int8_t> expected(out_size), plain(out_size), dsp(out_size);
    reference::conv2d(c.params, c.multipliers, c.input_shape, c.input.data(), c.filter_shape, c.filter.data(),
                      c.bias.empty() ? nullptr : c.bias.data(), c.output_shape, expected.data());

    tfc_conv2d_op op = describe(c, plain.data(), nullptr);
    EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, 0), 0);
    tfc_conv2d_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i << ": " << c.text;

    GuardedScratch scratch(tfc_conv2d_s8_scratch_bytes(&op, 1));
    op = describe(c, dsp.data(), scratch.data());
    tfc_conv2d_s8_dsp(&op);
    ASSERT_EQ(dsp, expected) << "dsp, case " << i << ": " << c.text;
    ASSERT_TRUE(scratch.guardsIntact()) << "dsp wrote outside its scratch, case " << i << ": " << c.text;
#if TFC_HAVE_X86_PATH
    checkX86(c, expected, "case " + std::to_string(i));
#endif
  }
}

TEST(CConv2D, PlainAndDspEqualTheReferenceOnRandomLayers) { checkCases(11, 400, false); }

TEST(CConv2D, PlainAndDspEqualTheReferenceOnPointwiseLayers) { checkCases(12, 60, true); }

#if TFC_HAVE_X86_PATH
TEST(CConv2D, X86PathEqualsThePlainPathAndTheReferenceOnRandomLayers) {
  Random random(13);
  for (int i = 0; i < 500; ++i) {
    const ConvCase c = randomX86Conv(random);
    const size_t out_size = static_cast<size_t>(c.output_shape.flatSize());
    std::vector<int8_t> expected(out_size), plain(out_size);
    reference::conv2d(c.params, c.multipliers, c.input_shape, c.input.data(), c.filter_shape, c.filter.data(),
                      c.bias.empty() ? nullptr : c.bias.data(), c.output_shape, expected.data());
    tfc_conv2d_op op = describe(c, plain.data(), nullptr);
    tfc_conv2d_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i << ": " << c.text;
    checkX86(c, expected, "case " + std::to_string(i));
  }
}

// Host C compiled for x86-64 takes the x86 path without asking.
TEST(CConv2D, DispatchOnX86HostsIsTheX86Path) {
  EXPECT_EQ(TFC_PATH_NATIVE, TFC_PATH_X86);
  Random random(14);
  const ConvCase c = randomX86Conv(random);
  std::vector<int8_t> expected(static_cast<size_t>(c.output_shape.flatSize())), got(expected.size());
  tfc_conv2d_op op = describe(c, expected.data(), nullptr);
  tfc_conv2d_s8_plain(&op);
  GuardedScratch scratch(tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_NATIVE));
  op = describe(c, got.data(), scratch.data());
  tfc_conv2d_s8(&op);
  EXPECT_EQ(got, expected);
}

// The int32 bound: with |f| <= 128 and |x + offset| <= 255 a window of TFC_X86_MAX_WINDOW
// values sums to at most 65,793 x 32,640 = 2,147,483,520 <= 2^31 - 1 in any order. At the
// bound, every product at its extreme (-128 x (-128 - 127)) gives that sum exactly on both
// paths; one value more and the x86 path hands the layer to the plain path.
TEST(CConv2D, X86PathHoldsTheLargestSumsAndLeavesLongerWindowsToThePlainPath) {
  EXPECT_EQ(int64_t{TFC_X86_MAX_WINDOW} * 128 * 255, 2147483520);
  EXPECT_GT(int64_t{TFC_X86_MAX_WINDOW + 1} * 128 * 255, int64_t{INT32_MAX});
  for (const int depth : {TFC_X86_MAX_WINDOW, TFC_X86_MAX_WINDOW + 1}) {
    ConvCase c;
    c.input_shape = {1, 1, 5, depth};
    c.filter_shape = {3, 1, 1, depth};
    c.output_shape = {1, 1, 5, 3};
    c.params.input_offset = -127;  // input zero point 127
    c.input.assign(static_cast<size_t>(c.input_shape.flatSize()), -128);
    c.filter.assign(static_cast<size_t>(c.filter_shape.flatSize()), -128);
    if (depth > TFC_X86_MAX_WINDOW) {
      // Mixed signs, so the plain path's own sum stays inside int32.
      Random random(15);
      c.input = random.int8s(c.input.size());
      c.filter = random.int8s(c.filter.size());
    }
    c.multipliers = {kernels::quantizeMultiplier(1.0 / (1 << 24)), kernels::quantizeMultiplier(1.0 / (1 << 30)),
                     kernels::quantizeMultiplier(0.75 / (1 << 26))};
    c.text = "window of " + std::to_string(depth) + " values";
    std::vector<int8_t> expected(static_cast<size_t>(c.output_shape.flatSize())), plain(expected.size());
    reference::conv2d(c.params, c.multipliers, c.input_shape, c.input.data(), c.filter_shape, c.filter.data(),
                      nullptr, c.output_shape, expected.data());
    if (depth == TFC_X86_MAX_WINDOW) {
      // 2,147,483,520 / 2^24 = 127.99999 -> 128 -> clamped to 127, / 2^30 -> 2, x 0.75 / 2^26 -> 24.
      EXPECT_EQ(expected, (std::vector<int8_t>{127, 2, 24, 127, 2, 24, 127, 2, 24, 127, 2, 24, 127, 2, 24}));
    }
    tfc_conv2d_op op = describe(c, plain.data(), nullptr);
    tfc_conv2d_s8_plain(&op);
    ASSERT_EQ(plain, expected) << c.text;
    checkX86(c, expected, c.text);
  }
}
#endif

// The scratch formula: three int16 columns of the window depth rounded up to 4 values,
// three int32 accumulators per output channel (+3), and a natural-order staging window
// when the filter's channels are not a multiple of 4.
TEST(CConv2D, ScratchIsThreeInt16ColumnsAndThreeAccumulatorsPerChannel) {
  tfc_conv2d_op op{};
  op.input_shape = {1, 25, 5, 140};
  op.filter_shape = {140, 1, 1, 140};
  op.output_shape = {1, 25, 5, 140};
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, 1), 3 * 140 * 2 + 3 * 141 * 4);
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, 0), 0);
  // MicroNet-KWS-M's first layer: 10x4 window of 1 channel (depth 40), 140 filters.
  op.input_shape = {1, 49, 10, 1};
  op.filter_shape = {140, 10, 4, 1};
  op.output_shape = {1, 49, 10, 140};
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, 1), 3 * 40 * 2 + 3 * 141 * 4 + 40 * 2);
  // Grouped: the accumulators of one group's channels.
  op.input_shape = {1, 8, 8, 12};
  op.filter_shape = {6, 3, 3, 4};  // 3 groups of 2 filters, depth 36
  op.output_shape = {1, 8, 8, 6};
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, 1), 3 * 36 * 2 + 3 * 3 * 4);
}

// x86: four int16 columns of the window rounded up to 16 values, four rows of int32
// accumulators (output channels of a group + 1, rounded up to 8), and the last window % 16
// weights of every filter as 16 int16 when the window is not a multiple of 16.
TEST(CConv2D, X86ScratchIsFourInt16ColumnsFourAccumulatorsPerChannelAndTheFilterTails) {
  tfc_conv2d_op op{};
  op.input_shape = {1, 25, 5, 140};
  op.filter_shape = {140, 1, 1, 140};
  op.output_shape = {1, 25, 5, 140};
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86), 4 * 144 * 2 + 4 * 144 * 4 + 140 * 16 * 2);
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_PLAIN), 0);
  op.input_shape = {1, 8, 8, 32};
  op.filter_shape = {12, 1, 1, 16};  // 2 groups of 6 filters, depth 16: no tails
  op.output_shape = {1, 8, 8, 12};
  EXPECT_EQ(tfc_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86), 4 * 16 * 2 + 4 * 8 * 4);
}

}  // namespace
}  // namespace tinyforge
