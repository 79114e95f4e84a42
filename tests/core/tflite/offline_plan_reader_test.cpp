// The importer reads TFLM's offline memory plan (OfflineMemoryAllocation metadata) onto
// the nodes, the writer writes it back, and malformed plans are refused with the file
// and the place named, as TFLM would refuse them (micro_allocation_info.cc).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/graph/graph_json.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

const std::string kModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

// kws_micronet_m written with a plan: activation t at 64 * t (any offsets will do here:
// whether they overlap is the runtime's check, not the reader's).
struct PlannedFile {
  TensorModel model;
  std::vector<int32_t> offsets;
  std::vector<uint8_t> bytes;
  size_t plan_at = 0;  // byte offset of the plan's first word in `bytes`
};

PlannedFile plannedFile() {
  PlannedFile f;
  const ShapedGraph shaped = inferShapes(importTflite(kModels + "kws_micronet_m.tflite"));
  f.model = lower(shaped);
  TfliteWriteOptions options;
  for (size_t t = 0; t < f.model.tensors.size(); ++t)
    options.offline_offsets_bytes.push_back(f.model.tensors[t].is_constant ? -1 : static_cast<int32_t>(64 * t));
  f.offsets = options.offline_offsets_bytes;
  f.bytes = writeTflite(shaped, f.model, options);
  const tflite::Model* model = tflite::GetModel(f.bytes.data());
  for (const auto* m : *model->metadata())
    if (m->name()->str() == "OfflineMemoryAllocation")
      f.plan_at = static_cast<size_t>(model->buffers()->Get(m->buffer())->data()->data() - f.bytes.data());
  return f;
}

void setWord(std::vector<uint8_t>& bytes, size_t at, int32_t value) { std::memcpy(&bytes[at], &value, 4); }

std::string importError(const std::vector<uint8_t>& bytes) {
  try {
    importTfliteBytes(bytes.data(), bytes.size(), "planned.tflite");
  } catch (const TfliteError& error) {
    return error.what();
  }
  return "";
}

TEST(OfflinePlanReader, ReadsThePlanOntoTheNodesAndWritesItBack) {
  const PlannedFile f = plannedFile();
  ASSERT_GT(f.plan_at, 0u);
  const Graph graph = importTfliteBytes(f.bytes.data(), f.bytes.size(), "planned.tflite");
  const ShapedGraph shaped = inferShapes(graph);
  const TensorModel model = lower(shaped);
  ASSERT_EQ(model.tensors.size(), f.offsets.size());
  int planned = 0;
  for (size_t t = 0; t < model.tensors.size(); ++t) {
    if (model.tensors[t].is_constant) {
      EXPECT_EQ(model.tensors[t].offline_offset_bytes, -1);
      continue;
    }
    EXPECT_EQ(model.tensors[t].offline_offset_bytes, f.offsets[t]) << model.tensors[t].name;
    ++planned;
  }
  EXPECT_EQ(planned, 15);  // the input and 14 operator outputs
  // Written again without options: the model's own plan, byte for byte the same file.
  EXPECT_EQ(writeTflite(shaped, model), f.bytes);
  // Through the JSON format too.
  const Graph json = graphFromJsonText(graphToJsonText(graph), "planned.json");
  EXPECT_EQ(json, graph);
}

TEST(OfflinePlanReader, ModelsWithoutAPlanHaveNone) {
  const TensorModel model = lower(inferShapes(importTflite(kModels + "person_detect.tflite")));
  for (const TensorInfo& t : model.tensors) EXPECT_EQ(t.offline_offset_bytes, -1);
}

TEST(OfflinePlanReader, RefusesPlansTflmWouldRefuse) {
  const PlannedFile f = plannedFile();
  const int32_t tensors = static_cast<int32_t>(f.model.tensors.size());

  std::vector<uint8_t> bytes = f.bytes;
  setWord(bytes, f.plan_at + 8, tensors + 1);  // the count word
  std::string message = importError(bytes);
  EXPECT_NE(message.find("planned.tflite: metadata 'OfflineMemoryAllocation': has " + std::to_string(tensors + 1) +
                         " offsets for " + std::to_string(tensors) + " tensors"),
            std::string::npos)
      << message;

  bytes = f.bytes;
  int first_activation = 0;
  while (f.model.tensors[static_cast<size_t>(first_activation)].is_constant) ++first_activation;
  setWord(bytes, f.plan_at + 12 + 4 * static_cast<size_t>(first_activation), -7);
  message = importError(bytes);
  EXPECT_NE(message.find("tensor " + std::to_string(first_activation) + " '"), std::string::npos) << message;
  EXPECT_NE(message.find("has offset -7"), std::string::npos) << message;
}

TEST(OfflinePlanReader, JsonRefusesANegativeOffset) {
  const std::string text = R"({"format": "tinyforge-graph", "version": 1, "name": "g", "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 4], "offline_offset_bytes": -3}]})";
  try {
    graphFromJsonText(text, "g.json");
    FAIL() << "accepted";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("offline_offset_bytes"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("g.json"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace tinyforge
