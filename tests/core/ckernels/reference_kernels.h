#pragma once
// The independent oracle of the C kernel tests: TinyForge's C++ int8 kernels as they were
// before they moved to core/ckernels (checked bit for bit against TFLM's reference kernels
// and gemmlowp, see core/kernels/README.md), straightforward loops with their own
// fixed-point functions, kept here so the C library is never compared with itself.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/kernels/add.h"
#include "core/kernels/conv2d.h"
#include "core/kernels/fully_connected.h"
#include "core/kernels/mean.h"
#include "core/kernels/pool_params.h"
#include "core/kernels/quantize.h"
#include "core/kernels/softmax.h"

namespace tinyforge::reference {

using kernels::AddParams;
using kernels::ConvParams;
using kernels::FullyConnectedParams;
using kernels::MeanParams;
using kernels::PoolParams;
using kernels::QuantizedMultiplier;
using kernels::RequantizeParams;
using kernels::Shape4;
using kernels::SoftmaxParams;

int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b);
int32_t roundingDivideByPOT(int32_t x, int exponent);
int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);

void conv2d(const ConvParams& params, std::span<const QuantizedMultiplier> multipliers, const Shape4& input_shape,
            const int8_t* input, const Shape4& filter_shape, const int8_t* filter, const int32_t* bias,
            const Shape4& output_shape, int8_t* output);
void depthwiseConv2d(const ConvParams& params, int depth_multiplier, std::span<const QuantizedMultiplier> multipliers,
                     const Shape4& input_shape, const int8_t* input, const Shape4& filter_shape, const int8_t* filter,
                     const int32_t* bias, const Shape4& output_shape, int8_t* output);
void fullyConnected(const FullyConnectedParams& params, bool per_channel,
                    std::span<const QuantizedMultiplier> multipliers, int batches, int accum_depth, int units,
                    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);
int8_t addElement(int8_t a, int8_t b, const AddParams& params);
// Broadcast over dims aligned at the last dimension (any of them may be shorter).
void addBroadcast(const AddParams& params, const std::vector<int>& dims1, const int8_t* input1,
                  const std::vector<int>& dims2, const int8_t* input2, const std::vector<int>& out_dims,
                  int8_t* output);
void averagePool(const PoolParams& params, const Shape4& input_shape, const int8_t* input, const Shape4& output_shape,
                 int8_t* output);
void maxPool(const PoolParams& params, const Shape4& input_shape, const int8_t* input, const Shape4& output_shape,
             int8_t* output);
void mean(const MeanParams& params, const std::vector<int>& dims, const int8_t* input, const std::vector<int>& axes,
          int8_t* output);
void softmax(const SoftmaxParams& params, int depth, std::span<const int8_t> input, int8_t* output);
void pad(const std::vector<int>& dims, const int8_t* input, const std::vector<std::pair<int, int>>& paddings,
         int8_t pad_value, int8_t* output);
int8_t requantize(int8_t x, const RequantizeParams& params);
int8_t quantize(float x, float scale, int32_t zero_point);
float dequantize(int8_t q, float scale, int32_t zero_point);

}  // namespace tinyforge::reference
