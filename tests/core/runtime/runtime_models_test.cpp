// Runtime models on small hand-drawn graphs, with every figure worked out by hand.
#include <gtest/gtest.h>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {
namespace {

Node layer(const std::string& name, NodeKind kind, std::vector<std::string> inputs) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.inputs = std::move(inputs);
  return n;
}

struct Built {
  ShapedGraph graph;
  TensorModel model;
};

// input 8x8x4 -> depthwise 3x3 (same) -> conv 1x1 to 8 channels.
Built separable() {
  Graph g;
  Node in = layer("in", NodeKind::Input, {});
  in.shape = {1, 8, 8, 4};
  Node dw = layer("dw", NodeKind::DepthwiseConv2D, {"in"});
  dw.kernel_h = dw.kernel_w = 3;
  Node pw = layer("pw", NodeKind::Conv2D, {"dw"});
  pw.out_channels = 8;
  g.nodes = {in, dw, pw};
  Built b;
  b.graph = inferShapes(g);
  b.model = lower(b.graph);
  return b;
}

RuntimeEstimate run(const char* name, const Built& b, ArmIsa isa = ArmIsa::Dsp) {
  RuntimeEstimate e;
  makeRuntimeModel(name, isa)->estimate(RuntimeInput{&b.graph, &b.model, 0}, e);
  return e;
}

TEST(RuntimeModels, LowerBoundIsTheLargestLiveSet) {
  // Tensors: in 256 B, dw 256 B, pw 512 B. At dw: in + dw = 512; at pw: dw + pw = 768.
  const RuntimeEstimate e = run("lower-bound", separable());
  ASSERT_EQ(e.ops.size(), 2u);
  EXPECT_EQ(e.ops[0].live_bytes, 512);
  EXPECT_EQ(e.ops[1].live_bytes, 768);
  EXPECT_EQ(e.sram_bytes, 768);
  // Constants: dw filter 3*3*4 + bias 4*4 = 52; pw filter 8*4 + bias 8*4 = 64.
  EXPECT_EQ(e.ops[0].flash_bytes, 52);
  EXPECT_EQ(e.ops[1].flash_bytes, 64);
}

TEST(RuntimeModels, TflmHeadOfTheSeparableBlock) {
  // Buffers (16-aligned): in 256 [0,1], dw 256 [1,2], pw 512 [2,2].
  // Order: reversed (pw, dw, in), sorted by size: pw, dw, in.
  // pw -> 0; dw overlaps pw at 2 -> 512; in overlaps only dw: gap [0,512) -> 0. Head 768.
  const RuntimeEstimate e = run("tflm", separable());
  EXPECT_EQ(e.head_bytes, 768);
  EXPECT_EQ(e.lower_bound_bytes, 768);
  ASSERT_EQ(e.buffers.size(), 3u);
  EXPECT_EQ(e.buffers[0].offset_bytes, 0);
  EXPECT_EQ(e.buffers[1].offset_bytes, 512);
  EXPECT_EQ(e.buffers[2].offset_bytes, 0);
  // Reference kernels request no scratch for int8 filters.
  EXPECT_EQ(e.ops[0].scratch_bytes + e.ops[1].scratch_bytes, 0);
  // Tail caused by the depthwise: builtin params 28 B (+ padding) and OpData 56 B and
  // 2 x 16 B of per-channel data, each 16-aligned: at least 28 + 64 + 32.
  EXPECT_GE(e.ops[0].persistent_bytes, 28 + 64 + 32);
  EXPECT_LE(e.ops[0].persistent_bytes, 28 + 3 + 64 + 32 + 15);
  EXPECT_GE(e.min_arena_bytes, e.head_bytes + e.tail_bytes - 16);
  EXPECT_GT(e.flash_bytes, 9732);  // the TFLM framework alone
}

TEST(RuntimeModels, TinyforgeCDepthwiseRunsInPlace) {
  // tinyforge-c on a DSP core (hand computation from core/ckernels' scratch formulas):
  //  - the depthwise's input dies at it: it writes over it, one buffer A of 256 B, [0, 2];
  //    its scratch (DSP, in place): int16 plane 10 x 11 x 2 = 220 B + filter pairs 3 x 2 x 4
  //    = 24 B + accumulators of 8 rows x 8 x 4 = 256 B: 500 B at [1, 1];
  //  - the 1x1 conv: output B 512 B [2, 2], scratch 3 x 4 x 2 + 3 x (8 + 1) x 4 = 132 B.
  // TFLM's greedy rule: B at 0, the depthwise scratch at 0 (not alive with B), A after B at
  // 512, the conv scratch after A at 768: arena 900 B (TFLM: 256 + 256 + 512 minus reuse).
  const RuntimeEstimate e = run("tinyforge-c", separable());
  EXPECT_EQ(e.head_bytes, 900);
  EXPECT_EQ(e.tail_bytes, 0);
  ASSERT_EQ(e.buffers.size(), 4u);
  EXPECT_EQ(e.buffers[0].size_bytes, 256);  // input and depthwise output share it
  EXPECT_EQ(e.buffers[0].last_used, 2);
  EXPECT_EQ(run("inplace", separable()).head_bytes, 900) << "the former name still works";
}

// input 16x16x4 -> conv 1x1 to 8 channels -> depthwise 3x3 stride 2 (same) -> conv 1x1 to 64.
Built strideTwoSeparable() {
  Graph g;
  Node in = layer("in", NodeKind::Input, {});
  in.shape = {1, 16, 16, 4};
  Node expand = layer("expand", NodeKind::Conv2D, {"in"});
  expand.out_channels = 8;
  Node dw = layer("dw", NodeKind::DepthwiseConv2D, {"expand"});
  dw.kernel_h = dw.kernel_w = 3;
  dw.stride_h = dw.stride_w = 2;
  Node pw = layer("pw", NodeKind::Conv2D, {"dw"});
  pw.out_channels = 64;
  g.nodes = {in, expand, dw, pw};
  Built b;
  b.graph = inferShapes(g);
  b.model = lower(b.graph);
  return b;
}

TEST(RuntimeModels, TinyforgeCStrideTwoInPlaceDepthwiseFreesItsInputsBuffer) {
  // Tensors: in 1024 B, expand 16x16x8 = 2048 B, dw 8x8x8 = 512 B, pw 8x8x64 = 4096 B.
  // The depthwise writes its 512 B over the first bytes of expand's 2048 B. Kept whole, that
  // buffer is reserved until pw has read dw: 2048 + 4096 B + pw's scratch at pw. Shrunk, dw
  // has a 512 B buffer of its own from pw's scope on: 512 + 4096 B + pw's scratch.
  const Built b = strideTwoSeparable();
  TinyforgeCPlanOptions options;
  options.dsp = false;
  options.shrink = TinyforgeCPlanOptions::Shrink::Never;
  const TinyforgeCPlan whole = planTinyforgeC(b.graph, b.model, options);
  options.shrink = TinyforgeCPlanOptions::Shrink::Always;
  const TinyforgeCPlan shrunk = planTinyforgeC(b.graph, b.model, options);
  const int expand = b.model.operators[0].outputs[0], dw = b.model.operators[1].outputs[0];
  ASSERT_EQ(whole.steps[1].execution, TinyforgeCExecution::InPlace);
  ASSERT_EQ(shrunk.steps[1].execution, TinyforgeCExecution::InPlace);
  const auto scratch = [](const TinyforgeCPlan& plan, int op) -> int64_t {
    const int buffer = plan.steps[static_cast<size_t>(op)].scratch_buffer;
    return buffer < 0 ? 0 : plan.buffers[static_cast<size_t>(buffer)].size_bytes;
  };

  EXPECT_EQ(whole.buffer_of_tensor[static_cast<size_t>(dw)], whole.buffer_of_tensor[static_cast<size_t>(expand)]);
  EXPECT_FALSE(whole.steps[1].moves_output);
  EXPECT_EQ(whole.live_bytes[2], 2048 + 4096 + scratch(whole, 2));

  const PlannedBuffer& own = shrunk.buffers[static_cast<size_t>(shrunk.buffer_of_tensor[static_cast<size_t>(dw)])];
  const PlannedBuffer& input = shrunk.buffers[static_cast<size_t>(shrunk.buffer_of_tensor[static_cast<size_t>(expand)])];
  EXPECT_EQ(own.size_bytes, 512);
  EXPECT_EQ(own.first_used, 3) << "from pw's scope on: during the depthwise its bytes are in expand's buffer";
  EXPECT_EQ(input.last_used, 2) << "expand's buffer ends with the depthwise";
  EXPECT_EQ(shrunk.live_bytes[2], 512 + 4096 + scratch(shrunk, 2));
  EXPECT_EQ(shrunk.steps[1].moves_output,
            shrunk.tensor_offset_bytes[static_cast<size_t>(dw)] != shrunk.tensor_offset_bytes[static_cast<size_t>(expand)]);
  EXPECT_LT(shrunk.arena_bytes, whole.arena_bytes);
  EXPECT_EQ(shrunk.arena_bytes, shrunk.lower_bound_bytes) << "greedy reaches the bound on this chain";

  // The default keeps whichever plan is smaller: here the shrunk one.
  options.shrink = TinyforgeCPlanOptions::Shrink::Best;
  EXPECT_EQ(planTinyforgeC(b.graph, b.model, options).arena_bytes, shrunk.arena_bytes);
  // What the estimator shows: the plan's live activations.
  const RuntimeEstimate e = run("tinyforge-c", b, ArmIsa::None);
  EXPECT_EQ(e.head_bytes, shrunk.arena_bytes);
  EXPECT_EQ(e.ops[2].live_bytes, 512 + 4096);
  EXPECT_EQ(e.lower_bound_bytes, 512 + 4096) << "pw's step: its input and output";
}

// input 8x8x3 -> conv 3x3 (same) to 8 channels -> depthwise 5x5 (same) -> depthwise 3x3.
Built convStack() {
  Graph g;
  Node in = layer("in", NodeKind::Input, {});
  in.shape = {1, 8, 8, 3};
  Node conv = layer("conv", NodeKind::Conv2D, {"in"});
  conv.kernel_h = conv.kernel_w = 3;
  conv.out_channels = 8;
  Node dw5 = layer("dw5", NodeKind::DepthwiseConv2D, {"conv"});
  dw5.kernel_h = dw5.kernel_w = 5;
  Node dw3 = layer("dw3", NodeKind::DepthwiseConv2D, {"dw5"});
  dw3.kernel_h = dw3.kernel_w = 3;
  g.nodes = {in, conv, dw5, dw3};
  Built b;
  b.graph = inferShapes(g);
  b.model = lower(b.graph);
  return b;
}

TEST(RuntimeModels, CmsisScratchDependsOnTheCore) {
  const Built b = convStack();
  // conv 3x3x3: DSP and plain cores 2 * align4(27) * 2 = 112 B; MVE 4 * ceil16(27) = 128 B.
  // depthwise 5x5, 8 channels, multiplier 1: DSP 8*25*2 = 400 B; MVE 4*124*25 = 12400 B;
  // plain cores 0. depthwise 3x3 pad 1: DSP 0 (arm_depthwise_conv_3x3_s8); MVE 4*124*9 = 4464.
  const RuntimeEstimate dsp = run("tflm-cmsis", b, ArmIsa::Dsp);
  EXPECT_EQ(dsp.ops[0].scratch_bytes, 112);
  EXPECT_EQ(dsp.ops[1].scratch_bytes, 400);
  EXPECT_EQ(dsp.ops[2].scratch_bytes, 0);
  const RuntimeEstimate mve = run("tflm-cmsis", b, ArmIsa::Mve);
  EXPECT_EQ(mve.ops[0].scratch_bytes, 128);
  EXPECT_EQ(mve.ops[1].scratch_bytes, 12400);
  EXPECT_EQ(mve.ops[2].scratch_bytes, 4464);
  const RuntimeEstimate none = run("tflm-cmsis", b, ArmIsa::None);
  EXPECT_EQ(none.ops[0].scratch_bytes, 112);
  EXPECT_EQ(none.ops[1].scratch_bytes, 0);
  EXPECT_EQ(none.ops[2].scratch_bytes, 0);
  // Reference kernels: none at all.
  const RuntimeEstimate ref = run("tflm", b);
  for (const OpMemory& op : ref.ops) EXPECT_EQ(op.scratch_bytes, 0);
  // Scratch is planned in the head: with the largest scratch the head can only grow.
  EXPECT_GE(mve.head_bytes, dsp.head_bytes);
  EXPECT_GE(dsp.head_bytes, ref.head_bytes);
}

TEST(RuntimeModels, CmsisScratchForInt16ConvAndInt4Depthwise) {
  // 16x8 conv 3x3x3: arm_convolve_wrapper_s16 needs 2*27*2 = 108 B (planned as 112) on
  // DSP and plain cores, 4*ceil8(27)*8*2 = 256 B on MVE.
  Graph g;
  Node in = layer("in", NodeKind::Input, {});
  in.shape = {1, 8, 8, 3};
  in.activation_type = DataType::Int16;
  Node conv = layer("conv", NodeKind::Conv2D, {"in"});
  conv.kernel_h = conv.kernel_w = 3;
  conv.out_channels = 8;
  conv.activation_type = DataType::Int16;
  // int4 depthwise 3x3 (pad 1): the s4 wrapper has no 3x3 exception: 8*9*2 = 144 B, even
  // without DSP; MVE 4*124*9 = 4464 B.
  Node in8 = layer("in8", NodeKind::Input, {});
  in8.shape = {1, 8, 8, 8};
  Node dw = layer("dw", NodeKind::DepthwiseConv2D, {"in8"});
  dw.kernel_h = dw.kernel_w = 3;
  dw.weight_type = DataType::Int4;
  g.nodes = {in, conv, in8, dw};
  Built b;
  b.graph = inferShapes(g);
  b.model = lower(b.graph);
  const RuntimeEstimate dsp = run("tflm-cmsis", b, ArmIsa::Dsp);
  const RuntimeEstimate mve = run("tflm-cmsis", b, ArmIsa::Mve);
  const RuntimeEstimate none = run("tflm-cmsis", b, ArmIsa::None);
  ASSERT_EQ(dsp.ops.size(), 2u);
  EXPECT_EQ(dsp.ops[0].scratch_bytes, 112);
  EXPECT_EQ(mve.ops[0].scratch_bytes, 256);
  EXPECT_EQ(none.ops[0].scratch_bytes, 112);
  EXPECT_EQ(dsp.ops[1].scratch_bytes, 144);
  EXPECT_EQ(none.ops[1].scratch_bytes, 144);
  EXPECT_EQ(mve.ops[1].scratch_bytes, 4464);
  // Reference kernels unpack an int4 filter into scratch: 3*3*8 = 72 B (planned as 80).
  EXPECT_EQ(run("tflm", b).ops[1].scratch_bytes, 80);
}

TEST(RuntimeModels, MissingInputIsAnError) {
  RuntimeEstimate e;
  for (const std::string& name : runtimeModelNames())
    EXPECT_THROW(makeRuntimeModel(name)->estimate(RuntimeInput{}, e), std::invalid_argument) << name;
}

TEST(RuntimeModels, NamesAndUnknownNames) {
  for (const std::string& name : runtimeModelNames()) EXPECT_NE(makeRuntimeModel(name), nullptr) << name;
  EXPECT_EQ(makeRuntimeModel("tvm"), nullptr);
}

}  // namespace
}  // namespace tinyforge
