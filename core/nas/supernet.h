#pragma once
// The supernet (FBNetV2 style), internal to core/nas: this header includes libtorch, so
// only the module's own .cpp files, its tests and its benchmark include it. Everything
// else uses search_job.h.
//
// One max-width weight tensor per layer; a width decision multiplies its layer's output
// by sum_k g_k mask(w_k), where mask(w) keeps the first w channels and g are the
// decision's gates (Gumbel-softmax samples while searching, softmax probabilities for
// costs, one-hot for a fixed architecture). A skippable block's output is
// g_keep x block(x) + g_skip x bypass(x), bypass = identity or the downsampling average
// pooling, zero-padded to the block's width.
//
// Layers carry a bias and no batch normalization, so that what trains is exactly the
// float graph that is exported (nothing to fold). Fake quantization: weights symmetric
// per output channel (8-bit, or 4-bit on request), the input and every layer output
// affine 8-bit with ranges learned by gradient descent (clipped-range quantizer with a
// straight-through rounding), initialized from the first batch.
// Padding follows TFLite (SAME puts the odd pixel after), average pooling divides by the
// cells inside the input, and layouts are converted to TFLite's at export, so the
// exported float graph computes what the supernet computed at that choice.

#include <memory>
#include <vector>

#include <torch/torch.h>

#include "core/graph/graph.h"
#include "core/nas/expected_cost.h"
#include "core/nas/search_space.h"

namespace tinyforge {

struct Gates {
  std::vector<torch::Tensor> widths;  // per width decision: [K]
  std::vector<torch::Tensor> skips;   // per skip decision: [2] = {keep, skip}
};

struct SupernetOptions {
  bool fake_quant = true;
  int weight_bits = 8;  // 8 or 4
};

class SupernetImpl : public torch::nn::Module {
 public:
  SupernetImpl(std::shared_ptr<const SearchSpace> space, SupernetOptions options);

  // x: [N, C, H, W] (NCHW) features; returns the logits [N, classes] (a final Softmax
  // layer is left out: the loss takes logits).
  torch::Tensor forward(const torch::Tensor& x, const Gates& gates);

  Gates sampledGates(double temperature);  // Gumbel-softmax (global torch generator)
  Gates probabilities();                   // softmax of the architecture parameters
  Gates fixedGates(const ArchChoice& choice) const;
  ExpectedCosts<torch::Tensor> expectedCosts(const Gates& probabilities) const;
  ArchChoice argmax() const;

  std::vector<torch::Tensor> weightParameters() const;  // weights, biases, quantizer ranges
  std::vector<torch::Tensor> archParameters() const;

  // The derived graph of `choice` with blocks expanded and float32 weights in TFLite's
  // layouts (the input of core/quant).
  Graph exportFloatGraph(const ArchChoice& choice) const;

  const SearchSpace& space() const { return *space_; }
  const SupernetOptions& options() const { return options_; }

 private:
  torch::Tensor fakeQuantActivation(const torch::Tensor& x, size_t slot);
  torch::Tensor fakeQuantWeight(const torch::Tensor& w) const;
  std::vector<torch::Tensor> masks(const Gates& gates) const;

  std::shared_ptr<const SearchSpace> space_;
  SupernetOptions options_;
  std::vector<torch::Tensor> weight_;  // per op (undefined where none)
  std::vector<torch::Tensor> bias_;
  std::vector<torch::Tensor> range_lo_, range_hi_;  // per op output, slot 0..ops-1; input = its op's slot
  torch::Tensor ranges_ready_;                      // [ops] 0/1: initialized from data
  std::vector<torch::Tensor> width_alpha_;
  std::vector<torch::Tensor> skip_alpha_;
};
TORCH_MODULE(Supernet);

}  // namespace tinyforge
