#pragma once
// Eq. 3 under patch-based inference, for a search whose SRAM figure is what the generated C
// reaches with patches (budgets.sram_planner "patches", tinyforge-c only).
//
// MicroNets' eq. 3 charges every operator its whole input and output. With patches
// (core/runtime/patch_plan.h) an operator of the patched stage holds only one patch's slice
// of each, while the stage's inputs (the network input) and its output (the split layer's
// whole tensor, which the patches fill) stay live through the stage. So an operator k of
// the stage costs
//
//   presence_k x (sum over inputs of |in| x f_in + |out| x f_out) + |stage inputs| + |stage output|
//
// where f is the largest patch slice of that tensor over its whole size (height x width: a
// slice has every channel, so f does not depend on the widths the search chooses). The
// operators after the split keep eq. 3 as it is.
//
// The split point and the grid are chosen once, by `auto` (the smallest peak within a MAC
// overhead) on the backbone's largest architecture, and f is that architecture's. Skipping a
// block of the stage only shortens the receptive fields (its average pooling reads exactly
// stride x its output), so the slices of a smaller architecture are no larger. Like eq. 3
// the figure counts an operator's own operands; what the patched plan adds (scratch,
// alignment, cut copies, a slice kept for a residual Add) is runtime overhead, which the
// budget subtracts as measured on the largest architecture, as for the plain plans. The
// estimator then measures each candidate with its own `auto` choice.

#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

class SearchSpace;
struct PatchChoice;

struct PatchedMemory {
  std::string split_layer;  // the last layer of the patched stage
  int rows = 1, cols = 1;
  double extra_macs_percent = 0;  // of the largest architecture, over its unpatched MACs
  // Per SpaceOp (search_space.h): runs in patches; its output's and each input's largest
  // slice as a fraction of the whole tensor (1 outside the stage).
  std::vector<bool> in_stage;
  std::vector<double> out_fraction;
  std::vector<std::vector<double>> in_fractions;
  std::vector<int> stage_input_ops;  // ops whose whole outputs the stage reads (the network input)
  int stage_output_op = -1;          // the split layer's op
};

// The patch choice `auto` makes on the space's largest architecture within
// `max_extra_macs_percent` extra MACs, as eq. 3 reads it; nullopt when no patch grid lowers
// that architecture's arena.
std::optional<PatchedMemory> patchedMemoryOf(const SearchSpace& space, double max_extra_macs_percent = 20.0);

// The same for a given split point and grid on the largest architecture (PatchError names
// the layer when it cannot run in patches).
PatchedMemory patchedMemoryOf(const SearchSpace& space, const PatchChoice& choice);

}  // namespace tinyforge
