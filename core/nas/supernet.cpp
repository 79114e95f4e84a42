#include "core/nas/supernet.h"

#include "core/nas/rank_group.h"

#include <cstring>
#include <stdexcept>

namespace tinyforge {
namespace F = torch::nn::functional;
namespace {

// TFLite's SAME padding: the odd pixel goes after.
std::pair<int64_t, int64_t> samePads(int64_t in, int64_t kernel, int64_t stride, int64_t dilation) {
  const int64_t effective = (kernel - 1) * dilation + 1;
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  return {total / 2, total - total / 2};
}

torch::Tensor padSame(const torch::Tensor& x, const Node& node, double value = 0.0) {
  if (node.padding != Padding::Same) return x;
  const auto [top, bottom] = samePads(x.size(2), node.kernel_h, node.stride_h, node.dilation_h);
  const auto [left, right] = samePads(x.size(3), node.kernel_w, node.stride_w, node.dilation_w);
  if (top == 0 && bottom == 0 && left == 0 && right == 0) return x;
  return F::pad(x, F::PadFuncOptions({left, right, top, bottom}).value(value));
}

torch::Tensor activate(const torch::Tensor& x, Activation activation) {
  switch (activation) {
    case Activation::Relu:
      return torch::relu(x);
    case Activation::Relu6:
      return torch::clamp(x, 0.0, 6.0);
    case Activation::None:
      break;
  }
  return x;
}

// Average over the window cells inside the input (TFLite), SAME or VALID.
torch::Tensor averagePool(const torch::Tensor& x, const Node& node) {
  const std::vector<int64_t> kernel = {node.kernel_h, node.kernel_w};
  const std::vector<int64_t> stride = {node.stride_h, node.stride_w};
  if (node.padding != Padding::Same) return torch::avg_pool2d(x, kernel, stride);
  const torch::Tensor sums = torch::avg_pool2d(padSame(x, node), kernel, stride) * double(node.kernel_h * node.kernel_w);
  const torch::Tensor ones = torch::ones({1, 1, x.size(2), x.size(3)}, x.options());
  const torch::Tensor counts =
      torch::avg_pool2d(padSame(ones, node), kernel, stride) * double(node.kernel_h * node.kernel_w);
  return sums / counts;
}

torch::Tensor padChannels(const torch::Tensor& x, int64_t channels) {
  if (x.size(1) == channels) return x;
  std::vector<int64_t> pads(static_cast<size_t>(2 * (x.dim() - 1)), 0);
  pads.back() = channels - x.size(1);  // F::pad pads the last dims first; channels is dim 1
  return F::pad(x, F::PadFuncOptions(pads));
}

// Keras' BatchNormalization default, as the models TinyForge imports were trained with.
constexpr double kBatchNormEpsilon = 1e-3;

torch::Tensor prefixMask(int width, int channels) {
  auto mask = torch::zeros({channels});
  mask.narrow(0, 0, width).fill_(1.0);
  return mask;
}

std::vector<uint8_t> floatBytes(const torch::Tensor& t) {
  const torch::Tensor c = t.contiguous().to(torch::kFloat32);
  std::vector<uint8_t> bytes(static_cast<size_t>(c.numel()) * 4);
  std::memcpy(bytes.data(), c.data_ptr<float>(), bytes.size());  // little-endian hosts only (as TFLite)
  return bytes;
}

ConstTensor floatTensor(const char* role, const torch::Tensor& t) {
  ConstTensor constant;
  constant.role = role;
  constant.type = DataType::Float32;
  for (int64_t d : t.sizes()) constant.shape.push_back(static_cast<int32_t>(d));
  constant.data = floatBytes(t);
  return constant;
}

}  // namespace

SupernetImpl::SupernetImpl(std::shared_ptr<const SearchSpace> space, SupernetOptions options)
    : space_(std::move(space)), options_(options) {
  if (options_.weight_bits != 8 && options_.weight_bits != 4)
    throw std::invalid_argument("weight bits must be 8 or 4, got " + std::to_string(options_.weight_bits));
  const auto& ops = space_->ops();
  const auto& vars = space_->vars();
  weight_.resize(ops.size());
  bias_.resize(ops.size());
  bn_gamma_.resize(ops.size());
  bn_beta_.resize(ops.size());
  bn_mean_.resize(ops.size());
  bn_var_.resize(ops.size());
  // The classifier, which produces the logits, keeps its bias and has no normalization.
  size_t classifier = ops.size();
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind != SpaceOp::Kind::Layer) continue;
    const NodeKind kind = space_->maxGraph().node(ops[i].layer).kind;
    if (kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected)
      classifier = i;
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    const SpaceOp& op = ops[i];
    range_lo_.push_back(register_parameter("range_lo_" + std::to_string(i), torch::zeros({})));
    range_hi_.push_back(register_parameter("range_hi_" + std::to_string(i), torch::ones({})));
    if (op.kind != SpaceOp::Kind::Layer) continue;
    const Node& node = space_->maxGraph().node(op.layer);
    const int64_t cout = vars[static_cast<size_t>(op.out_var)].max_channels;
    const int64_t cin = op.inputs.empty() ? 0 : vars[static_cast<size_t>(ops[static_cast<size_t>(op.inputs[0])].out_var)].max_channels;
    torch::Tensor w;
    if (node.kind == NodeKind::Conv2D) {
      w = torch::empty({cout, cin, node.kernel_h, node.kernel_w});
    } else if (node.kind == NodeKind::DepthwiseConv2D) {
      w = torch::empty({cout, 1, node.kernel_h, node.kernel_w});
    } else if (node.kind == NodeKind::FullyConnected) {
      const int64_t features = elementsOf(op.in_shapes[0]) / op.out_shape.front();
      w = torch::empty({cout, features});
    } else {
      continue;
    }
    torch::nn::init::kaiming_normal_(w, 0.0, torch::kFanIn, torch::kReLU);
    weight_[i] = register_parameter("weight_" + std::to_string(i), w);
    if (i != classifier && node.kind != NodeKind::FullyConnected) {
      const std::string n = std::to_string(i);
      bn_gamma_[i] = register_parameter("bn_gamma_" + n, torch::ones({cout}));
      bn_beta_[i] = register_parameter("bn_beta_" + n, torch::zeros({cout}));
      bn_mean_[i] = register_buffer("bn_mean_" + n, torch::zeros({cout}));
      bn_var_[i] = register_buffer("bn_var_" + n, torch::ones({cout}));
    } else {
      bias_[i] = register_parameter("bias_" + std::to_string(i), torch::zeros({cout}));
    }
  }
  ranges_ready_ = register_buffer("ranges_ready", torch::zeros({static_cast<int64_t>(ops.size())}));
  for (size_t d = 0; d < space_->widthDecisions().size(); ++d)
    width_alpha_.push_back(register_parameter(
        "width_alpha_" + std::to_string(d),
        torch::zeros({static_cast<int64_t>(space_->widthDecisions()[d].widths.size())})));
  for (size_t d = 0; d < space_->skipDecisions().size(); ++d)
    skip_alpha_.push_back(register_parameter("skip_alpha_" + std::to_string(d), torch::zeros({2})));
}

std::vector<torch::Tensor> SupernetImpl::weightParameters() const {
  std::vector<torch::Tensor> params;
  for (const auto& w : weight_)
    if (w.defined()) params.push_back(w);
  for (const auto& b : bias_)
    if (b.defined()) params.push_back(b);
  for (size_t i = 0; i < bn_gamma_.size(); ++i)
    if (bn_gamma_[i].defined()) {
      params.push_back(bn_gamma_[i]);
      params.push_back(bn_beta_[i]);
    }
  for (size_t i = 0; i < range_lo_.size(); ++i) {
    params.push_back(range_lo_[i]);
    params.push_back(range_hi_[i]);
  }
  return params;
}

std::vector<torch::Tensor> SupernetImpl::archParameters() const {
  std::vector<torch::Tensor> params = width_alpha_;
  params.insert(params.end(), skip_alpha_.begin(), skip_alpha_.end());
  return params;
}

Gates SupernetImpl::sampledGates(double temperature) {
  Gates gates;
  auto options = F::GumbelSoftmaxFuncOptions().tau(temperature).dim(-1);
  for (const auto& a : width_alpha_) gates.widths.push_back(F::gumbel_softmax(a, options));
  for (const auto& a : skip_alpha_) gates.skips.push_back(F::gumbel_softmax(a, options));
  return gates;
}

Gates SupernetImpl::probabilities() {
  Gates gates;
  for (const auto& a : width_alpha_) gates.widths.push_back(torch::softmax(a, 0));
  for (const auto& a : skip_alpha_) gates.skips.push_back(torch::softmax(a, 0));
  return gates;
}

Gates SupernetImpl::fixedGates(const ArchChoice& choice) const {
  Gates gates;
  for (size_t d = 0; d < width_alpha_.size(); ++d) {
    auto g = torch::zeros({width_alpha_[d].size(0)});
    g[choice.width_index[d]] = 1.0;
    gates.widths.push_back(g);
  }
  for (size_t d = 0; d < skip_alpha_.size(); ++d) {
    auto g = torch::zeros({2});
    g[choice.skipped[d] ? 1 : 0] = 1.0;
    gates.skips.push_back(g);
  }
  return gates;
}

ArchChoice SupernetImpl::argmax() const {
  torch::NoGradGuard no_grad;
  ArchChoice choice;
  for (const auto& a : width_alpha_) choice.width_index.push_back(static_cast<int>(a.argmax().item<int64_t>()));
  for (const auto& a : skip_alpha_) choice.skipped.push_back(a.argmax().item<int64_t>() == 1);
  return choice;
}

std::vector<torch::Tensor> SupernetImpl::masks(const Gates& gates) const {
  const auto& vars = space_->vars();
  std::vector<torch::Tensor> result;
  result.reserve(vars.size());
  for (const ChannelVar& var : vars) {
    switch (var.kind) {
      case ChannelVar::Kind::Fixed:
        result.emplace_back();  // undefined: nothing to mask
        break;
      case ChannelVar::Kind::Width: {
        const auto& widths = space_->widthDecisions()[static_cast<size_t>(var.decision)].widths;
        std::vector<torch::Tensor> prefixes;
        for (int w : widths) prefixes.push_back(prefixMask(w, var.max_channels));
        // [K] x [K, C] -> [C]
        result.push_back(torch::matmul(gates.widths[static_cast<size_t>(var.decision)], torch::stack(prefixes)));
        break;
      }
      case ChannelVar::Kind::Skip: {
        auto side = [&](int v) {
          const torch::Tensor& m = result[static_cast<size_t>(v)];
          const int c = vars[static_cast<size_t>(v)].max_channels;
          torch::Tensor full = m.defined() ? m : torch::ones({c});
          return F::pad(full, F::PadFuncOptions({0, var.max_channels - c}));
        };
        const torch::Tensor& g = gates.skips[static_cast<size_t>(var.decision)];
        result.push_back(g[0] * side(var.keep_var) + g[1] * side(var.skip_var));
        break;
      }
      case ChannelVar::Kind::Scaled:  // channel c of factor x w channels is kept iff c / factor < w
        result.push_back(result[static_cast<size_t>(var.base_var)].repeat_interleave(var.factor));
        break;
    }
  }
  return result;
}

torch::Tensor SupernetImpl::fakeQuantWeight(const torch::Tensor& w) const {
  if (!options_.fake_quant) return w;
  const double levels = options_.weight_bits == 4 ? 7.0 : 127.0;
  torch::Tensor scale;
  {
    torch::NoGradGuard no_grad;
    scale = std::get<0>(w.abs().reshape({w.size(0), -1}).max(1)).clamp_min(1e-8) / levels;
    std::vector<int64_t> shape(static_cast<size_t>(w.dim()), 1);
    shape[0] = w.size(0);
    scale = scale.reshape(shape);
  }
  const torch::Tensor q = torch::clamp(torch::round(w / scale), -levels, levels) * scale;
  return w + (q - w).detach();
}

torch::Tensor SupernetImpl::fakeQuantActivation(const torch::Tensor& x, size_t slot) {
  if (!options_.fake_quant) return x;
  torch::Tensor& lo = range_lo_[slot];
  torch::Tensor& hi = range_hi_[slot];
  if (is_training() && ranges_ready_[static_cast<int64_t>(slot)].item<float>() == 0.0f) {
    torch::NoGradGuard no_grad;
    torch::Tensor x_min = x.min().reshape({1}), x_max = x.max().reshape({1});
    if (group_ && !calibrating_) {
      group_->allReduceMin(x_min);
      group_->allReduceMax(x_max);
    }
    lo.fill_(std::min(0.0f, x_min.item<float>()));
    hi.fill_(std::max(x_max.item<float>(), lo.item<float>() + 1e-3f));
    ranges_ready_[static_cast<int64_t>(slot)] = 1.0;
  }
  // Clipping by max/min lets gradients reach the range ends (values outside them).
  const torch::Tensor clipped = torch::min(torch::max(x, lo), hi);
  const torch::Tensor scale = ((hi - lo) / 255.0).clamp_min(1e-8).detach();
  const torch::Tensor lo_d = lo.detach();
  const torch::Tensor q = torch::round((clipped - lo_d) / scale) * scale + lo_d;
  return clipped + (q - clipped).detach();
}

torch::Tensor SupernetImpl::normalize(const torch::Tensor& y, size_t op) {
  if (!bn_gamma_[op].defined()) return y;
  if (group_ && is_training() && !calibrating_) return normalizeAcrossRanks(y, op);
  return torch::batch_norm(y, bn_gamma_[op], bn_beta_[op], bn_mean_[op], bn_var_[op], is_training(), bn_momentum_,
                           kBatchNormEpsilon, /*cudnn_enabled=*/false);
}

// Batch normalization of the global batch, spread over the ranks: each rank's per-channel
// mean and variance (torch::var_mean: one stable pass in float) become its sums of x and x^2, which
// are summed over the ranks with the count, differentiably, so the backward pass sums the
// ranks' gradients with respect to the statistics as well. Running statistics get the same
// update as torch::batch_norm's (unbiased variance), with the global count, on every rank.
torch::Tensor SupernetImpl::normalizeAcrossRanks(const torch::Tensor& y, size_t op) {
  const int64_t channels = y.size(1);
  const double local_count = static_cast<double>(y.numel() / channels);
  // The statistics in double from here: E[x^2] - E[x]^2 cancels where a channel's mean is
  // large next to its spread (in float the architecture probabilities of a 2-rank run were
  // 2e-3 off the one-process run's after 12 steps; in double 3e-6).
  const auto [var32, mean32] = torch::var_mean(y, {0, 2, 3}, /*unbiased=*/false);
  const torch::Tensor local_mean = mean32.to(torch::kFloat64), local_var = var32.to(torch::kFloat64);
  const torch::Tensor local =
      torch::cat({local_mean * local_count, (local_var + local_mean * local_mean) * local_count,
                  torch::full({1}, local_count, torch::kFloat64)});
  const torch::Tensor global = allReduceSumDifferentiable(local, group_);
  const double count = global[2 * channels].item<double>();
  const torch::Tensor mean = global.narrow(0, 0, channels) / count;
  const torch::Tensor var = torch::clamp_min(global.narrow(0, channels, channels) / count - mean * mean, 0.0);
  {
    torch::NoGradGuard no_grad;
    const double m = bn_momentum_;
    bn_mean_[op].mul_(1 - m).add_(mean.to(torch::kFloat32) * m);
    bn_var_[op].mul_(1 - m).add_(var.to(torch::kFloat32) * (m * count / std::max(count - 1, 1.0)));
  }
  const torch::Tensor inv = (var + kBatchNormEpsilon).rsqrt().to(torch::kFloat32);
  const torch::Tensor scale = (bn_gamma_[op] * inv).view({1, channels, 1, 1});
  return (y - mean.to(torch::kFloat32).view({1, channels, 1, 1})) * scale + bn_beta_[op].view({1, channels, 1, 1});
}

void SupernetImpl::calibrateBatchNorm(const std::vector<torch::Tensor>& batches, const Gates& gates) {
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < bn_mean_.size(); ++i)
    if (bn_mean_[i].defined()) {
      bn_mean_[i].zero_();
      bn_var_[i].fill_(1.0);
    }
  const bool was_training = is_training();
  train();
  calibrating_ = true;
  for (size_t k = 0; k < batches.size(); ++k) {
    bn_momentum_ = 1.0 / static_cast<double>(k + 1);  // running = average of the k+1 batches
    forward(batches[k], gates);
  }
  calibrating_ = false;
  bn_momentum_ = 0.1;
  train(was_training);
}

torch::Tensor SupernetImpl::forward(const torch::Tensor& input, const Gates& gates) {
  const auto& ops = space_->ops();
  const auto& vars = space_->vars();
  const std::vector<torch::Tensor> mask = masks(gates);
  std::vector<torch::Tensor> out(ops.size());
  auto applyMask = [&](torch::Tensor x, int var) {
    const torch::Tensor& m = mask[static_cast<size_t>(var)];
    if (!m.defined()) return x;
    std::vector<int64_t> shape(static_cast<size_t>(x.dim()), 1);
    shape[1] = m.size(0);
    return x * m.reshape(shape);
  };
  for (size_t i = 0; i < ops.size(); ++i) {
    const SpaceOp& op = ops[i];
    if (op.kind == SpaceOp::Kind::SkipMerge) {
      const SkipDecision& skip = space_->skipDecisions()[static_cast<size_t>(op.skip)];
      torch::Tensor bypass = out[static_cast<size_t>(op.inputs[0])];
      if (skip.downsamples) {
        Node pool;
        pool.kernel_h = pool.stride_h = skip.stride_h;
        pool.kernel_w = pool.stride_w = skip.stride_w;
        pool.padding = Padding::Same;
        bypass = averagePool(bypass, pool);
      }
      const int64_t channels = vars[static_cast<size_t>(op.out_var)].max_channels;
      const torch::Tensor& g = gates.skips[static_cast<size_t>(op.skip)];
      out[i] = g[0] * padChannels(out[static_cast<size_t>(op.inputs[1])], channels) + g[1] * padChannels(bypass, channels);
      continue;
    }
    const Node& node = space_->maxGraph().node(op.layer);
    const torch::Tensor x = op.inputs.empty() ? torch::Tensor() : out[static_cast<size_t>(op.inputs[0])];
    torch::Tensor y;
    switch (node.kind) {
      case NodeKind::Input:
        y = input;
        break;
      case NodeKind::Conv2D:
        y = torch::conv2d(padSame(x, node), fakeQuantWeight(weight_[i]), bias_[i],
                          std::vector<int64_t>{node.stride_h, node.stride_w}, std::vector<int64_t>{0, 0},
                          std::vector<int64_t>{node.dilation_h, node.dilation_w});
        y = applyMask(activate(normalize(y, i), node.activation), op.out_var);
        break;
      case NodeKind::DepthwiseConv2D:
        y = torch::conv2d(padSame(x, node), fakeQuantWeight(weight_[i]), bias_[i],
                          std::vector<int64_t>{node.stride_h, node.stride_w}, std::vector<int64_t>{0, 0},
                          std::vector<int64_t>{node.dilation_h, node.dilation_w}, x.size(1));
        y = applyMask(activate(normalize(y, i), node.activation), op.out_var);
        break;
      case NodeKind::FullyConnected: {
        torch::Tensor flat = x.dim() == 4 ? x.permute({0, 2, 3, 1}).reshape({x.size(0), -1}) : x;
        y = torch::linear(flat, fakeQuantWeight(weight_[i]), bias_[i]);
        y = applyMask(activate(y, node.activation), op.out_var);
        break;
      }
      case NodeKind::AveragePool2D:
        y = averagePool(x, node);
        break;
      case NodeKind::MaxPool2D:
        y = torch::max_pool2d(padSame(x, node, -1e30), {node.kernel_h, node.kernel_w}, {node.stride_h, node.stride_w});
        break;
      case NodeKind::Mean:
        y = x.mean({2, 3}, /*keepdim=*/node.keep_dims);
        break;
      case NodeKind::Reshape:
        // NHWC element order, as the graph defines it.
        y = (x.dim() == 4 ? x.permute({0, 2, 3, 1}) : x).reshape({x.size(0), -1});
        if (op.out_shape.size() != 2)
          throw std::invalid_argument("layer '" + node.name + "': the search supports Reshape to {1, N} only");
        break;
      case NodeKind::Softmax:
        y = x;  // the loss takes logits
        break;
      case NodeKind::Add: {  // tied operands: both masked alike
        const int64_t channels = vars[static_cast<size_t>(op.out_var)].max_channels;
        y = activate(padChannels(x, channels) + padChannels(out[static_cast<size_t>(op.inputs[1])], channels),
                     node.activation);
        break;
      }
      default:
        throw std::invalid_argument("layer '" + node.name + "': not supported by the supernet");
    }
    out[i] = fakeQuantActivation(y, i);
  }
  torch::Tensor result = out[static_cast<size_t>(space_->outputOp())];
  if (result.dim() == 4) result = result.permute({0, 2, 3, 1}).reshape({result.size(0), -1});
  return result;
}

ExpectedCosts<torch::Tensor> SupernetImpl::expectedCosts(const Gates& probabilities) const {
  auto constant = [](double x) { return torch::scalar_tensor(x, torch::kFloat64); };
  auto maximum = [](const std::vector<torch::Tensor>& values) { return torch::stack(values).max(); };
  std::vector<std::vector<torch::Tensor>> widths;
  for (const auto& p : probabilities.widths) {
    const torch::Tensor p64 = p.to(torch::kFloat64);
    std::vector<torch::Tensor> row;
    for (int64_t k = 0; k < p64.size(0); ++k) row.push_back(p64[k]);
    widths.push_back(std::move(row));
  }
  std::vector<torch::Tensor> keep, skip;
  for (const auto& p : probabilities.skips) {
    const torch::Tensor p64 = p.to(torch::kFloat64);
    keep.push_back(p64[0]);
    skip.push_back(p64[1]);
  }
  const auto channels = expectedChannels<torch::Tensor>(*space_, widths, keep, skip, constant);
  return tinyforge::expectedCosts<torch::Tensor>(*space_, channels, keep, skip, constant, maximum);
}

Graph SupernetImpl::exportFloatGraph(const ArchChoice& choice) const {
  torch::NoGradGuard no_grad;
  const ShapedGraph shaped = inferShapes(space_->derive(choice));
  Graph graph = shaped.expanded;
  std::map<std::string, size_t> op_by_name;
  for (size_t i = 0; i < space_->ops().size(); ++i)
    if (space_->ops()[i].kind == SpaceOp::Kind::Layer) op_by_name[space_->ops()[i].name] = i;
  for (size_t l = 0; l < graph.nodes.size(); ++l) {
    Node& node = graph.nodes[l];
    if (node.kind != NodeKind::Conv2D && node.kind != NodeKind::DepthwiseConv2D &&
        node.kind != NodeKind::FullyConnected)
      continue;
    const auto found = op_by_name.find(node.name);
    if (found == op_by_name.end()) throw std::logic_error("export: no supernet layer for '" + node.name + "'");
    const size_t op = found->second;
    torch::Tensor w = weight_[op];
    torch::Tensor bias = bias_[op];
    if (bn_gamma_[op].defined()) {  // fold: gamma (Wx - mean) / sqrt(var + eps) + beta
      const torch::Tensor factor = bn_gamma_[op] / torch::sqrt(bn_var_[op] + kBatchNormEpsilon);
      std::vector<int64_t> shape(static_cast<size_t>(w.dim()), 1);
      shape[0] = w.size(0);
      w = w * factor.reshape(shape);
      bias = bn_beta_[op] - bn_mean_[op] * factor;
    }
    const ShapedLayer& layer = shaped.layers[l];
    const int64_t cout = layer.output_shape.back();
    const int64_t cin = layer.input_shapes[0].back();
    node.constants.clear();
    if (node.kind == NodeKind::Conv2D) {  // [O, I, H, W] -> OHWI
      node.constants.push_back(floatTensor("filter", w.narrow(0, 0, cout).narrow(1, 0, cin).permute({0, 2, 3, 1})));
    } else if (node.kind == NodeKind::DepthwiseConv2D) {  // [C, 1, H, W] -> [1, H, W, C]
      node.constants.push_back(floatTensor("filter", w.narrow(0, 0, cout).permute({1, 2, 3, 0})));
    } else {  // features in NHWC order: h, w, c of the supernet's max-width input
      const auto& in_shape = layer.input_shapes[0];
      const int64_t rows = layer.output_shape.front();
      const int64_t features = elementsOf(in_shape) / rows;
      const int64_t max_features = w.size(1);
      torch::Tensor sliced;
      if (in_shape.size() == 4) {
        const int64_t spatial = features / cin;
        const int64_t max_cin = max_features / spatial;
        sliced = w.narrow(0, 0, cout).reshape({cout, spatial, max_cin}).narrow(2, 0, cin).reshape({cout, features});
      } else {
        sliced = w.narrow(0, 0, cout).narrow(1, 0, features);
      }
      node.constants.push_back(floatTensor("filter", sliced));
    }
    node.constants.push_back(floatTensor("bias", bias.narrow(0, 0, cout)));
  }
  graph.name = space_->backbone().name + " [" + space_->describe(choice) + "]";
  return graph;
}

}  // namespace tinyforge
