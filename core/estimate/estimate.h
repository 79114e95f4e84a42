#pragma once
// Estimate = Graph x Board x Runtime: per-layer rows, totals and the fit verdict.
// This is what the CLI prints, the studio's dashboard shows and CI gates on.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/runtime/patch_request.h"
#include "core/runtime/runtime_model.h"  // MemoryPlanner

namespace tinyforge {

class BoardLibrary;
struct Board;

enum class RuntimeKind { Tflm, TflmCmsis, TinyforgeC };
const char* toString(RuntimeKind runtime);  // "tflm", "tflm-cmsis", "tinyforge-c"
std::optional<RuntimeKind> runtimeFromString(const std::string& text);

struct LayerEstimate {
  int layer = -1;  // index into the ShapedGraph's layers
  std::string name;
  std::string block;  // the block it came from, if any
  NodeKind kind = NodeKind::Conv2D;
  std::vector<int32_t> output_shape;
  LayerCost cost;
  int64_t flash_bytes = 0;       // weights + bias + quantization parameters of this layer in the model
  int64_t live_sram_bytes = 0;   // activation bytes the plan keeps live while this layer runs
  int64_t scratch_bytes = 0;     // kernel scratch (e.g. CMSIS-NN im2col) of this layer
  int64_t persistent_bytes = 0;  // runtime tail bytes this layer causes (op data, per-channel arrays)
  double latency_ms = 0;
  bool latency_measured = false;  // from the operator measurement table, not the model
  bool at_sram_peak = false;      // the layer at which live activations peak
};

// One planned activation or scratch buffer: where it sits in the arena and when.
struct ArenaBuffer {
  std::string name;       // tensor name, or "<layer> scratch"
  std::string producer;   // producing layer ("" for graph inputs)
  int64_t offset_bytes = 0;
  int64_t size_bytes = 0;
  int first_op = 0;       // operator indices, inclusive
  int last_op = 0;
  bool scratch = false;
};

// What MemoryTotals::model_flash_bytes is the size of.
enum class ModelFlashSource {
  WrittenFile,   // the .tflite TinyForge's writer would write for the graph (exact to the byte)
  ImportedFile,  // the .tflite the graph was imported from: the graph is unchanged since
  Weights,       // generated code (no flatbuffer): the constant data alone
};
const char* toString(ModelFlashSource source);  // "tinyforge-writer", "imported-file", "weights"
// Words for where the figure is shown: "size of the imported file",
// "as TinyForge would write it", "constant data of the generated code".
const char* describe(ModelFlashSource source);

struct MemoryTotals {
  int64_t head_bytes = 0;          // planned activations + scratch
  int64_t tail_bytes = 0;          // persistent runtime allocations (TFLM); 0 for code generation
  int64_t recorded_tail_bytes = 0; // TFLM: the tail RecordingMicroAllocator reports (its own records included)
  int64_t arena_bytes = 0;         // what the runtime reports as used (TFLM: arena_used_bytes)
  int64_t min_arena_bytes = 0;     // the smallest arena that works: set the arena to this
  int64_t runtime_sram_bytes = 0;  // runtime statics and stack outside the arena
  int64_t sram_bytes = 0;          // min arena + runtime SRAM: what the board must have
  int64_t lower_bound_bytes = 0;   // max over operators of live activation bytes
  int64_t head_lower_bound_bytes = 0;  // TFLM: the least head any plan of its buffers can have
                                       // (16-byte aligned sizes and scratch, most bytes alive at once)
  int64_t greedy_head_bytes = 0;   // TFLM: the head of its own greedy plan (for the comparison)
  int64_t model_flash_bytes = 0;   // the model as stored (.tflite flatbuffer, or generated weights)
  ModelFlashSource model_flash_source = ModelFlashSource::WrittenFile;
  int64_t code_flash_bytes = 0;    // interpreter + kernels actually used
  std::string code_flash_source;   // where the code (and, for generated code, the stack) figure comes from
  int64_t flash_bytes = 0;         // model + code
};

struct BoardFit {
  std::string board_id;
  int64_t flash_budget_bytes = 0;  // Flash minus the board's application reserve
  int64_t sram_budget_bytes = 0;   // SRAM usable by the model (largest contiguous region for the arena)
  bool fits_flash = false;
  bool fits_sram = false;
  bool fits() const { return fits_flash && fits_sram; }
  std::vector<std::string> problems;  // "SRAM: needs 140.2 KiB, has 128.0 KiB (over by 12.2 KiB)"
};

// What operator reordering (EstimatorSettings::reorder, operator_order.h) did.
struct ReorderSummary {
  bool searched = false;         // reordering was asked for
  bool changed = false;          // a different order has a smaller peak: `layers` follow it
  bool exact = false;            // the order is proven the least peak (exhaustive search)
  int64_t original_peak_bytes = 0;  // head lower bound in the graph's own order
  int64_t peak_bytes = 0;           // in the order used
  int64_t saved_bytes() const { return original_peak_bytes - peak_bytes; }
};

struct Estimate {
  std::string model;
  std::string board_id;
  RuntimeKind runtime = RuntimeKind::Tflm;
  std::vector<LayerEstimate> layers;  // execution order, Input layers included (zero cost)
  LayerCost total;
  MemoryTotals memory;
  std::vector<ArenaBuffer> arena;     // the plan, for the memory map
  MemoryPlanner planner = MemoryPlanner::Greedy;
  std::string plan_method;            // what found the plan ("TFLM greedy", "size, best fit", ...)
  bool plan_optimal = false;          // no plan of these buffers is smaller (proven)
  bool offline_plan = false;          // TFLM: the plan is shipped as OfflineMemoryAllocation
                                      // (its metadata is in model_flash_bytes)
  ReorderSummary reorder;
  // tinyforge-c with patch-based inference: the plan behind memory (null: no patches, another
  // runtime, or `auto` found none that lowers the arena). The stage layers' latency grows
  // with their recomputed MACs.
  std::shared_ptr<const PatchPlan> patches;
  double latency_ms = 0;               // layers + fixed overhead
  double latency_overhead_ms = 0;      // the board's fixed cost per inference (fitted intercept)
  std::string latency_basis;           // where the runtime's latency comes from (a model: say so)
  double fps = 0;
  double energy_mj = 0;               // per inference
  BoardFit fit;
};

// What the board must keep for things other than the model.
struct EstimatorSettings {
  int64_t flash_reserve_bytes = 0;  // application code, RTOS, bootloader
  int64_t sram_reserve_bytes = 0;   // application buffers, RTOS heap
  // The arena planner (runtime_model.h): TFLM's greedy one, or the best offset planner,
  // whose plan export ships in the .tflite (tflm, tflm-cmsis only).
  MemoryPlanner planner = MemoryPlanner::Greedy;
  // Run the operators in the order with the smallest peak (operator_order.h); export
  // writes them in that order.
  bool reorder = false;
  // Patch-based inference in the generated C runtime (tinyforge-c only; patch_request.h).
  PatchRequest patches;
};

// Holds the board library and reusable work buffers; estimate() is cheap enough to run
// on every edit (over 100,000 times a second for MicroNet-KWS-L). Not thread-safe: use
// one Estimator per thread.
class Estimator {
 public:
  explicit Estimator(std::shared_ptr<const BoardLibrary> boards, EstimatorSettings settings = {});
  ~Estimator();

  // Throws GraphError for graphs that do not shape-check and std::invalid_argument for
  // unknown boards (the message lists the known ones).
  Estimate estimate(const Graph& graph, const std::string& board_id, RuntimeKind runtime) const;
  Estimate estimate(const ShapedGraph& graph, const std::string& board_id, RuntimeKind runtime) const;

  const BoardLibrary& boards() const { return *boards_; }
  std::shared_ptr<const BoardLibrary> sharedBoards() const { return boards_; }
  const EstimatorSettings& settings() const { return settings_; }

 private:
  struct Workspace;
  std::shared_ptr<const BoardLibrary> boards_;
  EstimatorSettings settings_;
  std::unique_ptr<Workspace> workspace_;
};

// SRAM a runtime needs outside its arena (statics, stack). MicroNets measured 4 KB for
// the TFLM interpreter; tinyforge-c puts its stack in the runtime estimate itself (0 here).
int64_t runtimeStaticSramBytes(RuntimeKind runtime);

}  // namespace tinyforge
