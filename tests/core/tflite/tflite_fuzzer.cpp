// libFuzzer entry point for the .tflite importer (not part of the normal build: clang only).
// Build and run from the repository root, with the shared models as the seed corpus:
//   flatc --cpp -o /tmp/tflite_gen/core/tflite core/tflite/tflite_schema.fbs
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. -I/tmp/tflite_gen \
//     tests/core/tflite/tflite_fuzzer.cpp core/tflite/*.cpp core/graph/*.cpp core/io/*.cpp \
//     -lflatbuffers -o /tmp/tflite_fuzzer
//   mkdir -p /tmp/corpus && cp ../shared/models/*.tflite /tmp/corpus/
//   /tmp/tflite_fuzzer -max_total_time=300 -max_len=400000 /tmp/corpus
// Anything but a clean import or a TfliteError (then shape inference or a GraphError) is a bug.

#include <cstddef>
#include <cstdint>

#include "core/graph/shape_inference.h"
#include "core/tflite/tflite_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const tinyforge::Graph graph = tinyforge::importTfliteBytes(data, size, "fuzz.tflite");
    try {
      tinyforge::inferShapes(graph);
    } catch (const tinyforge::GraphError&) {
    }
  } catch (const tinyforge::TfliteError&) {
  }
  return 0;
}
