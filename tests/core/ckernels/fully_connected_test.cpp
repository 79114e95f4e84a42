// The C library's FullyConnected, per-tensor (with a filter offset) and per-channel, plain
// and DSP path, against the independent C++ reference.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/ckernels/tfc_fully_connected.h"
#include "core/kernels/ckernels_bridge.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

using testing::GuardedScratch;
using testing::Random;

TEST(CFullyConnected, PlainAndDspEqualTheReferenceOnRandomLayers) {
  Random random(31);
  for (int i = 0; i < 400; ++i) {
    const int batches = random.uniform(1, 3);
    const int depth = random.chance(0.3) ? 4 * random.uniform(1, 64) : random.uniform(1, 70);
    const int units = random.uniform(1, 20);
    const bool per_channel = random.chance(0.5);
    kernels::FullyConnectedParams params;
    params.input_offset = -random.zeroPoint();
    params.filter_offset = per_channel || random.chance(0.5) ? 0 : -random.zeroPoint();
    params.output_offset = random.zeroPoint();
    std::tie(params.act_min, params.act_max) = random.activationRange();
    const std::vector<int8_t> input = random.int8s(static_cast<size_t>(batches * depth));
    const std::vector<int8_t> filter = random.int8s(static_cast<size_t>(units * depth));
    const std::vector<int32_t> bias = random.chance(0.8) ? random.biases(units) : std::vector<int32_t>{};
    const std::vector<kernels::QuantizedMultiplier> multipliers = random.multipliers(per_channel ? units : 1);
    const std::string text = std::to_string(batches) + "x" + std::to_string(depth) + " -> " + std::to_string(units) +
                             (per_channel ? " per-channel" : " per-tensor, filter offset " +
                                                                 std::to_string(params.filter_offset));

    std::vector<int8_t> expected(static_cast<size_t>(batches * units)), plain(expected.size()), dsp(expected.size());
    reference::fullyConnected(params, per_channel, multipliers, batches, depth, units, input.data(), filter.data(),
                              bias.empty() ? nullptr : bias.data(), expected.data());
    tfc_fully_connected_op op{};
    op.input = input.data();
    op.filter = filter.data();
    op.bias = bias.empty() ? nullptr : bias.data();
    op.requant = kernels::toC(multipliers);
    op.output = plain.data();
    op.batches = batches;
    op.accum_depth = depth;
    op.units = units;
    op.per_channel = per_channel;
    op.input_offset = params.input_offset;
    op.filter_offset = params.filter_offset;
    op.output_offset = params.output_offset;
    op.act_min = params.act_min;
    op.act_max = params.act_max;
    tfc_fully_connected_s8_plain(&op);
    ASSERT_EQ(plain, expected) << "plain, case " << i << ": " << text;

    GuardedScratch scratch(tfc_fully_connected_s8_scratch_bytes(&op, 1));
    op.output = dsp.data();
    op.scratch = scratch.data();
    tfc_fully_connected_s8_dsp(&op);
    ASSERT_EQ(dsp, expected) << "dsp, case " << i << ": " << text;
    ASSERT_TRUE(scratch.guardsIntact()) << "dsp wrote outside its scratch, case " << i << ": " << text;
  }
}

TEST(CFullyConnected, ScratchIsOneInt16InputRowRoundedToFourValues) {
  tfc_fully_connected_op op{};
  op.accum_depth = 250;
  EXPECT_EQ(tfc_fully_connected_s8_scratch_bytes(&op, 1), 252 * 2);
  EXPECT_EQ(tfc_fully_connected_s8_scratch_bytes(&op, 0), 0);
}

}  // namespace
}  // namespace tinyforge
