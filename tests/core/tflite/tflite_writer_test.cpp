// The TFLite writer against the real models: the files it writes pass the flatbuffers
// verifier, re-import to the same graph, are byte-stable, keep every buffer 16-byte
// aligned, and are exactly as large as tfliteSizeBytes() says.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/graph/graph_json.h"
#include "core/io/atomic_file.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

std::vector<std::string> realModels() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kModels))
    if (entry.path().extension() == ".tflite") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<uint8_t> readModel(const std::string& name) { return readBinaryFile(kModels + name); }

const tflite::Model* verified(const std::vector<uint8_t>& bytes) {
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  EXPECT_TRUE(tflite::VerifyModelBuffer(verifier));
  EXPECT_TRUE(tflite::ModelBufferHasIdentifier(bytes.data()));
  return tflite::GetModel(bytes.data());
}

// Whether the converter that made a file wrote min/max arrays (the MicroNets' converter
// did, newer ones do not), so a re-write can be compared with the same layout.
bool hasMinMax(const tflite::Model* model) {
  for (const auto* t : *model->subgraphs()->Get(0)->tensors())
    if (t->quantization() && t->quantization()->min() && t->quantization()->min()->size() > 0) return true;
  return false;
}

int32_t builtinCode(const tflite::OperatorCode* code) {
  return std::max<int32_t>(code->deprecated_builtin_code(), code->builtin_code());
}

std::string runtimeVersion(const tflite::Model* model) {
  if (!model->metadata()) return {};
  for (const auto* m : *model->metadata())
    if (m->name()->str() == "min_runtime_version") {
      const auto* data = model->buffers()->Get(m->buffer())->data();
      return std::string(reinterpret_cast<const char*>(data->data()));
    }
  return {};
}

TEST(TfliteWriter, RoundTripsEveryRealModel) {
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const Graph imported = importTflite(kModels + name);
    const std::vector<uint8_t> written = writeTflite(imported);
    const tflite::Model* model = verified(written);
    EXPECT_EQ(model->version(), 3u);
    ASSERT_GT(model->buffers()->size(), 0u);
    EXPECT_TRUE(!model->buffers()->Get(0)->data() || model->buffers()->Get(0)->data()->size() == 0);

    // Same graph: nodes, constants' bytes, quantization, names.
    const Graph again = importTfliteBytes(written.data(), written.size(), kModels + name);
    EXPECT_EQ(again.nodes.size(), imported.nodes.size());
    for (size_t i = 0; i < std::min(again.nodes.size(), imported.nodes.size()); ++i) {
      SCOPED_TRACE(imported.nodes[i].name);
      EXPECT_EQ(again.nodes[i], imported.nodes[i]);
    }
    EXPECT_EQ(again, imported);
    // Byte-stable: writing the re-import gives the same file.
    EXPECT_EQ(writeTflite(again), written);
  }
}

TEST(TfliteWriter, EveryBufferIsSixteenByteAlignedInTheFile) {
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> written = writeTflite(importTflite(kModels + name));
    const tflite::Model* model = verified(written);
    int with_data = 0;
    for (const auto* buffer : *model->buffers()) {
      if (!buffer->data() || buffer->data()->size() == 0) continue;
      ++with_data;
      const auto offset = buffer->data()->data() - written.data();
      EXPECT_EQ(offset % 16, 0) << "buffer data at file offset " << offset;
    }
    EXPECT_GT(with_data, 0);
  }
}

TEST(TfliteWriter, SizeFigureIsExactOnEveryRealModel) {
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const ShapedGraph shaped = inferShapes(importTflite(kModels + name));
    const TensorModel lowered = lower(shaped);
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered), static_cast<int64_t>(writeTflite(shaped, lowered).size()));
    TfliteWriteOptions lean;
    lean.names = TfliteNames::Short;
    lean.min_max = false;
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered, lean), static_cast<int64_t>(writeTflite(shaped, lowered, lean).size()));
    TfliteWriteOptions planned;
    for (size_t t = 0; t < lowered.tensors.size(); ++t)
      planned.offline_offsets_bytes.push_back(lowered.tensors[t].is_constant ? -1 : static_cast<int32_t>(16 * t));
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered, planned),
              static_cast<int64_t>(writeTflite(shaped, lowered, planned).size()));
  }
}

TEST(TfliteWriter, SizeFigureIsExactOnHandDrawnGraphs) {
  int graphs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TINYFORGE_RESOURCES_DIR) + "/models")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const ShapedGraph shaped = inferShapes(loadGraphJson(entry.path().string()));
    const TensorModel lowered = lower(shaped);
    const std::vector<uint8_t> written = writeTflite(shaped, lowered);
    verified(written);
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered), static_cast<int64_t>(written.size()));
    ++graphs;
  }
  EXPECT_GE(graphs, 5);
}

}  // namespace
}  // namespace tinyforge
