#include "core/estimate/load_model.h"

#include <algorithm>
#include <filesystem>

#include "core/graph/graph_json.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {

Graph loadModelFile(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  if (extension == ".json") return loadGraphJson(path);
  if (extension == ".tflite") {
    Graph graph = importTflite(path);
    if (graph.name.empty()) graph.name = std::filesystem::path(path).stem().string();
    return graph;
  }
  throw ModelFileError(path + ": unknown model file type '" + extension + "' (expected .json or .tflite)");
}

}  // namespace tinyforge
