#pragma once
// Tensor names in the style of the TFLite converter, for tensors a hand-drawn graph
// leaves unnamed. They matter for size only: the converter names each tensor after the
// TensorFlow ops fused into the TFLite op that makes it, each op written as
// "<Op>;<function scope>/<layer>/<Op>" and the ops joined by ';'. The ML-zoo MicroNets,
// made by the TF 2.x converter from a SavedModel, average about 240 characters a tensor
// (kws_micronet_m: 9,688 characters of names in a 181,968-byte file), so dropping names
// would put a hand-drawn estimate 5% under the converter's file.
//
// The scheme, for a layer named L and the scope S = "StatefulPartitionedCall/
// StatefulPartitionedCall/", each fused op X is "X;S L/PartitionedCall/X", and
//   conv / depthwise / FC filter: Conv2D | FusedBatchNormV3,depthwise | MatMul
//   bias: FusedBatchNormV3 (conv, depthwise) | BiasAdd (FC)
//   output: [Relu|Relu6,] FusedBatchNormV3|BiasAdd, Conv2D|depthwise|MatMul
//   pooling, mean, add, concatenation, pad, reshape, softmax: their TF op (AvgPool,
//   MaxPool, Mean, add, concat, Pad, Reshape, Softmax), operands "<op>/<role>"
//   graph inputs: the layer's own name.

#include "core/graph/graph.h"
#include "core/tflite/tflite_writer_builders.h"

namespace tinyforge::tflite_writer {

enum class TensorRole { Output, Filter, Bias, Operand };

// Appends the converter-style name of `role` of `node` to `out`. The pieces point into
// `node` and static strings.
void converterName(const Node& node, TensorRole role, Pieces& out);

}  // namespace tinyforge::tflite_writer
