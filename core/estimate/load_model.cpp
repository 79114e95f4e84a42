#include "core/estimate/load_model.h"

#include <algorithm>
#include <filesystem>

#include "core/graph/graph_json.h"
#include "core/runtime/offline_plan.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {

Graph loadModelFile(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  Graph graph;
  if (extension == ".json") {
    graph = loadGraphJson(path);
  } else if (extension == ".tflite") {
    graph = importTflite(path);
    if (graph.name.empty()) graph.name = std::filesystem::path(path).stem().string();
  } else {
    throw ModelFileError(path + ": unknown model file type '" + extension + "' (expected .json or .tflite)");
  }
  // TFLM would run a model whose offline memory plan overlaps live tensors and compute
  // garbage: such a file is refused here, with the tensors named.
  bool planned = false;
  for (const Node& node : graph.nodes) planned = planned || node.offline_offset_bytes >= 0;
  if (planned) {
    try {
      const ShapedGraph shaped = inferShapes(graph);
      checkOfflinePlan(shaped, lower(shaped));
    } catch (const OfflinePlanError& error) {
      throw ModelFileError(path + ": " + error.what());
    }
  }
  return graph;
}

}  // namespace tinyforge
