#pragma once
// How each TFLite operator that TinyForge supports maps onto a Node: its kind, which of
// its operands are activations and which constants, and which options set which fields.
// Internal to the importer (and to a writer that wants the same table).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/tflite/tflite_schema_generated.h"

namespace tinyforge {

// A problem with one operator; the reader adds the file and operator to the message.
class OperatorProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::optional<NodeKind> nodeKindOfBuiltin(int32_t builtin_code);

struct OperandLayout {
  size_t activations = 1;                   // leading activation operands; 0 = every operand
  std::vector<std::string> constant_roles;  // the operands after them, in TFLite's order
};
OperandLayout operandLayout(NodeKind kind);

// Operands that TFLite lets a model leave out (input index -1).
bool isOptionalOperand(NodeKind kind, const std::string& role);

// Sets the node's geometry from the operator's options and its constant operands, which
// must already be in node.constants. Throws OperatorProblem for what the IR cannot hold.
void readOperatorOptions(const tflite::Operator& op, const std::vector<int32_t>& input_shape,
                         const std::vector<int32_t>& output_shape, Node& node);

}  // namespace tinyforge
