// TFLM's code Flash against the two published figures it is calibrated on.
#include <gtest/gtest.h>

#include "core/runtime/tflm_runtime.h"

namespace tinyforge {
namespace {

TensorModel withOps(std::initializer_list<NodeKind> kinds) {
  TensorModel m;
  for (NodeKind k : kinds) m.operators.push_back({k, 0, {}, {}});
  return m;
}

TEST(TflmCodeSize, MicroNetsKwsInterpreterIsAbout37KB) {
  // MicroNets: "the interpreter needs 4KB SRAM and 37KB eFlash" (TFLM + CMSIS-NN, KWS).
  const TensorModel kws = withOps({NodeKind::Conv2D, NodeKind::DepthwiseConv2D, NodeKind::AveragePool2D,
                                   NodeKind::Reshape, NodeKind::FullyConnected, NodeKind::Softmax,
                                   NodeKind::Conv2D, NodeKind::DepthwiseConv2D});
  EXPECT_NEAR(static_cast<double>(tflmCodeBytes(kws, TflmKernels::CmsisNn)), 37.0 * 1024, 0.05 * 37 * 1024);
}

TEST(TflmCodeSize, CmsisNnAddsAbout18KBOnMcuNetOps) {
  // TinyEngine README (STM32H743): TFLM+CMSIS-NN Flash is 15-19 KB above TFLM's on MCUNet.
  const TensorModel mcunet = withOps({NodeKind::Conv2D, NodeKind::DepthwiseConv2D, NodeKind::Add,
                                      NodeKind::AveragePool2D, NodeKind::Reshape, NodeKind::FullyConnected});
  const int64_t extra = tflmCodeBytes(mcunet, TflmKernels::CmsisNn) - tflmCodeBytes(mcunet, TflmKernels::Reference);
  EXPECT_GE(extra, 15 * 1024);
  EXPECT_LE(extra, 19 * 1024);
}

TEST(TflmCodeSize, EachKernelIsCountedOnce) {
  const TensorModel one = withOps({NodeKind::Conv2D});
  const TensorModel many = withOps({NodeKind::Conv2D, NodeKind::Conv2D, NodeKind::Conv2D});
  EXPECT_EQ(tflmCodeBytes(one, TflmKernels::Reference), tflmCodeBytes(many, TflmKernels::Reference));
  EXPECT_EQ(tflmCodeBytes(TensorModel{}, TflmKernels::Reference), 9732);  // the framework alone
}

}  // namespace
}  // namespace tinyforge
