#pragma once
// Imports a .tflite flatbuffer into the Graph IR.
//
// The import is lossless for what TinyForge lowers back into tensors: every operator
// becomes one node, every constant operand is kept in Node::constants (in operand order,
// with its name, shape, type, raw bytes and quantization), and every activation tensor's
// name, type and quantization stay on the node that produces it. Graph inputs become
// Input nodes.
//
// Anything the importer cannot represent faithfully (an unknown operator, a fused
// activation other than RELU/RELU6, a constant operand before an activation operand,
// sparse or variable tensors...) is refused with a TfliteError rather than guessed at.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/graph/graph.h"

namespace tinyforge {

// Every problem with a .tflite file. The message starts with the file name and names the
// operator or tensor concerned, e.g.
// "model.tflite: operator 3 (CONV_2D): filter tensor 7 'conv/w' has rank 3, expected 4".
class TfliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Graph importTflite(const std::string& path);

// `source_name` is only used in messages (and to name the graph).
Graph importTfliteBytes(const uint8_t* data, size_t size, const std::string& source_name);

// TFLite's name of a builtin operator code ("CONV_2D"), or "BUILTIN_<code>" for a code
// this build does not know.
std::string tfliteOperatorName(int32_t builtin_code);

}  // namespace tinyforge
