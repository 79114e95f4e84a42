#pragma once
// Output size and implicit padding of a windowed op (conv, depthwise, pools), as TFLM's
// ComputePaddingHeightWidth (tensorflow/lite/kernels/padding.h) derives them.

#include <cstdint>

namespace tinyforge::kernels {

enum class PaddingType { Same, Valid };

struct WindowPadding {
  int out_height = 0;
  int out_width = 0;
  int height = 0;         // rows added on top (the kernels' pad_height)
  int width = 0;          // columns added on the left (the kernels' pad_width)
  int height_offset = 0;  // 1 when SAME needs one more row at the bottom than on top
  int width_offset = 0;   // 1 when SAME needs one more column on the right than on the left
  bool operator==(const WindowPadding&) const = default;
};

// SAME: out = ceil(in / stride); VALID: out = (in - effective_filter) / stride + 1 with
// effective_filter = (filter - 1) * dilation + 1. Total padding
// max(0, (out - 1) * stride + effective_filter - in) is split floor(total / 2) before and
// the rest after. Throws KernelError on non-positive strides, dilations or filters, or a
// VALID window larger than the input.
WindowPadding computeWindowPadding(PaddingType padding, int in_height, int in_width, int filter_height,
                                   int filter_width, int stride_height, int stride_width,
                                   int dilation_height = 1, int dilation_width = 1);

}  // namespace tinyforge::kernels
