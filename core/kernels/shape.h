#pragma once
// The NHWC shape the 4-D kernels take, and the size checks every kernel runs before it
// touches memory (a wrong size is a KernelError, never an out-of-bounds read).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

// Batch, height, width, channels (TFLite's NHWC). Filters use the same struct:
// Conv2D filters are OHWI {out, h, w, in}, DepthwiseConv2D filters {1, h, w, in * mult}.
struct Shape4 {
  int n = 1;
  int h = 1;
  int w = 1;
  int c = 1;
  int64_t flatSize() const { return static_cast<int64_t>(n) * h * w * c; }
  bool operator==(const Shape4&) const = default;
};

inline std::string toString(const Shape4& s) {
  return "[" + std::to_string(s.n) + "," + std::to_string(s.h) + "," + std::to_string(s.w) + "," +
         std::to_string(s.c) + "]";
}

inline void requirePositive(const Shape4& s, const char* op, const char* what) {
  if (s.n <= 0 || s.h <= 0 || s.w <= 0 || s.c <= 0) {
    throw KernelError(std::string(op) + ": " + what + " shape " + toString(s) + " has a non-positive dimension");
  }
}

template <typename T>
void requireSize(std::span<T> data, int64_t expected, const char* op, const char* what) {
  if (static_cast<int64_t>(data.size()) != expected) {
    throw KernelError(std::string(op) + ": " + what + " holds " + std::to_string(data.size()) +
                      " elements, its shape needs " + std::to_string(expected));
  }
}

}  // namespace tinyforge::kernels
