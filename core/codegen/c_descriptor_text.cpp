#include "core/codegen/c_descriptor_text.h"

namespace tinyforge {

std::string shapeInit(const tfc_shape4& s) {
  return "{" + std::to_string(s.n) + ", " + std::to_string(s.h) + ", " + std::to_string(s.w) + ", " +
         std::to_string(s.c) + "}";
}

std::string dimsInit(const int32_t* dims, int rank) {
  std::string text = "{";
  for (int d = 0; d < rank; ++d) text += (d ? ", " : "") + std::to_string(dims[d]);
  return text + "}";
}

std::string int32Literal(int32_t value) {
  // INT32_MIN cannot be written as a negated literal of type int on every compiler.
  return value == INT32_MIN ? "(-2147483647 - 1)" : std::to_string(value);
}

std::string requantInit(const tfc_requant& r) { return "{" + int32Literal(r.multiplier) + ", " + std::to_string(r.shift) + "}"; }

std::string convParamsInit(const tfc_conv_params& p) {
  return "{.stride_h = " + std::to_string(p.stride_h) + ", .stride_w = " + std::to_string(p.stride_w) +
         ", .dilation_h = " + std::to_string(p.dilation_h) + ", .dilation_w = " + std::to_string(p.dilation_w) +
         ", .pad_h = " + std::to_string(p.pad_h) + ", .pad_w = " + std::to_string(p.pad_w) +
         ", .input_offset = " + std::to_string(p.input_offset) + ", .output_offset = " + std::to_string(p.output_offset) +
         ", .act_min = " + std::to_string(p.act_min) + ", .act_max = " + std::to_string(p.act_max) + "}";
}

std::string conv2dInit(const tfc_conv2d_op& d, const DescriptorPointers& p) {
  return "{.input = " + p.input + ", .filter = " + p.filter + ", .bias = " + p.bias + ", .requant = " + p.requant +
         ", .output = " + p.output + ", .scratch = " + p.scratch + ",\n    .input_shape = " + shapeInit(d.input_shape) +
         ", .filter_shape = " + shapeInit(d.filter_shape) + ", .output_shape = " + shapeInit(d.output_shape) +
         ",\n    .params = " + convParamsInit(d.params) + "}";
}

std::string depthwiseConv2dInit(const tfc_depthwise_conv2d_op& d, const DescriptorPointers& p) {
  return "{.input = " + p.input + ", .filter = " + p.filter + ", .bias = " + p.bias + ", .requant = " + p.requant +
         ", .output = " + p.output + ", .scratch = " + p.scratch + ",\n    .input_shape = " + shapeInit(d.input_shape) +
         ", .filter_shape = " + shapeInit(d.filter_shape) + ", .output_shape = " + shapeInit(d.output_shape) +
         ",\n    .params = " + convParamsInit(d.params) + ", .depth_multiplier = " + std::to_string(d.depth_multiplier) +
         "}";
}

std::string addInit(const tfc_add_op& d, const DescriptorPointers& p) {
  const tfc_add_params& q = d.params;
  return "{.input1 = " + p.input + ", .input2 = " + p.input2 + ", .output = " + p.output +
         ",\n    .params = {.left_shift = " + std::to_string(q.left_shift) + ", .input1_offset = " +
         std::to_string(q.input1_offset) + ", .input1_requant = " + requantInit(q.input1_requant) +
         ", .input2_offset = " + std::to_string(q.input2_offset) + ", .input2_requant = " + requantInit(q.input2_requant) +
         ", .output_offset = " + std::to_string(q.output_offset) + ", .output_requant = " + requantInit(q.output_requant) +
         ", .act_min = " + std::to_string(q.act_min) + ", .act_max = " + std::to_string(q.act_max) + "},\n    .rank = " +
         std::to_string(d.rank) + ", .input1_dims = " + dimsInit(d.input1_dims, d.rank) +
         ", .input2_dims = " + dimsInit(d.input2_dims, d.rank) + ", .output_dims = " + dimsInit(d.output_dims, d.rank) +
         "}";
}

std::string pool2dInit(const tfc_pool2d_op& d, const DescriptorPointers& p) {
  const tfc_pool_params& q = d.params;
  return "{.input = " + p.input + ", .output = " + p.output + ", .input_shape = " + shapeInit(d.input_shape) +
         ", .output_shape = " + shapeInit(d.output_shape) + ",\n    .params = {.stride_h = " +
         std::to_string(q.stride_h) + ", .stride_w = " + std::to_string(q.stride_w) + ", .filter_h = " +
         std::to_string(q.filter_h) + ", .filter_w = " + std::to_string(q.filter_w) + ", .pad_h = " +
         std::to_string(q.pad_h) + ", .pad_w = " + std::to_string(q.pad_w) + ", .act_min = " + std::to_string(q.act_min) +
         ", .act_max = " + std::to_string(q.act_max) + "}}";
}

std::string padInit(const tfc_pad_op& d, const DescriptorPointers& p) {
  return "{.input = " + p.input + ", .output = " + p.output + ", .rank = " + std::to_string(d.rank) +
         ", .input_dims = " + dimsInit(d.input_dims, d.rank) + ", .pad_before = " + dimsInit(d.pad_before, d.rank) +
         ", .pad_after = " + dimsInit(d.pad_after, d.rank) + ", .pad_value = " + std::to_string(d.pad_value) + "}";
}

std::string copyRectInit(const tfc_copy_rect_op& d, const std::string& src, const std::string& dst) {
  return "{.src = " + src + ", .dst = " + dst + ", .rows = " + std::to_string(d.rows) + ", .row_bytes = " +
         std::to_string(d.row_bytes) + ", .src_stride = " + std::to_string(d.src_stride) + ", .dst_stride = " +
         std::to_string(d.dst_stride) + "}";
}

}  // namespace tinyforge
