// The C library's remaining ops against the independent C++ reference on random shapes:
// pools, Mean, Softmax, Pad, Concatenation, Quantize / Requantize (also in place),
// Dequantize, Reshape (aliased and overlapping), int4 unpacking.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "core/ckernels/tinyforge_c.h"
#include "core/kernels/ckernels_bridge.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

using kernels::PoolParams;
using kernels::Shape4;
using testing::Random;

TEST(CPool, AverageAndMaxEqualTheReference) {
  Random random(51);
  for (int i = 0; i < 400; ++i) {
    PoolParams p;
    p.filter_height = random.uniform(1, 4);
    p.filter_width = random.uniform(1, 4);
    p.stride_height = random.uniform(1, 3);
    p.stride_width = random.uniform(1, 3);
    p.pad_height = random.uniform(0, p.filter_height - 1);
    p.pad_width = random.uniform(0, p.filter_width - 1);
    std::tie(p.act_min, p.act_max) = random.activationRange();
    const Shape4 in{random.uniform(1, 2), random.uniform(1, 9), random.uniform(1, 9), random.uniform(1, 10)};
    const Shape4 out{in.n, std::max(1, (in.h + 2 * p.pad_height - p.filter_height) / p.stride_height + 1),
                     std::max(1, (in.w + 2 * p.pad_width - p.filter_width) / p.stride_width + 1), in.c};
    const std::vector<int8_t> input = random.int8s(static_cast<size_t>(in.flatSize()));
    std::vector<int8_t> expected(static_cast<size_t>(out.flatSize())), actual(expected.size());
    const tfc_pool2d_op op = kernels::toC(p, in, input.data(), out, actual.data());
    reference::maxPool(p, in, input.data(), out, expected.data());
    tfc_max_pool2d_s8(&op);
    ASSERT_EQ(actual, expected) << "max pool, case " << i;
    // Padding below the filter size and windows starting inside: no empty window.
    reference::averagePool(p, in, input.data(), out, expected.data());
    tfc_average_pool2d_s8(&op);
    ASSERT_EQ(actual, expected) << "average pool, case " << i;
  }
}

TEST(CMean, EqualsTheReferenceOverRandomAxes) {
  Random random(52);
  for (int i = 0; i < 300; ++i) {
    const int rank = random.uniform(1, 6);
    std::vector<int> dims(static_cast<size_t>(rank)), axes;
    for (int& d : dims) d = random.uniform(1, 5);
    uint32_t mask = 0;
    for (int d = 0; d < rank; ++d) {
      if (random.chance(0.5)) {
        axes.push_back(d);
        mask |= 1u << d;
      }
    }
    if (axes.empty()) {
      axes.push_back(rank - 1);
      mask |= 1u << (rank - 1);
    }
    const kernels::MeanParams params = kernels::prepareMean({random.real(0.001f, 1.0f), random.zeroPoint()},
                                                            {random.real(0.001f, 1.0f), random.zeroPoint()});
    int64_t in_count = 1, out_count = 1;
    for (int d = 0; d < rank; ++d) {
      in_count *= dims[static_cast<size_t>(d)];
      if (!(mask & (1u << d))) out_count *= dims[static_cast<size_t>(d)];
    }
    const std::vector<int8_t> input = random.int8s(static_cast<size_t>(in_count));
    std::vector<int8_t> expected(static_cast<size_t>(out_count)), actual(expected.size());
    reference::mean(params, dims, input.data(), axes, expected.data());
    tfc_mean_op op{};
    op.input = input.data();
    op.output = actual.data();
    op.rank = rank;
    for (int d = 0; d < rank; ++d) op.input_dims[d] = dims[static_cast<size_t>(d)];
    op.reduce_mask = mask;
    op.requant = kernels::toC(params.multiplier);
    op.input_zero_point = params.input_zero_point;
    op.output_zero_point = params.output_zero_point;
    tfc_mean_s8(&op);
    ASSERT_EQ(actual, expected) << "case " << i;
  }
}

TEST(CSoftmax, EqualsTheReference) {
  Random random(53);
  for (int i = 0; i < 300; ++i) {
    const int depth = random.uniform(1, 40);
    const int rows = random.uniform(1, 4);
    const float beta = random.chance(0.7) ? 1.0f : random.real(0.1f, 3.0f);
    const kernels::SoftmaxParams params =
        kernels::prepareSoftmax(beta, {random.real(0.01f, 0.5f), random.zeroPoint()}, {1.0f / 256, -128});
    const std::vector<int8_t> input = random.int8s(static_cast<size_t>(depth * rows));
    std::vector<int8_t> expected(input.size()), actual(input.size());
    reference::softmax(params, depth, input, expected.data());
    const tfc_softmax_op op{input.data(), actual.data(), rows, depth, params.input_multiplier,
                            params.input_left_shift, params.diff_min};
    tfc_softmax_s8(&op);
    ASSERT_EQ(actual, expected) << "case " << i << ", depth " << depth;
  }
}

TEST(CPad, EqualsTheReference) {
  Random random(54);
  for (int i = 0; i < 200; ++i) {
    const int rank = random.uniform(1, 5);
    std::vector<int> dims(static_cast<size_t>(rank));
    std::vector<std::pair<int, int>> paddings(static_cast<size_t>(rank));
    int64_t in_count = 1, out_count = 1;
    for (int d = 0; d < rank; ++d) {
      dims[d] = random.uniform(1, 4);
      paddings[d] = {random.uniform(0, 2), random.uniform(0, 2)};
      in_count *= dims[d];
      out_count *= dims[d] + paddings[d].first + paddings[d].second;
    }
    const auto pad_value = static_cast<int8_t>(random.zeroPoint());
    const std::vector<int8_t> input = random.int8s(static_cast<size_t>(in_count));
    std::vector<int8_t> expected(static_cast<size_t>(out_count)), actual(expected.size());
    reference::pad(dims, input.data(), paddings, pad_value, expected.data());
    tfc_pad_op op{};
    op.input = input.data();
    op.output = actual.data();
    op.rank = rank;
    for (int d = 0; d < rank; ++d) {
      op.input_dims[d] = dims[d];
      op.pad_before[d] = paddings[d].first;
      op.pad_after[d] = paddings[d].second;
    }
    op.pad_value = pad_value;
    tfc_pad_s8(&op);
    ASSERT_EQ(actual, expected) << "case " << i;
  }
}

// Concatenation along the middle axis of [2][*][3] inputs, by hand.
TEST(CConcatenation, CopiesEachInputsSlabPerOuterIndex) {
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};                    // [2][1][3]
  const std::vector<int8_t> b = {10, 11, 12, 13, 14, 15, 16, 17, 18,  //
                                 20, 21, 22, 23, 24, 25, 26, 27, 28};  // [2][3][3]
  const int8_t* inputs[] = {a.data(), b.data()};
  const int32_t axis_dims[] = {1, 3};
  std::vector<int8_t> out(24);
  tfc_concatenation_op op{};
  op.inputs = inputs;
  op.input_axis_dims = axis_dims;
  op.num_inputs = 2;
  op.output = out.data();
  op.rank = 3;
  op.output_dims[0] = 2;
  op.output_dims[1] = 4;
  op.output_dims[2] = 3;
  op.axis = 1;
  tfc_concatenation_s8(&op);
  const std::vector<int8_t> expected = {1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                                        4, 5, 6, 20, 21, 22, 23, 24, 25, 26, 27, 28};
  EXPECT_EQ(out, expected);
}

TEST(CQuantize, FloatToInt8EqualsTheReferenceIncludingTiesAndNonFinite) {
  Random random(55);
  std::vector<float> values = {0.0f,     -0.0f,  0.5f,  -0.5f, 1.5f,  -1.5f, 2.5f,    -2.5f, 8388607.5f,
                               -8388607.5f, 1e30f, -1e30f, std::numeric_limits<float>::infinity(),
                               -std::numeric_limits<float>::infinity(), std::nanf("")};
  for (int i = 0; i < 20000; ++i) values.push_back(random.real(-300.0f, 300.0f));
  for (int i = 0; i < 200; ++i) values.push_back(static_cast<float>(random.uniform(-400, 400)) * 0.5f);
  for (const float scale : {1.0f, 0.5f, 0.1f, 0.0039215686f, 3.0f}) {
    for (const int32_t zp : {-128, 0, 5, 127}) {
      std::vector<int8_t> actual(values.size());
      const tfc_quantize_op op{values.data(), actual.data(), static_cast<int32_t>(values.size()), scale, zp};
      tfc_quantize_f32_s8(&op);
      for (size_t k = 0; k < values.size(); ++k) {
        ASSERT_EQ(actual[k], reference::quantize(values[k], scale, zp))
            << "x " << values[k] << " scale " << scale << " zp " << zp;
      }
    }
  }
}

TEST(CQuantize, RequantizeEqualsTheReferenceAlsoInPlace) {
  Random random(56);
  for (int i = 0; i < 100; ++i) {
    const kernels::RequantizeParams params = kernels::prepareRequantize({random.real(0.001f, 1.0f), random.zeroPoint()},
                                                                        {random.real(0.001f, 1.0f), random.zeroPoint()});
    std::vector<int8_t> buffer = random.int8s(64);
    std::vector<int8_t> expected(buffer.size());
    for (size_t k = 0; k < buffer.size(); ++k) expected[k] = reference::requantize(buffer[k], params);
    const tfc_requantize_op op{buffer.data(), buffer.data(), 64, kernels::toC(params.multiplier),
                               params.input_zero_point, params.output_zero_point};
    tfc_requantize_s8(&op);
    ASSERT_EQ(buffer, expected) << "case " << i;
  }
}

// float(double(scale) * k) == scale * float(k) for every int8 difference k: the double
// product of a 24-bit mantissa and a 9-bit integer is exact, so both round it once.
TEST(CDequantize, OneFloatMultiplyEqualsTflmsDoubleProduct) {
  Random random(57);
  std::vector<int8_t> all(256);
  std::iota(all.begin(), all.end(), -128);
  std::vector<float> actual(256);
  for (int i = 0; i < 2000; ++i) {
    const float scale = std::ldexp(random.real(1.0f, 2.0f), random.uniform(-140, 20));  // subnormal results too
    const int32_t zp = random.zeroPoint();
    const tfc_dequantize_op op{all.data(), actual.data(), 256, scale, zp};
    tfc_dequantize_s8_f32(&op);
    for (int k = 0; k < 256; ++k) {
      const float expected = reference::dequantize(all[k], scale, zp);
      ASSERT_EQ(std::memcmp(&actual[k], &expected, sizeof(float)), 0) << "scale " << scale << " q " << int(all[k]);
    }
  }
}

TEST(CReshape, CopiesDisjointOverlappingAndAliasedBuffers) {
  std::vector<uint8_t> buffer(32);
  std::iota(buffer.begin(), buffer.end(), 0);
  std::vector<uint8_t> out(16, 0);
  tfc_reshape_op op{buffer.data(), out.data(), 16};
  tfc_reshape(&op);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), buffer.begin()));
  // Overlap both ways: memmove semantics.
  std::vector<uint8_t> expected_forward(buffer.begin() + 4, buffer.begin() + 20);
  op = {buffer.data() + 4, buffer.data(), 16};
  tfc_reshape(&op);
  EXPECT_TRUE(std::equal(expected_forward.begin(), expected_forward.end(), buffer.begin()));
  std::iota(buffer.begin(), buffer.end(), 0);
  std::vector<uint8_t> expected_backward(buffer.begin(), buffer.begin() + 16);
  op = {buffer.data(), buffer.data() + 4, 16};
  tfc_reshape(&op);
  EXPECT_TRUE(std::equal(expected_backward.begin(), expected_backward.end(), buffer.begin() + 4));
  // Aliased by the memory plan: nothing to do, nothing changes.
  const std::vector<uint8_t> before = buffer;
  op = {buffer.data(), buffer.data(), 32};
  tfc_reshape(&op);
  EXPECT_EQ(buffer, before);
}

// Low nibble first, sign-extended (TFLite's packed int4): 0x8F -> {-1, -8}, 0x71 -> {1, 7}.
TEST(CInt4, UnpacksLowNibbleFirstSignExtended) {
  const uint8_t packed[] = {0x8F, 0x71, 0x0A};
  int8_t out[5];
  tfc_unpack_int4(packed, 5, out);
  const int8_t expected[] = {-1, -8, 1, 7, -6};
  EXPECT_EQ(std::memcmp(out, expected, 5), 0);
}

}  // namespace
}  // namespace tinyforge
