#include "core/data/real_fft.h"

#include <fftw3.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace tinyforge {
namespace {
std::mutex& plannerMutex() {
  static std::mutex mutex;
  return mutex;
}
}  // namespace

RealFft::RealFft(int size) : size_(size), plan_(nullptr) {
  if (size < 2) throw std::invalid_argument("FFT size must be at least 2");
  std::lock_guard lock(plannerMutex());
  // Planning on scratch buffers with FFTW_UNALIGNED lets compute() run on any buffers.
  double* in = fftw_alloc_real(size);
  fftw_complex* out = fftw_alloc_complex(size / 2 + 1);
  plan_ = fftw_plan_dft_r2c_1d(size, in, out, FFTW_ESTIMATE | FFTW_UNALIGNED);
  fftw_free(in);
  fftw_free(out);
  if (plan_ == nullptr) throw std::runtime_error("FFTW could not plan an FFT");
}

RealFft::~RealFft() {
  std::lock_guard lock(plannerMutex());
  fftw_destroy_plan(static_cast<fftw_plan>(plan_));
}

void RealFft::powerSpectrum(std::span<const double> input, std::vector<double>& power) const {
  std::vector<double> in(static_cast<std::size_t>(size_), 0.0);
  std::copy_n(input.begin(), std::min<std::size_t>(input.size(), in.size()), in.begin());
  std::vector<fftw_complex> out(static_cast<std::size_t>(bins()));
  fftw_execute_dft_r2c(static_cast<fftw_plan>(plan_), in.data(), out.data());
  power.resize(out.size());
  for (std::size_t k = 0; k < out.size(); ++k) power[k] = out[k][0] * out[k][0] + out[k][1] * out[k][1];
}

}  // namespace tinyforge
