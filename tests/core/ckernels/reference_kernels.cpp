#include "reference_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tinyforge::reference {

int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

int32_t roundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

namespace {

int32_t saturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return roundingDivideByPOT(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

int32_t shiftLeft(int32_t x, int left_shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
}

int32_t roundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

int32_t smallerThanOneExp(int32_t x, int32_t multiplier, int left_shift) {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -left_shift);
}

int32_t clamp(int32_t x, int32_t lo, int32_t hi) { return std::min(std::max(x, lo), hi); }

int32_t add(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }
int32_t sub(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b)); }
int32_t mul(int32_t a, int32_t b) { return saturatingRoundingDoublingHighMul(a, b); }

int32_t expQuarter(int32_t a_raw) {
  const int32_t x = add(a_raw, int32_t{1} << 28);
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4_over_4 = roundingDivideByPOT(x4, 2);
  const int32_t poly = roundingDivideByPOT(add(mul(add(x4_over_4, x3), 715827883), x2), 1);
  return add(1895147668, mul(1895147668, add(x, poly)));
}

int32_t expOnNegativeValues(int32_t a_raw, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod = sub(a_raw & mask, one_quarter);
  int32_t result = expQuarter(saturatingRoundingMultiplyByPOT(a_mod, integer_bits));
  const int32_t remainder = sub(a_mod, a_raw);
  const int exponents[] = {-2, -1, 0, 1, 2, 3, 4};
  const int32_t multipliers[] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int i = 0; i < 7; ++i) {
    if (integer_bits > exponents[i] &&
        (remainder & static_cast<int32_t>(uint32_t{1} << (fractional_bits + exponents[i])))) {
      result = mul(result, multipliers[i]);
    }
  }
  if (integer_bits > 5 && a_raw < -(int32_t{1} << (36 - integer_bits))) result = 0;
  if (a_raw == 0) result = std::numeric_limits<int32_t>::max();
  return result;
}

int32_t oneOverOnePlusX(int32_t a_raw) {
  const int32_t half_denominator = roundingHalfSum(a_raw, std::numeric_limits<int32_t>::max());
  int32_t x = add(1515870810, mul(half_denominator, -1010580540));
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus = sub(int32_t{1} << 29, mul(half_denominator, x));
    x = add(x, saturatingRoundingMultiplyByPOT(mul(x, one_minus), 2));
  }
  return saturatingRoundingMultiplyByPOT(x, 1);
}

}  // namespace

int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shiftLeft(x, left_shift), multiplier), right_shift);
}

void conv2d(const ConvParams& p, std::span<const QuantizedMultiplier> qm, const Shape4& is, const int8_t* input,
            const Shape4& fs, const int8_t* filter, const int32_t* bias, const Shape4& os, int8_t* output) {
  const int groups = is.c / fs.c;
  const int per_group = os.c / groups;
  for (int b = 0; b < os.n; ++b)
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox)
        for (int oc = 0; oc < os.c; ++oc) {
          const int g = oc / per_group;
          int32_t acc = 0;
          for (int fy = 0; fy < fs.h; ++fy) {
            const int iy = oy * p.stride_height - p.pad_height + p.dilation_height * fy;
            if (iy < 0 || iy >= is.h) continue;
            for (int fx = 0; fx < fs.w; ++fx) {
              const int ix = ox * p.stride_width - p.pad_width + p.dilation_width * fx;
              if (ix < 0 || ix >= is.w) continue;
              for (int ic = 0; ic < fs.c; ++ic) {
                const int32_t x = input[((static_cast<int64_t>(b) * is.h + iy) * is.w + ix) * is.c + g * fs.c + ic];
                const int32_t f = filter[((static_cast<int64_t>(oc) * fs.h + fy) * fs.w + fx) * fs.c + ic];
                acc += f * (x + p.input_offset);
              }
            }
          }
          if (bias) acc += bias[oc];
          acc = multiplyByQuantizedMultiplier(acc, qm[oc].multiplier, qm[oc].shift) + p.output_offset;
          output[((static_cast<int64_t>(b) * os.h + oy) * os.w + ox) * os.c + oc] =
              static_cast<int8_t>(clamp(acc, p.act_min, p.act_max));
        }
}

void depthwiseConv2d(const ConvParams& p, int mult, std::span<const QuantizedMultiplier> qm, const Shape4& is,
                     const int8_t* input, const Shape4& fs, const int8_t* filter, const int32_t* bias,
                     const Shape4& os, int8_t* output) {
  for (int b = 0; b < os.n; ++b)
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox)
        for (int ic = 0; ic < is.c; ++ic)
          for (int m = 0; m < mult; ++m) {
            const int oc = ic * mult + m;
            int32_t acc = 0;
            for (int fy = 0; fy < fs.h; ++fy) {
              const int iy = oy * p.stride_height - p.pad_height + p.dilation_height * fy;
              if (iy < 0 || iy >= is.h) continue;
              for (int fx = 0; fx < fs.w; ++fx) {
                const int ix = ox * p.stride_width - p.pad_width + p.dilation_width * fx;
                if (ix < 0 || ix >= is.w) continue;
                const int32_t x = input[((static_cast<int64_t>(b) * is.h + iy) * is.w + ix) * is.c + ic];
                const int32_t f = filter[(static_cast<int64_t>(fy) * fs.w + fx) * os.c + oc];
                acc += f * (x + p.input_offset);
              }
            }
            if (bias) acc += bias[oc];
            acc = multiplyByQuantizedMultiplier(acc, qm[oc].multiplier, qm[oc].shift) + p.output_offset;
            output[((static_cast<int64_t>(b) * os.h + oy) * os.w + ox) * os.c + oc] =
                static_cast<int8_t>(clamp(acc, p.act_min, p.act_max));
          }
}

void fullyConnected(const FullyConnectedParams& p, bool per_channel, std::span<const QuantizedMultiplier> qm,
                    int batches, int depth, int units, const int8_t* input, const int8_t* filter,
                    const int32_t* bias, int8_t* output) {
  const int32_t filter_offset = per_channel ? 0 : p.filter_offset;
  for (int b = 0; b < batches; ++b)
    for (int o = 0; o < units; ++o) {
      int32_t acc = 0;
      for (int d = 0; d < depth; ++d) {
        acc += (filter[static_cast<int64_t>(o) * depth + d] + filter_offset) *
               (input[static_cast<int64_t>(b) * depth + d] + p.input_offset);
      }
      if (bias) acc += bias[o];
      const QuantizedMultiplier& m = per_channel ? qm[o] : qm[0];
      acc = multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift) + p.output_offset;
      output[static_cast<int64_t>(b) * units + o] = static_cast<int8_t>(clamp(acc, p.act_min, p.act_max));
    }
}

int8_t addElement(int8_t a, int8_t b, const AddParams& p) {
  const int32_t s1 = smallerThanOneExp(shiftLeft(p.input1_offset + a, p.left_shift), p.input1_multiplier.multiplier,
                                       p.input1_multiplier.shift);
  const int32_t s2 = smallerThanOneExp(shiftLeft(p.input2_offset + b, p.left_shift), p.input2_multiplier.multiplier,
                                       p.input2_multiplier.shift);
  const int32_t raw =
      smallerThanOneExp(s1 + s2, p.output_multiplier.multiplier, p.output_multiplier.shift) + p.output_offset;
  return static_cast<int8_t>(clamp(raw, p.act_min, p.act_max));
}

void addBroadcast(const AddParams& p, const std::vector<int>& d1, const int8_t* in1, const std::vector<int>& d2,
                  const int8_t* in2, const std::vector<int>& od, int8_t* output) {
  // Index arithmetic per output element: row-major position -> per-input position.
  const int rank = static_cast<int>(od.size());
  int64_t count = 1;
  for (int d : od) count *= d;
  for (int64_t o = 0; o < count; ++o) {
    int64_t rest = o;
    int64_t off1 = 0, off2 = 0, stride1 = 1, stride2 = 1;
    for (int k = rank - 1; k >= 0; --k) {
      const int64_t index = rest % od[k];
      rest /= od[k];
      const int a1 = k - (rank - static_cast<int>(d1.size()));
      const int a2 = k - (rank - static_cast<int>(d2.size()));
      if (a1 >= 0) {
        off1 += (d1[a1] == 1 ? 0 : index) * stride1;
        stride1 *= d1[a1];
      }
      if (a2 >= 0) {
        off2 += (d2[a2] == 1 ? 0 : index) * stride2;
        stride2 *= d2[a2];
      }
    }
    output[o] = addElement(in1[off1], in2[off2], p);
  }
}

void averagePool(const PoolParams& p, const Shape4& is, const int8_t* input, const Shape4& os, int8_t* output) {
  for (int b = 0; b < os.n; ++b)
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox)
        for (int c = 0; c < os.c; ++c) {
          int32_t sum = 0, count = 0;
          for (int fy = 0; fy < p.filter_height; ++fy)
            for (int fx = 0; fx < p.filter_width; ++fx) {
              const int iy = oy * p.stride_height - p.pad_height + fy;
              const int ix = ox * p.stride_width - p.pad_width + fx;
              if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
              sum += input[((static_cast<int64_t>(b) * is.h + iy) * is.w + ix) * is.c + c];
              ++count;
            }
          const int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
          output[((static_cast<int64_t>(b) * os.h + oy) * os.w + ox) * os.c + c] =
              static_cast<int8_t>(clamp(avg, p.act_min, p.act_max));
        }
}

void maxPool(const PoolParams& p, const Shape4& is, const int8_t* input, const Shape4& os, int8_t* output) {
  for (int b = 0; b < os.n; ++b)
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox)
        for (int c = 0; c < os.c; ++c) {
          int32_t best = -128;
          for (int fy = 0; fy < p.filter_height; ++fy)
            for (int fx = 0; fx < p.filter_width; ++fx) {
              const int iy = oy * p.stride_height - p.pad_height + fy;
              const int ix = ox * p.stride_width - p.pad_width + fx;
              if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
              best = std::max<int32_t>(best, input[((static_cast<int64_t>(b) * is.h + iy) * is.w + ix) * is.c + c]);
            }
          output[((static_cast<int64_t>(b) * os.h + oy) * os.w + ox) * os.c + c] =
              static_cast<int8_t>(clamp(best, p.act_min, p.act_max));
        }
}

void mean(const MeanParams& p, const std::vector<int>& dims, const int8_t* input, const std::vector<int>& axes,
          int8_t* output) {
  const int rank = static_cast<int>(dims.size());
  std::vector<bool> reduced(rank, false);
  for (int a : axes) reduced[a < 0 ? a + rank : a] = true;
  int64_t in_count = 1, out_count = 1, n = 1;
  for (int d = 0; d < rank; ++d) {
    in_count *= dims[d];
    (reduced[d] ? n : out_count) *= dims[d];
  }
  std::vector<int32_t> sums(out_count, 0);
  for (int64_t i = 0; i < in_count; ++i) {
    int64_t rest = i, out = 0, stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t index = rest % dims[d];
      rest /= dims[d];
      if (!reduced[d]) {
        out += index * stride;
        stride *= dims[d];
      }
    }
    sums[out] += input[i];
  }
  int shift = 63 - __builtin_clzll(static_cast<uint64_t>(n));
  shift = std::min(shift, 32);
  shift = std::min(shift, 31 + p.multiplier.shift);
  const auto multiplier = static_cast<int32_t>((static_cast<int64_t>(p.multiplier.multiplier) << shift) / n);
  for (int64_t o = 0; o < out_count; ++o) {
    const int32_t value =
        multiplyByQuantizedMultiplier(sums[o] - static_cast<int32_t>(p.input_zero_point * n), multiplier,
                                      p.multiplier.shift - shift) +
        p.output_zero_point;
    output[o] = static_cast<int8_t>(clamp(value, -128, 127));
  }
}

void softmax(const SoftmaxParams& p, int depth, std::span<const int8_t> input, int8_t* output) {
  for (size_t r = 0; r < input.size() / depth; ++r) {
    const int8_t* in = input.data() + r * depth;
    const int32_t max_in = *std::max_element(in, in + depth);
    auto scaled = [&](int32_t diff) {
      return expOnNegativeValues(
          saturatingRoundingDoublingHighMul(shiftLeft(diff, p.input_left_shift), p.input_multiplier), 5);
    };
    int32_t sum = 0;
    for (int c = 0; c < depth; ++c)
      if (in[c] - max_in >= p.diff_min) sum += roundingDivideByPOT(scaled(in[c] - max_in), 12);
    const int headroom = __builtin_clz(static_cast<uint32_t>(sum));
    const int bits = 12 - headroom;
    const int32_t recip = oneOverOnePlusX(
        static_cast<int32_t>((static_cast<uint32_t>(sum) << headroom) - (uint32_t{1} << 31)));
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in;
      output[r * depth + c] =
          diff >= p.diff_min
              ? static_cast<int8_t>(clamp(
                    roundingDivideByPOT(saturatingRoundingDoublingHighMul(recip, scaled(diff)), bits + 23) - 128,
                    -128, 127))
              : int8_t{-128};
    }
  }
}

void pad(const std::vector<int>& dims, const int8_t* input, const std::vector<std::pair<int, int>>& paddings,
         int8_t pad_value, int8_t* output) {
  const int rank = static_cast<int>(dims.size());
  std::vector<int> out_dims(rank);
  int64_t out_count = 1;
  for (int d = 0; d < rank; ++d) {
    out_dims[d] = dims[d] + paddings[d].first + paddings[d].second;
    out_count *= out_dims[d];
  }
  for (int64_t o = 0; o < out_count; ++o) {
    int64_t rest = o, in = 0, stride = 1;
    bool inside = true;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t index = rest % out_dims[d] - paddings[d].first;
      rest /= out_dims[d];
      if (index < 0 || index >= dims[d]) inside = false;
      in += index * stride;
      stride *= dims[d];
    }
    output[o] = inside ? input[in] : pad_value;
  }
}

int8_t requantize(int8_t x, const RequantizeParams& p) {
  const int32_t value = multiplyByQuantizedMultiplier(x - p.input_zero_point, p.multiplier.multiplier,
                                                      p.multiplier.shift) +
                        p.output_zero_point;
  return static_cast<int8_t>(clamp(value, -128, 127));
}

int8_t quantize(float x, float scale, int32_t zero_point) {
  const float rounded = std::round(x / scale);
  if (std::isnan(rounded)) return static_cast<int8_t>(clamp(zero_point, -128, 127));
  const float bounded = std::fmin(std::fmax(rounded, -1.0e6f), 1.0e6f);
  return static_cast<int8_t>(clamp(static_cast<int32_t>(bounded) + zero_point, -128, 127));
}

float dequantize(int8_t q, float scale, int32_t zero_point) {
  return static_cast<float>(static_cast<double>(scale) * (static_cast<int32_t>(q) - zero_point));
}

}  // namespace tinyforge::reference
