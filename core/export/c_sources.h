#pragma once
// C sources for a TFLite Micro application: the model as an aligned const array
// (model_data.h / model_data.cc) and a minimal application (main.cc) whose op resolver
// registers exactly the operators the model uses and whose arena has the size our SRAM
// estimate gives for the chosen runtime.

#include <cstdint>
#include <string>
#include <vector>

#include "core/estimate/estimate.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

struct SourceFile {
  std::string name;      // "model_data.h", "model_data.cc", "main.cc"
  std::string contents;
};

// One board's arena figure, for the comment that says where the number comes from.
struct ArenaSource {
  std::string board_id;
  RuntimeKind runtime = RuntimeKind::Tflm;
  MemoryTotals memory;
};

struct CSourcesInput {
  std::string model_name;              // for comments and the .tflite file name
  const TensorModel* model = nullptr;  // the operators the resolver must register
  const std::vector<uint8_t>* tflite = nullptr;  // the file's bytes
  std::vector<ArenaSource> arenas;     // one per board; the arena is the largest min_arena_bytes
  bool placeholder_weights = false;    // say in the sources that the weights are zeros
};

// TFLM's MicroMutableOpResolver method for an operator kind ("AddConv2D").
const char* resolverMethod(NodeKind kind);

// The resolver's methods in the order the model first uses each operator kind.
std::vector<std::string> resolverMethods(const TensorModel& model);

// The arena constant main.cc declares: the largest smallest-working-arena over `arenas`.
int64_t arenaBytesFor(const std::vector<ArenaSource>& arenas);

// model_data.h, model_data.cc, main.cc. Throws std::invalid_argument when an input is missing.
std::vector<SourceFile> makeCSources(const CSourcesInput& input);

}  // namespace tinyforge
