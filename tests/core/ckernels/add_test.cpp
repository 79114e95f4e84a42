// The C library's Add: elementwise (plain and DSP) and broadcast, also with the output
// written over an input, against the independent C++ reference.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/ckernels/tfc_add.h"
#include "core/kernels/ckernels_bridge.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

using testing::Random;

kernels::AddParams randomParams(Random& random) {
  const float scale1 = random.real(0.001f, 0.5f);
  const float scale2 = random.chance(0.3) ? scale1 : random.real(0.001f, 0.5f);
  const float out_scale = random.real(0.002f, 1.0f);
  const kernels::FusedActivation activations[] = {kernels::FusedActivation::None, kernels::FusedActivation::Relu,
                                                  kernels::FusedActivation::Relu6};
  return kernels::prepareAdd({scale1, random.zeroPoint()}, {scale2, random.zeroPoint()},
                             {out_scale, random.zeroPoint()}, activations[random.uniform(0, 2)]);
}

tfc_add_params toC(const kernels::AddParams& p) {
  return {p.left_shift,   p.input1_offset, kernels::toC(p.input1_multiplier), p.input2_offset,
          kernels::toC(p.input2_multiplier), p.output_offset, kernels::toC(p.output_multiplier), p.act_min,
          p.act_max};
}

TEST(CAdd, ElementwisePlainDspAndInPlaceEqualTheReference) {
  Random random(41);
  for (int i = 0; i < 300; ++i) {
    const kernels::AddParams params = randomParams(random);
    const int count = random.uniform(1, 200);
    const std::vector<int8_t> a = random.int8s(static_cast<size_t>(count));
    const std::vector<int8_t> b = random.int8s(static_cast<size_t>(count));
    std::vector<int8_t> expected(static_cast<size_t>(count));
    for (int k = 0; k < count; ++k) expected[k] = reference::addElement(a[k], b[k], params);

    for (int variant = 0; variant < 6; ++variant) {
      // 0, 1: separate output; 2, 3: output over input 1; 4, 5: over input 2. Even: plain.
      std::vector<int8_t> in1 = a, in2 = b, out(static_cast<size_t>(count));
      tfc_add_op op{};
      op.input1 = in1.data();
      op.input2 = in2.data();
      op.output = variant < 2 ? out.data() : variant < 4 ? in1.data() : in2.data();
      op.params = toC(params);
      op.rank = 1;
      op.input1_dims[0] = op.input2_dims[0] = op.output_dims[0] = count;
      if (variant % 2 == 0) {
        tfc_add_s8_plain(&op);
      } else {
        tfc_add_s8_dsp(&op);
      }
      const std::vector<int8_t> result(op.output, op.output + count);
      ASSERT_EQ(result, expected) << "case " << i << ", variant " << variant << ", " << count << " elements";
    }
  }
}

TEST(CAdd, BroadcastEqualsTheReference) {
  Random random(42);
  for (int i = 0; i < 300; ++i) {
    const kernels::AddParams params = randomParams(random);
    const int rank = random.uniform(1, 6);
    std::vector<int> out_dims(static_cast<size_t>(rank)), dims1, dims2;
    for (int& d : out_dims) d = random.uniform(1, 4);
    // Each input: a suffix of the output's dims with some of them set to 1.
    auto input_dims = [&]() {
      const int r = random.uniform(1, rank);
      std::vector<int> dims(out_dims.end() - r, out_dims.end());
      for (int& d : dims)
        if (random.chance(0.4)) d = 1;
      return dims;
    };
    dims1 = input_dims();
    dims2 = input_dims();
    auto count = [](const std::vector<int>& dims) {
      int n = 1;
      for (int d : dims) n *= d;
      return n;
    };
    const std::vector<int8_t> a = random.int8s(static_cast<size_t>(count(dims1)));
    const std::vector<int8_t> b = random.int8s(static_cast<size_t>(count(dims2)));
    std::vector<int8_t> expected(static_cast<size_t>(count(out_dims))), plain(expected.size()), dsp(expected.size());
    reference::addBroadcast(params, dims1, a.data(), dims2, b.data(), out_dims, expected.data());

    tfc_add_op op{};
    op.input1 = a.data();
    op.input2 = b.data();
    op.params = toC(params);
    op.rank = rank;
    for (int d = 0; d < rank; ++d) {
      const int from_end = rank - 1 - d;
      op.output_dims[d] = out_dims[static_cast<size_t>(d)];
      op.input1_dims[d] = from_end < static_cast<int>(dims1.size()) ? dims1[dims1.size() - 1 - from_end] : 1;
      op.input2_dims[d] = from_end < static_cast<int>(dims2.size()) ? dims2[dims2.size() - 1 - from_end] : 1;
    }
    op.output = plain.data();
    tfc_add_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i;
    op.output = dsp.data();
    tfc_add_s8_dsp(&op);
    ASSERT_EQ(dsp, expected) << "dsp, case " << i;
  }
}

// A broadcast Add may write over the input that has the output's shape.
TEST(CAdd, BroadcastOverTheFullSizeInputEqualsTheReference) {
  Random random(43);
  const kernels::AddParams params = randomParams(random);
  const std::vector<int> out_dims = {2, 3, 4}, bias_dims = {4};
  const std::vector<int8_t> a = random.int8s(24), b = random.int8s(4);
  std::vector<int8_t> expected(24);
  reference::addBroadcast(params, out_dims, a.data(), bias_dims, b.data(), out_dims, expected.data());
  std::vector<int8_t> buffer = a;
  tfc_add_op op{};
  op.input1 = buffer.data();
  op.input2 = b.data();
  op.output = buffer.data();
  op.params = toC(params);
  op.rank = 3;
  for (int d = 0; d < 3; ++d) op.input1_dims[d] = op.output_dims[d] = out_dims[static_cast<size_t>(d)];
  op.input2_dims[0] = op.input2_dims[1] = 1;
  op.input2_dims[2] = 4;
  tfc_add_s8_plain(&op);
  EXPECT_EQ(buffer, expected);
}

}  // namespace
}  // namespace tinyforge
