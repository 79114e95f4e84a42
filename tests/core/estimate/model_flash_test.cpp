// The model-Flash figure of an imported .tflite is the file's own size while the graph is
// as imported; once the user edits it, it is what TinyForge's writer would write for the
// edited graph (to the byte: the file export writes). Pinned to the files' sizes on disk
// (which models/README.md lists) and to the writer's output.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/estimate/load_model.h"
#include "core/graph/graph_json.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

const std::string kShared = std::string(TINYFORGE_SHARED_DIR) + "/models/";

const Estimator& estimator() {
  static const Estimator instance(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()));
  return instance;
}

std::vector<std::string> sharedModels() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kShared, error))
    if (entry.path().extension() == ".tflite") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

int64_t fileBytes(const std::string& name) { return static_cast<int64_t>(std::filesystem::file_size(kShared + name)); }

int64_t writtenBytes(const Graph& graph) { return static_cast<int64_t>(writeTflite(graph).size()); }

TEST(ModelFlash, AnImportedModelIsItsFilesSize) {
  const auto models = sharedModels();
  if (models.empty()) GTEST_SKIP() << "no shared models at " << kShared;
  EXPECT_EQ(models.size(), 10u);
  for (const std::string& name : models) {
    SCOPED_TRACE(name);
    const Graph graph = loadModelFile(kShared + name);
    for (RuntimeKind runtime : {RuntimeKind::Tflm, RuntimeKind::TflmCmsis}) {
      const Estimate e = estimator().estimate(graph, "stm32f746zg", runtime);
      EXPECT_EQ(e.memory.model_flash_bytes, fileBytes(name));
      EXPECT_EQ(e.memory.model_flash_source, ModelFlashSource::ImportedFile);
      EXPECT_EQ(e.memory.flash_bytes, e.memory.model_flash_bytes + e.memory.code_flash_bytes);
    }
    // The re-export the user would get is never larger than the figure shown.
    EXPECT_LE(writtenBytes(graph), fileBytes(name));
  }
  // Two sizes from models/README.md's "file bytes" column, as a check on the check.
  EXPECT_EQ(fileBytes("person_detect.tflite"), 300568);
  EXPECT_EQ(fileBytes("ds_cnn_s_quantized.tflite"), 47616);
}

TEST(ModelFlash, AnEditedImportIsWhatTinyForgeWouldWrite) {
  if (sharedModels().empty()) GTEST_SKIP() << "no shared models";
  for (const std::string& name : {"person_detect.tflite", "ds_cnn_s_quantized.tflite", "kws_micronet_m.tflite"}) {
    SCOPED_TRACE(name);
    Graph graph = loadModelFile(kShared + name);
    const Graph imported = graph;
    // The studio's inspector edit of one layer's activation.
    Node* edited = nullptr;
    for (Node& node : graph.nodes)
      if (node.kind == NodeKind::Conv2D && !edited) edited = &node;
    ASSERT_NE(edited, nullptr);
    edited->activation = edited->activation == Activation::Relu ? Activation::Relu6 : Activation::Relu;
    const Estimate e = estimator().estimate(graph, "stm32f746zg", RuntimeKind::Tflm);
    EXPECT_EQ(e.memory.model_flash_source, ModelFlashSource::WrittenFile);
    EXPECT_EQ(e.memory.model_flash_bytes, writtenBytes(graph));  // the file export writes
    EXPECT_NE(e.memory.model_flash_bytes, fileBytes(name));

    // Undo: the graph is the file again.
    graph = imported;
    const Estimate undone = estimator().estimate(graph, "stm32f746zg", RuntimeKind::Tflm);
    EXPECT_EQ(undone.memory.model_flash_source, ModelFlashSource::ImportedFile);
    EXPECT_EQ(undone.memory.model_flash_bytes, fileBytes(name));
  }
}

// The model's name is a label, not part of the file: renaming keeps the file's size.
TEST(ModelFlash, RenamingTheModelKeepsTheFilesSize) {
  if (sharedModels().empty()) GTEST_SKIP() << "no shared models";
  Graph graph = loadModelFile(kShared + "ds_cnn_s_quantized.tflite");
  graph.name = "my keyword spotter";
  const Estimate e = estimator().estimate(graph, "stm32f746zg", RuntimeKind::Tflm);
  EXPECT_EQ(e.memory.model_flash_source, ModelFlashSource::ImportedFile);
  EXPECT_EQ(e.memory.model_flash_bytes, 47616);
}

TEST(ModelFlash, AnImportSavedAsJsonKeepsTheFilesSize) {
  if (sharedModels().empty()) GTEST_SKIP() << "no shared models";
  const std::string json =
      (std::filesystem::temp_directory_path() / ("tinyforge_model_flash_" + std::to_string(::getpid()) + ".json"))
          .string();
  saveGraphJson(loadModelFile(kShared + "person_detect.tflite"), json);
  const Estimate e = estimator().estimate(loadModelFile(json), "stm32f746zg", RuntimeKind::Tflm);
  std::filesystem::remove(json);
  EXPECT_EQ(e.memory.model_flash_source, ModelFlashSource::ImportedFile);
  EXPECT_EQ(e.memory.model_flash_bytes, 300568);
}

TEST(ModelFlash, HandDrawnGraphsAndGeneratedCodeSayWhatTheFigureIs) {
  const Graph drawn = loadModelFile(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_m.json");
  const Estimate tflm = estimator().estimate(drawn, "stm32f746zg", RuntimeKind::Tflm);
  EXPECT_EQ(tflm.memory.model_flash_source, ModelFlashSource::WrittenFile);
  EXPECT_EQ(tflm.memory.model_flash_bytes, writtenBytes(drawn));
  const Estimate generated = estimator().estimate(drawn, "stm32f746zg", RuntimeKind::TinyforgeC);
  EXPECT_EQ(generated.memory.model_flash_source, ModelFlashSource::Weights);
  EXPECT_STREQ(describe(ModelFlashSource::ImportedFile), "size of the imported file");
  EXPECT_STREQ(describe(ModelFlashSource::WrittenFile), "as TinyForge would write it");
  EXPECT_STREQ(toString(ModelFlashSource::ImportedFile), "imported-file");
}

}  // namespace
}  // namespace tinyforge
