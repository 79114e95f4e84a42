#include "core/codegen/patch_stage_code.h"

#include <sstream>
#include <stdexcept>

#include "core/codegen/c_descriptor_text.h"
#include "core/runtime/tinyforge_c_data.h"

namespace tinyforge {
namespace {

// sizeof(tfc_copy_rect_op) on a 32-bit target: two pointers and four int32.
constexpr int64_t kCopyRectBytes = 24;

void setDims4(int32_t* dims, int32_t h, int32_t w, int32_t c) {
  dims[0] = 1;
  dims[1] = h;
  dims[2] = w;
  dims[3] = c;
}

}  // namespace

std::string PatchStageCode::arena(int64_t offset) const { return "tfc_arena + " + std::to_string(offset); }

std::string PatchStageCode::patchBuffer(int buffer) const {
  return arena(int64_t{plan_.patch_arena_offset_bytes} + plan_.patch_buffers[static_cast<size_t>(buffer)].offset_bytes);
}

// The cut of operand `operand` of stage operator k, per patch: from the whole stage input
// (its arena bytes) or from the operand's larger slice in the patch arena.
int64_t PatchStageCode::copyTable(const std::string& name, int k, int operand, std::ostream& ops) {
  const PatchBuffer& cut = plan_.patch_buffers[static_cast<size_t>(plan_.cut_buffer[static_cast<size_t>(k)][static_cast<size_t>(operand)])];
  const TensorInfo& info = model_.tensors[static_cast<size_t>(cut.tensor)];
  const int32_t channels = info.shape[3];
  const bool whole = info.producer < 0;
  ops << "static const tfc_copy_rect_op " << name << "[" << plan_.patches.size() << "] = {\n";
  for (const PatchRun& patch : plan_.patches) {
    const PatchRect& read = patch.ops[static_cast<size_t>(k)].reads[static_cast<size_t>(operand)];
    tfc_copy_rect_op d{};
    d.rows = read.h();
    d.row_bytes = read.w() * channels;
    d.dst_stride = d.row_bytes;
    std::string src;
    if (whole) {
      d.src_stride = info.shape[2] * channels;
      const int64_t at = plan_.plan.tensor_offset_bytes[static_cast<size_t>(cut.tensor)] +
                         (int64_t{read.y0} * info.shape[2] + read.x0) * channels;
      src = "(const int8_t*)(" + arena(at) + ")";
    } else {
      const PatchRect& slice = patch.region[static_cast<size_t>(cut.tensor)];
      d.src_stride = slice.w() * channels;
      const int64_t at = (int64_t{read.y0 - slice.y0} * slice.w() + (read.x0 - slice.x0)) * channels;
      src = "(const int8_t*)(" + patchBuffer(plan_.slice_buffer[static_cast<size_t>(cut.tensor)]) + " + " +
            std::to_string(at) + ")";
    }
    ops << "  " << copyRectInit(d, src, "(int8_t*)(" + patchBuffer(plan_.cut_buffer[static_cast<size_t>(k)][static_cast<size_t>(operand)]) + ")") << ",\n";
  }
  ops << "};\n";
  loop_ += "    tfc_copy_rect_s8(&" + name + "[p]);\n";
  return kCopyRectBytes * static_cast<int64_t>(plan_.patches.size());
}

int64_t PatchStageCode::addOperator(int k, const KernelCall& call, const PatchStageConstants& constants, std::ostream& ops) {
  const OperatorInfo& op = model_.operators[static_cast<size_t>(k)];
  const std::string name = "tfc_op" + std::to_string(k);
  int64_t bytes = 0;
  std::vector<int> activations;
  for (int t : op.inputs)
    if (t >= 0 && !model_.tensors[static_cast<size_t>(t)].is_constant) activations.push_back(t);
  ops << "/* op " << k << " on each of the " << plan_.patches.size() << " patches */\n";
  std::vector<std::string> input_buffer(activations.size());
  for (size_t j = 0; j < activations.size(); ++j) {
    const int cut = plan_.cut_buffer[static_cast<size_t>(k)][j];
    if (cut >= 0) {
      bytes += copyTable(name + "_cut" + std::to_string(j), k, static_cast<int>(j), ops);
      input_buffer[j] = "(const int8_t*)(" + patchBuffer(cut) + ")";
    } else {
      input_buffer[j] = "(const int8_t*)(" + patchBuffer(plan_.slice_buffer[static_cast<size_t>(activations[j])]) + ")";
    }
  }
  DescriptorPointers pointers;
  pointers.input = input_buffer.at(0);
  if (input_buffer.size() > 1) pointers.input2 = input_buffer[1];
  pointers.filter = constants.filter;
  pointers.bias = constants.bias;
  pointers.requant = constants.requant;
  pointers.output = "(int8_t*)(" + patchBuffer(plan_.slice_buffer[static_cast<size_t>(op.outputs[0])]) + ")";
  const int scratch = plan_.scratch_buffer[static_cast<size_t>(k)];
  pointers.scratch = scratch >= 0 ? "(void*)(" + patchBuffer(scratch) + ")" : "0";

  const int32_t out_c = model_.tensors[static_cast<size_t>(op.outputs[0])].shape[3];
  std::string type, function;
  std::ostringstream table;
  for (const PatchRun& patch : plan_.patches) {
    const PatchOpRun& run = patch.ops[static_cast<size_t>(k)];
    const PatchRect& in = run.reads.at(0);
    std::string init;
    if (const auto* conv = std::get_if<tfc_conv2d_op>(&call.descriptor)) {
      tfc_conv2d_op d = *conv;
      d.input_shape.h = in.h(), d.input_shape.w = in.w();
      d.output_shape.h = run.out.h(), d.output_shape.w = run.out.w();
      d.params.pad_h = run.pad_h, d.params.pad_w = run.pad_w;
      init = conv2dInit(d, pointers);
      type = "tfc_conv2d_op", function = "tfc_conv2d_s8";
    } else if (const auto* dw = std::get_if<tfc_depthwise_conv2d_op>(&call.descriptor)) {
      tfc_depthwise_conv2d_op d = *dw;
      d.input_shape.h = in.h(), d.input_shape.w = in.w();
      d.output_shape.h = run.out.h(), d.output_shape.w = run.out.w();
      d.params.pad_h = run.pad_h, d.params.pad_w = run.pad_w;
      init = depthwiseConv2dInit(d, pointers);
      type = "tfc_depthwise_conv2d_op", function = "tfc_depthwise_conv2d_s8";
    } else if (const auto* pool = std::get_if<tfc_pool2d_op>(&call.descriptor)) {
      tfc_pool2d_op d = *pool;
      d.input_shape.h = in.h(), d.input_shape.w = in.w();
      d.output_shape.h = run.out.h(), d.output_shape.w = run.out.w();
      d.params.pad_h = run.pad_h, d.params.pad_w = run.pad_w;
      init = pool2dInit(d, pointers);
      type = "tfc_pool2d_op";
      function = call.kind == KernelKind::AveragePool2D ? "tfc_average_pool2d_s8" : "tfc_max_pool2d_s8";
    } else if (const auto* pad = std::get_if<tfc_pad_op>(&call.descriptor)) {
      tfc_pad_op d = *pad;
      if (d.rank != 4) throw std::logic_error("patched PAD of rank " + std::to_string(d.rank));
      const int32_t in_c = model_.tensors[static_cast<size_t>(activations[0])].shape[3];
      setDims4(d.input_dims, in.h(), in.w(), in_c);
      d.pad_before[1] = run.pad_h, d.pad_before[2] = run.pad_w;
      d.pad_after[1] = run.pad_after_h, d.pad_after[2] = run.pad_after_w;
      init = padInit(d, pointers);
      type = "tfc_pad_op", function = "tfc_pad_s8";
    } else if (const auto* add = std::get_if<tfc_add_op>(&call.descriptor)) {
      tfc_add_op d = *add;
      d.rank = 4;
      setDims4(d.input1_dims, run.out.h(), run.out.w(), out_c);
      setDims4(d.input2_dims, run.out.h(), run.out.w(), out_c);
      setDims4(d.output_dims, run.out.h(), run.out.w(), out_c);
      init = addInit(d, pointers);
      type = "tfc_add_op", function = "tfc_add_s8";
    } else {
      throw std::logic_error("operator " + std::to_string(k) + " has no patched form");
    }
    table << "  " << init << ",\n";
  }
  ops << "static const " << type << " " << name << "[" << plan_.patches.size() << "] = {\n" << table.str() << "};\n\n";
  bytes += tinyforgeCDescriptorBytes(op.kind) * static_cast<int64_t>(plan_.patches.size());
  loop_ += "    " + function + "(&" + name + "[p]);\n";
  return bytes;
}

int64_t PatchStageCode::finish(std::ostream& ops) {
  const int t = plan_.stage_output;
  const TensorInfo& info = model_.tensors[static_cast<size_t>(t)];
  const int32_t channels = info.shape[3];
  ops << "/* each patch's part of the stage output into the whole tensor */\n"
      << "static const tfc_copy_rect_op tfc_patch_out[" << plan_.patches.size() << "] = {\n";
  for (const PatchRun& patch : plan_.patches) {
    tfc_copy_rect_op d{};
    d.rows = patch.out.h();
    d.row_bytes = patch.out.w() * channels;
    d.src_stride = d.row_bytes;
    d.dst_stride = info.shape[2] * channels;
    const int64_t at = plan_.plan.tensor_offset_bytes[static_cast<size_t>(t)] +
                       (int64_t{patch.out.y0} * info.shape[2] + patch.out.x0) * channels;
    ops << "  " << copyRectInit(d, "(const int8_t*)(" + patchBuffer(plan_.slice_buffer[static_cast<size_t>(t)]) + ")",
                                "(int8_t*)(" + arena(at) + ")")
        << ",\n";
  }
  ops << "};\n\n";
  loop_ += "    tfc_copy_rect_s8(&tfc_patch_out[p]);\n";
  return kCopyRectBytes * static_cast<int64_t>(plan_.patches.size());
}

std::string PatchStageCode::invokeCode() const {
  std::ostringstream c;
  const int s = plan_.choice.split_op;
  c << "  /* operators 0.." << s << " run patch by patch (" << plan_.choice.rows << "x" << plan_.choice.cols
    << "); profiling counts the stage under operator " << s << " */\n";
  for (int k = 0; k <= s; ++k) c << "  TFC_OP_BEGIN(" << k << ");\n";
  c << "  for (p = 0; p < " << plan_.patches.size() << "; ++p) {\n" << loop_ << "  }\n";
  return c.str();
}

}  // namespace tinyforge
