// The TFLite writer against the real models: the files it writes pass the flatbuffers
// verifier, re-import to the same graph, are byte-stable, keep every buffer 16-byte
// aligned, and are exactly as large as tfliteSizeBytes() says.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
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
// did, newer ones do not).
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

    // Same graph: nodes, constants' bytes, quantization (min/max included), names. The
    // re-import records its own file; its fingerprint is the original's (same graph).
    const Graph again = importTfliteBytes(written.data(), written.size(), kModels + name);
    EXPECT_EQ(again.nodes.size(), imported.nodes.size());
    for (size_t i = 0; i < std::min(again.nodes.size(), imported.nodes.size()); ++i) {
      SCOPED_TRACE(imported.nodes[i].name);
      EXPECT_EQ(again.nodes[i], imported.nodes[i]);
    }
    EXPECT_EQ(again.imported_file.bytes, static_cast<int64_t>(written.size()));
    EXPECT_EQ(again.imported_file.fingerprint, imported.imported_file.fingerprint);
    Graph same_file = again;
    same_file.imported_file = imported.imported_file;
    EXPECT_EQ(same_file, imported);
    // Byte-stable: writing the re-import gives the same file.
    EXPECT_EQ(writeTflite(again), written);
  }
}

// The largest of 16, 8 and 4 that divides the file offset of every buffer's data.
int bufferAlignment(const std::vector<uint8_t>& file) {
  int alignment = 16;
  for (const auto* buffer : *tflite::GetModel(file.data())->buffers()) {
    if (!buffer->data() || buffer->data()->size() == 0) continue;
    const auto offset = buffer->data()->data() - file.data();
    while (alignment > 4 && offset % alignment != 0) alignment /= 2;
  }
  return alignment;
}

// Buffer data sits where the file had it aligned: at 16 bytes for the current converter
// (the schema's force_align), at 4 for TOCO and the early MLIR converter (person_detect,
// ds_cnn_s), which TFLM runs as they are. A re-export keeps the file's alignment.
TEST(TfliteWriter, EveryBufferKeepsTheAlignmentOfTheFile) {
  std::map<std::string, int> alignments;
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const int file_alignment = bufferAlignment(readModel(name));
    alignments[name] = file_alignment;
    const Graph imported = importTflite(kModels + name);
    EXPECT_EQ(imported.imported_file.buffer_alignment_bytes, file_alignment);
    const std::vector<uint8_t> written = writeTflite(imported);
    const tflite::Model* model = verified(written);
    int with_data = 0;
    for (const auto* buffer : *model->buffers()) {
      if (!buffer->data() || buffer->data()->size() == 0) continue;
      ++with_data;
      const auto offset = buffer->data()->data() - written.data();
      EXPECT_EQ(offset % file_alignment, 0) << "buffer data at file offset " << offset;
    }
    EXPECT_GT(with_data, 0);
  }
  EXPECT_EQ(alignments["person_detect.tflite"], 4);  // TOCO
  EXPECT_EQ(alignments["kws_micronet_m.tflite"], 16);
  // A graph drawn here gets the current converter's 16 bytes.
  const std::vector<uint8_t> drawn =
      writeTflite(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_m.json"));
  EXPECT_EQ(bufferAlignment(drawn), 16);
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

// Re-exporting an imported model never makes it larger than its file: the writer keeps
// what the file had (its min/max arrays or none, its buffer alignment, its names) and
// leaves out what TFLM does not read (signature defs, shape signatures, conversion
// metadata, reshape options). The size figure is still the written file to the byte.
// The converter's own files are the reference for how close: within 1.5% for the MLIR
// converter's files over 4 KB, the rest being what TFLM does not read (shape signatures:
// 8 of test_conv_model's tensors have one); the tiny TFLM test models carry a signature
// def and conversion metadata of a fixed ~150-400 bytes that we do not write.
TEST(TfliteWriter, ReexportIsNeverLargerThanTheFile) {
  std::printf("%-30s %9s %9s %8s\n", "model", "file B", "re-export", "diff");
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> real = readModel(name);
    const ShapedGraph shaped = inferShapes(importTflite(kModels + name));
    const TensorModel lowered = lower(shaped);
    const std::vector<uint8_t> written = writeTflite(shaped, lowered);
    const double diff = (static_cast<double>(written.size()) - static_cast<double>(real.size())) / real.size();
    std::printf("%-30s %9zu %9zu %+7.2f%%\n", name.c_str(), real.size(), written.size(), 100 * diff);
    EXPECT_LE(written.size(), real.size());
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered), static_cast<int64_t>(written.size()));
    const auto* description = tflite::GetModel(real.data())->description();
    if (real.size() < 4096 || !description || description->str() != "MLIR Converted.") continue;
    EXPECT_LT(std::abs(diff), 0.015) << name;
  }
}

// person_detect comes from an old TOCO: buffers 4-byte aligned, no metadata, operator codes
// in the 8-bit field only, no subgraph name, min/max on activations only. Its re-export
// keeps to that (TFLM runs the file as it is) instead of adding what current converters
// write; a graph drawn here gets all of it.
TEST(TfliteWriter, AnOldTocoFileKeepsItsLeanLayout) {
  const std::vector<uint8_t> real = readModel("person_detect.tflite");
  const tflite::Model* file = tflite::GetModel(real.data());
  ASSERT_EQ(bufferAlignment(real), 4);
  ASSERT_EQ(file->metadata(), nullptr);
  ASSERT_EQ(file->subgraphs()->Get(0)->name(), nullptr);
  for (const auto* code : *file->operator_codes()) ASSERT_EQ(code->builtin_code(), 0);

  const Graph imported = importTflite(kModels + "person_detect.tflite");
  EXPECT_EQ(imported.imported_file.buffer_alignment_bytes, 4);
  EXPECT_FALSE(imported.imported_file.runtime_version_metadata);
  EXPECT_FALSE(imported.imported_file.wide_operator_codes);
  EXPECT_FALSE(imported.imported_file.subgraph_name);
  const std::vector<uint8_t> written = writeTflite(imported);
  const tflite::Model* ours = verified(written);
  EXPECT_EQ(ours->metadata(), nullptr);
  EXPECT_EQ(ours->subgraphs()->Get(0)->name(), nullptr);
  for (const auto* code : *ours->operator_codes()) {
    EXPECT_EQ(code->builtin_code(), 0);
    EXPECT_GT(code->deprecated_builtin_code(), 0);
  }
  EXPECT_LE(written.size(), real.size());

  const std::vector<uint8_t> drawn =
      writeTflite(loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/micronet_kws_m.json"));
  const tflite::Model* fresh = verified(drawn);
  EXPECT_EQ(runtimeVersion(fresh), "1.14.0");
  EXPECT_EQ(fresh->subgraphs()->Get(0)->name()->str(), "main");
  for (const auto* code : *fresh->operator_codes()) EXPECT_EQ(code->builtin_code(), builtinCode(code));
}

// The importer keeps the min/max arrays exactly as the file has them: on every tensor of
// the ML-zoo MicroNets (their converter wrote them), on activations only in TOCO's
// person_detect, nowhere in DS-CNN-S; a re-export has the same arrays on the same tensors.
TEST(TfliteWriter, MinMaxArraysAreTheFilesOwn) {
  auto withMinMax = [](const std::vector<uint8_t>& file) {
    std::vector<std::string> names;
    for (const auto* t : *tflite::GetModel(file.data())->subgraphs()->Get(0)->tensors())
      if (t->quantization() && t->quantization()->min() && t->quantization()->min()->size() > 0)
        names.push_back(t->name()->str());
    return names;
  };
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> real = readModel(name);
    const std::vector<uint8_t> written = writeTflite(importTflite(kModels + name));
    EXPECT_EQ(withMinMax(written), withMinMax(real));
    EXPECT_EQ(hasMinMax(tflite::GetModel(written.data())), hasMinMax(tflite::GetModel(real.data())));
  }
  const auto real = readModel("person_detect.tflite");
  const auto* tensors = tflite::GetModel(real.data())->subgraphs()->Get(0)->tensors();
  const auto* buffers = tflite::GetModel(real.data())->buffers();
  int activations = 0, constants = 0;
  for (const auto* t : *tensors) {
    const bool constant = buffers->Get(t->buffer())->data() && buffers->Get(t->buffer())->data()->size() > 0;
    const bool min_max = t->quantization() && t->quantization()->min() && t->quantization()->min()->size() > 0;
    (constant ? constants : activations) += min_max;
  }
  EXPECT_EQ(constants, 0);
  EXPECT_EQ(activations, 31);  // the input and every operator output but the final softmax's
  EXPECT_TRUE(withMinMax(readModel("ds_cnn_s_quantized.tflite")).empty());
}

Graph loadResourceModel(const std::string& name) {
  return loadGraphJson(std::string(TINYFORGE_RESOURCES_DIR) + "/models/" + name + ".json");
}

// MicroNet-KWS-M drawn by hand (no constants, no names, no quantization) against ML-zoo's
// file of the same architecture: the model-Flash figure is within 3% of the real file.
TEST(TfliteWriter, HandDrawnMicroNetKwsMIsWithinThreePercentOfTheRealFile) {
  const ShapedGraph shaped = inferShapes(loadResourceModel("micronet_kws_m"));
  const TensorModel lowered = lower(shaped);
  const int64_t predicted = tfliteSizeBytes(shaped, lowered);
  const int64_t real_bytes = 181968;  // models/README.md
  ASSERT_EQ(static_cast<int64_t>(readModel("kws_micronet_m.tflite").size()), real_bytes);
  std::printf("MicroNet-KWS-M drawn by hand: %lld bytes, real file %lld (%+.2f%%)\n",
              static_cast<long long>(predicted), static_cast<long long>(real_bytes),
              100.0 * static_cast<double>(predicted - real_bytes) / real_bytes);
  EXPECT_LT(std::abs(static_cast<double>(predicted - real_bytes)) / real_bytes, 0.03);
  // Same tensors as the real file: the difference is names and layout only.
  EXPECT_EQ(lowered.tensors.size(), 40u);
}

// MicroNet-AD-S: ML-zoo's converter merged four bias tensors that happened to be equal
// across layers (each is read by two or three operators), which no drawing can know. With
// those constants unshared, the architecture is the same, and the hand-drawn figure is
// within 3% of the re-written real model.
TEST(TfliteWriter, HandDrawnMicroNetAdSMatchesTheRealArchitecture) {
  const ShapedGraph hand = inferShapes(loadResourceModel("micronet_ad_s"));
  const int64_t predicted = tfliteSizeBytes(hand, lower(hand));
  Graph real = importTflite(kModels + "ad_small_int8.tflite");
  int shared_uses = 0;
  for (Node& node : real.nodes)
    for (ConstTensor& c : node.constants) {
      shared_uses += c.tensor_index >= 1 && c.tensor_index <= 4 ? 1 : 0;
      c.tensor_index = -1;  // every operator its own copy, as a drawn graph has
    }
  EXPECT_EQ(shared_uses, 9);  // biases 1..4 of the real file serve 9 operators
  const int64_t unshared = static_cast<int64_t>(writeTflite(real).size());
  std::printf("MicroNet-AD-S drawn by hand: %lld bytes, real architecture unshared %lld (%+.2f%%), real file %zu\n",
              static_cast<long long>(predicted), static_cast<long long>(unshared),
              100.0 * static_cast<double>(predicted - unshared) / unshared, readModel("ad_small_int8.tflite").size());
  EXPECT_LT(std::abs(static_cast<double>(predicted - unshared)) / unshared, 0.03);
}

// Operator codes as the converters write them: the code fields the file has (current
// converters write both the 32-bit and the old 8-bit one), and the version the
// converter gives each operator for int8 (CONV_2D 3, DEPTHWISE_CONV_2D 3, FULLY_CONNECTED
// 4, pools and SOFTMAX 2, RESHAPE 1...), checked against every file the MLIR converter
// made; and its "min_runtime_version" where the converter filled it in from the current
// table (the older converters of the MicroNets and network_tester wrote "1.5.0" whatever
// the operator versions).
TEST(TfliteWriter, OperatorCodesAndVersionsAreTheConverters) {
  for (const std::string& name : realModels()) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> real_bytes = readModel(name);
    const tflite::Model* real = tflite::GetModel(real_bytes.data());
    if (!real->description() || real->description()->str() != "MLIR Converted.") continue;  // TOCO
    const std::vector<uint8_t> written = writeTflite(importTflite(kModels + name));
    const tflite::Model* ours = verified(written);
    const bool modern = name == "ds_cnn_s_quantized.tflite" || name == "hello_world_int8.tflite" ||
                        name == "simple_add_model.tflite";
    // The 32-bit field where the file has it (ML-zoo's MicroNets were written before it).
    bool wide = false;
    for (const auto* real_code : *real->operator_codes()) wide = wide || real_code->builtin_code() != 0;
    for (const auto* code : *ours->operator_codes()) {
      const int32_t builtin = builtinCode(code);
      EXPECT_EQ(code->builtin_code(), wide ? builtin : 0);
      EXPECT_EQ(code->deprecated_builtin_code(), std::min(builtin, 127));
      bool found = false;
      for (const auto* real_code : *real->operator_codes())
        if (builtinCode(real_code) == builtin) {
          found = true;
          EXPECT_EQ(code->version(), real_code->version()) << tfliteOperatorName(builtin);
        }
      EXPECT_TRUE(found) << tfliteOperatorName(builtin);
    }
    EXPECT_EQ(runtimeVersion(ours), "1.14.0");
    if (modern) EXPECT_EQ(runtimeVersion(ours), runtimeVersion(real));
  }
}

TEST(TfliteWriter, HandDrawnGraphGetsZeroWeightsOfTheRightSizeAndItsStructuralOperands) {
  const Graph drawn = loadResourceModel("micronet_kws_m");
  const std::vector<uint8_t> written = writeTflite(drawn);
  const tflite::Model* model = verified(written);
  const auto* subgraph = model->subgraphs()->Get(0);
  bool saw_depthwise_filter = false, saw_shape = false;
  for (const auto* t : *subgraph->tensors()) {
    const auto* data = model->buffers()->Get(t->buffer())->data();
    if (!data || data->size() == 0) continue;
    int64_t elements = 1;
    for (int32_t d : *t->shape()) elements *= d;
    const int element_bytes = t->type() == tflite::TensorType_INT32 ? 4 : 1;
    EXPECT_EQ(static_cast<int64_t>(data->size()), elements * element_bytes) << t->name()->str();
    if (t->type() == tflite::TensorType_INT32 && t->shape()->size() == 1 && t->shape()->Get(0) == 2) {
      // The final reshape's shape operand: [1, 12].
      int32_t values[2];
      std::memcpy(values, data->data(), 8);
      EXPECT_EQ(values[0], 1);
      EXPECT_EQ(values[1], 12);
      saw_shape = true;
      continue;
    }
    EXPECT_TRUE(std::all_of(data->begin(), data->end(), [](uint8_t b) { return b == 0; })) << t->name()->str();
    // Depthwise filters [1, kh, kw, C]: one scale per output channel on dimension 3.
    if (t->shape()->size() == 4 && t->shape()->Get(0) == 1) {
      saw_depthwise_filter = true;
      ASSERT_TRUE(t->quantization() && t->quantization()->scale());
      EXPECT_EQ(static_cast<int32_t>(t->quantization()->scale()->size()), t->shape()->Get(3));
      EXPECT_EQ(t->quantization()->quantized_dimension(), 3);
      EXPECT_EQ(t->quantization()->min()->size(), t->quantization()->scale()->size());
    }
  }
  EXPECT_TRUE(saw_depthwise_filter);
  EXPECT_TRUE(saw_shape);
  // TFLM-side readers take it: our importer reads it back to the same architecture.
  const Graph back = importTfliteBytes(written.data(), written.size(), "drawn.tflite");
  EXPECT_EQ(lower(inferShapes(back)).tensors.size(), lower(inferShapes(drawn)).tensors.size());
  // Export, import, export: the same bytes (names, placeholders and order survive).
  EXPECT_EQ(writeTflite(back), written);
}

TEST(TfliteWriter, WritesTheOfflineMemoryPlanAsTflmReadsIt) {
  const ShapedGraph shaped = inferShapes(loadResourceModel("micronet_kws_m"));
  const TensorModel lowered = lower(shaped);
  TfliteWriteOptions options;
  for (size_t t = 0; t < lowered.tensors.size(); ++t)
    options.offline_offsets_bytes.push_back(lowered.tensors[t].is_constant ? -1 : static_cast<int32_t>(t * 32));
  const std::vector<uint8_t> written = writeTflite(shaped, lowered, options);
  const tflite::Model* model = verified(written);
  const tflite::Buffer* plan = nullptr;
  for (const auto* m : *model->metadata())
    if (m->name()->str() == "OfflineMemoryAllocation") plan = model->buffers()->Get(m->buffer());
  ASSERT_NE(plan, nullptr);
  // [version, subgraphs, tensor count, offsets...] as int32 (runtime-facts.md 2.4).
  std::vector<int32_t> words(plan->data()->size() / 4);
  std::memcpy(words.data(), plan->data()->data(), words.size() * 4);
  ASSERT_EQ(words.size(), 3 + lowered.tensors.size());
  EXPECT_EQ(words[1], 1);
  EXPECT_EQ(words[2], static_cast<int32_t>(lowered.tensors.size()));
  EXPECT_TRUE(std::equal(words.begin() + 3, words.end(), options.offline_offsets_bytes.begin()));
  EXPECT_EQ(tfliteSizeBytes(shaped, lowered, options), static_cast<int64_t>(written.size()));

  options.offline_offsets_bytes.pop_back();
  EXPECT_THROW(writeTflite(shaped, lowered, options), TfliteError);
  EXPECT_THROW(tfliteSizeBytes(shaped, lowered, options), TfliteError);
}

TEST(TfliteWriter, ConstantOfTheWrongSizeIsAnErrorNamingTheLayer) {
  Graph graph = importTflite(kModels + "network_tester_model.tflite");
  Node* layer = nullptr;
  for (Node& node : graph.nodes)
    if (node.kind == NodeKind::DepthwiseConv2D) layer = &node;
  ASSERT_NE(layer, nullptr);
  layer->constants[0].data.pop_back();
  try {
    writeTflite(graph);
    FAIL() << "no error";
  } catch (const TfliteError& e) {
    EXPECT_NE(std::string(e.what()).find("layer '" + layer->name + "'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("bytes"), std::string::npos) << e.what();
  }
}

TEST(TfliteWriter, ShortNamesAndNoMinMaxMakeASmallerFileOfTheSameModel) {
  const Graph drawn = loadResourceModel("micronet_kws_m");
  TfliteWriteOptions lean;
  lean.names = TfliteNames::Short;
  lean.min_max = false;
  const std::vector<uint8_t> small = writeTflite(drawn, lean);
  const std::vector<uint8_t> full = writeTflite(drawn);
  verified(small);
  EXPECT_LT(small.size(), full.size());
  // min/max alone are 2 floats per channel of every int8 tensor: filters conv1 140,
  // depthwise 4*140 + 112, pointwise 3*140 + 112 + 196, classifier 12 = 1,552 channels,
  // and 15 per-tensor activations (input, 13 layer outputs, reshape): 1,567 * 8 bytes.
  EXPECT_GE(full.size() - small.size(), 8u * 1567u);
  const Graph back = importTfliteBytes(small.data(), small.size(), "small.tflite");
  EXPECT_EQ(back.nodes.size(), inferShapes(drawn).expanded.nodes.size());
}

// A drawn graph with every layer kind the writer knows.
Graph everyKind(DataType conv_weights) {
  auto node = [](std::string name, NodeKind kind, std::vector<std::string> inputs) {
    Node n;
    n.name = std::move(name);
    n.kind = kind;
    n.inputs = std::move(inputs);
    return n;
  };
  Graph g;
  g.name = "every_kind";
  Node input = node("input", NodeKind::Input, {});
  input.shape = {1, 16, 16, 8};
  Node c1 = node("c1", NodeKind::Conv2D, {"input"});
  c1.out_channels = 8, c1.kernel_h = c1.kernel_w = 3, c1.activation = Activation::Relu;
  c1.weight_type = conv_weights;
  Node p1 = node("p1", NodeKind::Pad, {"c1"});
  p1.pads = {1, 1, 1, 1};
  Node d1 = node("d1", NodeKind::DepthwiseConv2D, {"p1"});
  d1.kernel_h = d1.kernel_w = 3, d1.padding = Padding::Valid, d1.activation = Activation::Relu6;
  Node a1 = node("a1", NodeKind::Add, {"c1", "d1"});
  a1.activation = Activation::Relu;
  Node m1 = node("m1", NodeKind::MaxPool2D, {"a1"});
  m1.kernel_h = m1.kernel_w = m1.stride_h = m1.stride_w = 2;
  Node x1 = node("x1", NodeKind::AveragePool2D, {"a1"});
  x1.kernel_h = x1.kernel_w = x1.stride_h = x1.stride_w = 2;
  Node cat = node("cat", NodeKind::Concatenation, {"m1", "x1"});
  Node mean = node("mean", NodeKind::Mean, {"cat"});
  mean.keep_dims = false;
  Node fc = node("fc", NodeKind::FullyConnected, {"mean"});
  fc.out_channels = 10;
  Node sm = node("sm", NodeKind::Softmax, {"fc"});
  g.nodes = {input, c1, p1, d1, a1, m1, x1, cat, mean, fc, sm};
  return g;
}

// Versions from TensorFlow's op_version.cc for int8 (int4 filters: CONV_2D 7).
TEST(TfliteWriter, EveryLayerKindWritesWithTheConvertersOptionsAndVersions) {
  for (DataType weights : {DataType::Int8, DataType::Int4}) {
    SCOPED_TRACE(toString(weights));
    const Graph drawn = everyKind(weights);
    const ShapedGraph shaped = inferShapes(drawn);
    const TensorModel lowered = lower(shaped);
    const std::vector<uint8_t> written = writeTflite(shaped, lowered);
    const tflite::Model* model = verified(written);
    EXPECT_EQ(tfliteSizeBytes(shaped, lowered), static_cast<int64_t>(written.size()));
    const std::map<int32_t, int32_t> expected = {
        {tflite::BuiltinOperator_CONV_2D, weights == DataType::Int4 ? 7 : 3},
        {tflite::BuiltinOperator_PAD, 2},
        {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 3},
        {tflite::BuiltinOperator_ADD, 2},
        {tflite::BuiltinOperator_MAX_POOL_2D, 2},
        {tflite::BuiltinOperator_AVERAGE_POOL_2D, 2},
        {tflite::BuiltinOperator_CONCATENATION, 2},
        {tflite::BuiltinOperator_MEAN, 2},
        {tflite::BuiltinOperator_FULLY_CONNECTED, 4},
        {tflite::BuiltinOperator_SOFTMAX, 2}};
    std::map<int32_t, int32_t> versions;
    for (const auto* code : *model->operator_codes()) {
      versions[builtinCode(code)] = code->version();
      EXPECT_EQ(code->builtin_code(), builtinCode(code));  // both fields, as current converters
    }
    EXPECT_EQ(versions, expected);
    // Options read back as drawn.
    const auto* ops = model->subgraphs()->Get(0)->operators();
    const auto* concat = ops->Get(6)->builtin_options_as_ConcatenationOptions();
    ASSERT_NE(concat, nullptr);
    EXPECT_EQ(concat->axis(), 3);  // -1 written as the converter does, positive
    const auto* add = ops->Get(3)->builtin_options_as_AddOptions();
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(add->fused_activation_function(), tflite::ActivationFunctionType_RELU);
    EXPECT_NE(ops->Get(1)->builtin_options_as_PadOptions(), nullptr);
    // The int4 filter is packed two values a byte: 8*3*3*8 = 576 values, 288 bytes.
    const auto* conv_filter = model->subgraphs()->Get(0)->tensors()->Get(ops->Get(0)->inputs()->Get(1));
    EXPECT_EQ(model->buffers()->Get(conv_filter->buffer())->data()->size(), weights == DataType::Int4 ? 288u : 576u);

    const Graph back = importTfliteBytes(written.data(), written.size(), "every_kind.tflite");
    const ShapedGraph reshaped = inferShapes(back);
    ASSERT_EQ(reshaped.layers.size(), shaped.layers.size());
    for (size_t i = 0; i < shaped.layers.size(); ++i) {
      EXPECT_EQ(reshaped.expanded.nodes[i].kind, shaped.expanded.nodes[i].kind);
      EXPECT_EQ(reshaped.layers[i].output_shape, shaped.layers[i].output_shape);
    }
    // Its paddings operand carries the drawn padding.
    EXPECT_EQ(back.nodes[2].pads, (std::vector<int32_t>{1, 1, 1, 1}));
  }
}

TEST(TfliteWriter, WritesAFile) {
  const std::string path = (std::filesystem::temp_directory_path() / "tinyforge_writer_test.tflite").string();
  const Graph graph = importTflite(kModels + "hello_world_int8.tflite");
  writeTfliteFile(graph, path);
  EXPECT_EQ(readBinaryFile(path), writeTflite(graph));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace tinyforge
