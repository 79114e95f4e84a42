#include "app/cli/estimate_report.h"

#include <iomanip>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/estimate/units.h"
#include "core/runtime/patch_plan.h"

namespace tinyforge::cli {
namespace {

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

}  // namespace

void printLayerTable(std::ostream& out, const Estimate& estimate) {
  out << std::left << std::setw(28) << "layer" << std::setw(17) << "op" << std::setw(14) << "output" << std::right
      << std::setw(11) << "MACs" << std::setw(11) << "params" << std::setw(11) << "Flash" << std::setw(11)
      << "live SRAM" << std::setw(10) << "scratch" << std::setw(11) << "latency" << "\n";
  for (const auto& layer : estimate.layers) {
    if (layer.kind == NodeKind::Input) continue;
    std::string name = layer.name.size() > 27 ? layer.name.substr(0, 26) + "~" : layer.name;
    out << std::left << std::setw(28) << name << std::setw(17) << toString(layer.kind) << std::setw(14)
        << shapeText(layer.output_shape) << std::right << std::setw(11) << formatCount(layer.cost.macs)
        << std::setw(11) << formatCount(layer.cost.params()) << std::setw(11) << formatBytes(layer.flash_bytes)
        << std::setw(11) << formatBytes(layer.live_sram_bytes) << std::setw(10) << formatBytes(layer.scratch_bytes)
        << std::setw(11) << formatMs(layer.latency_ms) << (layer.latency_measured ? " (measured)" : "")
        << (layer.at_sram_peak ? "  <- SRAM peak" : "") << "\n";
  }
}

void printTotals(std::ostream& out, const Estimate& estimate) {
  const auto& m = estimate.memory;
  out << "model " << estimate.model << " on " << estimate.board_id << " with " << toString(estimate.runtime) << "\n";
  out << "  compute  " << formatCount(estimate.total.macs) << " MACs = " << formatCount(estimate.total.ops())
      << " ops, " << formatCount(estimate.total.params()) << " parameters\n";
  out << "  Flash    " << formatBytes(m.flash_bytes) << " (" << m.flash_bytes << " B) = model "
      << formatBytes(m.model_flash_bytes) << " (" << describe(m.model_flash_source) << ") + runtime code "
      << formatBytes(m.code_flash_bytes) << "\n";
  if (!m.code_flash_source.empty()) {
    out << "  code     " << m.code_flash_source;
    if (estimate.runtime == RuntimeKind::TinyforgeC) out << " (the stack too)";
    out << "\n";
  }
  out << "  SRAM     " << formatBytes(m.sram_bytes) << " (" << m.sram_bytes << " B) = arena "
      << formatBytes(m.min_arena_bytes) << " (head " << m.head_bytes << " B + tail " << m.tail_bytes
      << " B) + runtime " << formatBytes(m.runtime_sram_bytes) << "; lower bound " << formatBytes(m.lower_bound_bytes)
      << "\n";
  if (m.head_lower_bound_bytes > 0) {
    out << "  plan     " << toString(estimate.planner) << " planner: head " << m.head_bytes << " B by "
        << estimate.plan_method << (estimate.offline_plan ? " (offline plan in the model)" : "") << "; TFLM greedy "
        << m.greedy_head_bytes << " B; head lower bound " << m.head_lower_bound_bytes
        << " B (16-byte aligned, scratch included)" << (estimate.plan_optimal ? ", reached" : "") << "\n";
  }
  if (estimate.reorder.searched) {
    const auto& r = estimate.reorder;
    out << "  order    ";
    if (r.changed)
      out << "reordered: peak " << r.original_peak_bytes << " B -> " << r.peak_bytes << " B (saves " << r.saved_bytes()
          << " B" << (r.exact ? ", least of all orders" : ", beam search") << ")\n";
    else
      out << "kept: no order has a smaller peak than " << r.peak_bytes << " B"
          << (r.exact ? " (exhaustive)" : " (beam search)") << "\n";
  }
  out << "  latency  " << formatMs(estimate.latency_ms) << " (layers + " << formatMs(estimate.latency_overhead_ms)
      << " fixed per inference), " << std::fixed << std::setprecision(2) << estimate.fps
      << " FPS, energy " << std::setprecision(3) << estimate.energy_mj << " mJ per inference\n"
      << std::defaultfloat;
  if (!estimate.latency_basis.empty()) out << "           modelled: " << estimate.latency_basis << "\n";
  const auto& fit = estimate.fit;
  out << "  budget   Flash " << formatBytes(fit.flash_budget_bytes) << ", SRAM " << formatBytes(fit.sram_budget_bytes)
      << " -> " << (fit.fits() ? "FITS" : "DOES NOT FIT") << "\n";
  for (const auto& problem : fit.problems) out << "           " << problem << "\n";
}

void printFitSummary(std::ostream& out, const std::vector<Estimate>& estimates) {
  out << std::left << std::setw(14) << "board" << std::right << std::setw(12) << "Flash" << std::setw(9) << "of"
      << std::setw(12) << "SRAM" << std::setw(9) << "of" << std::setw(12) << "latency" << std::setw(9) << "FPS"
      << std::setw(12) << "energy" << "  verdict\n";
  for (const auto& e : estimates) {
    const auto& fit = e.fit;
    auto share = [](int64_t used, int64_t budget) { return budget > 0 ? formatPercent(double(used) / budget) : "-"; };
    std::ostringstream fps, energy;
    fps << std::fixed << std::setprecision(2) << e.fps;
    energy << std::fixed << std::setprecision(2) << e.energy_mj << " mJ";
    out << std::left << std::setw(14) << e.board_id << std::right << std::setw(12) << formatBytes(e.memory.flash_bytes)
        << std::setw(9) << share(e.memory.flash_bytes, fit.flash_budget_bytes) << std::setw(12)
        << formatBytes(e.memory.sram_bytes) << std::setw(9) << share(e.memory.sram_bytes, fit.sram_budget_bytes)
        << std::setw(12) << formatMs(e.latency_ms) << std::setw(9) << fps.str() << std::setw(12) << energy.str()
        << "  " << (fit.fits() ? "fits" : "DOES NOT FIT") << "\n";
  }
}

nlohmann::json estimateToJson(const Estimate& estimate) {
  using nlohmann::json;
  json layers = json::array();
  for (const auto& layer : estimate.layers) {
    layers.push_back({{"name", layer.name},
                      {"block", layer.block},
                      {"op", toString(layer.kind)},
                      {"output_shape", layer.output_shape},
                      {"macs", layer.cost.macs},
                      {"ops", layer.cost.ops()},
                      {"params", layer.cost.params()},
                      {"weight_bytes", layer.cost.weight_bytes},
                      {"bias_bytes", layer.cost.bias_bytes},
                      {"input_bytes", layer.cost.input_bytes},
                      {"output_bytes", layer.cost.output_bytes},
                      {"flash_bytes", layer.flash_bytes},
                      {"live_sram_bytes", layer.live_sram_bytes},
                      {"scratch_bytes", layer.scratch_bytes},
                      {"persistent_bytes", layer.persistent_bytes},
                      {"latency_ms", layer.latency_ms},
                      {"latency_measured", layer.latency_measured},
                      {"at_sram_peak", layer.at_sram_peak}});
  }
  const auto& m = estimate.memory;
  json arena = json::array();
  for (const auto& b : estimate.arena) {
    arena.push_back({{"name", b.name}, {"producer", b.producer}, {"offset_bytes", b.offset_bytes},
                     {"size_bytes", b.size_bytes}, {"first_op", b.first_op}, {"last_op", b.last_op},
                     {"scratch", b.scratch}});
  }
  return json{{"model", estimate.model},
              {"board", estimate.board_id},
              {"runtime", toString(estimate.runtime)},
              {"planner", toString(estimate.planner)},
              {"plan",
               {{"method", estimate.plan_method},
                {"optimal", estimate.plan_optimal},
                {"offline_plan", estimate.offline_plan}}},
              {"reorder",
               {{"searched", estimate.reorder.searched},
                {"changed", estimate.reorder.changed},
                {"exact", estimate.reorder.exact},
                {"original_peak_bytes", estimate.reorder.original_peak_bytes},
                {"peak_bytes", estimate.reorder.peak_bytes}}},
              {"totals",
               {{"macs", estimate.total.macs},
                {"ops", estimate.total.ops()},
                {"params", estimate.total.params()},
                {"flash_bytes", m.flash_bytes},
                {"model_flash_bytes", m.model_flash_bytes},
                {"model_flash_source", toString(m.model_flash_source)},
                {"code_flash_bytes", m.code_flash_bytes},
                {"code_flash_source", m.code_flash_source},
                {"sram_bytes", m.sram_bytes},
                {"arena_head_bytes", m.head_bytes},
                {"arena_tail_bytes", m.tail_bytes},
                {"arena_tail_recorded_bytes", m.recorded_tail_bytes},
                {"arena_used_bytes", m.arena_bytes},
                {"min_arena_bytes", m.min_arena_bytes},
                {"runtime_sram_bytes", m.runtime_sram_bytes},
                {"lower_bound_bytes", m.lower_bound_bytes},
                {"head_lower_bound_bytes", m.head_lower_bound_bytes},
                {"greedy_head_bytes", m.greedy_head_bytes},
                {"latency_ms", estimate.latency_ms},
                {"latency_overhead_ms", estimate.latency_overhead_ms},
                {"latency_basis", estimate.latency_basis},
                {"fps", estimate.fps},
                {"energy_mj", estimate.energy_mj}}},
              {"fit",
               {{"fits", estimate.fit.fits()},
                {"fits_flash", estimate.fit.fits_flash},
                {"fits_sram", estimate.fit.fits_sram},
                {"flash_budget_bytes", estimate.fit.flash_budget_bytes},
                {"sram_budget_bytes", estimate.fit.sram_budget_bytes},
                {"problems", estimate.fit.problems}}},
              {"layers", layers},
              {"arena", arena}};
}

void printPatches(std::ostream& out, const Estimate& estimate, const PatchRequest& request) {
  if (request.mode == PatchRequest::Mode::None) return;
  const PatchPlan* p = estimate.patches.get();
  out << "  patches  ";
  if (!p) {
    out << "auto: no split point and grid lowers the arena within " << request.max_extra_macs_percent
        << "% extra MACs; the model runs without patches\n";
    return;
  }
  const auto& c = p->choice;
  const std::string& layer = p->split_layer;
  out << (request.mode == PatchRequest::Mode::Auto ? "auto: " : "") << "operators 0.." << c.split_op << " (to '"
      << layer << "') in " << c.rows << "x" << c.cols << " patches\n"
      << "           peak SRAM (arena, planned) " << p->peak_bytes() << " B, without patches "
      << p->unpatched_arena_bytes << " B (" << std::fixed << std::setprecision(1)
      << (p->unpatched_arena_bytes > 0 ? 100.0 * static_cast<double>(p->peak_bytes() - p->unpatched_arena_bytes) /
                                             static_cast<double>(p->unpatched_arena_bytes)
                                       : 0.0)
      << "%); stage " << p->stage_peak_bytes << " B live (patch arena " << p->patch_arena_bytes
      << " B), rest of the network " << p->rest_peak_bytes << " B\n"
      << "           extra MACs " << formatCount(p->extra_macs()) << " (+" << p->extra_macs_percent()
      << "% of the model's " << formatCount(p->model_macs) << ", recomputed halos)\n"
      << std::defaultfloat;
}

nlohmann::json patchesToJson(const Estimate& estimate, const PatchRequest& request) {
  using nlohmann::json;
  const PatchPlan* p = estimate.patches.get();
  json out = {{"requested", request.mode == PatchRequest::Mode::None   ? "none"
                            : request.mode == PatchRequest::Mode::Auto ? "auto"
                                                                       : "fixed"},
              {"active", p != nullptr}};
  if (request.mode == PatchRequest::Mode::Auto) out["max_extra_macs_percent"] = request.max_extra_macs_percent;
  if (!p) return out;
  out["split_operator"] = p->choice.split_op;
  out["split_layer"] = p->split_layer;
  out["rows"] = p->choice.rows;
  out["cols"] = p->choice.cols;
  out["peak_sram_bytes"] = p->peak_bytes();
  out["unpatched_arena_bytes"] = p->unpatched_arena_bytes;
  out["stage_peak_bytes"] = p->stage_peak_bytes;
  out["rest_peak_bytes"] = p->rest_peak_bytes;
  out["patch_arena_bytes"] = p->patch_arena_bytes;
  out["extra_macs"] = p->extra_macs();
  out["extra_macs_percent"] = p->extra_macs_percent();
  out["model_macs"] = p->model_macs;
  return out;
}

}  // namespace tinyforge::cli
