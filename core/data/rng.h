#pragma once
// Seeded random numbers whose sequence is the same on every standard library (std::
// distributions are implementation-defined), so a seed reproduces a data set anywhere.

#include <cstdint>
#include <random>

namespace tinyforge {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next() { return engine_(); }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [low, high] (inclusive); the modulo bias is below 2^-40 for our ranges.
  std::int64_t integer(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  // Standard normal (Box-Muller).
  double normal();

 private:
  std::mt19937_64 engine_;
};

// Mixes two values into a seed (splitmix64 finaliser), e.g. seedFor(epoch, index).
std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b);

}  // namespace tinyforge
