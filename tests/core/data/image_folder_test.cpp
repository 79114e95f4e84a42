#include "core/data/image_folder.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/data/loader_test_util.h"

namespace tinyforge {
namespace {

// A w x h PGM whose pixels are all `value` (0..255).
void writePgm(const std::filesystem::path& path, int w, int h, unsigned char value) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << w << " " << h << "\n255\n";
  for (int i = 0; i < w * h; ++i) out.put(static_cast<char>(value));
}

TEST(ImageFolder, ClassFoldersResizedGrayscaleAndHashSplit) {
  const auto dir = test::freshTempDir("vww");
  for (int i = 0; i < 30; ++i) {
    writePgm(dir / "person" / ("p" + std::to_string(i) + ".pgm"), 40, 30, 200);
    writePgm(dir / "non_person" / ("n" + std::to_string(i) + ".pgm"), 64, 64, 51);
  }
  ImageFolderOptions options;
  options.image_size = 16;
  std::size_t total = 0;
  for (Split split : {Split::kTrain, Split::kValidation, Split::kTest}) {
    const Dataset data = loadImageFolder(dir, split, options);
    EXPECT_EQ(data.classNames(), (std::vector<std::string>{"non_person", "person"}));
    EXPECT_EQ(data.shape(), (FeatureShape{16, 16, 1}));
    for (std::size_t i = 0; i < data.size(); ++i) {
      const float expected = data.sample(i).label == 1 ? 200.0f / 255.0f : 51.0f / 255.0f;
      for (float v : data.sample(i).features) ASSERT_NEAR(v, expected, 1e-6) << data.source(i);
    }
    total += data.size();
  }
  EXPECT_EQ(total, 60u);  // every image in exactly one split
  std::filesystem::remove_all(dir);
}

TEST(ImageFolder, SplitFoldersAndErrors) {
  const auto dir = test::freshTempDir("vww_split");
  writePgm(dir / "train" / "person" / "a.pgm", 8, 8, 255);
  writePgm(dir / "train" / "non_person" / "b.pgm", 8, 8, 0);
  writePgm(dir / "val" / "person" / "c.pgm", 8, 8, 255);
  writePgm(dir / "val" / "non_person" / "d.pgm", 8, 8, 0);
  EXPECT_EQ(loadImageFolder(dir, Split::kTrain).size(), 2u);
  EXPECT_EQ(loadImageFolder(dir, Split::kValidation).size(), 2u);
  EXPECT_EQ(loadImageFolder(dir, Split::kTrain).shape(), (FeatureShape{96, 96, 1}));
  EXPECT_THROW(loadImageFolder(dir, Split::kTest), DataError);  // train/ and val/ but no test/
  std::filesystem::create_directories(dir / "val" / "empty_class");
  try {
    loadImageFolder(dir, Split::kValidation);
    ADD_FAILURE() << "empty class folder accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("empty_class"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinyforge
