#pragma once
// Runs a whole int8 model on the bit-exact TFLM kernels (core/kernels), so that a model
// gives here the bytes TFLite Micro's reference kernels give on the device.
//
// Construction is TFLM's Prepare: every operator's parameters (requantization multipliers,
// offsets, padding, activation ranges) are derived once from the tensors' quantization,
// filters are unpacked (int4) and biases decoded, and the activation tensors are placed in
// one arena (tensors that are never alive together share bytes; a model's offline memory
// plan, read from its OfflineMemoryAllocation metadata, is used as given, as TFLM uses it,
// so running such a model checks its plan). invoke() then only runs kernels.
//
// Activations are int8; float32 appears only at a model's boundary, on the input of a
// QUANTIZE or the output of a DEQUANTIZE. A graph without weights or quantization (drawn
// by hand, not yet quantized) is refused, as is anything TFLM would refuse in Prepare.
// Every error is an InterpreterError naming the layer: "layer 'conv3' (CONV_2D): ...".
//
// An Interpreter owns its arena and scratch: it runs one inference at a time. To score
// many samples in parallel, build one per thread (Prepare is cheap next to the samples).

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

class InterpreterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A graph input or output as the caller sees it.
struct InterpreterTensor {
  std::string name;
  DataType type = DataType::Int8;  // Int8 or Float32
  std::vector<int32_t> shape;
  int64_t bytes = 0;
  bool quantized = false;  // scale and zero_point are meaningful
  float scale = 0.0f;
  int32_t zero_point = 0;
};

struct InterpreterOptions {
  // Run Conv2D / DepthwiseConv2D on the C kernel library's plain path instead of its
  // faster, byte-identical path for this host (x86 SIMD on x86-64): for cross-checking.
  bool reference_kernels = false;
};

class Interpreter {
 public:
  // Lowers the graph itself.
  explicit Interpreter(const ShapedGraph& graph, InterpreterOptions options = {});
  // `model` must be lower(graph). Nothing of either is referenced after construction.
  Interpreter(const ShapedGraph& graph, const TensorModel& model, InterpreterOptions options = {});
  ~Interpreter();
  Interpreter(Interpreter&&) noexcept;
  Interpreter& operator=(Interpreter&&) noexcept;

  const std::vector<InterpreterTensor>& inputs() const { return inputs_; }
  const std::vector<InterpreterTensor>& outputs() const { return outputs_; }

  // One buffer of raw bytes per graph input (int8 values, or float32 in native byte
  // order), in order; returns the outputs' raw bytes. Throws InterpreterError when the
  // number or the size of the inputs is wrong.
  std::vector<std::vector<uint8_t>> invoke(std::span<const std::vector<uint8_t>> inputs);

  // The allocation-free path for loops over many samples: write every input's bytes in
  // place, run, read the outputs in place. Inputs share the arena with later tensors, so
  // they must be written again before every run (as in TFLM).
  std::span<uint8_t> inputBuffer(size_t input);
  void invoke();
  std::span<const uint8_t> outputBuffer(size_t output) const;

  int64_t arenaBytes() const { return arena_bytes_; }
  size_t operatorCount() const { return steps_.size(); }

 private:
  struct Step {
    std::string label;  // "layer 'conv3' (CONV_2D)"
    std::function<void(uint8_t* arena)> run;
  };

  std::vector<InterpreterTensor> inputs_;
  std::vector<InterpreterTensor> outputs_;
  std::vector<int64_t> input_offsets_;
  std::vector<int64_t> output_offsets_;
  std::vector<Step> steps_;
  std::vector<uint8_t> arena_;  // operator new's alignment (16 bytes) covers int32 and float
  int64_t arena_bytes_ = 0;

  void prepare(const ShapedGraph& graph, const TensorModel& model, const InterpreterOptions& options);
};

// TFLite's name of an operator kind ("CONV_2D"), as the error messages use it.
const char* tfliteName(NodeKind kind);

}  // namespace tinyforge
