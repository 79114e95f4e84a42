// The best arena plan and operator reordering shipped to stock TFLM: the exported .tflite
// carries the plan (OfflineMemoryAllocation) or the order, re-imports and re-estimates to
// the same arena (the plan's head plus TFLM's own allocations), and runs on the
// interpreter, which uses the file's plan as TFLM does, with the same outputs as the
// model it came from. Plans that overlap live tensors are refused, naming them.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/estimate/load_model.h"
#include "core/export/exporter.h"
#include "core/export/memory_map.h"
#include "core/graph/shape_inference.h"
#include "core/interpreter/interpreter.h"
#include "core/model/tensor_model.h"
#include "core/quant/float_graph_builder.h"
#include "core/quant/quantize_graph.h"
#include "core/tflite/tflite_reader.h"
#include "core/tflite/tflite_schema_generated.h"
#include "core/tflite/tflite_writer.h"
#include "export_test_util.h"

namespace tinyforge {
namespace {

using testing::bundledBoards;
using testing::kSharedModels;
using testing::TempDir;

constexpr const char* kBoard = "stm32f746zg";

// Random calibration samples for a float graph with one input.
std::vector<FloatSample> samplesFor(const std::vector<int32_t>& shape, uint32_t seed) {
  testing::Rng rng(seed);
  size_t count = 1;
  for (int32_t d : shape) count *= static_cast<size_t>(d);
  std::vector<FloatSample> samples;
  for (int i = 0; i < 8; ++i) {
    FloatSample sample{std::vector<float>(count)};
    for (float& v : sample[0]) v = rng.uniform(-1.0f, 1.0f);
    samples.push_back(sample);
  }
  return samples;
}

// The chain of tflm_offline_plan_test.cpp with trained-looking weights, quantized: TFLM's
// greedy head is 19,456 B, the best plan 14,336 B (the bound).
Graph quantizedChain() {
  testing::Rng rng(11);
  Graph g;
  g.name = "chain";
  g.nodes.push_back(testing::inputNode("input", {1, 32, 32, 8}));
  g.nodes.push_back(testing::convNode("c1", "input", 8, 5, 1, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("c2", "c1", 5, 7, 1, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("c3", "c2", 7, 7, 1, 1, Activation::None, rng));
  Graph q = quantize(g, samplesFor({1, 32, 32, 8}, 3));
  q.name = g.name;
  return q;
}

// The branches of operator_order_test.cpp, quantized: in the listed order (A first) the
// head bound is 11,264 B, B first 9,472 B.
Graph quantizedBranches() {
  testing::Rng rng(5);
  Graph g;
  g.name = "branches";
  g.nodes.push_back(testing::inputNode("input", {1, 8, 8, 16}));
  g.nodes.push_back(testing::convNode("a1", "input", 16, 32, 1, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("a2", "a1", 32, 32, 1, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("b1", "input", 16, 128, 1, 1, Activation::Relu, rng));
  g.nodes.push_back(testing::convNode("b2", "b1", 128, 4, 1, 1, Activation::Relu, rng));
  Node cat = testing::layerNode("cat", NodeKind::Concatenation, "a2");
  cat.inputs.push_back("b2");
  g.nodes.push_back(cat);
  Graph q = quantize(g, samplesFor({1, 8, 8, 16}, 4));
  q.name = g.name;
  return q;
}

// Inputs for any model: random int8 bytes, or floats in [-1, 1) for float inputs.
std::vector<std::vector<uint8_t>> randomInputs(const Interpreter& interpreter, uint32_t seed) {
  testing::Rng rng(seed);
  std::vector<std::vector<uint8_t>> inputs;
  for (const auto& input : interpreter.inputs()) {
    std::vector<uint8_t> bytes(static_cast<size_t>(input.bytes));
    if (input.type == DataType::Float32) {
      for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
        const float v = rng.uniform(-1.0f, 1.0f);
        std::memcpy(&bytes[i], &v, 4);
      }
    } else {
      for (auto& b : bytes) b = static_cast<uint8_t>(rng.next() >> 24);
    }
    inputs.push_back(std::move(bytes));
  }
  return inputs;
}

void expectSameOutputs(const Graph& a, const Graph& b, int runs = 3) {
  Interpreter first(inferShapes(a));
  Interpreter second(inferShapes(b));
  for (int run = 0; run < runs; ++run) {
    const auto inputs = randomInputs(first, 100 + static_cast<uint32_t>(run));
    EXPECT_EQ(first.invoke(inputs), second.invoke(inputs)) << "run " << run;
  }
}

std::vector<int32_t> offlinePlanWords(const std::vector<uint8_t>& file) {
  const tflite::Model* model = tflite::GetModel(file.data());
  if (!model->metadata()) return {};
  for (const auto* m : *model->metadata()) {
    if (m->name()->str() != "OfflineMemoryAllocation") continue;
    const auto* data = model->buffers()->Get(m->buffer())->data();
    std::vector<int32_t> words(data->size() / 4);
    std::memcpy(words.data(), data->data(), words.size() * 4);
    return words;
  }
  return {};
}

void expectSameArena(const MemoryTotals& a, const MemoryTotals& b) {
  EXPECT_EQ(a.head_bytes, b.head_bytes);
  EXPECT_EQ(a.tail_bytes, b.tail_bytes);
  EXPECT_EQ(a.recorded_tail_bytes, b.recorded_tail_bytes);
  EXPECT_EQ(a.arena_bytes, b.arena_bytes);
  EXPECT_EQ(a.min_arena_bytes, b.min_arena_bytes);
  EXPECT_EQ(a.sram_bytes, b.sram_bytes);
}

TEST(MemoryPlanning, BestPlanIsShippedToTflmAndReproducedByTheFile) {
  const Graph chain = quantizedChain();
  const Estimator greedy(bundledBoards());
  EstimatorSettings best_settings;
  best_settings.planner = MemoryPlanner::Best;
  const Estimator best(bundledBoards(), best_settings);
  const Estimate plain = greedy.estimate(chain, kBoard, RuntimeKind::Tflm);
  const Estimate planned = best.estimate(chain, kBoard, RuntimeKind::Tflm);
  EXPECT_EQ(plain.memory.head_bytes, 19456);
  EXPECT_EQ(plain.memory.head_lower_bound_bytes, 14336);
  EXPECT_FALSE(plain.offline_plan);
  EXPECT_EQ(planned.memory.head_bytes, 14336);
  EXPECT_EQ(planned.memory.greedy_head_bytes, 19456);
  EXPECT_TRUE(planned.offline_plan);
  EXPECT_TRUE(planned.plan_optimal);
  // Only the head changes; the file grows by the plan's metadata.
  EXPECT_EQ(planned.memory.tail_bytes, plain.memory.tail_bytes);
  EXPECT_GT(planned.memory.model_flash_bytes, plain.memory.model_flash_bytes);

  ExportOptions options;
  options.boards = {kBoard};
  options.planner = MemoryPlanner::Best;
  options.formats = {ExportFormat::Tflite, ExportFormat::MemoryMap};
  std::vector<OutputFile> files;
  const ExportResult result = prepareExport(chain, options, greedy, files);
  const std::vector<int32_t> words = offlinePlanWords(result.tflite);
  const TensorModel model = lower(inferShapes(chain));
  ASSERT_EQ(words.size(), 3 + model.tensors.size());
  EXPECT_EQ(words[0], 1);  // version
  EXPECT_EQ(words[1], 1);  // subgraphs
  EXPECT_EQ(words[2], static_cast<int32_t>(model.tensors.size()));
  // The file's estimate (TFLM taking the plan it carries) is the best estimate, Flash
  // included: the estimate of a model with the best planner predicts the exported file.
  expectSameArena(result.estimates[0].memory, planned.memory);
  EXPECT_EQ(result.estimates[0].memory.model_flash_bytes, static_cast<int64_t>(result.tflite.size()));
  EXPECT_EQ(planned.memory.model_flash_bytes, static_cast<int64_t>(result.tflite.size()));

  // Imported again: the plan is read, the arena is the plan's head plus TFLM's own tail.
  const Graph imported = importTfliteBytes(result.tflite.data(), result.tflite.size(), "chain.tflite");
  const Estimate reread = greedy.estimate(imported, kBoard, RuntimeKind::Tflm);
  expectSameArena(reread.memory, planned.memory);
  EXPECT_EQ(reread.memory.head_bytes, 14336);
  EXPECT_EQ(reread.memory.tail_bytes, plain.memory.tail_bytes);
  EXPECT_TRUE(reread.offline_plan);
  EXPECT_EQ(reread.plan_method, "the model's offline plan");
  for (const ArenaBuffer& b : reread.arena) {
    for (size_t t = 0; t < model.tensors.size(); ++t)
      if (model.tensors[t].name == b.name) EXPECT_EQ(words[3 + t], b.offset_bytes) << b.name;
  }

  // The interpreter places the tensors where the file says (all four are planned, so its
  // arena is the plan's 14,336 B) and computes what the model without a plan computes.
  Interpreter on_plan(inferShapes(imported));
  EXPECT_EQ(on_plan.arenaBytes(), 14336);
  expectSameOutputs(chain, imported, 5);

  // The memory map shows both plans.
  const auto map = std::find_if(files.begin(), files.end(), [](const OutputFile& f) {
    return f.path == std::string(kBoard) + "/memory_map.json";
  });
  ASSERT_NE(map, files.end());
  const auto json = nlohmann::json::parse(map->contents);
  EXPECT_EQ(json["plan"]["planner"], "best planner (offline plan in the model)");
  EXPECT_EQ(json["plan"]["head_bytes"], 14336);
  EXPECT_EQ(json["plan"]["head_lower_bound_bytes"], 14336);
  EXPECT_EQ(json["plan"]["other_plan"]["planner"], "TFLM greedy");
  EXPECT_EQ(json["plan"]["other_plan"]["head_bytes"], 19456);
}

TEST(MemoryPlanning, EverySharedModelExportedWithAPlanRunsAndEstimatesAsBefore) {
  // TFLM's own head is at the bound on these models, so the forced plan must give TFLM
  // exactly its own arena back, and the interpreter (running on the file's offsets) the
  // same outputs.
  const Estimator estimator(bundledBoards());
  for (const char* file : {"kws_micronet_m.tflite", "ds_cnn_s_quantized.tflite", "ad_small_int8.tflite",
                           "vww2_50_50_INT8.tflite", "person_detect.tflite", "micro_speech_quantized.tflite",
                           "hello_world_int8.tflite", "test_conv_model.tflite", "network_tester_model.tflite",
                           "simple_add_model.tflite"}) {
    SCOPED_TRACE(file);
    const Graph graph = importTflite(kSharedModels + file);
    for (RuntimeKind runtime : {RuntimeKind::Tflm, RuntimeKind::TflmCmsis}) {
      ExportOptions options;
      options.boards = {kBoard};
      options.runtime = runtime;
      options.offline_plan = true;
      options.formats = {ExportFormat::Tflite};
      std::vector<OutputFile> files;
      const ExportResult result = prepareExport(graph, options, estimator, files);
      ASSERT_FALSE(offlinePlanWords(result.tflite).empty());
      const Graph imported = importTfliteBytes(result.tflite.data(), result.tflite.size(), file);
      const Estimate before = estimator.estimate(graph, kBoard, runtime);
      const Estimate after = estimator.estimate(imported, kBoard, runtime);
      expectSameArena(after.memory, before.memory);
      EXPECT_TRUE(after.offline_plan);
      EXPECT_EQ(after.memory.model_flash_bytes, static_cast<int64_t>(result.tflite.size()));
      if (runtime == RuntimeKind::Tflm) expectSameOutputs(graph, imported, 2);
    }
  }
}

TEST(MemoryPlanning, ReorderedModelIsSmallerAndComputesTheSame) {
  const Graph branches = quantizedBranches();
  EstimatorSettings settings;
  settings.reorder = true;
  const Estimator reordering(bundledBoards(), settings);
  const Estimate e = reordering.estimate(branches, kBoard, RuntimeKind::Tflm);
  EXPECT_TRUE(e.reorder.searched);
  EXPECT_TRUE(e.reorder.changed);
  EXPECT_TRUE(e.reorder.exact);
  EXPECT_EQ(e.reorder.original_peak_bytes, 11264);
  EXPECT_EQ(e.reorder.peak_bytes, 9472);
  EXPECT_EQ(e.memory.head_lower_bound_bytes, 9472);
  const Estimate plain = Estimator(bundledBoards()).estimate(branches, kBoard, RuntimeKind::Tflm);
  EXPECT_EQ(plain.memory.head_lower_bound_bytes, 11264);
  EXPECT_LT(e.memory.head_bytes, plain.memory.head_bytes);

  ExportOptions options;
  options.boards = {kBoard};
  options.reorder = true;
  options.formats = {ExportFormat::Tflite};
  std::vector<OutputFile> files;
  const ExportResult result = prepareExport(branches, options, Estimator(bundledBoards()), files);
  // TFLM runs operators in file order: the file has branch B first.
  const Graph imported = importTfliteBytes(result.tflite.data(), result.tflite.size(), "branches.tflite");
  // (The writer gives tensors converter-style names, ".../b1/PartitionedCall/...".)
  std::vector<std::string> order;
  for (const Node& node : imported.nodes) {
    if (node.kind == NodeKind::Input) continue;
    for (const char* layer : {"a1", "a2", "b1", "b2", "cat"})
      if (node.output_name.find(std::string("/") + layer + "/") != std::string::npos) order.push_back(layer);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"b1", "b2", "a1", "a2", "cat"}));
  EXPECT_EQ(result.estimates[0].memory.head_bytes, e.memory.head_bytes);
  expectSameOutputs(branches, imported, 5);
}

TEST(MemoryPlanning, AnOverlappingPlanIsRefusedEverywhereWithTheTensorsNamed) {
  const Graph chain = quantizedChain();
  ExportOptions options;
  options.boards = {kBoard};
  options.planner = MemoryPlanner::Best;
  options.formats = {ExportFormat::Tflite};
  std::vector<OutputFile> files;
  const ExportResult result = prepareExport(chain, options, Estimator(bundledBoards()), files);
  // Corrupt the file: c2 onto c1's bytes (both alive at c2's operator).
  std::vector<uint8_t> bytes = result.tflite;
  const TensorModel model = lower(inferShapes(chain));
  int c1 = -1, c2 = -1;
  for (size_t t = 0; t < model.tensors.size(); ++t) {
    if (model.tensors[t].name == "c1") c1 = static_cast<int>(t);
    if (model.tensors[t].name == "c2") c2 = static_cast<int>(t);
  }
  const std::vector<int32_t> words = offlinePlanWords(bytes);
  ASSERT_EQ(words[3 + c1], 8192);
  const tflite::Model* parsed = tflite::GetModel(bytes.data());
  const uint8_t* plan = nullptr;
  for (const auto* m : *parsed->metadata())
    if (m->name()->str() == "OfflineMemoryAllocation") plan = parsed->buffers()->Get(m->buffer())->data()->data();
  ASSERT_NE(plan, nullptr);
  const int32_t onto_c1 = 8192;
  std::memcpy(bytes.data() + (plan - bytes.data()) + 4 * (3 + c2), &onto_c1, 4);

  TempDir dir("bad_plan");
  const std::string path = dir / "bad.tflite";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
  try {
    loadModelFile(path);
    FAIL() << "the overlapping plan was accepted";
  } catch (const ModelFileError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    // (The written tensors have converter-style names, ".../c1/PartitionedCall/...".)
    EXPECT_NE(message.find("tensor " + std::to_string(c1) + " '"), std::string::npos) << message;
    EXPECT_NE(message.find("tensor " + std::to_string(c2) + " '"), std::string::npos) << message;
    EXPECT_NE(message.find("/c1/"), std::string::npos) << message;
    EXPECT_NE(message.find("/c2/"), std::string::npos) << message;
    EXPECT_NE(message.find("at bytes [8192, 13312)"), std::string::npos) << message;
    EXPECT_NE(message.find("at operator 1 (layer '"), std::string::npos) << message;
  }
  // The same graph reaches the estimator, the interpreter and the exporter by other ways
  // (a JSON file, the studio): each refuses it too.
  const Graph bad = importTfliteBytes(bytes.data(), bytes.size(), "bad.tflite");
  EXPECT_THROW(Estimator(bundledBoards()).estimate(bad, kBoard, RuntimeKind::Tflm), std::invalid_argument);
  EXPECT_THROW(Interpreter{inferShapes(bad)}, InterpreterError);
  ExportOptions keep;
  keep.boards = {kBoard};
  keep.formats = {ExportFormat::Tflite};
  std::vector<OutputFile> none;
  try {
    prepareExport(bad, keep, Estimator(bundledBoards()), none);
    FAIL() << "the overlapping plan was written";
  } catch (const ExportError& error) {
    EXPECT_NE(std::string(error.what()).find("/c1/"), std::string::npos) << error.what();
  }
  // Planning anew replaces it.
  std::vector<OutputFile> replanned;
  EXPECT_NO_THROW(prepareExport(bad, options, Estimator(bundledBoards()), replanned));
}

}  // namespace
}  // namespace tinyforge
