#include "core/tflite/tflite_writer_ops.h"

#include <charconv>

#include "core/tflite/tflite_schema_generated.h"

namespace tinyforge {

int32_t tfliteBuiltinCode(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D: return tflite::BuiltinOperator_CONV_2D;
    case NodeKind::DepthwiseConv2D: return tflite::BuiltinOperator_DEPTHWISE_CONV_2D;
    case NodeKind::FullyConnected: return tflite::BuiltinOperator_FULLY_CONNECTED;
    case NodeKind::AveragePool2D: return tflite::BuiltinOperator_AVERAGE_POOL_2D;
    case NodeKind::MaxPool2D: return tflite::BuiltinOperator_MAX_POOL_2D;
    case NodeKind::Mean: return tflite::BuiltinOperator_MEAN;
    case NodeKind::Add: return tflite::BuiltinOperator_ADD;
    case NodeKind::Concatenation: return tflite::BuiltinOperator_CONCATENATION;
    case NodeKind::Pad: return tflite::BuiltinOperator_PAD;
    case NodeKind::Reshape: return tflite::BuiltinOperator_RESHAPE;
    case NodeKind::Softmax: return tflite::BuiltinOperator_SOFTMAX;
    case NodeKind::Quantize: return tflite::BuiltinOperator_QUANTIZE;
    case NodeKind::Dequantize: return tflite::BuiltinOperator_DEQUANTIZE;
    default: return -1;
  }
}

int32_t tfliteOperatorVersion(const OperatorSignature& op) {
  const DataType in = op.input_type, w = op.filter_type, out = op.output_type;
  const bool int8_path = in == DataType::Int8 && out == DataType::Int8;
  switch (op.kind) {
    case NodeKind::Conv2D:
      if (int8_path && w == DataType::Int8) return 3;
      if (int8_path && w == DataType::Int4) return 7;
      return 1;
    case NodeKind::DepthwiseConv2D:
      if (in == DataType::Int16 && w == DataType::Int16 && out == DataType::Int16) return 5;
      if (int8_path && w == DataType::Int8) return 3;
      if (int8_path && w == DataType::Int4) return 7;
      return op.dilated ? 2 : 1;
    case NodeKind::FullyConnected:
      if (in == DataType::Int16 && w == DataType::Int16 && out == DataType::Int16) return 7;
      if (op.operand_count == 2) return 6;  // no bias operand at all
      if (int8_path && w == DataType::Int8) return 4;
      if (int8_path && w == DataType::Int4) return 10;
      return 1;
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
      if (in == DataType::Int16 && out == DataType::Int16) return 3;
      return in == DataType::Int8 ? 2 : 1;
    case NodeKind::Add: return in == DataType::Int8 ? 2 : 1;
    case NodeKind::Concatenation:
    case NodeKind::Softmax:
    case NodeKind::Mean:
      if (in == DataType::Int16) return 3;
      return in == DataType::Int8 ? 2 : 1;
    case NodeKind::Pad:
      if (op.input_rank > 4) return 4;
      if (in == DataType::Int16) return 3;
      return in == DataType::Int8 ? 2 : 1;
    case NodeKind::Quantize:
      if (in == DataType::Int4 || out == DataType::Int4) return 4;
      if (op.per_channel) return 3;
      return out == DataType::Int16 ? 2 : 1;
    case NodeKind::Dequantize:
      if (in == DataType::Int4) return 6;
      if (in == DataType::Int16) return 3;
      if (in == DataType::Int8) return op.per_channel ? 5 : 2;
      return 1;
    default: return 1;  // RESHAPE
  }
}

std::string_view tfliteMinRuntimeVersion(int32_t code, int32_t version) {
  struct Entry {
    int32_t code;
    int32_t version;
    std::string_view runtime;
  };
  static constexpr Entry kTable[] = {
      {tflite::BuiltinOperator_AVERAGE_POOL_2D, 1, "1.5.0"},   {tflite::BuiltinOperator_AVERAGE_POOL_2D, 2, "1.14.0"},
      {tflite::BuiltinOperator_AVERAGE_POOL_2D, 3, "2.3.0"},   {tflite::BuiltinOperator_CONV_2D, 1, "1.5.0"},
      {tflite::BuiltinOperator_CONV_2D, 2, "1.14.0"},          {tflite::BuiltinOperator_CONV_2D, 3, "1.14.0"},
      {tflite::BuiltinOperator_CONV_2D, 4, "2.3.0"},           {tflite::BuiltinOperator_CONV_2D, 5, "2.4.0"},
      {tflite::BuiltinOperator_CONV_2D, 6, "2.9.0"},           {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 1, "1.5.0"},
      {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 2, "1.12.0"}, {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 3, "1.14.0"},
      {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 4, "2.2.0"}, {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 5, "2.3.0"},
      {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 6, "2.3.0"}, {tflite::BuiltinOperator_ADD, 1, "1.5.0"},
      {tflite::BuiltinOperator_ADD, 2, "1.14.0"},              {tflite::BuiltinOperator_ADD, 3, "2.4.0"},
      {tflite::BuiltinOperator_ADD, 4, "2.6.0"},               {tflite::BuiltinOperator_CONCATENATION, 1, "1.5.0"},
      {tflite::BuiltinOperator_CONCATENATION, 2, "1.14.0"},    {tflite::BuiltinOperator_CONCATENATION, 3, "2.3.0"},
      {tflite::BuiltinOperator_FULLY_CONNECTED, 1, "1.5.0"},   {tflite::BuiltinOperator_FULLY_CONNECTED, 2, "1.10.0"},
      {tflite::BuiltinOperator_FULLY_CONNECTED, 3, "1.14.0"},  {tflite::BuiltinOperator_FULLY_CONNECTED, 4, "1.14.0"},
      {tflite::BuiltinOperator_FULLY_CONNECTED, 5, "2.0.0"},   {tflite::BuiltinOperator_FULLY_CONNECTED, 6, "2.1.0"},
      {tflite::BuiltinOperator_FULLY_CONNECTED, 7, "2.3.0"},   {tflite::BuiltinOperator_FULLY_CONNECTED, 8, "2.3.0"},
      {tflite::BuiltinOperator_FULLY_CONNECTED, 9, "2.3.0"},   {tflite::BuiltinOperator_MAX_POOL_2D, 1, "1.5.0"},
      {tflite::BuiltinOperator_MAX_POOL_2D, 2, "1.14.0"},      {tflite::BuiltinOperator_MAX_POOL_2D, 3, "2.3.0"},
      {tflite::BuiltinOperator_PAD, 1, "1.5.0"},               {tflite::BuiltinOperator_PAD, 2, "1.14.0"},
      {tflite::BuiltinOperator_PAD, 3, "2.4.0"},               {tflite::BuiltinOperator_PAD, 4, "2.6.0"},
      {tflite::BuiltinOperator_RESHAPE, 1, "1.5.0"},           {tflite::BuiltinOperator_SOFTMAX, 1, "1.5.0"},
      {tflite::BuiltinOperator_SOFTMAX, 2, "1.14.0"},          {tflite::BuiltinOperator_SOFTMAX, 3, "2.3.0"},
      {tflite::BuiltinOperator_MEAN, 1, "1.6.0"},              {tflite::BuiltinOperator_MEAN, 2, "1.14.0"},
      {tflite::BuiltinOperator_MEAN, 3, "2.4.0"},              {tflite::BuiltinOperator_DEQUANTIZE, 1, "1.13.1"},
      {tflite::BuiltinOperator_DEQUANTIZE, 2, "1.14.0"},       {tflite::BuiltinOperator_DEQUANTIZE, 3, "1.15.0"},
      {tflite::BuiltinOperator_DEQUANTIZE, 4, "2.2.0"},        {tflite::BuiltinOperator_DEQUANTIZE, 5, "2.7.0"},
      {tflite::BuiltinOperator_QUANTIZE, 1, "1.14.0"},         {tflite::BuiltinOperator_QUANTIZE, 2, "1.15.0"},
      {tflite::BuiltinOperator_QUANTIZE, 3, "2.7.0"},
  };
  for (const Entry& e : kTable)
    if (e.code == code && e.version == version) return e.runtime;
  return {};
}

bool runtimeVersionLess(std::string_view a, std::string_view b) {
  // Numeric comparison part by part; a version with more parts sorts after its prefix.
  while (!a.empty() && !b.empty()) {
    const size_t da = a.find('.'), db = b.find('.');
    const std::string_view pa = a.substr(0, da), pb = b.substr(0, db);
    int va = 0, vb = 0;
    std::from_chars(pa.data(), pa.data() + pa.size(), va);
    std::from_chars(pb.data(), pb.data() + pb.size(), vb);
    if (va != vb) return va < vb;
    a = da == std::string_view::npos ? std::string_view{} : a.substr(da + 1);
    b = db == std::string_view::npos ? std::string_view{} : b.substr(db + 1);
  }
  return a.empty() && !b.empty();
}

}  // namespace tinyforge
