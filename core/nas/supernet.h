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
// Every Conv2D and DepthwiseConv2D but the classifier (the last layer with weights) is
// followed by batch normalization, which the exported graph folds into the layer's
// weights and bias: without it a deep, wide supernet barely trains in the few hundred
// steps a search on a 2-core machine has, and its sampled widths shift each layer's
// input statistics from step to step. Running statistics are a mixture over the sampled
// architectures, so they are recalibrated at a fixed choice (calibrateBatchNorm) before
// that choice is evaluated or exported. Weight fake quantization is symmetric per output
// channel, so it commutes with the fold's per-channel scale: the folded layer quantizes
// to the same integers the search trained with.
// Fake quantization: weights symmetric per output channel (8-bit, or 4-bit on request), the input and every layer output
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

class RankGroup;

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

  // Running statistics of every batch normalization recomputed as the average over
  // `batches` (NCHW) at these gates (train-mode forward passes, no gradients).
  void calibrateBatchNorm(const std::vector<torch::Tensor>& batches, const Gates& gates);

  std::vector<torch::Tensor> weightParameters() const;  // weights, biases, BN affine, quantizer ranges
  std::vector<torch::Tensor> archParameters() const;

  // The derived graph of `choice` with blocks expanded and float32 weights in TFLite's
  // layouts (the input of core/quant).
  Graph exportFloatGraph(const ArchChoice& choice) const;

  // Several processes (rank_group.h): training-mode batch normalization then normalizes
  // with the statistics of the global batch (the sums of every rank's slice), and the
  // quantizer ranges start from the global batch's minimum and maximum, so each rank
  // computes what one process computes on the whole batch. nullptr = one process.
  void setRankGroup(RankGroup* group) { group_ = group; }

  const SearchSpace& space() const { return *space_; }
  const SupernetOptions& options() const { return options_; }

 private:
  torch::Tensor fakeQuantActivation(const torch::Tensor& x, size_t slot);
  torch::Tensor fakeQuantWeight(const torch::Tensor& w) const;
  torch::Tensor normalize(const torch::Tensor& y, size_t op);  // batch normalization of op's output
  torch::Tensor normalizeAcrossRanks(const torch::Tensor& y, size_t op);
  std::vector<torch::Tensor> masks(const Gates& gates) const;

  std::shared_ptr<const SearchSpace> space_;
  SupernetOptions options_;
  std::vector<torch::Tensor> weight_;  // per op (undefined where none)
  std::vector<torch::Tensor> bias_;  // layers without batch normalization (the classifier)
  // Batch normalization per op (undefined where none): affine parameters and running
  // statistics; momentum 0.1 while training, 1/(k+1) while calibrating (exact average).
  std::vector<torch::Tensor> bn_gamma_, bn_beta_, bn_mean_, bn_var_;
  double bn_momentum_ = 0.1;
  RankGroup* group_ = nullptr;
  bool calibrating_ = false;  // calibration runs on whole batches on every rank: no sums
  std::vector<torch::Tensor> range_lo_, range_hi_;  // per op output, slot 0..ops-1; input = its op's slot
  torch::Tensor ranges_ready_;                      // [ops] 0/1: initialized from data
  std::vector<torch::Tensor> width_alpha_;
  std::vector<torch::Tensor> skip_alpha_;
};
TORCH_MODULE(Supernet);

}  // namespace tinyforge
