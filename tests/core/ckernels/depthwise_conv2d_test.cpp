// The C library's DepthwiseConv2D: plain and DSP path, and the in-place variant writing
// over its input, against the independent C++ reference on random layers.

#include <gtest/gtest.h>

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

DepthwiseCase randomDepthwise(Random& random, bool multiplier_one) {
  DepthwiseCase c;
  c.multiplier = multiplier_one || random.chance(0.6) ? 1 : random.uniform(2, 3);
  const int in_c = random.uniform(1, 12);
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

}  // namespace
}  // namespace tinyforge
