// The Speech Commands loader on a small set of real spoken words synthesized with
// espeak-ng and sox, the same tools `tinyforge dataset synth-kws` uses.

#include "core/data/speech_commands.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/data/audio_file.h"
#include "core/data/file_list.h"
#include "core/data/loader_test_util.h"
#include "core/data/synth_keywords.h"

namespace tinyforge {
namespace {

class SpeechCommandsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!keywordSynthesisAvailable()) return;
    dir_ = new std::filesystem::path(test::freshTempDir("speech_commands"));
    KeywordSynthOptions options;
    options.words = {"yes", "no", "up"};
    options.unknown_words = {"cat", "house"};
    options.clips_per_word = 24;
    options.clips_per_unknown_word = 6;
    options.noise_seconds = 3.0;
    report_ = synthesizeKeywordSet(*dir_, options);
  }
  static void TearDownTestSuite() {
    if (dir_) std::filesystem::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!keywordSynthesisAvailable()) GTEST_SKIP() << "espeak-ng and sox are not installed (apt-get install espeak-ng sox)";
  }
  static SpeechCommandsOptions threeWords() {
    SpeechCommandsOptions options;
    options.words = {"yes", "no", "up"};
    return options;
  }
  static std::filesystem::path* dir_;
  static KeywordSynthReport report_;
};
std::filesystem::path* SpeechCommandsTest::dir_ = nullptr;
KeywordSynthReport SpeechCommandsTest::report_;

TEST_F(SpeechCommandsTest, SynthesisWritesTheSpeechCommandsLayout) {
  EXPECT_EQ(report_.clips, 3u * 24u + 2u * 6u);
  for (const char* word : {"yes", "no", "up", "cat", "house"}) {
    const auto files = listFiles(*dir_ / word, {".wav"});
    EXPECT_EQ(files.size(), std::string(word).size() <= 3 && std::string(word) != "cat" ? 24u : 6u) << word;
    for (const auto& file : files) {
      EXPECT_NE(file.filename().string().find("_nohash_"), std::string::npos) << file;
      const Audio audio = readAudio(file);
      EXPECT_EQ(audio.sample_rate_hz, 16000) << file;
      EXPECT_EQ(audio.samples.size(), 16000u) << file;  // 1 s clips
    }
  }
  EXPECT_EQ(listFiles(*dir_ / "_background_noise_", {".wav"}).size(), 4u);
}

TEST_F(SpeechCommandsTest, TwelveClassesOfMfcc49x10AndDisjointSpeakers) {
  std::set<std::string> seen_files;
  std::map<std::string, Split> speaker_split;
  std::size_t keyword_files = 0;
  for (Split split : {Split::kTrain, Split::kValidation, Split::kTest}) {
    const Dataset data = loadSpeechCommands(*dir_, split, SpeechCommandsOptions{});  // the standard 10 words
    EXPECT_EQ(data.numClasses(), 12);
    EXPECT_EQ(data.classNames()[0], "silence");
    EXPECT_EQ(data.classNames()[1], "unknown");
    EXPECT_EQ(data.classNames()[2], "yes");
    EXPECT_EQ(data.shape(), (FeatureShape{49, 10, 1}));
    const auto counts = data.classCounts();
    std::size_t keywords = counts[2] + counts[3] + counts[4];
    // "no" and "up" are keywords among the standard 10, "cat" and "house" are unknown.
    EXPECT_EQ(counts[0], static_cast<std::size_t>(std::ceil(keywords * 0.1))) << toString(split);
    EXPECT_LE(counts[1], static_cast<std::size_t>(std::ceil(keywords * 0.1)));
    keyword_files += keywords;
    for (std::size_t i = 0; i < data.size(); ++i) {
      EXPECT_EQ(data.sample(i).features.size(), 490u);
      if (data.sample(i).label < 2) continue;
      const std::filesystem::path file = data.source(i);
      EXPECT_TRUE(seen_files.insert(file.string()).second) << file << " in two splits";
      const std::string speaker = file.filename().string().substr(0, 8);
      auto [it, inserted] = speaker_split.emplace(speaker, split);
      EXPECT_EQ(it->second, split) << "speaker " << speaker << " in two splits";
    }
  }
  EXPECT_EQ(keyword_files, 3u * 24u);
}

TEST_F(SpeechCommandsTest, DifferentWordsGiveDifferentFeatures) {
  // A nearest-centroid classifier fitted on the train split must tell the words apart on
  // clips it has not seen, well above the 1/3 of chance.
  const auto options = threeWords();
  const Dataset train = loadSpeechCommands(*dir_, Split::kTrain, options);
  const test::Centroids centroids(train);
  std::size_t correct = 0, total = 0;
  for (Split split : {Split::kValidation, Split::kTest}) {
    const Dataset held_out = loadSpeechCommands(*dir_, split, options);
    for (std::size_t i = 0; i < held_out.size(); ++i) {
      if (held_out.sample(i).label < 2) continue;
      correct += centroids.predict(held_out.sample(i).features) == held_out.sample(i).label;
      ++total;
    }
  }
  ASSERT_GT(total, 0u);
  std::cout << "nearest-centroid keyword accuracy on held-out clips: " << correct << "/" << total << "\n";
  EXPECT_GT(static_cast<double>(correct) / total, 0.6);
}

TEST_F(SpeechCommandsTest, AugmentationIsSeededAndOnlyOnTrain) {
  const Dataset train = loadSpeechCommands(*dir_, Split::kTrain, threeWords());
  const Dataset val = loadSpeechCommands(*dir_, Split::kValidation, threeWords());
  ASSERT_TRUE(train.hasAugmenter());
  EXPECT_FALSE(val.hasAugmenter());
  const Sample a = train.augmentedSample(0, 1), b = train.augmentedSample(0, 1), c = train.augmentedSample(0, 2);
  EXPECT_EQ(a.features, b.features);
  EXPECT_NE(a.features, c.features);
  EXPECT_NE(a.features, train.sample(0).features);
  EXPECT_EQ(a.label, train.sample(0).label);
  EXPECT_EQ(a.features.size(), 490u);
}

TEST_F(SpeechCommandsTest, FeatureCacheGivesTheSameData) {
  auto options = threeWords();
  options.cache_dir = *dir_ / ".cache";
  const Dataset first = loadSpeechCommands(*dir_, Split::kValidation, options);
  ASSERT_EQ(listFiles(options.cache_dir, {".feat"}).size(), 1u);
  const Dataset second = loadSpeechCommands(*dir_, Split::kValidation, options);
  const Dataset uncached = loadSpeechCommands(*dir_, Split::kValidation, threeWords());
  ASSERT_EQ(second.size(), uncached.size());
  for (std::size_t i = 0; i < second.size(); ++i) {
    EXPECT_EQ(second.sample(i).features, uncached.sample(i).features);
    EXPECT_EQ(second.sample(i).label, uncached.sample(i).label);
    EXPECT_EQ(first.source(i), second.source(i));
  }
}

TEST_F(SpeechCommandsTest, ListsOverrideTheHash) {
  const auto dir = test::freshTempDir("speech_lists");
  std::filesystem::create_directories(dir / "yes");
  const auto files = listFiles(*dir_ / "yes", {".wav"});
  for (std::size_t i = 0; i < 4; ++i) std::filesystem::copy_file(files[i], dir / "yes" / files[i].filename());
  std::ofstream(dir / "validation_list.txt") << "yes/" << files[0].filename().string() << "\n";
  std::ofstream(dir / "testing_list.txt") << "yes/" << files[1].filename().string() << "\n";
  SpeechCommandsOptions options;
  EXPECT_EQ(loadSpeechCommands(dir, Split::kValidation, options).classCounts()[2], 1u);
  EXPECT_EQ(loadSpeechCommands(dir, Split::kTest, options).classCounts()[2], 1u);
  EXPECT_EQ(loadSpeechCommands(dir, Split::kTrain, options).classCounts()[2], 2u);
  std::filesystem::remove_all(dir);
}

TEST_F(SpeechCommandsTest, ErrorsNameTheFileOrFolder) {
  const auto dir = test::freshTempDir("speech_bad");
  auto expectError = [](const std::filesystem::path& where, const std::string& needle) {
    try {
      loadSpeechCommands(where, Split::kTrain, {});
      ADD_FAILURE() << "accepted " << where;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expectError(dir / "absent", "absent");
  expectError(dir, "no word folders");
  std::filesystem::create_directories(dir / "yes");
  // Every name below hashes to train (checked: none of them falls under 20%).
  std::ofstream(dir / "yes" / "0a7c2a8d_nohash_0.wav") << "not audio";
  expectError(dir, "0a7c2a8d_nohash_0.wav");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinyforge
