#include <gtest/gtest.h>

#include "core/data/machine_sounds.h"
#include "core/data/split_hash.h"

namespace tinyforge {
namespace {

TEST(RocAuc, HandComputedExample) {
  // Positives score 0.35 and 0.8, negatives 0.1 and 0.4. Of the 4 (positive, negative)
  // pairs, the positive wins 3: (0.35>0.1), (0.8>0.1), (0.8>0.4); loses (0.35<0.4). AUC = 3/4.
  EXPECT_DOUBLE_EQ(rocAuc({0.1, 0.4, 0.35, 0.8}, {false, false, true, true}), 0.75);
}

TEST(RocAuc, TiesCountHalfAndOrderDoesNotMatter) {
  // Pairs: (2 vs 1) win, (2 vs 2) tie = 1/2, (3 vs 1) win, (3 vs 2) win -> 3.5 / 4.
  EXPECT_DOUBLE_EQ(rocAuc({2.0, 1.0, 3.0, 2.0}, {true, false, true, false}), 0.875);
  EXPECT_DOUBLE_EQ(rocAuc({5, 5, 5}, {true, false, false}), 0.5);
  EXPECT_DOUBLE_EQ(rocAuc({0, 1}, {true, false}), 0.0);
  EXPECT_THROW(rocAuc({1, 2}, {true, true}), DataError);
}

TEST(AnomalyScores, MinusMeanProbabilityOfTheClipsId) {
  MachineSoundData data{Dataset({"id_00", "id_02"}, FeatureShape{1, 1, 1}), {}};
  for (int i = 0; i < 3; ++i) data.patches.add({{0.0f}, i < 2 ? 0 : 1}, "p" + std::to_string(i));
  data.clips.push_back({"a.wav", 0, false, 0, 2});
  data.clips.push_back({"b.wav", 1, true, 2, 1});
  const auto scores = clipAnomalyScores(data, {{0.9f, 0.1f}, {0.7f, 0.3f}, {0.6f, 0.4f}});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_NEAR(scores[0], -(0.9 + 0.7) / 2, 1e-7);
  EXPECT_NEAR(scores[1], -0.4, 1e-7);
}

TEST(SplitHash, Sha1AndTensorFlowPercentages) {
  EXPECT_EQ(sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");  // FIPS 180 example
  // Reference values from Python: (int(sha1(name), 16) % 2**27) * (100 / (2**27 - 1)).
  EXPECT_NEAR(hashPercent("0a7c2a8d"), 56.836387193474074, 1e-9);
  EXPECT_NEAR(hashPercent("9e3779b1"), 1.7013542480867672, 1e-9);
  EXPECT_NEAR(hashPercent("be1e0823"), 16.829276955345847, 1e-9);
  EXPECT_EQ(splitForPercent(1.7, 10, 10), Split::kValidation);
  EXPECT_EQ(splitForPercent(16.8, 10, 10), Split::kTest);
  EXPECT_EQ(splitForPercent(56.8, 10, 10), Split::kTrain);
}

}  // namespace
}  // namespace tinyforge
