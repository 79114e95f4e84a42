#pragma once
// Post-training quantization: a float graph (float_forward.h) and calibration samples in,
// a full-int8 graph out, as the TFLite converter makes it with
// inference_input_type = inference_output_type = int8:
// - every activation int8, asymmetric per tensor (quant_params.h), from calibration;
// - ops that TFLM runs without requantizing share one quantization between their input(s)
//   and output (average / max pooling, reshape, pad, concatenation): the union of the
//   ranges they see;
// - softmax outputs (1/256, -128), as TFLM requires;
// - filters symmetric: per channel for Conv2D (dimension 0) and DepthwiseConv2D
//   (dimension 3), per tensor for FullyConnected unless asked; int8 in [-127, 127] or
//   int4 in [-7, 7] packed two per byte, low nibble first (TFLite's int4 layout);
// - int32 biases with scale input_scale * filter_scale[c], zero point 0.
// The result lowers, estimates, writes to .tflite and runs on the int8 interpreter.

#include <optional>
#include <span>

#include "core/graph/graph.h"
#include "core/quant/calibration.h"
#include "core/quant/float_forward.h"

namespace tinyforge {

struct QuantizeOptions {
  // Int8 or Int4 for every weighted layer; unset: each layer's Node::weight_type.
  std::optional<DataType> weight_type;
  bool fully_connected_per_channel = false;
  CalibrationOptions calibration;
};

// The quantized graph of `model` (blocks expanded, layers in execution order) given the
// ranges calibrate(model, ...) measured. Throws GraphError naming the layer (Quantize /
// Dequantize layers in a float graph, unsupported weight types, ranges that do not
// match the model).
Graph quantizeModel(const FloatModel& model, const ActivationRanges& ranges, const QuantizeOptions& options = {});

// FloatModel, calibration and quantizeModel in one call.
Graph quantize(const Graph& float_graph, std::span<const FloatSample> samples, const QuantizeOptions& options = {});

}  // namespace tinyforge
