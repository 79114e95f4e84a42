#pragma once
// Writes the lowered graph as a .tflite flatbuffer (schema version 3, "TFL3") that TFLM
// loads, and computes the exact byte size of that file without writing it: the
// estimator's "model Flash" figure.
//
// The layout follows what the TFLite converter writes (details at the top of
// tflite_writer.cpp): one buffer per tensor with buffer 0 empty, 16-byte
// aligned buffer data, per-channel quantization, a "min_runtime_version" metadata entry
// and, for what a hand-drawn graph leaves open, what the converter that made the ML-zoo
// MicroNets writes: names as long as its names, min/max arrays. So the size predicted
// for a hand-drawn graph is close to the converter's file for the same architecture,
// and equal to the byte to what export writes. An imported graph keeps its file's names,
// min/max arrays (or none) and buffer alignment: its re-export is never larger than the
// file (docs/formats.md has the table).

#include <cstdint>
#include <optional>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/tflite/tflite_reader.h"  // TfliteError

namespace tinyforge {

enum class TfliteNames {
  Converter,  // tensors without a name of their own get converter-style names (default)
  Short,      // TensorModel's names ("<layer>", "<layer>/<role>"): a smaller file
};

struct TfliteWriteOptions {
  TfliteNames names = TfliteNames::Converter;
  // Placeholder per-channel min/max arrays on int8/int16 tensors the graph has not
  // quantized yet, as the converter of the ML-zoo models writes them (TFLM ignores them;
  // newer converters leave them out). Quantized tensors get the graph's own arrays.
  bool min_max = true;
  // Offsets of the tensors in TFLM's arena head, one per tensor of the TensorModel
  // (-1 = let TFLM's planner place it), written as "OfflineMemoryAllocation" metadata
  // (runtime-facts.md 2.4) so TFLM reproduces a plan made here. Empty = the model's own
  // plan (TensorInfo::offline_offset_bytes, kept from an imported file), if it has one.
  // The writer does not check a plan: the exporter verifies every plan it writes.
  std::vector<int32_t> offline_offsets_bytes;
  // Model description; empty = the graph's description, or a default.
  std::string description;
};

// Throws TfliteError naming the layer on anything it cannot write (constant data of the
// wrong size, offline offsets for the wrong tensor count...).
std::vector<uint8_t> writeTflite(const ShapedGraph& graph, const TensorModel& model,
                                 const TfliteWriteOptions& options = {});
// Convenience: shape inference and lowering, then the above. Also throws GraphError.
std::vector<uint8_t> writeTflite(const Graph& graph, const TfliteWriteOptions& options = {});
void writeTfliteFile(const Graph& graph, const std::string& path, const TfliteWriteOptions& options = {});

// The exact size of writeTflite(graph, model, options) in bytes, computed without
// building the file (a few microseconds for a 30-layer model).
int64_t tfliteSizeBytes(const ShapedGraph& graph, const TensorModel& model, const TfliteWriteOptions& options);
int64_t tfliteSizeBytes(const ShapedGraph& graph, const TensorModel& model);

}  // namespace tinyforge
