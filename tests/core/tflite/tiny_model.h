#pragma once
// Builds small .tflite flatbuffers with the generated code, so tests can write models with
// exactly the defect they need. Every field is plain data; build() serializes it.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/tflite/tflite_schema_generated.h"

namespace tinyforge::test {

struct TinyTensor {
  std::vector<int32_t> shape;
  tflite::TensorType type = tflite::TensorType_INT8;
  uint32_t buffer = 0;  // 0 = the empty buffer (an activation)
  std::string name;
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
};

struct TinyOperator {
  uint32_t opcode_index = 0;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  tflite::BuiltinOptions options_type = tflite::BuiltinOptions_NONE;
  std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)> options;
};

struct TinyOperatorCode {
  int32_t builtin_code = tflite::BuiltinOperator_ADD;
  int8_t deprecated_builtin_code = 0;  // set to the code too when below 127, as converters do
  std::string custom_code;
};

inline TinyOperatorCode builtin(tflite::BuiltinOperator code) {
  return {code, static_cast<int8_t>(code < 127 ? code : 127), {}};
}

struct TinyModel {
  uint32_t version = 3;
  std::vector<TinyOperatorCode> codes;
  std::vector<std::vector<uint8_t>> buffers{{}};  // buffer 0 is empty by convention
  std::vector<TinyTensor> tensors;
  std::vector<TinyOperator> operators;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::string description = "tiny test model";
  // Buffers whose data lies outside the flatbuffer: buffer index -> {offset, size} in the file.
  std::map<uint32_t, std::pair<uint64_t, uint64_t>> external;

  uint32_t addBuffer(std::vector<uint8_t> bytes) {
    buffers.push_back(std::move(bytes));
    return static_cast<uint32_t>(buffers.size() - 1);
  }

  std::vector<uint8_t> build() const {
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<tflite::OperatorCode>> code_offsets;
    for (const auto& c : codes) {
      code_offsets.push_back(tflite::CreateOperatorCode(fbb, c.deprecated_builtin_code,
                                                        c.custom_code.empty() ? 0 : fbb.CreateString(c.custom_code), 1,
                                                        static_cast<tflite::BuiltinOperator>(c.builtin_code)));
    }
    std::vector<flatbuffers::Offset<tflite::Buffer>> buffer_offsets;
    for (const auto& b : buffers) {
      flatbuffers::Offset<flatbuffers::Vector<uint8_t>> data = 0;
      if (!b.empty()) {
        fbb.ForceVectorAlignment(b.size(), sizeof(uint8_t), 16);
        data = fbb.CreateVector(b);
      }
      const auto where = external.find(static_cast<uint32_t>(buffer_offsets.size()));
      const auto [offset, size] = where == external.end() ? std::pair<uint64_t, uint64_t>{0, 0} : where->second;
      buffer_offsets.push_back(tflite::CreateBuffer(fbb, data, offset, size));
    }
    std::vector<flatbuffers::Offset<tflite::Tensor>> tensor_offsets;
    for (const auto& t : tensors) {
      flatbuffers::Offset<tflite::QuantizationParameters> quant = 0;
      if (!t.scale.empty() || !t.zero_point.empty()) {
        quant =
            tflite::CreateQuantizationParameters(fbb, 0, 0, fbb.CreateVector(t.scale), fbb.CreateVector(t.zero_point),
                                                 tflite::QuantizationDetails_NONE, 0, t.quantized_dimension);
      }
      tensor_offsets.push_back(
          tflite::CreateTensor(fbb, fbb.CreateVector(t.shape), t.type, t.buffer, fbb.CreateString(t.name), quant));
    }
    std::vector<flatbuffers::Offset<tflite::Operator>> op_offsets;
    for (const auto& op : operators) {
      auto options = op.options ? op.options(fbb) : flatbuffers::Offset<void>(0);
      op_offsets.push_back(tflite::CreateOperator(fbb, op.opcode_index, fbb.CreateVector(op.inputs),
                                                  fbb.CreateVector(op.outputs), op.options_type, options));
    }
    auto subgraph =
        tflite::CreateSubGraph(fbb, fbb.CreateVector(tensor_offsets), fbb.CreateVector(inputs),
                               fbb.CreateVector(outputs), fbb.CreateVector(op_offsets), fbb.CreateString("main"));
    auto model =
        tflite::CreateModel(fbb, version, fbb.CreateVector(code_offsets), fbb.CreateVector(std::vector{subgraph}),
                            fbb.CreateString(description), fbb.CreateVector(buffer_offsets));
    tflite::FinishModelBuffer(fbb, model);
    return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
  }
};

inline std::vector<uint8_t> int32Bytes(const std::vector<int32_t>& values) {
  std::vector<uint8_t> bytes;
  for (int32_t v : values)
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * b)));
  return bytes;
}

// input [1,5,5,2] int8 -> CONV_2D (4 filters 3x3, stride 2, VALID, RELU6) -> [1,2,2,4] int8.
// Tensors: 0 input, 1 filter, 2 bias, 3 output.
inline TinyModel tinyConvModel() {
  TinyModel m;
  m.codes = {builtin(tflite::BuiltinOperator_CONV_2D)};
  const uint32_t filter = m.addBuffer(std::vector<uint8_t>(4 * 3 * 3 * 2, 1));
  const uint32_t bias = m.addBuffer(int32Bytes({10, -20, 30, -40}));
  m.tensors = {
      {{1, 5, 5, 2}, tflite::TensorType_INT8, 0, "input", {0.5f}, {-3}, 0},
      {{4, 3, 3, 2}, tflite::TensorType_INT8, filter, "conv/filter", {0.1f, 0.2f, 0.3f, 0.4f}, {0, 0, 0, 0}, 0},
      {{4}, tflite::TensorType_INT32, bias, "conv/bias", {0.05f, 0.1f, 0.15f, 0.2f}, {0, 0, 0, 0}, 0},
      {{1, 2, 2, 4}, tflite::TensorType_INT8, 0, "conv/out", {6.0f / 255}, {-128}, 0},
  };
  TinyOperator conv;
  conv.opcode_index = 0;
  conv.inputs = {0, 1, 2};
  conv.outputs = {3};
  conv.options_type = tflite::BuiltinOptions_Conv2DOptions;
  conv.options = [](flatbuffers::FlatBufferBuilder& fbb) {
    return tflite::CreateConv2DOptions(fbb, tflite::Padding_VALID, 2, 2, tflite::ActivationFunctionType_RELU6).Union();
  };
  m.operators = {conv};
  m.inputs = {0};
  m.outputs = {3};
  return m;
}

}  // namespace tinyforge::test
