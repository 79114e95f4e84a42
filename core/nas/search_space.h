#pragma once
// The search space of a backbone: which choices the DNAS makes and how every tensor's
// channel count depends on them. Torch-free, so the estimator side (derive, budgets,
// tests of the expected costs) and the studio can use it without libtorch.
//
// Decisions
//   width: a layer or block with SearchOptions::widths chooses its output channels
//          (a block's widths apply to its last conv: the pointwise conv of a
//          DepthwiseSeparable, the project conv of an InvertedBottleneck). The backbone's
//          out_channels must be the largest width.
//          A residual Add needs both operands at the same channel count at every choice,
//          so the width decisions it joins are tied into one, named "ibn2+ibn3" after the
//          layers or blocks it sets (their width lists must be equal).
//   skip:  a skippable block (or layer) becomes identity; where it downsamples it becomes
//          an AveragePool2D with kernel = stride, stride = stride, SAME padding, which
//          gives the block's own output size.
//
// Channel variables: every tensor has one. A width decision's output is a distribution
// over its widths; a depthwise layer's output shares its input's variable; an
// InvertedBottleneck's expand conv has `expansion` x its input's channels; a skippable
// block's output is the mixture keep x (block output) + skip x (block input). A skipped
// block's consumer reads the block's input with that input's channel count; in the
// supernet, where every tensor is max-width and masked, this is zero-padding of the
// input up to the block's width (the padded channels meet weights the derived graph drops).
//
// An InvertedBottleneck gets its residual Add from the graph's block template only where
// the shapes match; the supernet has it where they match at the largest widths (and then
// ties the widths). Where untied widths happen to match at some choice, derive() writes
// that block's layers out without the Add, so the derived graph is the supernet's.

#include <optional>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/nas/patched_memory.h"

namespace tinyforge {

class SearchSpaceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WidthDecision {
  std::string name;                // the layer or block; tied ones joined by '+': "ibn2+ibn3"
  std::vector<int> widths;         // ascending
  std::vector<std::string> nodes;  // the backbone layers or blocks whose out_channels it sets
};

struct SkipDecision {
  std::string name;  // the block (or layer)
  bool downsamples = false;
  int stride_h = 1, stride_w = 1;
};

struct ChannelVar {
  enum class Kind { Fixed, Width, Skip, Scaled };
  Kind kind = Kind::Fixed;
  int fixed = 0;            // Fixed
  int decision = -1;        // Width: width decision; Skip: skip decision
  int keep_var = -1;        // Skip: the block output's variable
  int skip_var = -1;        // Skip: the block input's variable
  int max_channels = 0;     // the supernet tensor's channel count
  int base_var = -1;        // Scaled: channels = factor x base_var's (an InvertedBottleneck's expansion)
  int factor = 1;
};

// One operator of the supernet: a layer of the backbone with blocks expanded, or the
// merge of a skippable block's two branches.
struct SpaceOp {
  enum class Kind { Layer, SkipMerge };
  Kind kind = Kind::Layer;
  int layer = -1;                  // Layer: index into maxGraph().layers
  std::string name;                // the layer's name; SkipMerge: the block's name
  std::vector<int> inputs;         // indices of producing ops
  int out_var = -1;
  int gate = -1;                   // Layer inside a skippable block: its skip decision
  int skip = -1;                   // SkipMerge: the skip decision
  std::vector<int32_t> out_shape;  // at max width (NHWC or {1, N})
  std::vector<std::vector<int32_t>> in_shapes;
};

// One choice per decision: width index per width decision, skip flag per skip decision.
struct ArchChoice {
  std::vector<int> width_index;
  std::vector<bool> skipped;
  bool operator==(const ArchChoice&) const = default;
};

class SearchSpace {
 public:
  // Throws SearchSpaceError naming the layer for what the supernet cannot express.
  explicit SearchSpace(const Graph& backbone);

  const Graph& backbone() const { return backbone_; }
  const ShapedGraph& maxGraph() const { return max_graph_; }
  const std::vector<WidthDecision>& widthDecisions() const { return widths_; }
  const std::vector<SkipDecision>& skipDecisions() const { return skips_; }
  const std::vector<ChannelVar>& vars() const { return vars_; }
  const std::vector<SpaceOp>& ops() const { return ops_; }
  int outputOp() const { return output_op_; }
  int inputOp() const { return input_op_; }

  // Every width at its largest, no block skipped.
  ArchChoice largest() const;
  // The smallest width everywhere, every skippable block skipped.
  ArchChoice smallest() const;
  // The concrete graph of a choice (no weights): widths set, search options cleared,
  // skipped blocks removed (consumers rewired) or replaced by their average pooling.
  Graph derive(const ArchChoice& choice) const;
  // Number of architectures (as a double: it overflows integers quickly).
  double size() const;
  std::string describe(const ArchChoice& choice) const;  // "conv1=64 ds1=skip ds2=128 ..."
  // The channel count of every variable at a choice.
  std::vector<int> channelsAt(const ArchChoice& choice) const;

  // Eq. 3 under patch-based inference (patched_memory.h) for every cost of this space;
  // nullopt (the default): eq. 3 as MicroNets writes it.
  void setPatchedMemory(std::optional<PatchedMemory> patched) { patched_ = std::move(patched); }
  const std::optional<PatchedMemory>& patchedMemory() const { return patched_; }

 private:
  Graph backbone_;
  ShapedGraph max_graph_;
  std::vector<WidthDecision> widths_;
  std::vector<SkipDecision> skips_;
  std::vector<ChannelVar> vars_;
  std::vector<SpaceOp> ops_;
  int output_op_ = -1;
  int input_op_ = -1;
  struct Bottleneck {
    std::string name;
    int in_var = -1, out_var = -1;
    bool residual = false;  // in the supernet (the largest widths)
  };
  std::vector<Bottleneck> bottlenecks_;
  std::optional<PatchedMemory> patched_;
};

}  // namespace tinyforge
