#include "core/kernels/padding.h"

#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

namespace {
struct Axis {
  int out = 0;
  int pad = 0;
  int offset = 0;
};

Axis computeAxis(PaddingType padding, int in, int filter, int stride, int dilation, const char* name) {
  if (in < 0 || filter <= 0 || stride <= 0 || dilation <= 0) {
    throw KernelError(std::string("window padding: invalid ") + name + " geometry (input " + std::to_string(in) +
                      ", filter " + std::to_string(filter) + ", stride " + std::to_string(stride) +
                      ", dilation " + std::to_string(dilation) + ")");
  }
  const int64_t effective = (static_cast<int64_t>(filter) - 1) * dilation + 1;
  int64_t out = 0;
  if (padding == PaddingType::Same) {
    out = (static_cast<int64_t>(in) + stride - 1) / stride;
  } else {
    out = (static_cast<int64_t>(in) + stride - effective) / stride;
  }
  if (out <= 0) {
    throw KernelError(std::string("window padding: the ") + name + " window (" + std::to_string(effective) +
                      ") does not fit the input (" + std::to_string(in) + ") with VALID padding");
  }
  int64_t total = (out - 1) * stride + effective - in;
  if (total < 0) total = 0;
  return {static_cast<int>(out), static_cast<int>(total / 2), static_cast<int>(total % 2)};
}
}  // namespace

WindowPadding computeWindowPadding(PaddingType padding, int in_height, int in_width, int filter_height,
                                   int filter_width, int stride_height, int stride_width, int dilation_height,
                                   int dilation_width) {
  const Axis h = computeAxis(padding, in_height, filter_height, stride_height, dilation_height, "height");
  const Axis w = computeAxis(padding, in_width, filter_width, stride_width, dilation_width, "width");
  return {h.out, w.out, h.pad, w.pad, h.offset, w.offset};
}

}  // namespace tinyforge::kernels
