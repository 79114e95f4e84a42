#include "core/runtime/patch_stage_geometry.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/cost/layer_cost.h"
#include "core/kernels/kernel_error.h"
#include "core/kernels/padding.h"
#include "core/runtime/patch_plan.h"
#include "core/runtime/tinyforge_c_geometry.h"

namespace tinyforge {
namespace {

const char* kindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D: return "CONV_2D";
    case NodeKind::DepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case NodeKind::FullyConnected: return "FULLY_CONNECTED";
    case NodeKind::AveragePool2D: return "AVERAGE_POOL_2D";
    case NodeKind::MaxPool2D: return "MAX_POOL_2D";
    case NodeKind::Mean: return "MEAN";
    case NodeKind::Add: return "ADD";
    case NodeKind::Concatenation: return "CONCATENATION";
    case NodeKind::Pad: return "PAD";
    case NodeKind::Reshape: return "RESHAPE";
    case NodeKind::Softmax: return "SOFTMAX";
    case NodeKind::Quantize: return "QUANTIZE";
    case NodeKind::Dequantize: return "DEQUANTIZE";
    default: return "block";
  }
}

// Why a layer kind cannot run on a patch.
std::string whyNotLocal(NodeKind kind) {
  switch (kind) {
    case NodeKind::Mean: return "global pooling reads the whole feature map for every output";
    case NodeKind::FullyConnected: return "a fully connected layer reads the whole input for every output";
    case NodeKind::Reshape: return "a reshape moves values across rows and columns";
    case NodeKind::Softmax: return "a softmax is not a spatial layer (it normalizes over the whole vector)";
    case NodeKind::Concatenation: return "concatenation is not supported in patches";
    case NodeKind::Quantize:
    case NodeKind::Dequantize: return "conversions between float and int8 are not supported in patches";
    default: return "it is not a spatially local layer";
  }
}

std::vector<int64_t> integers(const ConstTensor& c) {
  std::vector<int64_t> values;
  const size_t width = c.type == DataType::Int64 ? 8 : 4;
  for (size_t at = 0; at + width <= c.data.size(); at += width) {
    if (width == 8) {
      int64_t v;
      std::memcpy(&v, &c.data[at], 8);
      values.push_back(v);
    } else {
      int32_t v;
      std::memcpy(&v, &c.data[at], 4);
      values.push_back(v);
    }
  }
  return values;
}

class StageBuilder {
 public:
  StageBuilder(const ShapedGraph& graph, const TensorModel& model, int split_op)
      : graph_(graph), model_(model), split_(split_op) {}

  PatchStage build() {
    const std::vector<LayerCost> costs = layerCosts(graph_);
    for (int k = 0; k <= split_; ++k) stage_.ops.push_back(describe(k, costs));
    stage_.output = stage_.ops.back().output;
    // Every tensor the stage makes, but the split layer's output, dies inside the stage.
    for (const PatchStageOp& g : stage_.ops) {
      if (g.output == stage_.output) continue;
      for (int o : model_.outputs)
        if (o == g.output)
          fail(g.op, "its output is a model output, so the stage cannot end after it at '" + name(split_) + "'");
      for (int consumer : tensor(g.output).consumers)
        if (consumer > split_)
          fail(g.op, "its output is also read by layer '" + name(consumer) + "' after the split point '" + name(split_) +
                         "': split at '" + name(consumer) + "' or later, or before '" + name(g.op) + "'");
    }
    return std::move(stage_);
  }

 private:
  const TensorInfo& tensor(int t) const { return model_.tensors[static_cast<size_t>(t)]; }
  const Node& nodeOf(int op) const { return graph_.node(model_.operators[static_cast<size_t>(op)].layer); }
  std::string name(int op) const { return nodeOf(op).name; }

  [[noreturn]] void fail(int op, const std::string& why) const {
    throw PatchError("layer '" + name(op) + "' (" + kindName(model_.operators[static_cast<size_t>(op)].kind) +
                     ") cannot run in patches: " + why);
  }

  void requireFeatureMap(int op, int t, const char* what) const {
    const TensorInfo& info = tensor(t);
    if (info.type != DataType::Int8)
      fail(op, std::string("its ") + what + " is " + toString(info.type) + "; patches run int8 layers only");
    if (info.shape.size() != 4 || info.shape[0] != 1)
      fail(op, std::string("its ") + what + " is not a feature map of one image (NHWC with batch 1)");
  }

  PatchStageOp describe(int k, const std::vector<LayerCost>& costs) {
    const OperatorInfo& op = model_.operators[static_cast<size_t>(k)];
    const Node& node = graph_.node(op.layer);
    PatchStageOp g;
    g.op = k;
    g.node_kind = op.kind;
    if (op.outputs.size() != 1) fail(k, "it has " + std::to_string(op.outputs.size()) + " outputs");
    g.output = op.outputs[0];
    requireFeatureMap(k, g.output, "output");
    for (int t : op.inputs)
      if (t >= 0 && !tensor(t).is_constant) {
        g.inputs.push_back(t);
        requireFeatureMap(k, t, "input");
        if (tensor(t).producer < 0 && std::find(stage_.inputs.begin(), stage_.inputs.end(), t) == stage_.inputs.end())
          stage_.inputs.push_back(t);
      }
    if (g.inputs.empty()) fail(k, "it has no activation input");
    const TensorInfo& in = tensor(g.inputs[0]);
    const TensorInfo& out = tensor(g.output);
    g.in_h = in.shape[1];
    g.in_w = in.shape[2];
    g.out_h = out.shape[1];
    g.out_w = out.shape[2];
    const int64_t pixels = int64_t{g.out_h} * g.out_w;
    g.macs_per_pixel = pixels > 0 ? costs[static_cast<size_t>(op.layer)].macs / pixels : 0;
    for (size_t i = 1; i < op.inputs.size(); ++i) {
      const int t = op.inputs[i];
      if (t >= 0 && tensor(t).is_constant && tensor(t).type == DataType::Int4)
        fail(k, "int4 filters are not supported in patches");
    }
    try {
      switch (op.kind) {
        case NodeKind::Conv2D: {
          g.conv = conv2dGeometry(node, model_, op);
          window(g, g.conv.params, g.conv.filter_shape.h, g.conv.filter_shape.w);
          break;
        }
        case NodeKind::DepthwiseConv2D: {
          g.depthwise = depthwiseConv2dGeometry(node, model_, op);
          window(g, g.depthwise.params, g.depthwise.filter_shape.h, g.depthwise.filter_shape.w);
          break;
        }
        case NodeKind::AveragePool2D:
        case NodeKind::MaxPool2D: {
          if (g.out_h == 1 && g.out_w == 1 && node.kernel_h >= g.in_h && node.kernel_w >= g.in_w)
            fail(k, whyNotLocal(NodeKind::Mean));
          const kernels::WindowPadding padding = kernels::computeWindowPadding(
              node.padding == Padding::Same ? kernels::PaddingType::Same : kernels::PaddingType::Valid, g.in_h, g.in_w,
              node.kernel_h, node.kernel_w, node.stride_h, node.stride_w);
          tfc_conv_params p{};
          p.stride_h = node.stride_h;
          p.stride_w = node.stride_w;
          p.dilation_h = p.dilation_w = 1;
          p.pad_h = padding.height;
          p.pad_w = padding.width;
          window(g, p, node.kernel_h, node.kernel_w);
          break;
        }
        case NodeKind::Pad: {
          g.kind = PatchStageOp::Kind::Pad;
          padAmounts(k, node, g);
          break;
        }
        case NodeKind::Add: {
          g.kind = PatchStageOp::Kind::Elementwise;
          for (int t : g.inputs)
            if (tensor(t).shape != out.shape) fail(k, "an ADD that broadcasts is not supported in patches");
          if (g.inputs.size() != 2) fail(k, "an ADD needs two activation inputs in patches");
          break;
        }
        default:
          fail(k, whyNotLocal(op.kind));
      }
    } catch (const std::invalid_argument& error) {
      if (dynamic_cast<const PatchError*>(&error)) throw;
      fail(k, error.what());
    } catch (const kernels::KernelError& error) {
      fail(k, error.what());
    }
    return g;
  }

  static void window(PatchStageOp& g, const tfc_conv_params& p, int32_t taps_h, int32_t taps_w) {
    g.kind = PatchStageOp::Kind::Window;
    g.stride_h = p.stride_h;
    g.stride_w = p.stride_w;
    g.dilation_h = p.dilation_h;
    g.dilation_w = p.dilation_w;
    g.pad_h = p.pad_h;
    g.pad_w = p.pad_w;
    g.taps_h = taps_h;
    g.taps_w = taps_w;
  }

  void padAmounts(int k, const Node& node, PatchStageOp& g) const {
    std::vector<int64_t> before_after;  // [N, H, W, C] x {before, after}
    const ConstTensor* paddings = nullptr;
    for (const ConstTensor& c : node.constants)
      if (c.role == "paddings") paddings = &c;
    if (paddings && !paddings->data.empty()) {
      before_after = integers(*paddings);
    } else if (node.pads.size() == 4) {
      before_after = {0, 0, node.pads[0], node.pads[1], node.pads[2], node.pads[3], 0, 0};
    }
    if (before_after.size() != 8) fail(k, "its paddings are not those of a 4-D feature map");
    if (before_after[0] || before_after[1]) fail(k, "it pads the batch");
    // Channels padded (a residual shortcut widened) pad every patch the same way.
    g.pad_h = static_cast<int32_t>(before_after[2]);
    g.pad_w = static_cast<int32_t>(before_after[4]);
  }

  const ShapedGraph& graph_;
  const TensorModel& model_;
  const int split_;
  PatchStage stage_;
};

}  // namespace

PatchStage describePatchStage(const ShapedGraph& graph, const TensorModel& model, int split_op) {
  return StageBuilder(graph, model, split_op).build();
}

int32_t patchStageScratchBytes(const PatchStageOp& g, const PatchOpRun& run, const TinyforgeCPlanOptions& options) {
  const int path = options.x86 ? TFC_PATH_X86 : options.dsp ? TFC_PATH_DSP : TFC_PATH_PLAIN;
  if (g.node_kind == NodeKind::Conv2D) {
    tfc_conv2d_op c = g.conv;
    c.input_shape.h = run.reads[0].h();
    c.input_shape.w = run.reads[0].w();
    c.output_shape.h = run.out.h();
    c.output_shape.w = run.out.w();
    c.params.pad_h = run.pad_h;
    c.params.pad_w = run.pad_w;
    return tfc_conv2d_s8_scratch_bytes(&c, path);
  }
  if (g.node_kind == NodeKind::DepthwiseConv2D) {
    tfc_depthwise_conv2d_op d = g.depthwise;
    d.input_shape.h = run.reads[0].h();
    d.input_shape.w = run.reads[0].w();
    d.output_shape.h = run.out.h();
    d.output_shape.w = run.out.w();
    d.params.pad_h = run.pad_h;
    d.params.pad_w = run.pad_w;
    return tfc_depthwise_conv2d_s8_scratch_bytes(&d, path);
  }
  return 0;
}

}  // namespace tinyforge
