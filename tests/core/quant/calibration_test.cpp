// Calibration ranges against hand computations on a graph whose outputs are known.
#include "core/quant/calibration.h"

#include <gtest/gtest.h>

#include "core/quant/float_constant.h"
#include "float_graph_builder.h"

namespace tinyforge {
namespace {

using testing::inputNode;
using testing::layerNode;

// in [1,1,2,1] -> 1x1 conv, weight 2, bias 0, ReLU6.
Graph doubler() {
  Graph g;
  g.name = "doubler";
  g.nodes.push_back(inputNode("in", {1, 1, 2, 1}));
  Node conv = layerNode("conv", NodeKind::Conv2D, "in");
  conv.out_channels = 1;
  conv.activation = Activation::Relu6;
  const std::vector<float> w{2.0f}, b{0.0f};
  conv.constants = {floatConstant("filter", {1, 1, 1, 1}, w), floatConstant("bias", {1}, b)};
  g.nodes.push_back(conv);
  return g;
}

TEST(Calibration, MinMaxCoversEverySample) {
  const FloatModel model(doubler());
  const std::vector<FloatSample> samples{{{0.5f, -1.0f}}, {{3.0f, 1.0f}}};
  const auto r = calibrate(model, samples);
  EXPECT_EQ(r.samples, 2);
  EXPECT_EQ(r.ranges[0].min, -1.0f);
  EXPECT_EQ(r.ranges[0].max, 3.0f);
  // conv: 2x clipped to [0, 6]: {1, 0} and {6, 2}.
  EXPECT_EQ(r.ranges[1].min, 0.0f);
  EXPECT_EQ(r.ranges[1].max, 6.0f);
}

TEST(Calibration, MovingAverageBlendsEachSampleRange) {
  const FloatModel model(doubler());
  const std::vector<FloatSample> samples{{{0.5f, -1.0f}}, {{3.0f, 1.0f}}};
  CalibrationOptions options;
  options.estimator = RangeEstimator::MovingAverage;
  options.momentum = 0.5;
  const auto r = calibrate(model, samples, options);
  // min: 0.5 * -1 + 0.5 * 1 = 0; max: 0.5 * 0.5 + 0.5 * 3 = 1.75.
  EXPECT_FLOAT_EQ(r.ranges[0].min, 0.0f);
  EXPECT_FLOAT_EQ(r.ranges[0].max, 1.75f);
}

TEST(Calibration, PercentileClipsOutliers) {
  Graph g;
  g.nodes.push_back(inputNode("in", {1, 1, 1000, 1}));
  const FloatModel model(g);
  // 0..998 and one outlier at 1e4: the 99.8th percentile ignores it, the 0.2th sits near 2.
  FloatSample sample{std::vector<float>(1000)};
  for (int i = 0; i < 999; ++i) sample[0][i] = static_cast<float>(i);
  sample[0][999] = 1e4f;
  CalibrationOptions options;
  options.estimator = RangeEstimator::Percentile;
  options.percentile = 99.8;
  const auto r = calibrate(model, std::vector<FloatSample>{sample}, options);
  const float bin = 1e4f / 2048;  // the histogram's resolution
  EXPECT_NEAR(r.ranges[0].max, 998.0f, 2 * bin);
  EXPECT_NEAR(r.ranges[0].min, 2.0f, 2 * bin);
}

TEST(Calibration, NoSamplesIsAnErrorNamingTheModel) {
  const FloatModel model(doubler());
  try {
    calibrate(model, {});
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_NE(std::string(e.what()).find("doubler"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sample"), std::string::npos) << e.what();
  }
}

TEST(Calibration, WrongInputSizeNamesTheInputLayer) {
  const FloatModel model(doubler());
  try {
    calibrate(model, std::vector<FloatSample>{{{1.0f, 2.0f, 3.0f}}});
    FAIL() << "expected an error";
  } catch (const GraphError& e) {
    EXPECT_EQ(e.node(), "in");
  }
}

}  // namespace
}  // namespace tinyforge
