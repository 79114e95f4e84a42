#pragma once
// What the TFLite converter writes for an operator of the IR: its builtin code, the
// version it gives the operator for the tensor types at hand, and the TFLite runtime
// version that first ran that operator version ("min_runtime_version" metadata).
//
// Facts from TensorFlow's tensorflow/lite/tools/versioning/op_version.cc
// (GetBuiltinOperatorVersion) and runtime_version.cc (FindMinimumRuntimeVersionForOp).

#include <cstdint>
#include <string_view>

#include "core/graph/graph.h"

namespace tinyforge {

// The TFLite builtin operator code of a layer kind; -1 for kinds that are no operator.
int32_t tfliteBuiltinCode(NodeKind kind);

struct OperatorSignature {
  NodeKind kind = NodeKind::Conv2D;
  DataType input_type = DataType::Int8;   // first activation operand
  DataType filter_type = DataType::Int8;  // second operand (filter), where there is one
  DataType output_type = DataType::Int8;
  int32_t input_rank = 4;
  int32_t operand_count = 1;  // operands in the file, absent ones (-1) included
  bool dilated = false;       // depthwise with dilation != 1
  bool per_channel = false;   // Quantize/Dequantize with per-channel parameters
};

// The converter's version of one operator instance; an operator code's version is the
// largest over the operators that use it.
int32_t tfliteOperatorVersion(const OperatorSignature& op);

// "1.14.0" etc.; empty where TFLite's table has no entry.
std::string_view tfliteMinRuntimeVersion(int32_t builtin_code, int32_t version);

// Orders runtime versions ("1.5.0" < "1.14.0"); an empty string precedes every version.
bool runtimeVersionLess(std::string_view a, std::string_view b);

}  // namespace tinyforge
