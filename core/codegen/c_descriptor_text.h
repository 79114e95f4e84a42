#pragma once
// C99 initializers of the C kernels' descriptors (core/ckernels), as the generated model.c
// defines them: shared by the layer-by-layer code and the patched stage (patch_stage_code.h).
// Pointers are C expressions given by the caller (arena offsets, constant arrays).

#include <cstdint>
#include <string>

#include "core/ckernels/tinyforge_c.h"

namespace tinyforge {

std::string shapeInit(const tfc_shape4& s);
std::string dimsInit(const int32_t* dims, int rank);
std::string int32Literal(int32_t value);
std::string requantInit(const tfc_requant& r);
std::string convParamsInit(const tfc_conv_params& p);

// The pointer expressions of one descriptor ("0" for none).
struct DescriptorPointers {
  std::string input, input2, filter, bias, requant, output, scratch;
};

std::string conv2dInit(const tfc_conv2d_op& d, const DescriptorPointers& p);
std::string depthwiseConv2dInit(const tfc_depthwise_conv2d_op& d, const DescriptorPointers& p);
std::string addInit(const tfc_add_op& d, const DescriptorPointers& p);
std::string pool2dInit(const tfc_pool2d_op& d, const DescriptorPointers& p);
std::string padInit(const tfc_pad_op& d, const DescriptorPointers& p);
std::string copyRectInit(const tfc_copy_rect_op& d, const std::string& src, const std::string& dst);

}  // namespace tinyforge
