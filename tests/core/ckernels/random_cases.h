#pragma once
// Random parameters for the C kernel tests: fixed seeds (the same cases on every run and
// machine), shapes small enough for the reference loops, and the extremes a converter can
// produce (zero points -128 and 127, narrow activation ranges, multipliers with left
// shifts).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::testing {

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(engine_); }
  float real(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(engine_); }

  std::vector<int8_t> int8s(size_t n) {
    std::vector<int8_t> v(n);
    for (auto& x : v) x = static_cast<int8_t>(uniform(-128, 127));
    return v;
  }

  // A zero point: often one of the extremes.
  int32_t zeroPoint() {
    switch (uniform(0, 5)) {
      case 0: return -128;
      case 1: return 127;
      case 2: return 0;
      default: return uniform(-128, 127);
    }
  }

  // A requantization multiplier as quantizeMultiplier makes them, mostly below 1 (right
  // shifts), sometimes above (left shifts).
  kernels::QuantizedMultiplier multiplier() {
    const double exponent = chance(0.15) ? real(0.0f, 4.0f) : real(-14.0f, -1.0f);
    return kernels::quantizeMultiplier(std::pow(2.0, exponent) * real(0.5f, 1.0f));
  }

  std::vector<kernels::QuantizedMultiplier> multipliers(int n) {
    std::vector<kernels::QuantizedMultiplier> v(static_cast<size_t>(n));
    for (auto& m : v) m = multiplier();
    return v;
  }

  std::vector<int32_t> biases(int n, int magnitude = 20000) {
    std::vector<int32_t> v(static_cast<size_t>(n));
    for (auto& b : v) b = uniform(-magnitude, magnitude);
    return v;
  }

  // [act_min, act_max]: the full range, a ReLU-like half range or a narrow band.
  std::pair<int32_t, int32_t> activationRange() {
    switch (uniform(0, 3)) {
      case 0: {
        const int lo = uniform(-128, 100);
        return {lo, std::min(127, lo + uniform(0, 27))};
      }
      case 1: return {uniform(-128, 0), 127};
      default: return {-128, 127};
    }
  }

  std::mt19937& engine() { return engine_; }

 private:
  std::mt19937 engine_;
};

// Guard bytes around a scratch buffer: a kernel that writes outside the bytes its scratch
// formula promised changes them.
class GuardedScratch {
 public:
  explicit GuardedScratch(int32_t bytes) : bytes_(bytes), storage_(static_cast<size_t>(bytes) + 2 * kGuard + 4, kFill) {}
  // 4-byte aligned, as the generated arena gives it.
  void* data() {
    auto address = reinterpret_cast<uintptr_t>(storage_.data() + kGuard);
    offset_ = kGuard + static_cast<size_t>((4 - address % 4) % 4);
    std::fill(storage_.begin(), storage_.end(), kFill);
    return storage_.data() + offset_;
  }
  bool guardsIntact() const {
    for (size_t i = 0; i < offset_; ++i)
      if (storage_[i] != kFill) return false;
    for (size_t i = offset_ + static_cast<size_t>(bytes_); i < storage_.size(); ++i)
      if (storage_[i] != kFill) return false;
    return true;
  }

 private:
  static constexpr size_t kGuard = 64;
  static constexpr uint8_t kFill = 0xA5;
  int32_t bytes_;
  std::vector<uint8_t> storage_;
  size_t offset_ = kGuard;
};

}  // namespace tinyforge::testing
