// QuantizeMultiplier and the Prepare-time derivations, against values worked out by
// hand from TFLM's definitions (quantization_util.cc, kernel_util.cc, padding.h).
#include "core/kernels/quantize_multiplier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/kernels/activation_range.h"
#include "core/kernels/kernel_error.h"
#include "core/kernels/padding.h"

using namespace tinyforge::kernels;

TEST(QuantizeMultiplier, PowersOfTwo) {
  // frexp(0.5) = 0.5 * 2^0 -> (0.5 * 2^31, 0).
  EXPECT_EQ(quantizeMultiplier(0.5), (QuantizedMultiplier{1 << 30, 0}));
  EXPECT_EQ(quantizeMultiplier(1.0), (QuantizedMultiplier{1 << 30, 1}));
  EXPECT_EQ(quantizeMultiplier(0.25), (QuantizedMultiplier{1 << 30, -1}));
  EXPECT_EQ(quantizeMultiplier(0.0), (QuantizedMultiplier{0, 0}));
}

TEST(QuantizeMultiplier, RoundsTheMantissa) {
  // 0.75 = 0.75 * 2^0 -> round(0.75 * 2^31) = 1610612736.
  EXPECT_EQ(quantizeMultiplier(0.75), (QuantizedMultiplier{1610612736, 0}));
  // 0.1 = 0.8 * 2^-3 -> round(0.8 * 2^31) = round(1717986918.4) = 1717986918.
  EXPECT_EQ(quantizeMultiplier(0.1), (QuantizedMultiplier{1717986918, -3}));
  // Just below 1.0 the mantissa rounds up to 2^31 and becomes 2^30 with one more shift.
  EXPECT_EQ(quantizeMultiplier(1.0 - std::ldexp(1.0, -40)), (QuantizedMultiplier{1 << 30, 1}));
}

TEST(QuantizeMultiplier, FlushesTinyMultipliersToZero) {
  // 2^-32 = 0.5 * 2^-31 still fits; 2^-40 = 0.5 * 2^-39 has shift < -31 and flushes.
  EXPECT_EQ(quantizeMultiplier(std::ldexp(1.0, -32)), (QuantizedMultiplier{1 << 30, -31}));
  EXPECT_EQ(quantizeMultiplier(std::ldexp(1.0, -40)), (QuantizedMultiplier{0, 0}));
}

TEST(QuantizeMultiplier, CheckedVariants) {
  EXPECT_EQ(quantizeMultiplierSmallerThanOneExp(0.25), (QuantizedMultiplier{1 << 30, -1}));
  EXPECT_THROW(quantizeMultiplierSmallerThanOneExp(1.5), KernelError);
  EXPECT_THROW(quantizeMultiplierSmallerThanOneExp(0.0), KernelError);
  EXPECT_EQ(quantizeMultiplierGreaterThanOne(4.0), (QuantizedMultiplier{1 << 30, 3}));
  EXPECT_THROW(quantizeMultiplierGreaterThanOne(0.5), KernelError);
  EXPECT_THROW(quantizeMultiplier(std::nan("")), KernelError);
}

TEST(QuantizeMultiplier, PerChannelFromScales) {
  // 0.5 * 0.25 / 0.125 = 1.0 and 0.5 * 0.125 / 0.125 = 0.5.
  const std::vector<float> filter_scales{0.25f, 0.125f};
  const auto m = perChannelMultipliers(0.5f, filter_scales, 0.125f, 2);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0], (QuantizedMultiplier{1 << 30, 1}));
  EXPECT_EQ(m[1], (QuantizedMultiplier{1 << 30, 0}));
  // One scale broadcasts (per-tensor filter); a wrong count is an error.
  const std::vector<float> one{0.25f};
  EXPECT_EQ(perChannelMultipliers(0.5f, one, 0.125f, 3).size(), 3u);
  EXPECT_THROW(perChannelMultipliers(0.5f, filter_scales, 0.125f, 3), KernelError);
}

TEST(ActivationRange, FusedActivationsOnInt8) {
  // No activation: the int8 range.
  EXPECT_EQ(activationRangeInt8(FusedActivation::None, 0.05f, -10), (ActivationRange{-128, 127}));
  // ReLU: real 0 is the zero point.
  EXPECT_EQ(activationRangeInt8(FusedActivation::Relu, 0.05f, -10), (ActivationRange{-10, 127}));
  // ReLU6: -10 + round(6 / 0.05) = -10 + 120 = 110.
  EXPECT_EQ(activationRangeInt8(FusedActivation::Relu6, 0.05f, -10), (ActivationRange{-10, 110}));
  // ReLU6 beyond the int8 range: 6 / 0.02 = 300 -> clamped to 127.
  EXPECT_EQ(activationRangeInt8(FusedActivation::Relu6, 0.02f, -128), (ActivationRange{-128, 127}));
  // ReLU_N1_TO_1 at scale 0.1: [-10, 10].
  EXPECT_EQ(activationRangeInt8(FusedActivation::ReluN1To1, 0.1f, 0), (ActivationRange{-10, 10}));
  EXPECT_THROW(activationRangeInt8(FusedActivation::Relu, 0.0f, 0), KernelError);
}

TEST(WindowPadding, SameAndValid) {
  // MicroNet-KWS's first conv: 49x10 input, 10x4 filter, SAME, stride 1:
  // total padding 48 + 10 - 49 = 9 rows -> 4 on top, 5 below (offset 1);
  // 9 + 4 - 10 = 3 columns -> 1 left, 2 right.
  EXPECT_EQ(computeWindowPadding(PaddingType::Same, 49, 10, 10, 4, 1, 1),
            (WindowPadding{49, 10, 4, 1, 1, 1}));
  // SAME stride 2: in 5, filter 3 -> out 3, total 2*2 + 3 - 5 = 2 -> 1 each side;
  // in 4 -> out 2, total 2 + 3 - 4 = 1 -> 0 before, 1 after.
  EXPECT_EQ(computeWindowPadding(PaddingType::Same, 5, 4, 3, 3, 2, 2), (WindowPadding{3, 2, 1, 0, 0, 1}));
  // VALID: (4 - 3) / 1 + 1 = 2, no padding.
  EXPECT_EQ(computeWindowPadding(PaddingType::Valid, 4, 4, 3, 3, 1, 1), (WindowPadding{2, 2, 0, 0, 0, 0}));
  // Dilation 2 makes a 3-tap filter span 5: VALID on 7 gives 3.
  EXPECT_EQ(computeWindowPadding(PaddingType::Valid, 7, 7, 3, 3, 1, 1, 2, 2).out_height, 3);
  EXPECT_THROW(computeWindowPadding(PaddingType::Valid, 2, 2, 3, 3, 1, 1), KernelError);
  EXPECT_THROW(computeWindowPadding(PaddingType::Same, 4, 4, 3, 3, 0, 1), KernelError);
}
