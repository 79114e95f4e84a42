// The bundled reference models (resources/models/*.json): every file loads and shape-checks,
// and the op counts (1 MAC = 2 ops, MicroNets' convention) match the papers' tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {
namespace {

std::string modelPath(const std::string& file) { return std::string(TINYFORGE_RESOURCES_DIR) + "/models/" + file; }

ShapedGraph shaped(const std::string& file) { return inferShapes(loadGraphJson(modelPath(file))); }

int64_t opsOf(const ShapedGraph& graph) { return totalCost(layerCosts(graph)).ops(); }
int64_t macsOf(const ShapedGraph& graph) { return totalCost(layerCosts(graph)).macs; }

std::vector<int32_t> outputShape(const ShapedGraph& graph) {
  EXPECT_EQ(graph.outputs.size(), 1u);
  return graph.layers.at(static_cast<size_t>(graph.outputs.at(0))).output_shape;
}

TEST(ReferenceModels, EveryBundledFileLoadsShapeChecksAndIsDescribed) {
  const std::vector<std::string> expected{
      "micronet_kws_l.json", "micronet_kws_m.json", "micronet_kws_s.json", "micronet_ad_l.json",
      "micronet_ad_m.json",  "micronet_ad_s.json",  "ds_cnn_s.json",       "ds_cnn_m.json",
      "ds_cnn_l.json",       "kws_backbone.json",   "ad_backbone.json",    "vww_backbone.json"};
  for (const auto& file : expected) EXPECT_TRUE(std::filesystem::exists(modelPath(file))) << file;

  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TINYFORGE_RESOURCES_DIR) + "/models")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    Graph graph;
    ASSERT_NO_THROW(graph = loadGraphJson(entry.path().string()));
    EXPECT_FALSE(graph.name.empty());
    EXPECT_NE(graph.description.find("Source"), std::string::npos) << "the description names its source";
    ShapedGraph shapes;
    ASSERT_NO_THROW(shapes = inferShapes(graph));
    EXPECT_GT(opsOf(shapes), 0);
    // Bundled models are int8 throughout.
    for (const Node& node : shapes.expanded.nodes) {
      EXPECT_EQ(node.activation_type, DataType::Int8) << node.name;
      EXPECT_EQ(node.weight_type, DataType::Int8) << node.name;
    }
  }
  EXPECT_GE(files, static_cast<int>(expected.size()));
}

TEST(ReferenceModels, ClassifierOutputs) {
  EXPECT_EQ(outputShape(shaped("micronet_kws_l.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("micronet_kws_m.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("micronet_kws_s.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("micronet_ad_l.json")), (std::vector<int32_t>{1, 4}));  // Table 5: FC(c:4)
  EXPECT_EQ(outputShape(shaped("micronet_ad_m.json")), (std::vector<int32_t>{1, 4}));
  EXPECT_EQ(outputShape(shaped("micronet_ad_s.json")), (std::vector<int32_t>{1, 8}));  // ML-zoo's file has 8
  EXPECT_EQ(outputShape(shaped("ds_cnn_s.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("ds_cnn_m.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("ds_cnn_l.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("kws_backbone.json")), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(outputShape(shaped("ad_backbone.json")), (std::vector<int32_t>{1, 4}));
  EXPECT_EQ(outputShape(shaped("vww_backbone.json")), (std::vector<int32_t>{1, 2}));
}

double relativeError(double value, double reference) { return (value - reference) / reference; }

// MicroNets Table 3/4 "Ops(M)" of the anomaly-detection models. Table 5's architectures
// reproduce them to the rounding of the table ('same' padding, average-pool sums counted as
// MACs). AD-S has 8 classes like ML-zoo's file (Table 5 says 4): 276*4 MACs more, 0.006%.
TEST(ReferenceModels, MicroNetAdOpsMatchTheTableWithin0_2Percent) {
  const struct {
    const char* file;
    double paper_mops;
  } cases[] = {{"micronet_ad_l.json", 129.0}, {"micronet_ad_m.json", 124.7}, {"micronet_ad_s.json", 37.5}};
  for (const auto& c : cases) {
    const double mops = static_cast<double>(opsOf(shaped(c.file))) / 1e6;
    EXPECT_NEAR(relativeError(mops, c.paper_mops), 0.0, 0.002) << c.file << ": " << mops << " Mops";
  }
}

// A hand computation of MicroNet-AD-S (input 32x32x1, 'same' padding):
//   conv1 3x3x1 -> 72 at 32x32:        32*32*72*9        =    663,552
//   ds1  dw 3x3 s2 at 16x16 on 72:     16*16*72*9        =    165,888
//        pw 72 -> 164 at 16x16:        16*16*72*164      =  3,022,848
//   ds2  dw at 16x16 on 164:           16*16*164*9       =    377,856
//        pw 164 -> 220:                16*16*164*220     =  9,236,480
//   ds3  dw s2 at 8x8 on 220:          8*8*220*9         =    126,720
//        pw 220 -> 276:                8*8*220*276       =  3,886,080
//   ds4  dw s2 at 4x4 on 276:          4*4*276*9         =     39,744
//        pw 276 -> 276:                4*4*276*276       =  1,218,816
//   pool 4x4 on 276:                   16*276            =      4,416
//   classifier 276 -> 8:               276*8             =      2,208
//   total                                                  18,744,608 MACs = 37.49 Mops
TEST(ReferenceModels, MicroNetAdSmallMacsByHand) { EXPECT_EQ(macsOf(shaped("micronet_ad_s.json")), 18744608); }

// MicroNets Table 4 KWS Mops: 129 / 30.6 / 16.4. Table 5's architectures come out 1.8-2.0%
// above (131.5 / 31.2 / 16.7); the paper's counting detail behind the gap is not published.
TEST(ReferenceModels, MicroNetKwsOpsWithin3PercentOfTheTable) {
  const struct {
    const char* file;
    double paper_mops;
  } cases[] = {{"micronet_kws_l.json", 129.0}, {"micronet_kws_m.json", 30.6}, {"micronet_kws_s.json", 16.4}};
  for (const auto& c : cases) {
    const double mops = static_cast<double>(opsOf(shaped(c.file))) / 1e6;
    const double error = relativeError(mops, c.paper_mops);
    EXPECT_GT(error, 0.0) << c.file << ": " << mops << " Mops";
    EXPECT_LT(error, 0.03) << c.file << ": " << mops << " Mops";
  }
}

// A hand computation of MicroNet-KWS-M (as ML-zoo's kws_micronet_m.tflite has it):
//   conv1 10x4x1 -> 140 at 49x10:      49*10*140*40      =  2,744,000
//   ds1  dw 3x3 s2 at 25x5 on 140:     125*140*9         =    157,500
//        pw 140 -> 140:                125*140*140       =  2,450,000
//   ds2, ds3 the same at stride 1:     2 * (157,500 + 2,450,000) = 5,215,000
//   ds4  dw on 140, pw 140 -> 112:     157,500 + 125*140*112     = 2,117,500
//   ds5  dw on 112, pw 112 -> 196:     125*112*9 + 125*112*196   = 2,870,000
//   pool 25x5 on 196:                  125*196           =     24,500
//   classifier 196 -> 12:              196*12            =      2,352
//   total                                                  15,580,852 MACs = 31.16 Mops
TEST(ReferenceModels, MicroNetKwsMediumMacsByHand) { EXPECT_EQ(macsOf(shaped("micronet_kws_m.json")), 15580852); }

// DS-CNN as ML-zoo's --model_size_info defines it (first conv stride 2x2 for S, 2x1 for M/L).
// By hand:
//   S: conv1 25*5*64*40 = 320,000; 4 x (dw 125*64*9 = 72,000 + pw 125*64*64 = 512,000);
//      pool 125*64 = 8,000; fc 64*12 = 768                          -> 2,664,768 MACs
//   M: conv1 25*10*172*40 = 1,720,000; 4 x (dw 65*172*9 = 100,620 + pw 65*172*172 = 1,922,960)
//      at 13x5; pool 65*172 = 11,180; fc 172*12 = 2,064             -> 9,827,564 MACs
//   L: conv1 25*10*276*40 = 2,760,000; 5 x (dw 65*276*9 = 161,460 + pw 65*276*276 = 4,951,440);
//      pool 65*276 = 17,940; fc 276*12 = 3,312                      -> 28,345,752 MACs
// That is 5.33 / 19.66 / 56.69 Mops, well below MicroNets Table 4 (7.1 / 37.3 / 107.2).
TEST(ReferenceModels, DsCnnMacsByHandFromModelSizeInfo) {
  EXPECT_EQ(macsOf(shaped("ds_cnn_s.json")), 2664768);
  EXPECT_EQ(macsOf(shaped("ds_cnn_m.json")), 9827564);
  EXPECT_EQ(macsOf(shaped("ds_cnn_l.json")), 28345752);
  // Softmax adds 3 ops per class on top of 2 x MACs.
  EXPECT_EQ(opsOf(shaped("ds_cnn_s.json")), 2 * 2664768 + 3 * 12);
}

// Why Table 4's DS-CNN rows are higher: they match the same DS-CNNs with the first conv at
// stride 1 and the downsampling moved to the first DS block (stride 2x2, to 25x5) -- the layout
// of MicroNets' own KWS backbone -- to within the same +1.4..1.9% that the MicroNet-KWS rows show.
// This pins that explanation (documented in docs/models.md); the bundled files stay ML-zoo's.
TEST(ReferenceModels, DsCnnTable4OpsMatchTheStride1FirstConvLayout) {
  const struct {
    const char* file;
    double paper_mops;
  } cases[] = {{"ds_cnn_s.json", 7.1}, {"ds_cnn_m.json", 37.3}, {"ds_cnn_l.json", 107.2}};
  for (const auto& c : cases) {
    Graph graph = loadGraphJson(modelPath(c.file));
    Node* conv1 = graph.find("conv1");
    Node* dw1 = graph.find("dw1");
    Node* pool = graph.find("pool");
    ASSERT_TRUE(conv1 && dw1 && pool) << c.file;
    const double zoo_mops = static_cast<double>(opsOf(inferShapes(graph))) / 1e6;
    conv1->stride_h = conv1->stride_w = 1;
    dw1->stride_h = dw1->stride_w = 2;
    pool->kernel_h = 25;
    pool->kernel_w = 5;
    const double mops = static_cast<double>(opsOf(inferShapes(graph))) / 1e6;
    const double error = relativeError(mops, c.paper_mops);
    EXPECT_GT(error, 0.0) << c.file << ": " << mops << " Mops";
    EXPECT_LT(error, 0.025) << c.file << ": " << mops << " Mops";
    EXPECT_LT(zoo_mops, 0.8 * c.paper_mops) << c.file << ": the ML-zoo layout is not what Table 4 counted";
  }
}

}  // namespace
}  // namespace tinyforge
