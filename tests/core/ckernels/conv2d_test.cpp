// The C library's Conv2D, plain and DSP path (intrinsics emulated on the host), against
// the independent C++ reference on random geometries and quantizations.

#include <gtest/gtest.h>

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
  c.text = "input " + kernels::toString(c.input_shape) + " filter " + kernels::toString(c.filter_shape) + " output " +
           kernels::toString(c.output_shape) + " stride " + std::to_string(p.stride_height) + "x" +
           std::to_string(p.stride_width) + " dilation " + std::to_string(p.dilation_height) + "x" +
           std::to_string(p.dilation_width) + " pad " + std::to_string(p.pad_height) + "," +
           std::to_string(p.pad_width) + " offsets " + std::to_string(p.input_offset) + "/" +
           std::to_string(p.output_offset);
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
  }
}

TEST(CConv2D, PlainAndDspEqualTheReferenceOnRandomLayers) { checkCases(11, 400, false); }

TEST(CConv2D, PlainAndDspEqualTheReferenceOnPointwiseLayers) { checkCases(12, 60, true); }

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

}  // namespace
}  // namespace tinyforge
