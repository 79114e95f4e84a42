#pragma once
// The C kernels' descriptors (core/ckernels) of a lowered operator, filled with what its
// geometry decides: shapes, strides, dilation, padding and depth multiplier. Pointers and
// quantization (offsets, activation range, multipliers) are left zero: the code generator
// fills them from the model's quantization, the memory plan only needs the scratch formulas.

#include "core/ckernels/tfc_conv2d.h"
#include "core/ckernels/tfc_depthwise_conv2d.h"
#include "core/ckernels/tfc_fully_connected.h"
#include "core/graph/graph.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

// NHWC of a tensor: rank 4 as is; lower ranks padded with leading 1s (TFLite's
// GetTensorShape for kernels that take 4-D shapes). Throws std::invalid_argument above 4.
tfc_shape4 tfcShape4(const std::vector<int32_t>& shape);

// `op`'s operands must be [input, filter, bias?] and [output], as lower() makes them.
// Throws std::invalid_argument naming the layer when the geometry cannot run.
tfc_conv2d_op conv2dGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op);
tfc_depthwise_conv2d_op depthwiseConv2dGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op);
tfc_fully_connected_op fullyConnectedGeometry(const Node& node, const TensorModel& model, const OperatorInfo& op);

}  // namespace tinyforge
