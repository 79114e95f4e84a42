// The DNAS backbones (resources/models/*_backbone.json): their search options, and that the
// published MicroNets are sub-networks of them (a search over these spaces can find them).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

std::string modelPath(const std::string& file) { return std::string(TINYFORGE_RESOURCES_DIR) + "/models/" + file; }

std::vector<const Node*> nodesOfKind(const Graph& graph, NodeKind kind) {
  std::vector<const Node*> nodes;
  for (const Node& node : graph.nodes)
    if (node.kind == kind) nodes.push_back(&node);
  return nodes;
}

bool contains(const std::vector<int>& values, int value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Every multiple of 4 from 10% (rounded up to a multiple of 4) to 100% of `full`.
std::vector<int> multiplesOf4(int full) {
  std::vector<int> widths;
  for (int width = (full / 10 + 3) / 4 * 4; width <= full; width += 4) widths.push_back(width);
  return widths;
}

TEST(KwsBackbone, IsDsCnnLargeWithFourMoreBlocksAllSkippable) {
  const Graph graph = loadGraphJson(modelPath("kws_backbone.json"));
  const auto blocks = nodesOfKind(graph, NodeKind::DepthwiseSeparable);
  ASSERT_EQ(blocks.size(), 9u);  // DS-CNN-L's 5 DS blocks + 4
  for (const Node* block : blocks) {
    EXPECT_EQ(block->out_channels, 276) << block->name;
    EXPECT_TRUE(block->search.skippable) << block->name;
    EXPECT_EQ(block->search.widths, multiplesOf4(276)) << block->name;
    EXPECT_EQ(block->search.widths.front(), 28);
    EXPECT_EQ(block->search.widths.back(), 276);
  }
  EXPECT_EQ(graph.find("conv1")->search.widths, multiplesOf4(276));
  EXPECT_FALSE(graph.find("conv1")->search.skippable);
  const ShapedGraph shapes = inferShapes(graph);
  const auto& first = shapes.layers[static_cast<size_t>(
      std::find_if(shapes.expanded.nodes.begin(), shapes.expanded.nodes.end(),
                   [](const Node& node) { return node.name == "ds1/dw"; }) -
      shapes.expanded.nodes.begin())];
  EXPECT_EQ(first.output_shape, (std::vector<int32_t>{1, 25, 5, 276}));
}

TEST(AdBackbone, LastTwoBlocksBringTheMapTo4x4) {
  const Graph graph = loadGraphJson(modelPath("ad_backbone.json"));
  const auto blocks = nodesOfKind(graph, NodeKind::DepthwiseSeparable);
  ASSERT_EQ(blocks.size(), 5u);  // DS-CNN-L's 5 DS blocks
  for (const Node* block : blocks) {
    EXPECT_TRUE(block->search.skippable) << block->name;
    EXPECT_EQ(block->search.widths, multiplesOf4(276)) << block->name;
  }
  EXPECT_EQ(blocks[3]->stride_h, 2);
  EXPECT_EQ(blocks[4]->stride_h, 2);
  const ShapedGraph shapes = inferShapes(graph);
  for (size_t i = 0; i < shapes.expanded.nodes.size(); ++i)
    if (shapes.expanded.nodes[i].name == "ds5/pw")
      EXPECT_EQ(shapes.layers[i].output_shape, (std::vector<int32_t>{1, 4, 4, 276}));
}

// A published model is a sub-network of a backbone when its stem conv has the same geometry
// and a width the backbone offers, and its DS blocks are the backbone's blocks in order with
// allowed widths, where each left-out backbone block is skippable and keeps the map size
// (a skipped stride-2 block would become average pooling, which no published model has).
void expectSubnet(const std::string& model_file, const std::string& backbone_file) {
  SCOPED_TRACE(model_file + " in " + backbone_file);
  const Graph model = loadGraphJson(modelPath(model_file));
  const Graph backbone = loadGraphJson(modelPath(backbone_file));
  EXPECT_EQ(model.find("input")->shape, backbone.find("input")->shape);
  const Node* stem = model.find("conv1");
  const Node* backbone_stem = backbone.find("conv1");
  ASSERT_TRUE(stem && backbone_stem);
  EXPECT_EQ(stem->kernel_h, backbone_stem->kernel_h);
  EXPECT_EQ(stem->kernel_w, backbone_stem->kernel_w);
  EXPECT_EQ(stem->stride_h, backbone_stem->stride_h);
  EXPECT_TRUE(contains(backbone_stem->search.widths, stem->out_channels)) << stem->out_channels;

  const auto blocks = nodesOfKind(model, NodeKind::DepthwiseSeparable);
  const auto options = nodesOfKind(backbone, NodeKind::DepthwiseSeparable);
  size_t next = 0;
  for (const Node* block : blocks) {
    while (next < options.size() && options[next]->stride_h != block->stride_h) {
      EXPECT_TRUE(options[next]->search.skippable) << options[next]->name;
      EXPECT_EQ(options[next]->stride_h, 1) << options[next]->name << " would be skipped";
      ++next;
    }
    ASSERT_LT(next, options.size()) << block->name << " has no counterpart";
    EXPECT_TRUE(contains(options[next]->search.widths, block->out_channels))
        << block->name << " width " << block->out_channels;
    EXPECT_EQ(options[next]->kernel_h, block->kernel_h);
    ++next;
  }
  for (; next < options.size(); ++next) EXPECT_TRUE(options[next]->search.skippable) << options[next]->name;
  EXPECT_EQ(model.find("pool")->kernel_h, backbone.find("pool")->kernel_h);
  EXPECT_EQ(model.find("pool")->kernel_w, backbone.find("pool")->kernel_w);
}

TEST(KwsBackbone, PublishedMicroNetsAreSubnetworks) {
  expectSubnet("micronet_kws_l.json", "kws_backbone.json");
  expectSubnet("micronet_kws_m.json", "kws_backbone.json");
  expectSubnet("micronet_kws_s.json", "kws_backbone.json");
}

TEST(AdBackbone, PublishedMicroNetsAreSubnetworks) {
  expectSubnet("micronet_ad_l.json", "ad_backbone.json");
  expectSubnet("micronet_ad_m.json", "ad_backbone.json");
  expectSubnet("micronet_ad_s.json", "ad_backbone.json");
}

// MobileNetV2's layer table (Sandler et al. 2018, Table 2): t, c, n, s per stage.
TEST(VwwBackbone, IsMobileNetV2WithTenPercentWidthSteps) {
  const Graph graph = loadGraphJson(modelPath("vww_backbone.json"));
  const auto blocks = nodesOfKind(graph, NodeKind::InvertedBottleneck);
  ASSERT_EQ(blocks.size(), 17u);
  const struct {
    int expansion, channels, repeats, stride;
  } stages[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  size_t index = 0;
  for (const auto& stage : stages) {
    for (int repeat = 0; repeat < stage.repeats; ++repeat, ++index) {
      const Node& block = *blocks[index];
      EXPECT_EQ(block.expansion, stage.expansion) << block.name;
      EXPECT_EQ(block.out_channels, stage.channels) << block.name;
      EXPECT_EQ(block.stride_h, repeat == 0 ? stage.stride : 1) << block.name;
      EXPECT_FALSE(block.search.skippable) << block.name;
    }
  }
  // 10%..100% in 10% steps, rounded to whole channels: e.g. 24 -> 2,5,7,10,12,14,17,19,22,24.
  EXPECT_EQ(blocks[1]->search.widths, (std::vector<int>{2, 5, 7, 10, 12, 14, 17, 19, 22, 24}));
  for (const char* name : {"conv1", "conv_last"}) {
    const Node* conv = graph.find(name);
    ASSERT_TRUE(conv) << name;
    ASSERT_EQ(conv->search.widths.size(), 10u) << name;
    EXPECT_EQ(conv->search.widths.back(), conv->out_channels) << name;
    EXPECT_EQ(conv->search.widths.front(), (conv->out_channels + 5) / 10) << name;
  }
  for (const Node* block : blocks) {
    EXPECT_EQ(block->search.widths.back(), block->out_channels) << block->name;
    EXPECT_EQ(block->search.widths.size(), 10u) << block->name;  // 16 channels and up: no two steps collide
  }

  // MobileNetV2's 10 residual connections (stride 1, same channels in and out).
  const ShapedGraph shapes = inferShapes(graph);
  const auto adds = std::count_if(shapes.expanded.nodes.begin(), shapes.expanded.nodes.end(),
                                  [](const Node& node) { return node.kind == NodeKind::Add; });
  EXPECT_EQ(adds, 10);
}

// At MobileNetV2's own resolution and classes (224x224x3, 1000), the backbone is MobileNetV2
// 1.0: the paper gives 300M multiply-adds and 3.4M parameters (Sandler et al. 2018, Table 4).
TEST(VwwBackbone, AtImageNetResolutionIsMobileNetV2Sized) {
  Graph graph = loadGraphJson(modelPath("vww_backbone.json"));
  graph.find("input")->shape = {1, 224, 224, 3};
  graph.find("pool")->kernel_h = graph.find("pool")->kernel_w = 7;  // global pooling of the 7x7 map
  graph.find("classifier")->out_channels = 1000;
  graph.find("reshape")->shape = {1, 1000};
  const LayerCost total = totalCost(layerCosts(inferShapes(graph)));
  EXPECT_NEAR(static_cast<double>(total.macs) / 300e6, 1.0, 0.01) << total.macs;
  EXPECT_NEAR(static_cast<double>(total.params()) / 3.4e6, 1.0, 0.03) << total.params();
}

}  // namespace
}  // namespace tinyforge
