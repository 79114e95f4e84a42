#pragma once
// The graph lowered to what a TFLite flatbuffer and TFLM see: a flat list of tensors
// (activations and constants) and operators in execution order. The memory planners,
// the TFLM tail model, the TFLite writer and the int8 interpreter all work on this.
//
// lower() is the single place that decides which tensors a layer owns (its output, its
// filter, bias, shape or paddings operands), so the tensor count and sizes the estimator
// plans for are those the writer writes and those an imported .tflite had.

#include <cstdint>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {

struct TensorInfo {
  std::string name;
  DataType type = DataType::Int8;
  std::vector<int32_t> shape;
  int64_t bytes = 0;               // data bytes (Int4 packed)
  bool is_constant = false;        // lives in the flatbuffer (Flash), never planned in SRAM
  int layer = -1;                  // the layer that owns it (producer, or owner of the constant)
  int constant_index = -1;         // index into that layer's Node::constants, when is_constant
  int32_t quant_channels = 0;      // number of scale entries (0 = not quantized)
  int32_t offline_offset_bytes = -1;  // activations: the offset an offline plan (OfflineMemoryAllocation)
                                      // gives it in TFLM's arena head; -1 = planned by TFLM
  int producer = -1;               // operator index; -1 for graph inputs and constants
  std::vector<int> consumers;      // operator indices, ascending
};

struct OperatorInfo {
  NodeKind kind = NodeKind::Conv2D;  // a layer kind, never a block
  int layer = -1;                    // index into ShapedGraph::layers
  std::vector<int> inputs;           // tensor indices; -1 = absent optional operand
  std::vector<int> outputs;          // tensor indices
};

struct TensorModel {
  std::vector<TensorInfo> tensors;
  std::vector<OperatorInfo> operators;  // execution order
  std::vector<int> inputs;              // graph input tensors
  std::vector<int> outputs;             // graph output tensors
};

// Lowers a shape-checked graph. Constants a hand-drawn graph lacks (filters, biases,
// shape operands) are given the shapes and types the TFLite converter would give them.
TensorModel lower(const ShapedGraph& graph);
// The same into `model`, reusing its storage (tensor names, shapes, operand lists), so
// repeated lowering (an estimate on every edit) allocates nothing once warmed up.
void lower(const ShapedGraph& graph, TensorModel& model);

// The graph's constant behind a tensor, or null for activations and synthesized constants.
const ConstTensor* constantOf(const ShapedGraph& graph, const TensorInfo& tensor);

}  // namespace tinyforge
