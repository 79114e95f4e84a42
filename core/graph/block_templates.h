#pragma once
// Block templates: one node in the editor, several layers for everything else.
//
// DepthwiseSeparable  dw:  DepthwiseConv2D kxk, stride s, activation
//                     pw:  Conv2D 1x1 -> out_channels, activation
// InvertedBottleneck  expand:  Conv2D 1x1 -> in*expansion, activation (left out when expansion == 1)
//                     dw:      DepthwiseConv2D kxk, stride s, activation
//                     project: Conv2D 1x1 -> out_channels, no activation (linear bottleneck)
//                     add:     Add(input, project) when stride 1 and in == out channels
// Residual            conv1: Conv2D kxk, stride s -> out_channels, activation
//                     conv2: Conv2D kxk -> out_channels, no activation
//                     shortcut: Conv2D 1x1, stride s (only when the shape changes)
//                     add:   Add(input or shortcut, conv2) with the activation

#include <vector>

#include "core/graph/graph.h"

namespace tinyforge {

// The layers of `block`, named "<block>/<part>", with Node::block set to the block's name.
// The first layer reads the block's input; the last one produces the block's output.
std::vector<Node> expandBlock(const Node& block, int32_t in_channels);

}  // namespace tinyforge
