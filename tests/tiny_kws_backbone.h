#pragma once
// The tiny KWS-like search backbone the DNAS tests share (core/nas, the CLI kill test, the
// studio's search tab): 49x10 input, one conv and three depthwise-separable blocks, 4
// classes; 4 width decisions (conv1, ds1-3) and 3 skip decisions (ds1-3). Small enough that
// a whole search trains in seconds.
inline constexpr const char* kTinyBackbone = R"({"format": "tinyforge-graph", "version": 1, "name": "tiny",
  "nodes": [
    {"name": "input", "op": "Input", "shape": [1, 49, 10, 1]},
    {"name": "conv1", "op": "Conv2D", "inputs": ["input"], "out_channels": 16, "kernel": [10, 4], "stride": [2, 2], "activation": "relu6", "search": {"widths": [4, 8, 12, 16]}},
    {"name": "ds1", "op": "DepthwiseSeparable", "inputs": ["conv1"], "out_channels": 16, "kernel": [3, 3], "stride": [2, 2], "activation": "relu6", "search": {"widths": [4, 8, 12, 16], "skippable": true}},
    {"name": "ds2", "op": "DepthwiseSeparable", "inputs": ["ds1"], "out_channels": 16, "kernel": [3, 3], "stride": [1, 1], "activation": "relu6", "search": {"widths": [4, 8, 12, 16], "skippable": true}},
    {"name": "ds3", "op": "DepthwiseSeparable", "inputs": ["ds2"], "out_channels": 16, "kernel": [3, 3], "stride": [1, 1], "activation": "relu6", "search": {"widths": [4, 8, 12, 16], "skippable": true}},
    {"name": "pool", "op": "AveragePool2D", "inputs": ["ds3"], "kernel": [13, 3], "stride": [1, 1], "padding": "valid"},
    {"name": "classifier", "op": "Conv2D", "inputs": ["pool"], "out_channels": 4, "kernel": [1, 1], "activation": "none"},
    {"name": "reshape", "op": "Reshape", "inputs": ["classifier"], "shape": [1, 4]}
  ], "outputs": ["reshape"]})";
