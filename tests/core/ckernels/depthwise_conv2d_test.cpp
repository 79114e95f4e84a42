// The C library's DepthwiseConv2D: plain, DSP and x86 path (SSE2 and AVX2), and the
// in-place variants writing over their input, against the independent C++ reference on
// random layers.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/ckernels/tfc_depthwise_conv2d.h"
#include "core/kernels/ckernels_bridge.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

using kernels::ConvParams;
using kernels::Shape4;
using testing::GuardedScratch;
using testing::Random;

struct DepthwiseCase {
  ConvParams params;
  int multiplier = 1;
  Shape4 input_shape, filter_shape, output_shape;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;
  std::vector<kernels::QuantizedMultiplier> multipliers;
  std::string text;
};

DepthwiseCase randomDepthwise(Random& random, bool multiplier_one, int max_channels = 12, int max_multiplier = 3) {
  DepthwiseCase c;
  c.multiplier = multiplier_one || random.chance(0.6) ? 1 : random.uniform(2, max_multiplier);
  const int in_c = random.chance(0.1) ? 1 : random.uniform(1, max_channels);
  const int out_c = in_c * c.multiplier;
  c.filter_shape = {1, random.uniform(1, 5), random.uniform(1, 5), out_c};
  if (random.chance(0.4)) c.filter_shape.h = c.filter_shape.w = 3;
  c.input_shape = {random.uniform(1, 2), random.uniform(1, 10), random.uniform(1, 10), in_c};
  ConvParams& p = c.params;
  p.stride_height = random.uniform(1, 3);
  p.stride_width = random.uniform(1, 3);
  p.dilation_height = random.chance(0.2) ? 2 : 1;
  p.dilation_width = random.chance(0.2) ? 2 : 1;
  const int eff_h = (c.filter_shape.h - 1) * p.dilation_height + 1;
  const int eff_w = (c.filter_shape.w - 1) * p.dilation_width + 1;
  p.pad_height = random.uniform(0, eff_h - 1);
  p.pad_width = random.uniform(0, eff_w - 1);
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
  c.text = "input " + kernels::toString(c.input_shape) + " filter " + kernels::toString(c.filter_shape) + " output " +
           kernels::toString(c.output_shape) + " multiplier " + std::to_string(c.multiplier) + " stride " +
           std::to_string(p.stride_height) + "x" + std::to_string(p.stride_width) + " dilation " +
           std::to_string(p.dilation_height) + "x" + std::to_string(p.dilation_width) + " pad " +
           std::to_string(p.pad_height) + "," + std::to_string(p.pad_width);
  return c;
}

tfc_depthwise_conv2d_op describe(const DepthwiseCase& c, const int8_t* input, int8_t* output, void* scratch) {
  tfc_depthwise_conv2d_op op{};
  op.input = input;
  op.filter = c.filter.data();
  op.bias = c.bias.empty() ? nullptr : c.bias.data();
  op.requant = kernels::toC(c.multipliers);
  op.output = output;
  op.scratch = scratch;
  op.input_shape = kernels::toC(c.input_shape);
  op.filter_shape = kernels::toC(c.filter_shape);
  op.output_shape = kernels::toC(c.output_shape);
  op.params = kernels::toC(c.params);
  op.depth_multiplier = c.multiplier;
  return op;
}

std::vector<int8_t> reference(const DepthwiseCase& c) {
  std::vector<int8_t> expected(static_cast<size_t>(c.output_shape.flatSize()));
  reference::depthwiseConv2d(c.params, c.multiplier, c.multipliers, c.input_shape, c.input.data(), c.filter_shape,
                             c.filter.data(), c.bias.empty() ? nullptr : c.bias.data(), c.output_shape,
                             expected.data());
  return expected;
}

#if TFC_HAVE_X86_PATH
using DepthwiseVariant = void (*)(const tfc_depthwise_conv2d_op*);

// The x86 variants to check: SSE2, AVX2 where the CPU has it, and the dispatch.
std::vector<std::pair<const char*, DepthwiseVariant>> x86Variants(bool in_place) {
  std::vector<std::pair<const char*, DepthwiseVariant>> variants = {{"x86 sse2", tfc_depthwise_conv2d_s8_x86_sse2}};
  if (tfc_x86_has_avx2()) variants.emplace_back("x86 avx2", tfc_depthwise_conv2d_s8_x86_avx2);
  variants.emplace_back("x86", in_place ? tfc_depthwise_conv2d_s8_inplace_x86 : tfc_depthwise_conv2d_s8_x86);
  return variants;
}

// Channel counts around the x86 path's 16-channel block (up to 40 input channels: two
// whole blocks and a partial one), depth multipliers up to 8 (person_detect's first layer:
// 1 input channel x 8), with separate buffers and, where the variant allows it, in place.
TEST(CDepthwiseConv2D, X86PathEqualsThePlainPathAndTheReferenceOnRandomLayers) {
  Random random(24);
  int in_place_cases = 0;
  for (int i = 0; i < 600; ++i) {
    const DepthwiseCase c = randomDepthwise(random, false, 40, 8);
    const std::vector<int8_t> expected = reference(c);
    std::vector<int8_t> plain(expected.size());
    tfc_depthwise_conv2d_op op = describe(c, c.input.data(), plain.data(), nullptr);
    tfc_depthwise_conv2d_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i << ": " << c.text;
    const bool in_place = tfc_depthwise_conv2d_can_run_inplace(&op);
    in_place_cases += in_place ? 1 : 0;
    for (const bool over_input : {false, true}) {
      if (over_input && !in_place) continue;
      for (const auto& [name, run] : x86Variants(over_input)) {
        std::vector<int8_t> buffer = over_input ? c.input : std::vector<int8_t>(expected.size());
        GuardedScratch scratch(over_input ? tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&op, TFC_PATH_X86)
                                          : tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86));
        const tfc_depthwise_conv2d_op x86 =
            describe(c, over_input ? buffer.data() : c.input.data(), buffer.data(), scratch.data());
        run(&x86);
        buffer.resize(expected.size());
        ASSERT_EQ(buffer, expected) << name << (over_input ? " in place" : "") << ", case " << i << ": " << c.text;
        ASSERT_TRUE(scratch.guardsIntact()) << name << " wrote outside its scratch, case " << i << ": " << c.text;
      }
    }
  }
  EXPECT_GT(in_place_cases, 200);
}

// Host C compiled for x86-64 takes the x86 path without asking, in place too.
TEST(CDepthwiseConv2D, DispatchOnX86HostsIsTheX86Path) {
  EXPECT_EQ(TFC_PATH_NATIVE, TFC_PATH_X86);
  Random random(25);
  for (int i = 0; i < 20; ++i) {
    const DepthwiseCase c = randomDepthwise(random, true, 40);
    const std::vector<int8_t> expected = reference(c);
    std::vector<int8_t> got(expected.size());
    tfc_depthwise_conv2d_op op = describe(c, c.input.data(), got.data(), nullptr);
    GuardedScratch scratch(tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_NATIVE));
    op.scratch = scratch.data();
    tfc_depthwise_conv2d_s8(&op);
    ASSERT_EQ(got, expected) << c.text;
    if (!tfc_depthwise_conv2d_can_run_inplace(&op)) continue;
    std::vector<int8_t> buffer = c.input;
    GuardedScratch inplace_scratch(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&op, TFC_PATH_NATIVE));
    op = describe(c, buffer.data(), buffer.data(), inplace_scratch.data());
    tfc_depthwise_conv2d_s8_inplace(&op);
    buffer.resize(expected.size());
    ASSERT_EQ(buffer, expected) << "in place, " << c.text;
  }
}

// The int32 bound of the x86 path (see the Conv2D test): a window of TFC_X86_MAX_WINDOW
// taps at the extreme products sums to 2,147,483,520 on both paths; one tap more and the
// plain path runs the layer.
TEST(CDepthwiseConv2D, X86PathHoldsTheLargestSumsAndLeavesLongerWindowsToThePlainPath) {
  for (const int taps : {TFC_X86_MAX_WINDOW, TFC_X86_MAX_WINDOW + 1}) {
    DepthwiseCase c;
    c.input_shape = {1, 1, taps, 3};
    c.filter_shape = {1, 1, taps, 3};
    c.output_shape = {1, 1, 1, 3};
    c.params.input_offset = -127;
    c.input.assign(static_cast<size_t>(c.input_shape.flatSize()), -128);
    c.filter.assign(static_cast<size_t>(c.filter_shape.flatSize()), -128);
    if (taps > TFC_X86_MAX_WINDOW) {
      Random random(26);
      c.input = random.int8s(c.input.size());
      c.filter = random.int8s(c.filter.size());
    }
    c.multipliers = {kernels::quantizeMultiplier(1.0 / (1 << 24)), kernels::quantizeMultiplier(1.0 / (1 << 30)),
                     kernels::quantizeMultiplier(0.75 / (1 << 26))};
    c.text = std::to_string(taps) + " taps";
    const std::vector<int8_t> expected = reference(c);
    if (taps == TFC_X86_MAX_WINDOW) {
      EXPECT_EQ(expected, (std::vector<int8_t>{127, 2, 24}));
    }
    for (const auto& [name, run] : x86Variants(false)) {
      std::vector<int8_t> got(expected.size());
      tfc_depthwise_conv2d_op op = describe(c, c.input.data(), got.data(), nullptr);
      GuardedScratch scratch(tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86));
      op.scratch = scratch.data();
      run(&op);
      ASSERT_EQ(got, expected) << name << ", " << c.text;
      ASSERT_TRUE(scratch.guardsIntact()) << name << ", " << c.text;
    }
  }
}
#endif

TEST(CDepthwiseConv2D, PlainAndDspEqualTheReferenceOnRandomLayers) {
  Random random(21);
  for (int i = 0; i < 500; ++i) {
    const DepthwiseCase c = randomDepthwise(random, false);
    const std::vector<int8_t> expected = reference(c);
    std::vector<int8_t> plain(expected.size()), dsp(expected.size());
    tfc_depthwise_conv2d_op op = describe(c, c.input.data(), plain.data(), nullptr);
    EXPECT_EQ(tfc_depthwise_conv2d_s8_scratch_bytes(&op, 0), 0);
    tfc_depthwise_conv2d_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i << ": " << c.text;

    GuardedScratch scratch(tfc_depthwise_conv2d_s8_scratch_bytes(&op, 1));
    op = describe(c, c.input.data(), dsp.data(), scratch.data());
    tfc_depthwise_conv2d_s8_dsp(&op);
    ASSERT_EQ(dsp, expected) << "dsp, case " << i << ": " << c.text;
    ASSERT_TRUE(scratch.guardsIntact()) << "dsp wrote outside its scratch, case " << i << ": " << c.text;
  }
}

// TinyEngine's in-place depthwise: the output written over the input buffer (the larger
// of the two tensors) gives the same bytes as separate buffers.
TEST(CDepthwiseConv2D, InPlaceOverTheInputEqualsTheReference) {
  Random random(22);
  int in_place_cases = 0;
  for (int i = 0; i < 600; ++i) {
    const DepthwiseCase c = randomDepthwise(random, true);
    tfc_depthwise_conv2d_op probe = describe(c, nullptr, nullptr, nullptr);
    if (!tfc_depthwise_conv2d_can_run_inplace(&probe)) continue;
    ++in_place_cases;
    const std::vector<int8_t> expected = reference(c);
    for (int dsp = 0; dsp <= 1; ++dsp) {
      std::vector<int8_t> buffer = c.input;  // the shared input / output buffer
      GuardedScratch scratch(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&probe, dsp));
      const tfc_depthwise_conv2d_op op = describe(c, buffer.data(), buffer.data(), scratch.data());
      if (dsp) {
        tfc_depthwise_conv2d_s8_inplace_dsp(&op);
      } else {
        tfc_depthwise_conv2d_s8_inplace_plain(&op);
      }
      const std::vector<int8_t> output(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(expected.size()));
      ASSERT_EQ(output, expected) << (dsp ? "dsp" : "plain") << " in place, case " << i << ": " << c.text;
      ASSERT_TRUE(scratch.guardsIntact()) << "in place wrote outside its scratch, case " << i << ": " << c.text;
    }
  }
  EXPECT_GT(in_place_cases, 300);
}

// The in-place variant also runs with separate buffers.
TEST(CDepthwiseConv2D, InPlaceVariantWithSeparateBuffersEqualsTheReference) {
  Random random(23);
  for (int i = 0; i < 200; ++i) {
    const DepthwiseCase c = randomDepthwise(random, true);
    tfc_depthwise_conv2d_op probe = describe(c, nullptr, nullptr, nullptr);
    if (!tfc_depthwise_conv2d_can_run_inplace(&probe)) continue;
    const std::vector<int8_t> expected = reference(c);
    std::vector<int8_t> output(expected.size());
    GuardedScratch scratch(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&probe, 0));
    const tfc_depthwise_conv2d_op op = describe(c, c.input.data(), output.data(), scratch.data());
    tfc_depthwise_conv2d_s8_inplace_plain(&op);
    ASSERT_EQ(output, expected) << "case " << i << ": " << c.text;
  }
}

// The in-place scratch of a plain core is one int8 channel plane of the input rows and
// columns the windows cover, padding included: MicroNet-KWS-M's first depthwise layer
// (49x10 input, 140 channels, 3x3 stride 2 -> 25x5) needs 51 x 12 = 612 bytes instead of a
// second 17,500-byte tensor.
TEST(CDepthwiseConv2D, InPlaceScratchIsOneChannelPlane) {
  tfc_depthwise_conv2d_op op{};
  op.input_shape = {1, 49, 10, 140};
  op.filter_shape = {1, 3, 3, 140};
  op.output_shape = {1, 25, 5, 140};
  op.params = {2, 2, 1, 1, 1, 1, 0, 0, -128, 127};
  op.depth_multiplier = 1;
  EXPECT_TRUE(tfc_depthwise_conv2d_can_run_inplace(&op));
  EXPECT_EQ(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&op, 0), 51 * 12);
  // DSP: int16 plane of the covered rows and columns ((25-1)*2+3 = 51 by (5-1)*2+3+1 = 12),
  // 3 rows of 2 int16 filter pairs, and the int32 accumulators of 12 output rows of 5
  // (as many whole rows as fit 64 outputs).
  EXPECT_EQ(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&op, 1), 51 * 12 * 2 + 3 * 2 * 4 + 12 * 5 * 4);
  op.depth_multiplier = 2;
  EXPECT_FALSE(tfc_depthwise_conv2d_can_run_inplace(&op));
}

// x86: the int16 plane of 16 channels over the covered rows and columns (51 x 11 here: no
// extra column), the 16 channels' taps in pairs (9 taps -> 10) and one int32 offset per
// tap of the pairs; the same in place, where the plane is the copy of the input.
TEST(CDepthwiseConv2D, X86ScratchIsAPlaneOf16ChannelsAndTheirPairedTaps) {
  tfc_depthwise_conv2d_op op{};
  op.input_shape = {1, 49, 10, 140};
  op.filter_shape = {1, 3, 3, 140};
  op.output_shape = {1, 25, 5, 140};
  op.params = {2, 2, 1, 1, 1, 1, 0, 0, -128, 127};
  op.depth_multiplier = 1;
  EXPECT_EQ(tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86), 51 * 11 * 16 * 2 + 10 * 16 * 2 + 10 * 4);
  EXPECT_EQ(tfc_depthwise_conv2d_s8_inplace_scratch_bytes(&op, TFC_PATH_X86),
            tfc_depthwise_conv2d_s8_scratch_bytes(&op, TFC_PATH_X86));
}

}  // namespace
}  // namespace tinyforge
