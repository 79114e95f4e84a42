#include "core/runtime/tflm_runtime.h"

#include <algorithm>
#include <stdexcept>

#include "core/graph/name_in_message.h"
#include "core/runtime/offline_plan.h"

namespace tinyforge {
namespace {

// Alignments are powers of two (alignof and MicroArenaBufferAlignment), so masks do.
int64_t alignDown(int64_t value, int64_t alignment) { return value & ~(alignment - 1); }
int64_t alignUpPow2(int64_t value, int64_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }

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

  void start(int64_t arena_end) {
    *this = Replay{};
    end = tail = arena_end;
  }
  // AllocatePersistentBuffer: grows down, aligned down; fails below head_ (not temp_).
  void persistent(int64_t bytes, int64_t alignment, Category category) {
    const int64_t result = alignDown(tail - bytes, alignment);
    need = std::max(need, head + (end - result));
    by_category[category] += tail - result;
    tail = result;
  }
  // AllocateTemp: grows up from temp_, fails when it would pass tail_.
  void temporary(int64_t bytes, int64_t alignment) {
    const int64_t result = alignUpPow2(temp, alignment);
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

namespace {

// The four replays side by side in 32-bit lanes (GCC vector extension: one SSE register
// per quantity), in coordinates relative to kArenaBase, which is 16-aligned, so every
// alignment step and every difference is the same as in Replay. Used when the tape's
// bytes fit comfortably in 32 bits; Replay's scalar path covers the rest.
typedef int32_t Lanes __attribute__((vector_size(16)));

Lanes splat(int64_t v) {
  const int32_t x = static_cast<int32_t>(v);
  return Lanes{x, x, x, x};
}
Lanes lanesMax(Lanes a, Lanes b) { return a > b ? a : b; }

struct LaneReplay {
  Lanes end, tail, head, temp, need;
  Lanes by_category[6];
};

}  // namespace

void TflmRuntime::buildTape(const TensorModel& model) {
  tape_.clear();
  // On 32-bit targets temporaries are 4-byte multiples at 4-byte alignment and the tail
  // does not move between two of them, so a run checks exactly like one of their total:
  // such a run is summed here and written as one event before the next other event.
  int64_t run_bytes = 0;
  bool run_open = false;
  auto flush = [&] {
    if (!run_open) return;
    tape_.push_back({run_bytes, TapeEvent::Temporary, 4, 0, -1});
    run_open = false;
    run_bytes = 0;
  };
  // Two allocations of one operator and category in a row, the second a multiple of the
  // common alignment, end where one of their total would (alignDown(alignDown(x - a) - b)
  // = alignDown(x - a - b) when b is a multiple): they are one event.
  auto persistent = [&](int64_t bytes, int32_t alignment, int category, int op = -1) {
    flush();
    TapeEvent* last = tape_.empty() ? nullptr : &tape_.back();
    if (last && op >= 0 && last->kind == TapeEvent::Persistent && last->op == op && last->category == category &&
        last->alignment == alignment && bytes % alignment == 0) {
      last->bytes += bytes;
      return;
    }
    tape_.push_back({bytes, TapeEvent::Persistent, static_cast<uint8_t>(alignment), static_cast<uint8_t>(category), op});
  };
  auto temporary = [&](int64_t bytes, int32_t alignment) {
    if (alignment == 4 && bytes % 4 == 0) {
      run_bytes += bytes;
      run_open = true;
      return;
    }
    flush();
    tape_.push_back({bytes, TapeEvent::Temporary, static_cast<uint8_t>(alignment), 0, -1});
  };
  auto event = [&](TapeEvent::Kind kind, int64_t bytes) {
    flush();
    tape_.push_back({bytes, kind, 16, 0, -1});
  };
  // MicroAllocator::Create.
  const TflmTarget& t = target_;
  const int32_t align = t.struct_align;
  persistent(t.single_arena_allocator, align, kOther);
  persistent(t.greedy_planner, align, kOther);
  persistent(t.micro_allocator, align, kOther);

  // StartModelAllocation.
  const int64_t tensor_count = static_cast<int64_t>(model.tensors.size());
  const int64_t op_count = static_cast<int64_t>(model.operators.size());
  persistent(t.builtin_data_allocator, align, kOther);
  event(TapeEvent::ResizeHead, int64_t{t.scratch_request} * kMaxScratchBuffersPerOp);
  persistent(t.subgraph_allocations, align, kOther);
  persistent(int64_t{t.eval_tensor} * tensor_count, align, kEvalTensors);
  persistent(int64_t{t.node_and_registration} * op_count, align, kNodeAndRegistrationArray);

  // PrepareNodeAndRegistrationDataFromFlatbuffer: builtin parameters.
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    if (k.builtin_bytes > 0) persistent(k.builtin_bytes, k.builtin_align, kOther, static_cast<int32_t>(i));
  }
  // InitSubgraphs: OpData.
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    if (k.op_data_bytes > 0) persistent(k.op_data_bytes, 16, kPersistentBuffer, static_cast<int32_t>(i));
  }
  // PrepareSubgraphs.
  int64_t scratch_count = 0;
  // A temporary tensor's TfLiteTensor, quantization struct and zero-point array join the
  // current run of temporaries when they are 4-byte multiples at 4-byte alignment.
  const bool mergeable_temps = align == 4 && t.tflite_tensor % 4 == 0 && t.affine_quantization % 4 == 0;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const KernelAllocations& k = op_allocations_[i];
    for (uint32_t a = 0; a < k.action_count; ++a) {
      const KernelAction& action = actions_[k.first_action + a];
      switch (action.kind) {
        case KernelAction::TempTensor: {
          const TensorInfo& tensor = model.tensors[static_cast<size_t>(action.value)];
          if (mergeable_temps) {  // the same run of 4-byte temporaries, summed at once
            run_bytes += t.tflite_tensor + (tensor.quant_channels > 0 ? t.affine_quantization + 4 + 4 * int64_t{tensor.quant_channels} : 0);
            run_open = true;
            break;
          }
          temporary(t.tflite_tensor, align);
          if (tensor.quant_channels > 0) {
            temporary(t.affine_quantization, align);
            temporary(4 + 4 * int64_t{tensor.quant_channels}, 4);  // zero points as a TfLiteIntArray
          }
          break;
        }
        case KernelAction::Persistent: persistent(action.value, 16, kPersistentBuffer, static_cast<int32_t>(i)); break;
        case KernelAction::Scratch: ++scratch_count; break;
      }
    }
    // FinishPrepareNodeAllocations: temporaries are reset, then the head resized, which
    // sets temp_ again without reading it, so the replay needs only the resize.
    event(TapeEvent::ResizeHead, int64_t{t.scratch_request} * (scratch_count + kMaxScratchBuffersPerOp));
  }

  // FinishModelAllocation.
  if (scratch_count > 0) persistent(int64_t{t.scratch_handle} * scratch_count, align, kOther);
  temporary(t.pointer_bytes, t.pointer_bytes);  // subgraph offsets (size_t)
  temporary(int64_t{t.allocation_info} * (tensor_count + scratch_count), align);
  event(TapeEvent::PlannerScratch, GreedyMemoryPlanner::kScratchBytesPerBuffer * static_cast<int64_t>(buffers_.size()));
  event(TapeEvent::ResetTemporaries, 0);
  event(TapeEvent::ResizeHead, 0);  // the scratch-request list is released
  head_event_ = tape_.size();
  event(TapeEvent::ResizeHead, head_bytes_);

  // AllocateTensors: the interpreter's input and output TfLiteTensors.
  for (const std::vector<int>* tensors : {&model.inputs, &model.outputs}) {
    persistent(int64_t{t.pointer_bytes} * static_cast<int64_t>(tensors->size()), 16, kPersistentBuffer);
    for (int index : *tensors) {
      persistent(t.tflite_tensor, align, kPersistentTensors);
      const TensorInfo& tensor = model.tensors[static_cast<size_t>(index)];
      if (tensor.quant_channels > 0) {
        persistent(t.affine_quantization, align, kQuantization);
        persistent(4 + 4 * int64_t{tensor.quant_channels}, 4, kQuantization);
      }
    }
  }
  flush();
  tape_bytes_ = 0;
  for (const TapeEvent& event : tape_) tape_bytes_ += event.bytes < 0 ? -event.bytes : event.bytes;
}

void TflmRuntime::replay(Replay (&lanes)[kLanes], std::vector<OpMemory>* ops) const {
  static_assert(kLanes == 4, "one 32-bit lane per arena residue 0, 4, 8, 12");
  if (tape_bytes_ < (int64_t{1} << 28)) {
    LaneReplay r{};
    r.end = Lanes{0, 4, 8, 12};
    r.tail = r.end;
    for (const TapeEvent& event : tape_) {
      switch (event.kind) {
        case TapeEvent::Persistent: {
          const Lanes result = (r.tail - splat(event.bytes)) & splat(~(int64_t{event.alignment} - 1));
          r.need = lanesMax(r.need, r.head + (r.end - result));
          r.by_category[event.category] += r.tail - result;
          if (ops && event.op >= 0) (*ops)[static_cast<size_t>(event.op)].persistent_bytes += r.tail[0] - result[0];
          r.tail = result;
          break;
        }
        case TapeEvent::Temporary: {
          const Lanes result = (r.temp + splat(event.alignment - 1)) & splat(~(int64_t{event.alignment} - 1));
          r.need = lanesMax(r.need, (r.end - r.tail) + result + splat(event.bytes));
          r.temp = result + splat(event.bytes);
          break;
        }
        case TapeEvent::ResetTemporaries: r.temp = r.head; break;
        case TapeEvent::ResizeHead:
          r.need = lanesMax(r.need, (r.end - r.tail) + splat(event.bytes));
          r.head = r.temp = splat(event.bytes);
          break;
        case TapeEvent::PlannerScratch: {
          const Lanes from = (r.temp + splat(15)) & splat(~int64_t{15});
          const Lanes to = r.tail & splat(~int64_t{15});
          r.need = lanesMax(r.need, (r.end - to) + from + splat(event.bytes));
          break;
        }
      }
    }
    for (int k = 0; k < kLanes; ++k) {
      Replay& lane = lanes[k];
      lane.end = kArenaBase + r.end[k];
      lane.tail = kArenaBase + r.tail[k];
      lane.head = r.head[k];
      lane.temp = r.temp[k];
      lane.need = r.need[k];
      for (int c = 0; c < 6; ++c) lane.by_category[c] = r.by_category[c][k];
    }
    return;
  }
  for (int k = 0; k < kLanes; ++k) lanes[k].start(kArenaBase + 4 * k);
  for (const TapeEvent& event : tape_) {
    switch (event.kind) {
      case TapeEvent::Persistent: {
        const int64_t before = lanes[0].tail;
        for (Replay& r : lanes) r.persistent(event.bytes, event.alignment, static_cast<Category>(event.category));
        if (ops && event.op >= 0) (*ops)[static_cast<size_t>(event.op)].persistent_bytes += before - lanes[0].tail;
        break;
      }
      case TapeEvent::Temporary:
        for (Replay& r : lanes) r.temporary(event.bytes, event.alignment);
        break;
      case TapeEvent::ResetTemporaries:
        for (Replay& r : lanes) r.resetTemporaries();
        break;
      case TapeEvent::ResizeHead:
        for (Replay& r : lanes) r.resizeHead(event.bytes);
        break;
      case TapeEvent::PlannerScratch:
        // GreedyMemoryPlanner::Init gets all that is left (16-aligned at both ends) and
        // needs 40 B per planned buffer.
        for (Replay& r : lanes) {
          const int64_t from = alignUpPow2(r.temp, 16);
          const int64_t to = alignDown(r.tail, 16);
          r.need = std::max(r.need, (r.end - to) + from + event.bytes);
        }
        break;
    }
  }
}

int64_t TflmRuntime::smallestArena(const Replay (&lanes)[kLanes]) {
  int64_t best = INT64_MAX;
  for (int k = 0; k < kLanes; ++k) {
    const int64_t residue = 4 * k;
    best = std::min(best, lanes[k].need + (((residue - lanes[k].need) % 16) + 16) % 16);
  }
  return best;
}

int64_t TflmRuntime::smallestArenaWithHead(int64_t head_bytes) {
  const int64_t planned = tape_[head_event_].bytes;
  tape_[head_event_].bytes = head_bytes;
  Replay lanes[kLanes];
  replay(lanes, nullptr);
  tape_[head_event_].bytes = planned;
  return smallestArena(lanes);
}

void TflmRuntime::planHead(const RuntimeInput& input, RuntimeEstimate& out) {
  const TensorModel& model = *input.model;
  try {
    requireThirtyTwoBitArena(buffers_);
  } catch (const ArenaOverflowError& error) {
    // Named by its largest tensor (the largest buffer may be a scratch buffer).
    int largest = -1;
    for (size_t b = 0; b < buffers_.size(); ++b)
      if (owner_[b] >= 0 && (largest < 0 || buffers_[b].size_bytes > buffers_[static_cast<size_t>(largest)].size_bytes))
        largest = static_cast<int>(b);
    const std::string name = largest >= 0 ? nameInMessage(model.tensors[static_cast<size_t>(owner_[static_cast<size_t>(largest)])].name) : "?";
    throw std::invalid_argument("tensor '" + name + "': " + error.what());
  }
  out.planner = planner_kind_;
  out.offline_offsets_bytes.clear();
  out.offline_head_bytes = 0;
  out.offline_plan_used = false;
  out.head_lower_bound_bytes = overlapLowerBoundBytes(buffers_);
  offsets_.resize(buffers_.size());
  replay_offsets_.resize(buffers_.size());
  bool model_plan = false;
  for (const PlannerBuffer& b : buffers_) model_plan = model_plan || b.offline_offset >= 0;
  if (model_plan && planner_kind_ == MemoryPlanner::Greedy) {
    // The model's own plan, as TFLM takes it; refused when it overlaps live tensors.
    checkOfflinePlan(*input.graph, model);
    head_bytes_ = planner_.plan(buffers_, offsets_);
    replay_buffers_ = buffers_;
    for (PlannerBuffer& b : replay_buffers_) b.offline_offset = -1;
    out.greedy_head_bytes = planner_.plan(replay_buffers_, replay_offsets_);
    out.plan_method = "the model's offline plan";
    out.plan_optimal = head_bytes_ <= out.head_lower_bound_bytes;
    return;
  }
  // TFLM's own plan (the best planner replaces a plan the model carries).
  for (PlannerBuffer& b : buffers_) b.offline_offset = -1;
  head_bytes_ = planner_.plan(buffers_, offsets_);
  out.greedy_head_bytes = head_bytes_;
  out.plan_method = "TFLM greedy";
  out.plan_optimal = head_bytes_ <= out.head_lower_bound_bytes;
  if (planner_kind_ != MemoryPlanner::Best) return;

  // The best plan (TFLM's own when that is at the bound already), and what TFLM makes of
  // it: the tensors at their offsets, the scratch buffers fitted around them.
  const OffsetPlan* best = nullptr;
  const std::vector<int32_t>* planned = &offsets_;
  if (!out.plan_optimal) {
    best = &best_planner_.plan(buffers_);
    planned = &best->offsets_bytes;
  }
  replay_buffers_ = buffers_;
  for (size_t b = 0; b < buffers_.size(); ++b)
    if (owner_[b] >= 0) replay_buffers_[b].offline_offset = (*planned)[b];
  const int64_t replayed = planner_.plan(replay_buffers_, replay_offsets_);
  out.offline_offsets_bytes.assign(model.tensors.size(), -1);
  for (size_t b = 0; b < buffers_.size(); ++b)
    if (owner_[b] >= 0) out.offline_offsets_bytes[static_cast<size_t>(owner_[b])] = replay_offsets_[b];
  out.offline_head_bytes = replayed;
  if (replayed >= head_bytes_) return;  // TFLM's own plan is as small: nothing to ship
  out.offline_plan_used = true;
  head_bytes_ = replayed;
  greedy_offsets_ = offsets_;
  offsets_ = replay_offsets_;
  out.plan_method = best ? best->method : "TFLM greedy";
  out.plan_optimal = replayed <= out.head_lower_bound_bytes || (best && best->optimal && replayed == best->peak_bytes);
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
    op_allocations_[i] = tflmKernelAllocations(*input.graph, model, static_cast<int>(i), kernels_, isa_, target_, actions_);
    const KernelAllocations& k = op_allocations_[i];
    for (uint32_t a = 0; a < k.action_count; ++a) {
      const KernelAction& action = actions_[k.first_action + a];
      if (action.kind == KernelAction::Scratch) scratch_.push_back({static_cast<int>(i), action.value});
    }
  }

  buildTflmBuffers(model, scratch_, buffers_, owner_);
  out.runtime = name();
  planHead(input, out);
  buildTape(model);
  if (out.offline_plan_used && smallestArenaWithHead(head_bytes_) >= smallestArenaWithHead(out.greedy_head_bytes)) {
    // The smaller head does not shrink the smallest arena (the temporaries of Prepare or
    // of planning are the peak): not worth the plan's bytes of Flash.
    out.offline_plan_used = false;
    head_bytes_ = out.greedy_head_bytes;
    offsets_ = greedy_offsets_;
    tape_[head_event_].bytes = head_bytes_;
    out.plan_method = "TFLM greedy (a smaller head would not shrink the smallest arena)";
    out.plan_optimal = false;
  }

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

  // The arena as MicroInterpreter sees it, with an arena whose end is 16-byte aligned
  // (lane 0), and with ends 4, 8 and 12 bytes further for the smallest arena below.
  Replay lanes[kLanes];
  replay(lanes, &out.ops);
  const Replay& r = lanes[0];
  out.head_bytes = head_bytes_;
  out.tail_bytes = r.end - r.tail;
  out.arena_used_bytes = std::max(r.head, r.temp) + out.tail_bytes;
  // The smallest arena: for each arena size modulo 16 the replay's checks give the least
  // size. Sizes of 4q+1..4q+3 behave as 4q (the first allocation, 4-aligned, drops the
  // odd bytes), so only 0, 4, 8 and 12 need a replay; 0 is the one above.
  const int64_t best = smallestArena(lanes);
  const Replay& residue8 = lanes[2];
  out.min_arena_bytes = best;
  // What RecordingMicroInterpreter reports. Its first and third objects are larger; after
  // them its tail sits exactly where MicroInterpreter's would in an arena shorter by the
  // difference (4-aligned objects, 16-aligned arena end): on Cortex-M 104 B, so the
  // residue-8 replay plus 104 B; on x86-64 208 B, the residue-0 replay plus 208 B.
  const int64_t extra = (target_.recording_single_arena_allocator - target_.single_arena_allocator) +
                        (target_.recording_micro_allocator - target_.micro_allocator);
  const Replay& shifted = (-extra % 16 + 16) % 16 == 8 ? residue8 : r;
  if ((-extra % 16 + 16) % 16 != 8 && (-extra % 16 + 16) % 16 != 0) throw std::logic_error("unsupported TFLM target");
  out.recorded_tail_bytes = shifted.end - shifted.tail + extra;
  out.tail.eval_tensors_bytes = shifted.by_category[kEvalTensors];
  out.tail.persistent_tensors_bytes = shifted.by_category[kPersistentTensors];
  out.tail.quantization_bytes = shifted.by_category[kQuantization];
  out.tail.persistent_buffer_bytes = shifted.by_category[kPersistentBuffer];
  out.tail.node_and_registration_bytes = shifted.by_category[kNodeAndRegistrationArray];
  out.tail.other_bytes = shifted.by_category[kOther] + extra;

  out.lower_bound_bytes = lower_bound;
  out.sram_bytes = out.min_arena_bytes;
  out.model_flash_bytes = input.model_flash_bytes;
  out.code_flash_bytes = tflmCodeBytes(model, kernels_);
  out.code_flash_source = "modelled: per-kernel sizes calibrated on published TFLM figures (MicroNets, TinyEngine)";
  out.flash_bytes = out.model_flash_bytes + out.code_flash_bytes;
}

}  // namespace tinyforge
