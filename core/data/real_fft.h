#pragma once
// Real-to-complex FFT of a fixed size through FFTW, with one plan made at construction and
// reused for every frame. FFTW's planner is not thread-safe, so plan creation is serialised;
// execution on caller-owned buffers (fftw_execute_dft_r2c) is, so compute() may run in
// several threads at once.

#include <cstddef>
#include <span>
#include <vector>

namespace tinyforge {

class RealFft {
 public:
  explicit RealFft(int size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  int size() const { return size_; }
  int bins() const { return size_ / 2 + 1; }
  // |X[k]|^2 for k = 0..size/2 of `input` zero-padded (or cut) to size().
  void powerSpectrum(std::span<const double> input, std::vector<double>& power) const;

 private:
  int size_;
  void* plan_;  // fftw_plan, kept opaque so users of this header need no fftw3.h
};

}  // namespace tinyforge
