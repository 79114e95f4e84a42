#include "core/nas/explore.h"

#include "core/nas/search_job.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/shape_inference.h"
#include "core/nas/search_job.h"
#include "core/nas/search_space.h"

namespace tinyforge {
namespace {

bool isPool(NodeKind kind) { return kind == NodeKind::AveragePool2D || kind == NodeKind::MaxPool2D; }

// The output shape of `node_name` in `graph`, inferred on the graph cut right after it
// (what follows it may not shape-check yet).
std::vector<int32_t> shapeOf(const Graph& graph, const std::string& node_name) {
  std::set<std::string> downstream;  // nodes that read node_name's output, transitively
  bool grew = true;
  while (grew) {
    grew = false;
    for (const Node& node : graph.nodes) {
      if (downstream.count(node.name)) continue;
      for (const auto& input : node.inputs)
        if (input == node_name || downstream.count(input)) {
          downstream.insert(node.name);
          grew = true;
          break;
        }
    }
  }
  Graph cut = graph;
  cut.nodes.clear();
  for (const Node& node : graph.nodes)
    if (!downstream.count(node.name)) cut.nodes.push_back(node);
  cut.outputs = {node_name};
  const ShapedGraph shaped = inferShapes(cut);
  return shaped.layers.at(static_cast<size_t>(shaped.outputs.at(0))).output_shape;
}

// Mixed-radix enumeration of every architecture (for spaces no larger than the request).
ArchChoice choiceAt(const SearchSpace& space, uint64_t index) {
  ArchChoice choice;
  for (const auto& w : space.widthDecisions()) {
    const uint64_t n = w.widths.size();
    choice.width_index.push_back(static_cast<int>(index % n));
    index /= n;
  }
  for (size_t d = 0; d < space.skipDecisions().size(); ++d) {
    choice.skipped.push_back(index % 2 == 1);
    index /= 2;
  }
  return choice;
}

ArchChoice randomChoice(const SearchSpace& space, std::mt19937_64& rng) {
  ArchChoice choice;
  for (const auto& w : space.widthDecisions())
    choice.width_index.push_back(
        std::uniform_int_distribution<int>(0, static_cast<int>(w.widths.size()) - 1)(rng));
  for (size_t d = 0; d < space.skipDecisions().size(); ++d)
    choice.skipped.push_back(std::uniform_int_distribution<int>(0, 1)(rng) == 1);
  return choice;
}

std::string resolutionText(ExploreResolution r) { return std::to_string(r.height) + "x" + std::to_string(r.width); }

}  // namespace

Graph scaleBackbone(const Graph& backbone, ExploreResolution resolution, double width_multiplier) {
  if (!(width_multiplier > 0)) throw ExploreError("width multiplier must be positive");
  if (resolution.height <= 0 || resolution.width <= 0)
    throw ExploreError("resolution " + resolutionText(resolution) + " must be positive");
  // Global poolings at the backbone's own resolution: they must keep covering their input.
  std::vector<std::string> global_pools;
  {
    const ShapedGraph shaped = inferShapes(backbone);
    for (size_t i = 0; i < shaped.layers.size(); ++i) {
      const Node& node = shaped.node(static_cast<int>(i));
      const auto& in = shaped.layers[i].input_shapes;
      if (!isPool(node.kind) || !node.block.empty() || in.empty() || in[0].size() != 4) continue;
      if (node.kernel_h == in[0][1] && node.kernel_w == in[0][2]) global_pools.push_back(node.name);
    }
  }
  Graph graph = backbone;
  int inputs = 0;
  for (Node& node : graph.nodes) {
    if (node.kind == NodeKind::Input) {
      if (node.shape.size() != 4) throw ExploreError("input '" + node.name + "': exploring resolutions needs an NHWC input");
      node.shape[1] = resolution.height;
      node.shape[2] = resolution.width;
      ++inputs;
    }
    if (node.search.widths.empty()) continue;
    std::set<int> scaled;
    for (int w : node.search.widths)
      scaled.insert(std::max(1, static_cast<int>(std::lround(w * width_multiplier))));
    node.search.widths.assign(scaled.begin(), scaled.end());
    node.out_channels = node.search.widths.back();
  }
  if (inputs != 1) throw ExploreError("exploring needs a backbone with exactly one Input layer");
  for (const std::string& name : global_pools) {
    Node* pool = graph.find(name);
    const auto shape = shapeOf(graph, pool->inputs.at(0));
    pool->kernel_h = shape.at(1);
    pool->kernel_w = shape.at(2);
  }
  return graph;
}

ExploreResult explore(const Graph& backbone, std::shared_ptr<const BoardLibrary> boards,
                      const ExploreOptions& options, const ExploreProgressCallback& progress,
                      const std::atomic<bool>* cancel) {
  if (!boards) throw ExploreError("no board library");
  if (options.samples < 1) throw ExploreError("samples must be at least 1");
  if (options.board.empty()) throw ExploreError("no board given");
  if (!boards->find(options.board)) {
    std::string known;
    for (const auto& id : boards->ids()) known += (known.empty() ? "" : ", ") + id;
    throw ExploreError("unknown board '" + options.board + "' (known: " + known + ")");
  }
  const auto runtime = runtimeFromString(options.runtime);
  if (!runtime) throw ExploreError("unknown runtime '" + options.runtime + "' (tflm, tflm-cmsis, tinyforge-c)");
  EstimatorSettings settings;
  try {
    settings = searchEstimatorSettings(options.sram_planner, options.runtime);
  } catch (const std::invalid_argument& error) {
    throw ExploreError(error.what());
  }

  ExploreResolution own;
  try {
    const SearchSpace space(backbone);  // the backbone must be searchable at all
    if (space.widthDecisions().empty() && space.skipDecisions().empty())
      throw ExploreError("backbone '" + backbone.name + "' has no search options (search.widths or skippable)");
    const auto& shape = space.ops()[static_cast<size_t>(space.inputOp())].out_shape;
    if (shape.size() != 4) throw ExploreError("exploring resolutions needs an NHWC input");
    own = {shape[1], shape[2]};
  } catch (const SearchSpaceError& error) {
    throw ExploreError(error.what());
  }
  const std::vector<ExploreResolution> resolutions =
      options.resolutions.empty() ? std::vector<ExploreResolution>{own} : options.resolutions;
  const std::vector<double> multipliers =
      options.width_multipliers.empty() ? std::vector<double>{1.0} : options.width_multipliers;

  ExploreResult result;
  result.board = options.board;
  result.runtime = toString(*runtime);
  result.sram_planner = options.sram_planner;
  Estimator estimator(boards, settings);
  ShapedGraph shaped;
  const int total = static_cast<int>(resolutions.size() * multipliers.size());
  for (const ExploreResolution resolution : resolutions) {
    for (const double multiplier : multipliers) {
      if (cancel && cancel->load()) break;
      ExploreConfigResult config;
      config.resolution = resolution;
      config.width_multiplier = multiplier;
      // Each configuration has its own stream, so a grid's figures do not depend on its order.
      std::mt19937_64 rng(options.seed * 1000003 + static_cast<uint64_t>(resolution.height) * 7919 +
                          static_cast<uint64_t>(resolution.width) * 104729 +
                          static_cast<uint64_t>(std::llround(multiplier * 1e6)));
      try {
        const SearchSpace space(scaleBackbone(backbone, resolution, multiplier));
        const double size = space.size();
        config.exhaustive = size <= options.samples;
        config.samples = config.exhaustive ? static_cast<int>(size) : options.samples;
        config.min_flash_bytes = config.min_sram_bytes = INT64_MAX;
        for (int s = 0; s < config.samples; ++s) {
          const ArchChoice choice =
              config.exhaustive ? choiceAt(space, static_cast<uint64_t>(s)) : randomChoice(space, rng);
          inferShapes(space.derive(choice), shaped);
          const Estimate e = estimator.estimate(shaped, options.board, *runtime);
          result.flash_budget_bytes = e.fit.flash_budget_bytes;
          result.sram_budget_bytes = e.fit.sram_budget_bytes;
          config.min_flash_bytes = std::min(config.min_flash_bytes, e.memory.flash_bytes);
          config.min_sram_bytes = std::min(config.min_sram_bytes, e.memory.sram_bytes);
          if (e.fit.fits()) config.fitting_ops.push_back(static_cast<double>(e.total.ops()));
        }
      } catch (const std::exception& error) {  // GraphError, SearchSpaceError, ExploreError
        config = ExploreConfigResult{};
        config.resolution = resolution;
        config.width_multiplier = multiplier;
        config.error = error.what();
      }
      auto& ops = config.fitting_ops;
      std::sort(ops.begin(), ops.end());
      config.fitting = static_cast<int>(ops.size());
      config.fit_fraction = config.samples ? static_cast<double>(config.fitting) / config.samples : 0.0;
      if (!ops.empty()) {
        config.mean_ops = std::accumulate(ops.begin(), ops.end(), 0.0) / static_cast<double>(ops.size());
        // Empirical CDF at evenly spaced quantiles: the nearest-rank value at each fraction.
        const int points = std::max(2, options.cdf_points);
        for (int k = 0; k < points; ++k) {
          const double fraction = static_cast<double>(k) / (points - 1);
          const size_t rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(ops.size())));
          config.ops_cdf.push_back({ops[rank == 0 ? 0 : rank - 1], fraction});
        }
      }
      result.configs.push_back(std::move(config));
      if (progress) progress(static_cast<int>(result.configs.size()), total);
    }
  }

  std::vector<int> order(result.configs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const auto& x = result.configs[static_cast<size_t>(a)];
    const auto& y = result.configs[static_cast<size_t>(b)];
    const bool x_fits = x.error.empty() && x.fitting > 0, y_fits = y.error.empty() && y.fitting > 0;
    if (x_fits != y_fits) return x_fits;
    return x.mean_ops > y.mean_ops;
  });
  result.ranking = order;
  for (size_t r = 0; r < order.size(); ++r) {
    auto& config = result.configs[static_cast<size_t>(order[r])];
    config.rank = config.error.empty() ? static_cast<int>(r) + 1 : 0;
  }
  return result;
}

}  // namespace tinyforge
