#include "core/nas/rank_agreement.h"

#include <nlohmann/json.hpp>

#include "core/graph/graph_json.h"
#include "core/nas/rank_group.h"

namespace tinyforge {

std::string configFingerprint(const SearchConfig& c, const Graph& backbone, int world_size) {
  const std::string graph = graphToJsonText(backbone);
  // A Speech Commands folder may sit at another path on each machine: its content is
  // compared by the data fingerprint.
  const std::string data = c.data == "synthetic" || c.data == "synth-kws" ? c.data : "folder";
  nlohmann::json j = {
      {"world_size", world_size}, {"backbone_hash", stableHash(graph.data(), graph.size())}, {"data", data},
      {"board", c.board}, {"runtime", c.runtime},
      {"budgets", {{"sram_bytes", c.budgets.sram_bytes}, {"flash_bytes", c.budgets.flash_bytes},
                   {"latency_ms", c.budgets.latency_ms}, {"ops", c.budgets.ops},
                   {"latency_board", c.budgets.latency_board}, {"sram_planner", c.budgets.sram_planner}}},
      {"epochs", c.epochs}, {"warmup_epochs", c.warmup_epochs}, {"finetune_epochs", c.finetune_epochs},
      {"batch_size", c.batch_size}, {"lr", c.lr}, {"lr_final", c.lr_final}, {"arch_lr", c.arch_lr},
      {"weight_decay", c.weight_decay}, {"temperature", {c.temperature_start, c.temperature_end}},
      {"penalty", c.penalty}, {"weight_bits", c.weight_bits}, {"fake_quant", c.fake_quant}, {"seed", c.seed},
      {"threads", c.threads}, {"max_steps_per_epoch", c.max_steps_per_epoch}, {"strategy", c.strategy},
      {"synthetic", {{"train", c.synthetic.train}, {"validation", c.synthetic.validation}, {"test", c.synthetic.test},
                     {"classes", c.synthetic.classes}, {"noise", c.synthetic.noise}}},
      {"synth_kws", {{"clips_per_word", c.synth_clips_per_word},
                     {"clips_per_unknown_word", c.synth_clips_per_unknown_word}}},
      {"libtorch", TORCH_VERSION}};
  return j.dump();
}

namespace {

std::string tensorHash(const torch::Tensor& t) {
  const torch::Tensor c = t.contiguous();
  return stableHash(c.data_ptr(), static_cast<size_t>(c.numel()) * c.element_size());
}

nlohmann::json split(const torch::Tensor& x, const torch::Tensor& y) {
  return {{"samples", x.size(0)}, {"hash", stableHash((tensorHash(x) + tensorHash(y)).data(), 32)}};
}

// Leaf paths where two JSON values differ ("budgets.sram_bytes").
void differences(const nlohmann::json& a, const nlohmann::json& b, const std::string& path, std::string& out) {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it)
      differences(it.value(), b.contains(it.key()) ? b[it.key()] : nlohmann::json(),
                  path.empty() ? it.key() : path + "." + it.key(), out);
    return;
  }
  if (a == b) return;
  out += (out.empty() ? "" : "; ") + ("'" + path + "' is " + a.dump() + " there and " + b.dump() + " on rank 0");
}

}  // namespace

std::string dataFingerprint(const torch::Tensor& train_x, const torch::Tensor& train_y, const torch::Tensor& val_x,
                            const torch::Tensor& val_y, const torch::Tensor& test_x, const torch::Tensor& test_y) {
  return nlohmann::json{{"train", split(train_x, train_y)}, {"validation", split(val_x, val_y)},
                        {"test", split(test_x, test_y)}}
      .dump();
}

std::string describeDifference(const std::string& what, int rank, const std::string& theirs, const std::string& ours) {
  if (theirs == ours) return "";
  std::string out;
  const auto a = nlohmann::json::parse(theirs, nullptr, false), b = nlohmann::json::parse(ours, nullptr, false);
  if (!a.is_discarded() && !b.is_discarded()) differences(a, b, "", out);
  if (out.empty()) out = "its fingerprint is " + theirs + ", rank 0's " + ours;
  return "rank " + std::to_string(rank) + "'s " + what + " differs from rank 0's: " + out +
         (what == "data" ? " (every rank must read the same data)" : " (every rank must run the same config)");
}

}  // namespace tinyforge
