#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/io/atomic_file.h"

namespace tinyforge {
namespace {

const char* kSmallGraph = R"({
  "format": "tinyforge-graph", "version": 1, "name": "small",
  "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 49, 10, 1]},
    {"name": "conv", "op": "Conv2D", "inputs": ["input"], "out_channels": 64, "kernel": [10, 4],
     "stride": [2, 2], "activation": "relu", "search": {"widths": [32, 48, 64]}},
    {"name": "ds1", "op": "DepthwiseSeparable", "inputs": ["conv"], "out_channels": 64, "kernel": 3,
     "activation": "relu", "search": {"skippable": true}},
    {"name": "pool", "op": "AveragePool2D", "inputs": ["ds1"], "kernel": [25, 5], "padding": "valid"},
    {"name": "fc", "op": "FullyConnected", "inputs": ["pool"], "out_channels": 12},
    {"name": "softmax", "op": "Softmax", "inputs": ["fc"]}
  ]
})";

TEST(GraphJson, ReadsNodesFieldsAndSearchOptions) {
  const Graph graph = graphFromJsonText(kSmallGraph, "small.json");
  EXPECT_EQ(graph.name, "small");
  ASSERT_EQ(graph.nodes.size(), 6u);
  const Node& conv = graph.nodes[1];
  EXPECT_EQ(conv.kind, NodeKind::Conv2D);
  EXPECT_EQ(conv.kernel_h, 10);
  EXPECT_EQ(conv.kernel_w, 4);
  EXPECT_EQ(conv.stride_h, 2);
  EXPECT_EQ(conv.activation, Activation::Relu);
  EXPECT_EQ(conv.search.widths, (std::vector<int>{32, 48, 64}));
  EXPECT_TRUE(graph.nodes[2].search.skippable);
  EXPECT_EQ(graph.nodes[3].padding, Padding::Valid);
}

TEST(GraphJson, RoundTripKeepsEveryField) {
  Graph graph = graphFromJsonText(kSmallGraph, "small.json");
  ConstTensor filter;
  filter.role = "filter";
  filter.name = "conv/filter";
  filter.shape = {2, 1, 1, 1};
  filter.data = {0x01, 0xff};
  filter.quant.scale = {0.5f, 0.25f};
  filter.quant.zero_point = {0, 0};
  filter.tensor_index = 3;
  graph.nodes[1].constants.push_back(filter);
  graph.nodes[1].output_quant.scale = {0.1f};
  graph.nodes[1].output_quant.zero_point = {-128};
  graph.nodes[1].output_quant.min = {-12.8f};
  graph.nodes[1].output_quant.max = {12.7f};
  graph.imported_file = {300568, 0x0123456789abcdefull, 4, false, false, false};
  const Graph again = graphFromJsonText(graphToJsonText(graph), "again.json");
  EXPECT_EQ(again, graph);
}

TEST(GraphJson, SaveIsAtomicAndLoadReadsItBack) {
  const auto dir = std::filesystem::temp_directory_path() / "tinyforge_graph_json_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "model.json").string();
  const Graph graph = graphFromJsonText(kSmallGraph, "small.json");
  saveGraphJson(graph, path);
  EXPECT_EQ(loadGraphJson(path), graph);
  // No temporary file is left beside the saved one.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(dir);
}

TEST(GraphJson, FailedSaveLeavesThePreviousFileUntouched) {
  const auto dir = std::filesystem::temp_directory_path() / "tinyforge_graph_json_ro";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "model.json").string();
  writeFileAtomically(path, "previous");
  std::filesystem::permissions(dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const bool root = ::geteuid() == 0;  // root may write anyway; then only the message check is skipped
  if (!root) {
    EXPECT_THROW(saveGraphJson(graphFromJsonText(kSmallGraph, "small.json"), path), FileError);
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  if (!root) EXPECT_EQ(readTextFile(path), "previous");
  std::filesystem::remove_all(dir);
}

TEST(GraphJson, WriteToMissingFolderNamesThePath) {
  try {
    writeFileAtomically("/nonexistent-folder/x/model.json", "{}");
    FAIL();
  } catch (const FileError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent-folder/x/model.json"), std::string::npos);
  }
}

TEST(GraphJson, WriteFailureMidwayKeepsThePreviousFileAndLeavesNoTemporary) {
  // A file-size limit makes write() fail partway, as a full disk does (EFBIG instead of ENOSPC).
  const auto dir = std::filesystem::temp_directory_path() / "tinyforge_graph_json_full";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "model.json").string();
  writeFileAtomically(path, "previous");
  const Graph graph = graphFromJsonText(kSmallGraph, "small.json");

  struct rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit tiny = saved;
  tiny.rlim_cur = 64;
  ::setrlimit(RLIMIT_FSIZE, &tiny);
  std::string message;
  try {
    saveGraphJson(graph, path);
  } catch (const FileError& error) {
    message = error.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous_handler);

  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("cannot write"), std::string::npos) << message;
  EXPECT_EQ(readTextFile(path), "previous");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinyforge
