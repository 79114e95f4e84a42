#include "core/runtime/tflm_runtime.h"

#include <algorithm>
#include <stdexcept>

namespace tinyforge {
namespace {

using namespace tflm32;

int64_t alignDown(int64_t value, int64_t alignment) { return value / alignment * alignment; }

// Where the recording allocator files an allocation (RecordingMicroAllocator).
enum Category { kOther, kEvalTensors, kPersistentTensors, kQuantization, kPersistentBuffer, kNodeAndRegistrationArray };

// An arena far from address 0, so that every replay works on positive addresses.
constexpr int64_t kArenaBase = int64_t{1} << 40;

}  // namespace

// SingleArenaBufferAllocator's three pointers, relative to the (16-aligned) arena start,
// and the smallest arena end that would have let every allocation so far succeed.
struct TflmRuntime::Replay {
  int64_t end = 0;
  int64_t tail = 0;
  int64_t head = 0;
  int64_t temp = 0;
  int64_t need = 0;
  int64_t by_category[6] = {};
  int64_t op_persistent = 0;

  void start(int64_t arena_end) {
    *this = Replay{};
    end = tail = arena_end;
  }
  // AllocatePersistentBuffer: grows down, aligned down; fails below head_ (not temp_).
  void persistent(int64_t bytes, int64_t alignment, Category category) {
    const int64_t result = alignDown(tail - bytes, alignment);
    need = std::max(need, head + (end - result));
    by_category[category] += tail - result;
    op_persistent += tail - result;
    tail = result;
  }
  // AllocateTemp: grows up from temp_, fails when it would pass tail_.
  void temporary(int64_t bytes, int64_t alignment) {
    const int64_t result = alignUp(temp, alignment);
    need = std::max(need, (end - tail) + result + bytes);
    temp = result + bytes;
  }
  void resetTemporaries() { temp = head; }
  // ResizeBuffer / ReserveNonPersistentOverlayMemory: the head from the arena start.
  void resizeHead(int64_t bytes) {
    need = std::max(need, (end - tail) + bytes);
    head = temp = bytes;
  }
};

void TflmRuntime::replay(const TensorModel& model, Objects objects, int64_t arena_end, Replay& r,
                         RuntimeEstimate* out) const {
  r.start(arena_end);
  const bool recording = objects == Objects::Recording;
  // MicroAllocator::Create (or RecordingMicroAllocator::Create).
  r.persistent(recording ? kRecordingSingleArenaBufferAllocator : kSingleArenaBufferAllocator, 4, kOther);
  r.persistent(kGreedyMemoryPlanner, 4, kOther);
  r.persistent(recording ? kRecordingMicroAllocator : kMicroAllocator, 4, kOther);

  // StartModelAllocation.
  const int64_t tensor_count = static_cast<int64_t>(model.tensors.size());
  const int64_t op_count = static_cast<int64_t>(model.operators.size());
  r.persistent(kMicroBuiltinDataAllocator, 4, kOther);
  r.resizeHead(kScratchBufferRequest * kMaxScratchBuffersPerOp);
  r.persistent(kSubgraphAllocations, 4, kOther);
  r.persistent(kTfLiteEvalTensor * tensor_count, 4, kEvalTensors);
  r.persistent(kNodeAndRegistration * op_count, 4, kNodeAndRegistrationArray);

  auto opPersistent = [&](size_t op, int64_t bytes) {
    if (out) out->ops[op].persistent_bytes += bytes;
  };
  // PrepareNodeAndRegistrationDataFromFlatbuffer: builtin parameters.
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    if (k.builtin_bytes == 0) continue;
    r.op_persistent = 0;
    r.persistent(k.builtin_bytes, k.builtin_align, kOther);
    opPersistent(i, r.op_persistent);
  }
  // InitSubgraphs: OpData.
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    if (k.op_data_bytes == 0) continue;
    r.op_persistent = 0;
    r.persistent(k.op_data_bytes, 16, kPersistentBuffer);
    opPersistent(i, r.op_persistent);
  }
  // PrepareSubgraphs.
  auto tensorQuantization = [&](const TensorInfo& t, auto&& allocate) {
    if (t.quant_channels <= 0) return;
    allocate(kTfLiteAffineQuantization);
    allocate(4 + 4 * int64_t{t.quant_channels});  // zero points as a TfLiteIntArray
  };
  int64_t scratch_count = 0;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    r.op_persistent = 0;
    for (uint32_t a = 0; a < k.action_count; ++a) {
      const KernelAction& action = actions_[k.first_action + a];
      switch (action.kind) {
        case KernelAction::TempTensor:
          r.temporary(kTfLiteTensor, 4);
          tensorQuantization(model.tensors[static_cast<size_t>(action.value)],
                             [&](int64_t bytes) { r.temporary(bytes, 4); });
          break;
        case KernelAction::Persistent: r.persistent(action.value, 16, kPersistentBuffer); break;
        case KernelAction::Scratch: ++scratch_count; break;
      }
    }
    opPersistent(i, r.op_persistent);
    // FinishPrepareNodeAllocations.
    r.resetTemporaries();
    r.resizeHead(kScratchBufferRequest * (scratch_count + kMaxScratchBuffersPerOp));
  }

  // FinishModelAllocation.
  if (scratch_count > 0) r.persistent(kScratchBufferHandle * scratch_count, 4, kOther);
  r.temporary(4, 4);  // subgraph offsets
  r.temporary(kAllocationInfo * (tensor_count + scratch_count), 4);
  {
    // The planner gets all that is left, and needs 40 B per planned buffer.
    const int64_t planned = static_cast<int64_t>(buffers_.size());
    const int64_t available_from = alignUp(r.temp, 16);
    const int64_t aligned_tail = alignDown(r.tail, 16);
    r.need = std::max(r.need, (r.end - aligned_tail) + available_from +
                                  GreedyMemoryPlanner::kScratchBytesPerBuffer * planned);
  }
  r.resetTemporaries();
  r.resizeHead(0);  // the scratch-request list is released
  r.resizeHead(head_bytes_);

  // AllocateTensors: the interpreter's input and output TfLiteTensors.
  auto interfaceTensors = [&](const std::vector<int>& tensors) {
    r.persistent(4 * static_cast<int64_t>(tensors.size()), 16, kPersistentBuffer);
    for (int t : tensors) {
      r.persistent(kTfLiteTensor, 4, kPersistentTensors);
      tensorQuantization(model.tensors[static_cast<size_t>(t)],
                         [&](int64_t bytes) { r.persistent(bytes, 4, kQuantization); });
    }
  };
  interfaceTensors(model.inputs);
  interfaceTensors(model.outputs);
}

void TflmRuntime::estimate(const RuntimeInput& input, RuntimeEstimate& out) {
  if (!input.graph || !input.model) throw std::invalid_argument("runtime estimate: no model given");
  const TensorModel& model = *input.model;
  const size_t op_count = model.operators.size();

  // Kernel allocations and scratch requests.
  actions_.clear();
  op_allocations_.resize(op_count);
  scratch_.clear();
  for (size_t i = 0; i < op_count; ++i) {
    op_allocations_[i] = tflmKernelAllocations(*input.graph, model, static_cast<int>(i), kernels_, isa_, actions_);
    const KernelAllocations& k = op_allocations_[i];
    for (uint32_t a = 0; a < k.action_count; ++a) {
      const KernelAction& action = actions_[k.first_action + a];
      if (action.kind == KernelAction::Scratch) scratch_.push_back({static_cast<int>(i), action.value});
    }
  }

  // The head: TFLM's greedy plan.
  buildTflmBuffers(model, scratch_, buffers_, owner_);
  offsets_.resize(buffers_.size());
  head_bytes_ = planner_.plan(buffers_, offsets_);

  out.runtime = name();
  out.ops.resize(op_count);
  for (size_t i = 0; i < op_count; ++i) out.ops[i] = OpMemory{static_cast<int>(i)};
  out.buffers.resize(buffers_.size());
  size_t scratch_index = 0;
  for (size_t b = 0; b < buffers_.size(); ++b) {
    PlannedBuffer& p = out.buffers[b];
    p.tensor = owner_[b];
    p.op = owner_[b] < 0 ? scratch_[scratch_index++].op : -1;
    p.size_bytes = buffers_[b].size_bytes;
    p.offset_bytes = offsets_[b];
    p.first_used = buffers_[b].first_used;
    p.last_used = buffers_[b].last_used;
    if (p.tensor < 0) out.ops[static_cast<size_t>(p.op)].scratch_bytes += p.size_bytes;
    for (int32_t scope = std::max(1, p.first_used); scope <= p.last_used && scope <= static_cast<int32_t>(op_count); ++scope) {
      OpMemory& op = out.ops[static_cast<size_t>(scope - 1)];
      op.arena_end_bytes = std::max<int64_t>(op.arena_end_bytes, int64_t{p.offset_bytes} + p.size_bytes);
    }
  }
  liveActivationBytes(model, live_);
  int64_t lower_bound = 0;
  for (size_t i = 0; i < op_count; ++i) {
    out.ops[i].live_bytes = live_[i];
    lower_bound = std::max(lower_bound, live_[i]);
    for (int t : model.operators[i].inputs)
      if (t >= 0 && model.tensors[static_cast<size_t>(t)].is_constant) out.ops[i].flash_bytes += model.tensors[static_cast<size_t>(t)].bytes;
  }

  // The arena as MicroInterpreter sees it, with an arena whose end is 16-byte aligned.
  Replay r;
  replay(model, Objects::Plain, kArenaBase, r, &out);
  out.head_bytes = head_bytes_;
  out.tail_bytes = r.end - r.tail;
  out.arena_used_bytes = std::max(r.head, r.temp) + out.tail_bytes;
  // The smallest arena: for each size modulo 16 the replay's checks give the least size.
  int64_t best = INT64_MAX;
  for (int64_t residue = 0; residue < 16; ++residue) {
    Replay trial;
    replay(model, Objects::Plain, kArenaBase + residue, trial, nullptr);
    const int64_t least = trial.need + (((residue - trial.need) % 16) + 16) % 16;
    best = std::min(best, least);
  }
  out.min_arena_bytes = best;
  // What RecordingMicroInterpreter reports (its allocator objects are larger).
  Replay recorded;
  replay(model, Objects::Recording, kArenaBase, recorded, nullptr);
  out.recorded_tail_bytes = recorded.end - recorded.tail;
  out.tail.eval_tensors_bytes = recorded.by_category[kEvalTensors];
  out.tail.persistent_tensors_bytes = recorded.by_category[kPersistentTensors];
  out.tail.quantization_bytes = recorded.by_category[kQuantization];
  out.tail.persistent_buffer_bytes = recorded.by_category[kPersistentBuffer];
  out.tail.node_and_registration_bytes = recorded.by_category[kNodeAndRegistrationArray];
  out.tail.other_bytes = recorded.by_category[kOther];

  out.lower_bound_bytes = lower_bound;
  out.sram_bytes = out.min_arena_bytes;
  out.model_flash_bytes = input.model_flash_bytes;
  out.code_flash_bytes = tflmCodeBytes(model, kernels_);
  out.flash_bytes = out.model_flash_bytes + out.code_flash_bytes;
}

}  // namespace tinyforge
