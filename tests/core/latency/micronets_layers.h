#pragma once
// Per-layer descriptions of the models of MicroNets Table 4, built by hand from their
// architectures so the latency tests do not depend on the model files or the cost module.
//
// Hand formulas ('same' padding, so a stride-s layer gives ceil(H/s) x ceil(W/s)):
//   conv       MACs = kh * kw * cin * cout * Hout * Wout
//   depthwise  MACs = kh * kw * C * Hout * Wout
//   pointwise  MACs = cin * cout * Hout * Wout          (a 1x1 conv)
//   avg pool   MACs = kh * kw * C * Hout * Wout         (valid padding; one add per input)
//   FC         MACs = in * out
// A DS block is DW 3x3 (stride s) + PW 1x1 to the block's channels. Inputs: KWS 49x10x1
// (MFCC), AD 32x32x1 (log-mel). Reshape/softmax layers are left out (no MACs, a few
// microseconds). Architectures: MicroNet-KWS/AD from MicroNets Table 5; DS-CNN from Arm
// ML-zoo (runtime-facts.md) -- DS-CNN-S exactly as the ML-zoo .tflite in shared/models
// (first conv 10x4 stride 2x2), DS-CNN-M/L with the first conv at stride 1 followed by a
// stride-2 DS block, the only reading of the ML-zoo shapes that reproduces Table 4's
// 37.3 / 107.2 Mops (the ML-zoo stride (2,1) first conv gives about half of that).

#include <string>
#include <vector>

#include "core/latency/latency_op.h"

namespace tinyforge::reference_nets {

class LayerBuilder {
 public:
  LayerBuilder(int h, int w, int c) : h_(h), w_(w), c_(c) {}

  LayerBuilder& conv(int kh, int kw, int cout, int stride) {
    const int oh = ceilDiv(h_, stride), ow = ceilDiv(w_, stride);
    push(NodeKind::Conv2D, double(kh) * kw * c_ * cout * oh * ow, cout, kh, kw, stride, oh, ow);
    return *this;
  }
  LayerBuilder& depthwise(int kh, int kw, int stride) {
    const int oh = ceilDiv(h_, stride), ow = ceilDiv(w_, stride);
    push(NodeKind::DepthwiseConv2D, double(kh) * kw * c_ * oh * ow, c_, kh, kw, stride, oh, ow);
    return *this;
  }
  LayerBuilder& pointwise(int cout) { return conv(1, 1, cout, 1); }
  LayerBuilder& ds(int cout, int stride) { return depthwise(3, 3, stride).pointwise(cout); }
  LayerBuilder& avgPool(int kh, int kw) {
    const int oh = h_ - kh + 1, ow = w_ - kw + 1;
    push(NodeKind::AveragePool2D, double(kh) * kw * c_ * oh * ow, c_, kh, kw, 1, oh, ow);
    return *this;
  }
  LayerBuilder& fc(int units) {
    const int in = h_ * w_ * c_;
    h_ = w_ = 1;
    c_ = in;
    push(NodeKind::FullyConnected, double(in) * units, units, 1, 1, 1, 1, 1);
    return *this;
  }
  std::vector<LatencyOp> layers() const { return layers_; }
  double macs() const {
    double sum = 0;
    for (const auto& op : layers_) sum += op.macs;
    return sum;
  }

 private:
  static int ceilDiv(int a, int b) { return (a + b - 1) / b; }
  void push(NodeKind kind, double macs, int cout, int kh, int kw, int stride, int oh, int ow) {
    LatencyOp op;
    op.name = std::string(toString(kind)) + "_" + std::to_string(layers_.size());
    op.kind = kind;
    op.macs = macs;
    op.in_channels = c_;
    op.out_channels = cout;
    op.kernel_h = kh;
    op.kernel_w = kw;
    op.stride = stride;
    op.in_h = h_;
    op.in_w = w_;
    op.out_h = oh;
    op.out_w = ow;
    op.output_elements = int64_t{oh} * ow * cout;
    op.input_bytes = int64_t{h_} * w_ * c_;
    op.output_bytes = op.output_elements;
    layers_.push_back(op);
    h_ = oh;
    w_ = ow;
    c_ = cout;
  }
  int h_, w_, c_;
  std::vector<LatencyOp> layers_;
};

struct ReferenceNet {
  std::string name;  // as in MicroNets Table 4
  double paper_mops;
  std::vector<LatencyOp> layers;
  double macs;
};

inline ReferenceNet makeNet(const std::string& name, double paper_mops, const LayerBuilder& b) {
  return {name, paper_mops, b.layers(), b.macs()};
}

inline std::vector<ReferenceNet> micronetsTable4Nets() {
  std::vector<ReferenceNet> nets;
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 276, 1).ds(248, 2).ds(276, 1).ds(276, 1).ds(248, 1).ds(248, 1).ds(248, 1).ds(248, 1);
    b.avgPool(25, 5).fc(12);
    nets.push_back(makeNet("MicroNet-KWS-L", 129, b));
  }
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 140, 1).ds(140, 2).ds(140, 1).ds(140, 1).ds(112, 1).ds(196, 1).avgPool(25, 5).fc(12);
    nets.push_back(makeNet("MicroNet-KWS-M", 30.6, b));
  }
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 84, 1).ds(112, 2).ds(84, 1).ds(84, 1).ds(84, 1).ds(196, 1).avgPool(25, 5).fc(12);
    nets.push_back(makeNet("MicroNet-KWS-S", 16.4, b));
  }
  {
    LayerBuilder b(32, 32, 1);
    b.conv(3, 3, 276, 1).ds(248, 2).ds(276, 1).ds(276, 1).ds(248, 2).ds(248, 2).avgPool(4, 4).fc(4);
    nets.push_back(makeNet("MicroNet-AD-L", 129, b));
  }
  {
    LayerBuilder b(32, 32, 1);
    b.conv(3, 3, 192, 1).ds(276, 2).ds(276, 1).ds(276, 1).ds(276, 2).ds(276, 2).avgPool(4, 4).fc(4);
    nets.push_back(makeNet("MicroNet-AD-M", 124.7, b));
  }
  {
    LayerBuilder b(32, 32, 1);
    b.conv(3, 3, 72, 1).ds(164, 2).ds(220, 1).ds(276, 2).ds(276, 2).avgPool(4, 4).fc(4);
    nets.push_back(makeNet("MicroNet-AD-S", 37.5, b));
  }
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 276, 1).ds(276, 2).ds(276, 1).ds(276, 1).ds(276, 1).ds(276, 1).avgPool(25, 5).fc(12);
    nets.push_back(makeNet("DSCNN-L", 107.2, b));
  }
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 172, 1).ds(172, 2).ds(172, 1).ds(172, 1).ds(172, 1).avgPool(25, 5).fc(12);
    nets.push_back(makeNet("DSCNN-M", 37.3, b));
  }
  {
    LayerBuilder b(49, 10, 1);
    b.conv(10, 4, 64, 2).ds(64, 1).ds(64, 1).ds(64, 1).ds(64, 1).avgPool(25, 5).fc(12);
    nets.push_back(makeNet("DSCNN-S", 7.1, b));
  }
  return nets;
}

}  // namespace tinyforge::reference_nets
