#include "core/quant/float_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tinyforge::floatops {
namespace {

void requireSize(size_t actual, int64_t expected, const char* op, const char* what) {
  if (static_cast<int64_t>(actual) != expected)
    throw std::invalid_argument(std::string(op) + ": " + what + " holds " + std::to_string(actual) +
                                " values, its shape needs " + std::to_string(expected));
}

kernels::WindowPadding paddingOf(const Window& w, const Shape4& in) {
  return kernels::computeWindowPadding(w.padding == Padding::Same ? kernels::PaddingType::Same
                                                                  : kernels::PaddingType::Valid,
                                       in.h, in.w, w.kernel_h, w.kernel_w, w.stride_h, w.stride_w, w.dilation_h,
                                       w.dilation_w);
}

int64_t product(std::span<const int32_t> dims) {
  int64_t n = 1;
  for (int32_t d : dims) n *= d;
  return n;
}

std::vector<int64_t> stridesOf(std::span<const int32_t> dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (int d = static_cast<int>(dims.size()) - 2; d >= 0; --d) strides[d] = strides[d + 1] * dims[d + 1];
  return strides;
}

}  // namespace

void applyActivation(Activation activation, std::span<float> values) {
  switch (activation) {
    case Activation::None: return;
    case Activation::Relu:
      for (float& v : values) v = std::max(v, 0.0f);
      return;
    case Activation::Relu6:
      for (float& v : values) v = std::clamp(v, 0.0f, 6.0f);
      return;
  }
}

void conv2d(const Window& window, const Shape4& in, std::span<const float> input, const Shape4& f,
            std::span<const float> filter, std::span<const float> bias, const Shape4& out, std::span<float> output) {
  requireSize(input.size(), in.flatSize(), "CONV_2D", "input");
  requireSize(filter.size(), f.flatSize(), "CONV_2D", "filter");
  requireSize(output.size(), out.flatSize(), "CONV_2D", "output");
  if (!bias.empty()) requireSize(bias.size(), f.n, "CONV_2D", "bias");
  if (out.c != f.n || f.c <= 0 || in.c % f.c != 0 || f.n % (in.c / f.c) != 0)
    throw std::invalid_argument("CONV_2D: filter " + kernels::toString(f) + " does not fit input " +
                                kernels::toString(in) + " and output " + kernels::toString(out));
  const int groups = in.c / f.c;
  const int per_group = f.n / groups;
  const auto pad = paddingOf(window, in);
  for (int b = 0; b < in.n; ++b) {
    for (int oy = 0; oy < out.h; ++oy) {
      for (int ox = 0; ox < out.w; ++ox) {
        float* o = &output[((static_cast<int64_t>(b) * out.h + oy) * out.w + ox) * out.c];
        for (int oc = 0; oc < out.c; ++oc) o[oc] = bias.empty() ? 0.0f : bias[oc];
        for (int ky = 0; ky < f.h; ++ky) {
          const int iy = oy * window.stride_h - pad.height + ky * window.dilation_h;
          if (iy < 0 || iy >= in.h) continue;
          for (int kx = 0; kx < f.w; ++kx) {
            const int ix = ox * window.stride_w - pad.width + kx * window.dilation_w;
            if (ix < 0 || ix >= in.w) continue;
            const float* x = &input[((static_cast<int64_t>(b) * in.h + iy) * in.w + ix) * in.c];
            for (int oc = 0; oc < out.c; ++oc) {
              const float* w = &filter[((static_cast<int64_t>(oc) * f.h + ky) * f.w + kx) * f.c];
              const float* xg = x + (oc / per_group) * f.c;
              float acc = 0.0f;
              for (int ic = 0; ic < f.c; ++ic) acc += xg[ic] * w[ic];
              o[oc] += acc;
            }
          }
        }
      }
    }
  }
}

void depthwiseConv2d(const Window& window, int multiplier, const Shape4& in, std::span<const float> input,
                     std::span<const float> filter, std::span<const float> bias, const Shape4& out,
                     std::span<float> output) {
  requireSize(input.size(), in.flatSize(), "DEPTHWISE_CONV_2D", "input");
  requireSize(output.size(), out.flatSize(), "DEPTHWISE_CONV_2D", "output");
  if (out.c != in.c * multiplier)
    throw std::invalid_argument("DEPTHWISE_CONV_2D: output channels " + std::to_string(out.c) + " != input channels " +
                                std::to_string(in.c) + " x multiplier " + std::to_string(multiplier));
  requireSize(filter.size(), static_cast<int64_t>(window.kernel_h) * window.kernel_w * out.c, "DEPTHWISE_CONV_2D",
              "filter");
  if (!bias.empty()) requireSize(bias.size(), out.c, "DEPTHWISE_CONV_2D", "bias");
  const auto pad = paddingOf(window, in);
  for (int b = 0; b < in.n; ++b) {
    for (int oy = 0; oy < out.h; ++oy) {
      for (int ox = 0; ox < out.w; ++ox) {
        float* o = &output[((static_cast<int64_t>(b) * out.h + oy) * out.w + ox) * out.c];
        for (int oc = 0; oc < out.c; ++oc) o[oc] = bias.empty() ? 0.0f : bias[oc];
        for (int ky = 0; ky < window.kernel_h; ++ky) {
          const int iy = oy * window.stride_h - pad.height + ky * window.dilation_h;
          if (iy < 0 || iy >= in.h) continue;
          for (int kx = 0; kx < window.kernel_w; ++kx) {
            const int ix = ox * window.stride_w - pad.width + kx * window.dilation_w;
            if (ix < 0 || ix >= in.w) continue;
            const float* x = &input[((static_cast<int64_t>(b) * in.h + iy) * in.w + ix) * in.c];
            const float* w = &filter[(static_cast<int64_t>(ky) * window.kernel_w + kx) * out.c];
            for (int oc = 0; oc < out.c; ++oc) o[oc] += x[oc / multiplier] * w[oc];
          }
        }
      }
    }
  }
}

void fullyConnected(int features, int units, std::span<const float> input, std::span<const float> filter,
                    std::span<const float> bias, std::span<float> output) {
  if (features <= 0 || units <= 0 || input.size() % static_cast<size_t>(features) != 0)
    throw std::invalid_argument("FULLY_CONNECTED: input of " + std::to_string(input.size()) +
                                " values does not split into rows of " + std::to_string(features));
  requireSize(filter.size(), int64_t{units} * features, "FULLY_CONNECTED", "filter");
  if (!bias.empty()) requireSize(bias.size(), units, "FULLY_CONNECTED", "bias");
  const int64_t batches = static_cast<int64_t>(input.size()) / features;
  requireSize(output.size(), batches * units, "FULLY_CONNECTED", "output");
  for (int64_t b = 0; b < batches; ++b) {
    const float* x = &input[b * features];
    for (int u = 0; u < units; ++u) {
      const float* w = &filter[static_cast<int64_t>(u) * features];
      float acc = 0.0f;
      for (int d = 0; d < features; ++d) acc += x[d] * w[d];
      output[b * units + u] = acc + (bias.empty() ? 0.0f : bias[u]);
    }
  }
}

namespace {

template <typename Reduce, typename Finish>
void pool(const char* op, const Window& window, const Shape4& in, std::span<const float> input, const Shape4& out,
          std::span<float> output, float init, Reduce reduce, Finish finish) {
  requireSize(input.size(), in.flatSize(), op, "input");
  requireSize(output.size(), out.flatSize(), op, "output");
  if (out.c != in.c || out.n != in.n) throw std::invalid_argument(std::string(op) + ": output shape does not match input");
  const auto pad = paddingOf(window, in);
  for (int b = 0; b < in.n; ++b) {
    for (int oy = 0; oy < out.h; ++oy) {
      const int y0 = std::max(0, oy * window.stride_h - pad.height);
      const int y1 = std::min(in.h, oy * window.stride_h - pad.height + window.kernel_h);
      for (int ox = 0; ox < out.w; ++ox) {
        const int x0 = std::max(0, ox * window.stride_w - pad.width);
        const int x1 = std::min(in.w, ox * window.stride_w - pad.width + window.kernel_w);
        float* o = &output[((static_cast<int64_t>(b) * out.h + oy) * out.w + ox) * out.c];
        std::fill(o, o + out.c, init);
        for (int iy = y0; iy < y1; ++iy)
          for (int ix = x0; ix < x1; ++ix) {
            const float* x = &input[((static_cast<int64_t>(b) * in.h + iy) * in.w + ix) * in.c];
            for (int c = 0; c < in.c; ++c) o[c] = reduce(o[c], x[c]);
          }
        const int count = std::max(0, y1 - y0) * std::max(0, x1 - x0);
        for (int c = 0; c < out.c; ++c) o[c] = finish(o[c], count);
      }
    }
  }
}

}  // namespace

void averagePool2d(const Window& window, const Shape4& in, std::span<const float> input, const Shape4& out,
                   std::span<float> output) {
  pool("AVERAGE_POOL_2D", window, in, input, out, output, 0.0f, [](float a, float x) { return a + x; },
       [](float a, int n) { return n > 0 ? a / static_cast<float>(n) : 0.0f; });
}

void maxPool2d(const Window& window, const Shape4& in, std::span<const float> input, const Shape4& out,
               std::span<float> output) {
  pool("MAX_POOL_2D", window, in, input, out, output, -std::numeric_limits<float>::infinity(),
       [](float a, float x) { return std::max(a, x); }, [](float a, int) { return a; });
}

void mean(std::span<const int32_t> dims, std::span<const float> input, std::span<const int32_t> axes,
          std::span<float> output) {
  const int rank = static_cast<int>(dims.size());
  requireSize(input.size(), product(dims), "MEAN", "input");
  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  for (int32_t a : axes) {
    const int axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank) throw std::invalid_argument("MEAN: axis " + std::to_string(a) + " outside rank " + std::to_string(rank));
    reduced[axis] = true;
  }
  int64_t kept = 1, count = 1;
  for (int d = 0; d < rank; ++d) (reduced[d] ? count : kept) *= dims[d];
  requireSize(output.size(), kept, "MEAN", "output");
  std::vector<double> sums(static_cast<size_t>(kept), 0.0);
  std::vector<int32_t> index(static_cast<size_t>(rank), 0);
  for (size_t i = 0; i < input.size(); ++i) {
    int64_t o = 0;
    for (int d = 0; d < rank; ++d)
      if (!reduced[d]) o = o * dims[d] + index[d];
    sums[o] += input[i];
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
  for (int64_t o = 0; o < kept; ++o) output[o] = static_cast<float>(sums[o] / static_cast<double>(count));
}

void add(std::span<const int32_t> a_dims, std::span<const float> a, std::span<const int32_t> b_dims,
         std::span<const float> b, std::span<const int32_t> out_dims, std::span<float> output) {
  requireSize(a.size(), product(a_dims), "ADD", "input 1");
  requireSize(b.size(), product(b_dims), "ADD", "input 2");
  requireSize(output.size(), product(out_dims), "ADD", "output");
  if (a.size() == output.size() && b.size() == output.size()) {
    for (size_t i = 0; i < output.size(); ++i) output[i] = a[i] + b[i];
    return;
  }
  const int rank = static_cast<int>(out_dims.size());
  // Strides of each input aligned to the output's dimensions; 0 where it broadcasts.
  auto alignedStrides = [&](std::span<const int32_t> dims) {
    if (static_cast<int>(dims.size()) > rank) throw std::invalid_argument("ADD: input rank exceeds output rank");
    std::vector<int64_t> strides(static_cast<size_t>(rank), 0);
    const auto own = stridesOf(dims);
    const int offset = rank - static_cast<int>(dims.size());
    for (int d = 0; d < static_cast<int>(dims.size()); ++d) {
      if (dims[d] != 1 && dims[d] != out_dims[offset + d]) throw std::invalid_argument("ADD: shapes do not broadcast");
      strides[offset + d] = dims[d] == 1 ? 0 : own[d];
    }
    return strides;
  };
  const auto sa = alignedStrides(a_dims), sb = alignedStrides(b_dims);
  std::vector<int32_t> index(static_cast<size_t>(rank), 0);
  for (size_t i = 0; i < output.size(); ++i) {
    int64_t ia = 0, ib = 0;
    for (int d = 0; d < rank; ++d) ia += index[d] * sa[d], ib += index[d] * sb[d];
    output[i] = a[ia] + b[ib];
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < out_dims[d]) break;
      index[d] = 0;
    }
  }
}

void concatenation(int axis, std::span<const std::vector<int32_t>> input_dims,
                   std::span<const std::span<const float>> inputs, std::span<float> output) {
  if (input_dims.empty() || input_dims.size() != inputs.size())
    throw std::invalid_argument("CONCATENATION: needs one shape per input");
  const int rank = static_cast<int>(input_dims[0].size());
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) throw std::invalid_argument("CONCATENATION: axis outside the rank");
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= input_dims[0][d];
  int64_t total = 0;
  std::vector<int64_t> slab(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    requireSize(inputs[i].size(), product(input_dims[i]), "CONCATENATION", "input");
    slab[i] = outer > 0 ? static_cast<int64_t>(inputs[i].size()) / outer : 0;
    total += static_cast<int64_t>(inputs[i].size());
  }
  requireSize(output.size(), total, "CONCATENATION", "output");
  float* o = output.data();
  for (int64_t k = 0; k < outer; ++k)
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::copy_n(inputs[i].data() + k * slab[i], slab[i], o);
      o += slab[i];
    }
}

void pad(std::span<const int32_t> dims, std::span<const float> input,
         std::span<const std::pair<int32_t, int32_t>> paddings, std::span<float> output) {
  const int rank = static_cast<int>(dims.size());
  if (static_cast<int>(paddings.size()) != rank) throw std::invalid_argument("PAD: one (before, after) pair per dimension");
  requireSize(input.size(), product(dims), "PAD", "input");
  std::vector<int32_t> out_dims(dims.begin(), dims.end());
  for (int d = 0; d < rank; ++d) {
    if (paddings[d].first < 0 || paddings[d].second < 0) throw std::invalid_argument("PAD: negative padding");
    out_dims[d] += paddings[d].first + paddings[d].second;
  }
  requireSize(output.size(), product(out_dims), "PAD", "output");
  std::fill(output.begin(), output.end(), 0.0f);
  const auto out_strides = stridesOf(out_dims);
  std::vector<int32_t> index(static_cast<size_t>(rank), 0);
  for (size_t i = 0; i < input.size(); ++i) {
    int64_t o = 0;
    for (int d = 0; d < rank; ++d) o += (index[d] + paddings[d].first) * out_strides[d];
    output[o] = input[i];
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
}

void softmax(float beta, int depth, std::span<const float> input, std::span<float> output) {
  if (depth <= 0 || input.size() % static_cast<size_t>(depth) != 0)
    throw std::invalid_argument("SOFTMAX: input does not split into rows of " + std::to_string(depth));
  requireSize(output.size(), static_cast<int64_t>(input.size()), "SOFTMAX", "output");
  for (size_t row = 0; row < input.size(); row += static_cast<size_t>(depth)) {
    const float top = *std::max_element(input.begin() + row, input.begin() + row + depth);
    double sum = 0.0;
    for (int i = 0; i < depth; ++i) {
      output[row + i] = std::exp(beta * (input[row + i] - top));
      sum += output[row + i];
    }
    for (int i = 0; i < depth; ++i) output[row + i] = static_cast<float>(output[row + i] / sum);
  }
}

}  // namespace tinyforge::floatops
