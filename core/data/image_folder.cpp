#include "core/data/image_folder.h"

#include "core/data/file_list.h"
#include "core/data/image.h"
#include "core/data/parallel.h"
#include "core/data/split_hash.h"

namespace tinyforge {

Dataset loadImageFolder(const std::filesystem::path& dir, Split split, const ImageFolderOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) throw DataError(dir.string() + ": image folder not found");
  if (options.image_size < 1) throw DataError("image size must be at least 1");
  // Split folders when present; otherwise the class folders sit directly in `dir`.
  std::filesystem::path root = dir;
  bool split_folders = false;
  std::vector<std::string> names = {split == Split::kTrain ? "train" : split == Split::kTest ? "test" : "val"};
  if (split == Split::kValidation) names.push_back("validation");
  for (const auto& name : names) {
    if (std::filesystem::is_directory(dir / "train", error) && std::filesystem::is_directory(dir / name, error)) {
      root = dir / name;
      split_folders = true;
      break;
    }
  }
  if (!split_folders && std::filesystem::is_directory(dir / "train", error))
    throw DataError(dir.string() + ": has train/ but no folder for the " + std::string(toString(split)) + " split");
  std::vector<std::string> classes;
  std::vector<std::pair<std::filesystem::path, int>> files;
  for (const auto& folder : listFolders(root)) {
    classes.push_back(folder.filename().string());
    const auto images = listFiles(folder, {".pgm", ".ppm", ".pnm", ".png"});
    if (images.empty()) throw DataError(folder.string() + ": no images (.pgm, .ppm, .png)");
    for (const auto& image : images) {
      if (!split_folders &&
          splitForPercent(hashPercent(classes.back() + "/" + image.filename().string()), options.validation_percent,
                          options.testing_percent) != split)
        continue;
      files.emplace_back(image, static_cast<int>(classes.size()) - 1);
    }
  }
  if (classes.empty()) throw DataError(root.string() + ": no class folders (expected DIR/<class>/*.png)");
  const int size = options.image_size;
  Dataset dataset(classes, FeatureShape{size, size, 1});
  std::vector<Sample> samples(files.size());
  parallelFor(files.size(), [&](std::size_t i) {
    const GrayImage image = readGrayImage(files[i].first);
    samples[i] = {resizeBilinear(image.pixels, image.height, image.width, size, size), files[i].second};
  });
  for (std::size_t i = 0; i < samples.size(); ++i) dataset.add(std::move(samples[i]), files[i].first.string());
  return dataset;
}

}  // namespace tinyforge
