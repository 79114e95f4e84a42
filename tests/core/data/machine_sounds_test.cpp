// The MIMII loader on machine sounds written by synthesizeMachineSet (tinyforge dataset synth-ad).

#include "core/data/machine_sounds.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <set>

#include "core/data/audio_file.h"
#include "core/data/loader_test_util.h"
#include "core/data/synth_machines.h"

namespace tinyforge {
namespace {

class MachineSoundsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(test::freshTempDir("machine_sounds"));
    MachineSynthOptions options;
    options.normal_clips_per_id = 16;
    options.abnormal_clips_per_id = 8;
    options.clip_seconds = 4.0;
    report_ = synthesizeMachineSet(*dir_, options);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::filesystem::path* dir_;
  static MachineSynthReport report_;
};
std::filesystem::path* MachineSoundsTest::dir_ = nullptr;
MachineSynthReport MachineSoundsTest::report_;

TEST_F(MachineSoundsTest, LayoutClassesAndPatchShapes) {
  EXPECT_EQ(report_.machine_dir, *dir_ / "slider");
  EXPECT_TRUE(std::filesystem::exists(report_.machine_dir / "id_06" / "abnormal" / "00000007.wav"));
  const Audio clip = readAudio(report_.machine_dir / "id_00" / "normal" / "00000000.wav");
  EXPECT_EQ(clip.sample_rate_hz, 16000);
  EXPECT_EQ(clip.samples.size(), 64000u);
  std::size_t normal = 0, abnormal = 0;
  std::set<std::string> paths;
  for (Split split : {Split::kTrain, Split::kValidation, Split::kTest}) {
    const MachineSoundData data = loadMachineSounds(report_.machine_dir, split);
    EXPECT_EQ(data.patches.classNames(), (std::vector<std::string>{"id_00", "id_02", "id_04", "id_06"}));
    EXPECT_EQ(data.patches.shape(), (FeatureShape{32, 32, 1}));
    for (const auto& c : data.clips) {
      // 4 s: (64000 - 1024) / 512 + 1 = 124 frames; images start every 20 frames: 0, 20, 40, 60.
      EXPECT_EQ(c.sample_count, 4u) << c.path;
      EXPECT_TRUE(paths.insert(c.path).second) << c.path << " in two splits";
      if (c.abnormal) EXPECT_EQ(split, Split::kTest) << c.path;
      (c.abnormal ? abnormal : normal)++;
      for (std::size_t i = c.first_sample; i < c.first_sample + c.sample_count; ++i)
        EXPECT_EQ(data.patches.sample(i).label, c.label);
    }
  }
  EXPECT_EQ(normal, 4u * 16u);
  EXPECT_EQ(abnormal, 4u * 8u);
}

TEST_F(MachineSoundsTest, IdsAreLearnableAndFaultsRaiseTheAnomalyScore) {
  // Nearest-centroid "network": machine ids must be told apart on unseen normal patches,
  // and clips with injected faults must look less like their id than normal clips (AUC > 0.5).
  const MachineSoundData train = loadMachineSounds(report_.machine_dir, Split::kTrain);
  const MachineSoundData test = loadMachineSounds(report_.machine_dir, Split::kTest);
  const test::Centroids centroids(train.patches);
  std::size_t correct = 0, normal_patches = 0;
  std::vector<std::vector<float>> probabilities;
  for (std::size_t i = 0; i < test.patches.size(); ++i) probabilities.push_back(centroids.probabilities(test.patches.sample(i).features));
  std::vector<bool> abnormal;
  for (const auto& c : test.clips) {
    abnormal.push_back(c.abnormal);
    if (c.abnormal) continue;
    for (std::size_t i = c.first_sample; i < c.first_sample + c.sample_count; ++i, ++normal_patches)
      correct += centroids.predict(test.patches.sample(i).features) == c.label;
  }
  const double auc = rocAuc(clipAnomalyScores(test, probabilities), abnormal);
  std::cout << "id accuracy on normal test patches " << correct << "/" << normal_patches << ", AUC " << auc << "\n";
  EXPECT_GT(static_cast<double>(correct) / normal_patches, 0.9);
  EXPECT_GT(auc, 0.6);
}

TEST_F(MachineSoundsTest, ErrorsNameTheFile) {
  const auto dir = test::freshTempDir("machine_bad");
  std::filesystem::create_directories(dir / "id_00" / "normal");
  writeWav(dir / "id_00" / "normal" / "short.wav", std::vector<float>(16000, 0.1f), 16000);  // 1 s < 64 frames
  try {
    loadMachineSounds(dir, Split::kTest, {.test_normal_percent = 100.0});
    ADD_FAILURE() << "short clip accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("short.wav"), std::string::npos) << e.what();
  }
  std::filesystem::create_directories(dir / "id_02");
  try {
    loadMachineSounds(dir, Split::kTest);
    ADD_FAILURE() << "empty id folder accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("id_02"), std::string::npos) << e.what();
  }
  EXPECT_THROW(loadMachineSounds(dir / "nothing", Split::kTrain), DataError);
  std::filesystem::remove_all(dir);
}

TEST_F(MachineSoundsTest, CacheKeepsClipRecords) {
  MachineSoundOptions options;
  options.cache_dir = *dir_ / ".cache";
  const auto first = loadMachineSounds(report_.machine_dir, Split::kTest, options);
  const auto cached = loadMachineSounds(report_.machine_dir, Split::kTest, options);
  ASSERT_EQ(cached.clips.size(), first.clips.size());
  for (std::size_t i = 0; i < first.clips.size(); ++i) {
    EXPECT_EQ(cached.clips[i].path, first.clips[i].path);
    EXPECT_EQ(cached.clips[i].abnormal, first.clips[i].abnormal);
    EXPECT_EQ(cached.clips[i].first_sample, first.clips[i].first_sample);
  }
  EXPECT_EQ(cached.patches.sample(5).features, first.patches.sample(5).features);
}

}  // namespace
}  // namespace tinyforge

namespace tinyforge {
namespace {

TEST(MachineSoundsDcase, TrainAndTestFoldersWithIdsInFileNames) {
  const auto dir = test::freshTempDir("dcase");
  std::filesystem::create_directories(dir / "train");
  std::filesystem::create_directories(dir / "test");
  MachineSynthOptions options;
  options.clip_seconds = 2.5;  // (40000 - 1024) / 512 + 1 = 77 frames: one image
  const MachineFault fault = MachineFault::kClicks;
  for (int id = 0; id < 2; ++id)
    for (int i = 0; i < 6; ++i) {
      const std::string tag = "_id_0" + std::to_string(2 * id) + "_0000000" + std::to_string(i) + ".wav";
      writeWav(dir / "train" / ("normal" + tag), synthesizeMachineClip(id, nullptr, 100 + i, options), 16000);
      if (i < 2) writeWav(dir / "test" / ("anomaly" + tag), synthesizeMachineClip(id, &fault, 200 + i, options), 16000);
    }
  const auto train = loadMachineSounds(dir, Split::kTrain);
  const auto val = loadMachineSounds(dir, Split::kValidation);
  const auto test = loadMachineSounds(dir, Split::kTest);
  EXPECT_EQ(train.patches.classNames(), (std::vector<std::string>{"id_00", "id_02"}));
  EXPECT_EQ(train.clips.size() + val.clips.size(), 12u);
  ASSERT_EQ(test.clips.size(), 4u);
  for (const auto& c : test.clips) {
    EXPECT_TRUE(c.abnormal);
    EXPECT_EQ(c.sample_count, 1u);
  }
  std::ofstream(dir / "test" / "mystery.wav") << "x";
  EXPECT_THROW(loadMachineSounds(dir, Split::kTest), DataError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinyforge
