#pragma once
// Opens a model file by its extension: .json (TinyForge graph) or .tflite (imported).

#include <stdexcept>
#include <string>

#include "core/graph/graph.h"

namespace tinyforge {

class ModelFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ModelFileError (or the reader's own error, whose message names the file), also
// for a model whose offline memory plan puts two tensors alive at the same time on the
// same bytes (the message names both and the operator).
Graph loadModelFile(const std::string& path);

}  // namespace tinyforge
