// A search with "weight_bits": 4 ships int4 weights: the final graph's conv and FC filters
// are packed int4 (two per byte), the estimator counts half the bytes of the same
// architecture at int8 (hand-computed from the layer shapes below), and the model measured
// on the interpreter learns the synthetic task, with and without fake quantization.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include "core/boards/board_library.h"
#include "core/cost/layer_cost.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/kernels/int4.h"
#include "core/nas/budget_fit.h"
#include "core/nas/search_job.h"
#include "tiny_kws_backbone.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tinyforge_int4_" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), (path / "tiny.json").string());
  }
  ~TempDir() { fs::remove_all(path); }
};

SearchResult search(const fs::path& dir, const std::string& name, int weight_bits, bool fake_quant,
                    int warmup_epochs = 1, int64_t ops_budget = 0) {
  const std::string text = R"({"backbone": "tiny.json", "data": "synthetic", "board": "stm32f446re", "budgets": {"ops": )" +
                           std::to_string(ops_budget) + R"(},
      "epochs": 4, "finetune_epochs": 1, "warmup_epochs": )" + std::to_string(warmup_epochs) + R"(, "batch_size": 32, "lr": 0.01, "arch_lr": 0.05,
      "threads": 1, "seed": 7, "name": ")" + name + R"(", "weight_bits": )" + std::to_string(weight_bits) +
                           R"(, "fake_quant": )" + (fake_quant ? "true" : "false") +
                           R"(, "synthetic": {"train": 192, "validation": 96, "test": 96, "classes": 4, "noise": 0.5}})";
  const SearchConfig config = searchConfigFromJson(text, (dir / (name + ".json")).string(), dir.string());
  return SearchJob(config, std::make_shared<BoardLibrary>(BoardLibrary::loadBundled())).run(nullptr);
}

bool weighted(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected;
}

// Weights of every layer from its geometry (not from the stored tensors): Conv2D
// out x kh x kw x in, depthwise kh x kw x in x multiplier, FullyConnected units x in.
struct HandWeights {
  int64_t elements = 0;       // = int8 bytes
  int64_t int4_bytes = 0;     // two per byte, each tensor rounded up to whole bytes
  int layers = 0;
};

HandWeights handWeights(const Graph& graph) {
  const ShapedGraph shaped = inferShapes(graph);
  HandWeights hand;
  for (size_t l = 0; l < shaped.layers.size(); ++l) {
    const Node& node = shaped.expanded.nodes[l];
    if (!weighted(node.kind)) continue;
    const auto& in = shaped.layers[l].input_shapes.at(0);
    const int64_t in_channels = in.back();
    int64_t e = 0;
    if (node.kind == NodeKind::Conv2D) e = int64_t(node.out_channels) * node.kernel_h * node.kernel_w * in_channels;
    if (node.kind == NodeKind::DepthwiseConv2D) e = int64_t(node.kernel_h) * node.kernel_w * in_channels * node.depth_multiplier;
    if (node.kind == NodeKind::FullyConnected) {
      int64_t inputs = 1;
      for (size_t d = 1; d < in.size(); ++d) inputs *= in[d];
      e = int64_t(node.out_channels) * inputs;
    }
    hand.elements += e;
    hand.int4_bytes += (e + 1) / 2;
    ++hand.layers;
  }
  return hand;
}

int64_t estimatedWeightBytes(const Graph& graph) {
  int64_t bytes = 0;
  for (const LayerCost& cost : layerCosts(inferShapes(graph))) bytes += cost.weight_bytes;
  return bytes;
}

// The same model with its int4 filters widened to int8 (same values): the same
// architecture at 8 bits.
Graph widenedToInt8(Graph graph) {
  for (Node& node : graph.nodes) {
    if (!weighted(node.kind)) continue;
    node.weight_type = DataType::Int8;
    for (ConstTensor& c : node.constants) {
      if (c.role != "filter" || c.type != DataType::Int4) continue;
      int64_t elements = 1;
      for (int32_t d : c.shape) elements *= d;
      const std::vector<int8_t> values = kernels::unpackInt4(c.data, elements);
      c.data.assign(reinterpret_cast<const uint8_t*>(values.data()),
                    reinterpret_cast<const uint8_t*>(values.data()) + values.size());
      c.type = DataType::Int8;
    }
  }
  return graph;
}

void expectInt4Model(const SearchResult& result, const std::string& label) {
  SCOPED_TRACE(label + ": " + result.final_candidate.architecture);
  ASSERT_TRUE(result.finished);
  const Graph& graph = result.final_candidate.graph;
  const ShapedGraph shaped = inferShapes(graph);
  int int4_filters = 0;
  for (const Node& node : shaped.expanded.nodes) {
    if (!weighted(node.kind)) continue;
    EXPECT_EQ(node.weight_type, DataType::Int4) << node.name;
    for (const ConstTensor& c : node.constants) {
      if (c.role != "filter") continue;
      EXPECT_EQ(c.type, DataType::Int4) << node.name;
      int64_t elements = 1;
      for (int32_t d : c.shape) elements *= d;
      EXPECT_EQ(static_cast<int64_t>(c.data.size()), (elements + 1) / 2) << node.name << ": packed two per byte";
      for (int8_t v : kernels::unpackInt4(c.data, elements)) ASSERT_TRUE(v >= -7 && v <= 7) << node.name;
      ++int4_filters;
    }
    for (const ConstTensor& c : node.constants)
      if (c.role == "bias") EXPECT_EQ(c.type, DataType::Int32) << node.name;
  }
  const HandWeights hand = handWeights(graph);
  EXPECT_EQ(int4_filters, hand.layers);
  ASSERT_GE(hand.layers, 2);  // conv1 and the classifier at least
  // Eq. 2's weight term and the estimator: the hand-computed packed bytes.
  EXPECT_EQ(estimatedWeightBytes(graph), hand.int4_bytes);
  EXPECT_DOUBLE_EQ(result.final_candidate.costs.flash_bytes,
                   [&] {
                     int64_t flash = 0;
                     for (const LayerCost& cost : layerCosts(shaped))
                       flash += cost.weight_bytes + cost.bias_bytes + cost.quant_params_bytes;
                     return static_cast<double>(flash);
                   }());
  // The same architecture at int8: twice the weight bytes (each odd-sized tensor rounds up
  // half a byte at int4).
  const Graph at8 = widenedToInt8(graph);
  EXPECT_EQ(estimatedWeightBytes(at8), hand.elements);
  EXPECT_LE(2 * hand.int4_bytes - hand.elements, hand.layers);
  // The whole model's Flash shrinks by those bytes (the file's 16-byte buffer alignment aside).
  const Estimator estimator(std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()));
  const Estimate e4 = estimator.estimate(graph, "stm32f446re", RuntimeKind::TflmCmsis);
  const Estimate e8 = estimator.estimate(at8, "stm32f446re", RuntimeKind::TflmCmsis);
  const int64_t saved = e8.memory.model_flash_bytes - e4.memory.model_flash_bytes;
  EXPECT_NEAR(static_cast<double>(saved), static_cast<double>(hand.elements - hand.int4_bytes), 16.0 * hand.layers)
      << "int8 model " << e8.memory.model_flash_bytes << " B, int4 model " << e4.memory.model_flash_bytes << " B";
  // The file written is the estimated size.
  ASSERT_FALSE(result.final_tflite_path.empty());
  EXPECT_EQ(static_cast<int64_t>(fs::file_size(result.final_tflite_path)), e4.memory.model_flash_bytes);
  // The int4 model, run on the interpreter, beats chance (4 classes: 25%) clearly.
  EXPECT_GT(result.final_candidate.int8_accuracy, 0.5);
  std::cout << label << ": " << result.final_candidate.architecture << ", int4 weights " << hand.int4_bytes
            << " B (int8 " << hand.elements << " B), model " << e4.memory.model_flash_bytes << " B (at int8 "
            << e8.memory.model_flash_bytes << " B), accuracy on the interpreter "
            << result.final_candidate.int8_accuracy << " (float " << result.final_candidate.float_accuracy << ")\n";
}

TEST(SearchInt4, FakeQuantizedFourBitSearchShipsInt4Weights) {
  TempDir dir;
  expectInt4Model(search(dir.path, "w4fq", 4, true), "int4, fake quant");
}

TEST(SearchInt4, PostTrainingFourBitSearchShipsInt4Weights) {
  TempDir dir;
  expectInt4Model(search(dir.path, "w4ptq", 4, false), "int4, post-training");
}

TEST(SearchInt4, FourBitWeightsAreHalfTheEightBitRunsOfTheSameArchitecture) {
  // Warm-up only: the architecture parameters never move, so both runs derive the same
  // architecture whatever the bit width does to training. The ops budget of the smallest
  // architecture stops the derivation from growing it towards the expected costs, whose
  // Flash part differs with the bit width.
  TempDir dir;
  const SearchSpace space(loadGraphJson((dir.path / "tiny.json").string()));
  const auto smallest_ops = static_cast<int64_t>(choiceCosts(space, space.smallest()).ops);
  const SearchResult r8 = search(dir.path, "w8", 8, true, /*warmup_epochs=*/4, smallest_ops);
  const SearchResult r4 = search(dir.path, "w4", 4, true, /*warmup_epochs=*/4, smallest_ops);
  ASSERT_EQ(r8.final_candidate.architecture, space.describe(space.smallest()));
  ASSERT_TRUE(r8.finished && r4.finished);
  ASSERT_EQ(r4.final_candidate.architecture, r8.final_candidate.architecture);
  const HandWeights h8 = handWeights(r8.final_candidate.graph);
  const HandWeights h4 = handWeights(r4.final_candidate.graph);
  ASSERT_EQ(h4.elements, h8.elements);
  EXPECT_EQ(estimatedWeightBytes(r8.final_candidate.graph), h8.elements);
  EXPECT_EQ(estimatedWeightBytes(r4.final_candidate.graph), h4.int4_bytes);
  EXPECT_NEAR(static_cast<double>(h4.int4_bytes) / static_cast<double>(h8.elements), 0.5, 0.01);
  // Eq. 2 as the search saw it: the weight bytes halve, biases and scales stay.
  EXPECT_DOUBLE_EQ(r8.final_candidate.costs.flash_bytes - r4.final_candidate.costs.flash_bytes,
                   static_cast<double>(h8.elements - h4.int4_bytes));
  // The shipped files: smaller by those bytes, up to the 16-byte alignment of each buffer.
  const double saved = static_cast<double>(fs::file_size(r8.final_tflite_path)) -
                       static_cast<double>(fs::file_size(r4.final_tflite_path));
  EXPECT_NEAR(saved, static_cast<double>(h8.elements - h4.int4_bytes), 16.0 * h4.layers);
  // (No accuracy bound here: the untrained architecture choice is the smallest one; the
  // tests above bound the accuracy of searched int4 models.)
  std::cout << r4.final_candidate.architecture << ": weights " << h8.elements << " B at int8, " << h4.int4_bytes
            << " B at int4; files " << fs::file_size(r8.final_tflite_path) << " / "
            << fs::file_size(r4.final_tflite_path) << " B; accuracy " << r8.final_candidate.int8_accuracy << " / "
            << r4.final_candidate.int8_accuracy << "\n";
}

}  // namespace
}  // namespace tinyforge
