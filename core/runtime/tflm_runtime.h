#pragma once
// TensorFlow Lite Micro's arena, modelled by replaying the allocations that
// MicroInterpreter::AllocateTensors() makes (micro_interpreter.cc, micro_allocator.cc,
// single_arena_buffer_allocator.cc) with the 32-bit struct sizes and the kernels'
// allocations of tflm_kernels.h:
//
//   interpreter objects (SingleArenaBufferAllocator, GreedyMemoryPlanner, MicroAllocator)
//   StartModelAllocation: builtin-data allocator, scratch-request list in the head,
//     SubgraphAllocations, TfLiteEvalTensor x tensors, NodeAndRegistration x operators
//   builtin parameters of every operator
//   Init of every operator (OpData)
//   Prepare of every operator (temporary tensors, persistent buffers, scratch requests;
//     then temporaries are reset and the request list grows by 12 entries)
//   FinishModelAllocation: scratch handles, AllocationInfo + planner scratch in temp,
//     the greedy plan (head)
//   input/output TfLiteTensor pointer arrays and persistent TfLiteTensors + quantization.
//
// An offline plan (OfflineMemoryAllocation metadata) changes only the head: TFLM reads
// the offsets straight from the flatbuffer (micro_allocation_info.cc), passes every
// planned buffer to the planner as before (the same AllocationInfo and 40 B of planner
// scratch per buffer), places the offline buffers first at their offsets and fits
// scratch and online buffers around them (greedy_memory_planner.cc). So the tail and
// every temporary stay as without a plan; with MemoryPlanner::Best the head is the best
// plan's tensors fixed and TFLM's greedy placing the scratch buffers around them.
//
// Addresses are simulated exactly, including the alignment padding that depends on
// where the arena ends, so the smallest arena that works is found by solving the
// replay's checks for each arena size modulo 16 (no search).

#include <vector>

#include "core/runtime/allocation_lifetimes.h"
#include "core/runtime/greedy_memory_planner.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tflm_kernels.h"

namespace tinyforge {

class TflmRuntime : public RuntimeModel {
 public:
  explicit TflmRuntime(TflmKernels kernels, ArmIsa isa = ArmIsa::Dsp, const TflmTarget& target = cortexM32Target(),
                       MemoryPlanner planner = MemoryPlanner::Greedy)
      : kernels_(kernels), isa_(isa), target_(target), planner_kind_(planner) {}
  const char* name() const override { return kernels_ == TflmKernels::CmsisNn ? "tflm-cmsis" : "tflm"; }
  void estimate(const RuntimeInput& input, RuntimeEstimate& out) override;

 private:
  struct Replay;  // the arena state of one replay
  // One allocation step of AllocateTensors, recorded once per estimate and replayed for
  // several arena sizes.
  struct TapeEvent {
    enum Kind : uint8_t { Persistent, Temporary, ResetTemporaries, ResizeHead, PlannerScratch };
    int64_t bytes;
    Kind kind;
    uint8_t alignment;
    uint8_t category;
    int32_t op;  // the operator that causes it, -1 for the interpreter
  };
  void buildTape(const TensorModel& model);
  // Replays the tape for the four arena ends kArenaBase + 0, 4, 8, 12 at once (lane k =
  // residue 4k); lane 0's per-operator tail bytes go to `out`.
  static constexpr int kLanes = 4;
  // `ops`, when given, receives each operator's tail bytes.
  void replay(Replay (&lanes)[kLanes], std::vector<OpMemory>* ops) const;
  static int64_t smallestArena(const Replay (&lanes)[kLanes]);
  // The smallest arena with the head `head_bytes` instead of the planned one.
  int64_t smallestArenaWithHead(int64_t head_bytes);
  // The head: TFLM's greedy plan (with the model's own offline plan, if any), or the best
  // plan as TFLM would take it from OfflineMemoryAllocation metadata.
  void planHead(const RuntimeInput& input, RuntimeEstimate& out);

  TflmKernels kernels_;
  ArmIsa isa_;
  const TflmTarget& target_;
  // Workspace reused between estimates.
  std::vector<KernelAction> actions_;
  std::vector<TapeEvent> tape_;
  int64_t tape_bytes_ = 0;  // sum of |bytes| over the tape: whether 32-bit lanes suffice
  std::vector<KernelAllocations> op_allocations_;
  std::vector<ScratchRequest> scratch_;
  std::vector<PlannerBuffer> buffers_;
  std::vector<int> owner_;
  std::vector<int32_t> offsets_;
  std::vector<int64_t> live_;
  GreedyMemoryPlanner planner_;
  MemoryPlanner planner_kind_;
  BestOffsetPlanner best_planner_;
  std::vector<PlannerBuffer> replay_buffers_;
  std::vector<int32_t> replay_offsets_;
  std::vector<int32_t> greedy_offsets_;  // TFLM's own plan, kept when the best plan is tried
  size_t head_event_ = 0;                // the tape's ResizeHead to the planned head
  int64_t head_bytes_ = 0;
};

// Flash of TFLM's code: the interpreter framework plus the kernels the model uses
// (estimates; sources in docs/runtime-memory.md).
int64_t tflmCodeBytes(const TensorModel& model, TflmKernels kernels);

}  // namespace tinyforge
