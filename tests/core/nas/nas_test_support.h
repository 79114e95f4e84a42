#pragma once
// Helpers shared by the nas tests.

#include <random>

#include "core/nas/search_space.h"

namespace tinyforge::nas_test {

// A MobileNetV2-like backbone small enough to train in seconds, with what the VWW backbone
// does not exercise: a skippable residual block (ibn3, skipped = identity) and a skippable
// downsampling bottleneck (ibn4, skipped = 2x2 average pooling). conv1 (widths 4, 6, 8) and
// ibn1 (2, 4, 6) are untied but match at 4 and 6; ibn2 and ibn3 are tied by ibn3's Add.
inline const char* kTinyResidualBackbone = R"({"format": "tinyforge-graph", "version": 1, "name": "tiny residual",
  "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 24, 24, 1]},
    {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 8, "kernel": [3, 3], "stride": [2, 2], "activation": "relu6", "search": {"widths": [4, 6, 8]}},
    {"name": "ibn1", "op": "InvertedBottleneck", "inputs": ["conv1"], "out_channels": 6, "expansion": 1, "kernel": [3, 3], "stride": [1, 1], "activation": "relu6", "search": {"widths": [2, 4, 6]}},
    {"name": "ibn2", "op": "InvertedBottleneck", "inputs": ["ibn1"], "out_channels": 8, "expansion": 3, "kernel": [3, 3], "stride": [2, 2], "activation": "relu6", "search": {"widths": [4, 8]}},
    {"name": "ibn3", "op": "InvertedBottleneck", "inputs": ["ibn2"], "out_channels": 8, "expansion": 3, "kernel": [3, 3], "stride": [1, 1], "activation": "relu6", "search": {"widths": [4, 8], "skippable": true}},
    {"name": "ibn4", "op": "InvertedBottleneck", "inputs": ["ibn3"], "out_channels": 12, "expansion": 2, "kernel": [3, 3], "stride": [2, 2], "activation": "relu6", "search": {"widths": [6, 12], "skippable": true}},
    {"name": "conv_last", "op": "Conv2D", "inputs": ["ibn4"], "out_channels": 16, "kernel": [1, 1], "activation": "relu6", "search": {"widths": [8, 16]}},
    {"name": "pool", "op": "AveragePool2D", "inputs": ["conv_last"], "kernel": [3, 3], "stride": [1, 1], "padding": "valid"},
    {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 4, "kernel": [1, 1], "activation": "none"},
    {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 4]}
  ], "outputs": ["reshape"]})";

inline ArchChoice randomChoice(const SearchSpace& space, std::mt19937& rng) {
  ArchChoice choice;
  for (const auto& decision : space.widthDecisions())
    choice.width_index.push_back(
        std::uniform_int_distribution<int>(0, static_cast<int>(decision.widths.size()) - 1)(rng));
  for (size_t i = 0; i < space.skipDecisions().size(); ++i)
    choice.skipped.push_back(std::uniform_int_distribution<int>(0, 1)(rng) == 1);
  return choice;
}

}  // namespace tinyforge::nas_test
