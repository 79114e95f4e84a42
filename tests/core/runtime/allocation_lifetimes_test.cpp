// Lifetimes as TFLM's AllocationInfoBuilder computes them, on a hand-built TensorModel.
#include <gtest/gtest.h>

#include "core/runtime/allocation_lifetimes.h"

namespace tinyforge {
namespace {

TensorInfo activation(int64_t bytes) {
  TensorInfo t;
  t.bytes = bytes;
  return t;
}

TEST(AllocationLifetimes, FollowsTflmScopes) {
  // t0 input (100 B), t1 weights (constant), t2 = op0(t0, t1) (40 B), t3 = op1(t2, t0)
  // (20 B), t4 = op2(t2) (8 B). Graph outputs: t3 and t4. op1 asks for 20 B of scratch.
  TensorModel m;
  m.tensors = {activation(100), activation(64), activation(40), activation(20), activation(8)};
  m.tensors[1].is_constant = true;
  m.operators = {{NodeKind::Conv2D, 0, {0, 1}, {2}}, {NodeKind::Add, 1, {2, 0}, {3}}, {NodeKind::Reshape, 2, {2}, {4}}};
  m.inputs = {0};
  m.outputs = {3, 4};
  std::vector<PlannerBuffer> buffers;
  std::vector<int> owner;
  const ScratchRequest scratch[] = {{1, 20}};
  buildTflmBuffers(m, scratch, buffers, owner);
  // Scopes: 0 before op0, op i at i + 1, end = 3.
  ASSERT_EQ(buffers.size(), 5u);
  EXPECT_EQ(owner, (std::vector<int>{0, 2, 3, 4, -1}));
  // t0: input at 0, last read by op1 (scope 2). 100 B -> 112 (16-byte aligned).
  EXPECT_EQ(buffers[0].size_bytes, 112);
  EXPECT_EQ(buffers[0].first_used, 0);
  EXPECT_EQ(buffers[0].last_used, 2);
  // t2: made by op0 (1), last read by op2 (3).
  EXPECT_EQ(buffers[1].size_bytes, 48);
  EXPECT_EQ(buffers[1].first_used, 1);
  EXPECT_EQ(buffers[1].last_used, 3);
  // t3: made by op1 (2), a graph output, so alive to the end (3).
  EXPECT_EQ(buffers[2].size_bytes, 32);
  EXPECT_EQ(buffers[2].first_used, 2);
  EXPECT_EQ(buffers[2].last_used, 3);
  // t4: made by the last op, alive at 3 only.
  EXPECT_EQ(buffers[3].size_bytes, 16);
  EXPECT_EQ(buffers[3].first_used, 3);
  EXPECT_EQ(buffers[3].last_used, 3);
  // Scratch of op1: [2, 2], 20 -> 32 B.
  EXPECT_EQ(buffers[4].size_bytes, 32);
  EXPECT_EQ(buffers[4].first_used, 2);
  EXPECT_EQ(buffers[4].last_used, 2);
}

}  // namespace
}  // namespace tinyforge
