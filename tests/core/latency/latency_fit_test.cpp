#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "core/boards/board_library.h"
#include "core/latency/latency_fit.h"
#include "core/latency/latency_model.h"
#include "core/latency/model_measurements.h"
#include "micronets_layers.h"

namespace tinyforge {
namespace {

using reference_nets::micronetsTable4Nets;
using reference_nets::ReferenceNet;

const std::string kTable4 = std::string(TINYFORGE_RESOURCES_DIR) + "/latency/micronets_table4.json";

const ReferenceNet& net(const std::vector<ReferenceNet>& nets, const std::string& name) {
  for (const auto& n : nets) {
    if (n.name == name) return n;
  }
  throw std::runtime_error("no net " + name);
}

// The rows of Table 4 a board's fit uses: measured (not starred) latencies of the models
// whose architecture we know.
std::vector<LatencySample> samplesFor(const std::string& board_id) {
  const auto nets = micronetsTable4Nets();
  std::vector<LatencySample> samples;
  for (const auto& m : loadModelMeasurements(kTable4).measurements) {
    if (m.board != board_id || m.estimated) continue;
    for (const auto& n : nets) {
      if (n.name == m.model) samples.push_back(LatencySample{n.name, n.layers, m.latency_ms});
    }
  }
  return samples;
}

TEST(ReferenceNets, HandMacsMatchMicroNetsOps) {
  // MicroNets Table 4 Mops (1 MAC = 2 ops). AD reproduces exactly; KWS and DS-CNN-M/L
  // come out <2% high with 'same' padding (papers-digest 6b.1).
  const auto nets = micronetsTable4Nets();
  for (const auto& n : nets) {
    if (n.name == "DSCNN-S") continue;
    EXPECT_NEAR(2 * n.macs / 1e6, n.paper_mops, 0.021 * n.paper_mops) << n.name;
  }
  // DS-CNN-S as in ML-zoo's .tflite, by hand: conv 10*4*1*64*25*5 = 320,000; four DS
  // blocks of DW 9*64*125 = 72,000 + PW 64*64*125 = 512,000; pool 25*5*64 = 8,000; FC
  // 64*12 = 768. Table 4 says 7.1 Mops; that file has 5.33 -- a known gap, not fitted away.
  EXPECT_EQ(net(nets, "DSCNN-S").macs, 320000 + 4 * (72000 + 512000) + 8000 + 768);
}

TEST(LatencyFit, StoredCoefficientsMatchARefitOfTable4) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  const std::map<std::string, size_t> expected_samples = {{"stm32f446re", 4}, {"stm32f746zg", 7}, {"stm32f767zi", 9}};
  for (const auto& [board_id, n] : expected_samples) {
    SCOPED_TRACE(board_id);
    const Board& board = library.get(board_id);
    const auto samples = samplesFor(board_id);
    ASSERT_EQ(samples.size(), n);
    LatencyFitOptions options;
    options.channel_penalty = board.latency.channel_penalty;
    options.other_cycles_per_byte = board.latency.other_cycles_per_byte;
    const LatencyFit fit = fitLatency(samples, board.clock_mhz, options);
    std::printf("%s: n=%d dense %.6g MACs/cycle, depthwise x%.6g, %.0f cycles/inference; RMS %.2f%%, max %.2f%%\n",
                board_id.c_str(), fit.samples, fit.coefficients.dense_macs_per_cycle,
                fit.coefficients.depthwise_efficiency, fit.coefficients.per_inference_cycles, fit.rms_error_pct,
                fit.max_error_pct);
    EXPECT_NEAR(fit.coefficients.dense_macs_per_cycle, board.latency.dense_macs_per_cycle, 1e-5 * board.latency.dense_macs_per_cycle);
    EXPECT_NEAR(fit.coefficients.depthwise_efficiency, board.latency.depthwise_efficiency, 1e-5 * board.latency.depthwise_efficiency);
    EXPECT_NEAR(fit.coefficients.per_inference_cycles, board.latency.per_inference_cycles, 1.0);
    EXPECT_FALSE(board.latency.estimated);
    EXPECT_NE(board.latency.source.find("n=" + std::to_string(n)), std::string::npos) << board.latency.source;
    char rms[32];
    std::snprintf(rms, sizeof rms, "RMS error %.1f%%", fit.rms_error_pct);
    EXPECT_NE(board.latency.source.find(rms), std::string::npos) << board.latency.source;
    // The fit error a user is told about: a few percent on this family.
    EXPECT_LT(fit.rms_error_pct, 4.0);
    EXPECT_LT(fit.max_error_pct, 7.0);
  }
}

TEST(LatencyModel, BundledBoardsReproduceTable4) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  const auto nets = micronetsTable4Nets();
  int checked = 0;
  for (const auto& m : loadModelMeasurements(kTable4).measurements) {
    const ReferenceNet* n = nullptr;
    for (const auto& candidate : nets) {
      if (candidate.name == m.model) n = &candidate;
    }
    if (!n) continue;  // VWW, MBNetV2, ...: architectures not in the papers' text
    const LatencyResult r = estimateLatency(library.get(m.board), n->layers);
    // Starred (estimated) rows are left out of the fit: the AD-S on M row checks a
    // prediction the fit never saw, against the paper's own estimate.
    const double tolerance = m.estimated ? 0.10 : 0.07;
    EXPECT_NEAR(r.totalMs(), m.latency_ms, tolerance * m.latency_ms) << m.model << " on " << m.board;
    ++checked;
  }
  EXPECT_EQ(checked, 4 + 8 + 9);
}

TEST(LatencyModel, BoardRatiosFollowThePapers) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  const auto nets = micronetsTable4Nets();
  const auto& kws_m = net(nets, "MicroNet-KWS-M").layers;
  const double s = estimateLatency(library.get("stm32f446re"), kws_m).totalMs();
  const double m = estimateLatency(library.get("stm32f746zg"), kws_m).totalMs();
  // MicroNets: M7 boards "approximately twice as fast"; Table 4 S/M = 2.26-2.38.
  EXPECT_GT(s / m, 2.2);
  EXPECT_LT(s / m, 2.45);
  // FPS of KWS-M on M: 1/0.187 s = 5.35 (MicroNets' "5.4 FPS").
  EXPECT_NEAR(estimateLatency(library.get("stm32f746zg"), kws_m).fps(), 5.35, 0.3);
  // H743 is an M7 at 480 MHz scaled from the F767ZI: AtomNet Table 3 measures H7/F7
  // latency ratios of 0.39-0.46 (X-CUBE-AI, ImageNet models).
  const double h7 = estimateLatency(library.get("stm32h743zi"), kws_m).totalMs();
  EXPECT_GT(h7 / m, 0.39);
  EXPECT_LT(h7 / m, 0.46);
  EXPECT_TRUE(estimateLatency(library.get("stm32h743zi"), kws_m).estimated_coefficients);
}

TEST(LatencyModel, ChannelPenaltyReproducesMicroNetsFigure3) {
  // MicroNets Fig 3 (F767ZI): a conv with 138/138 channels took 37.5 ms, with 140/140
  // 21.5 ms. Per MAC that is 37.5/21.5 x (140/138)^2 = 1.795 slower off the fast path.
  const BoardLibrary library = BoardLibrary::loadBundled();
  const Board& board = library.get("stm32f767zi");
  auto layer = [](int channels) {
    LatencyOp op;
    op.name = "pw" + std::to_string(channels);
    op.kind = NodeKind::Conv2D;
    op.in_channels = op.out_channels = channels;
    op.in_h = op.in_w = op.out_h = op.out_w = 32;
    op.macs = double(channels) * channels * 32 * 32;
    return op;
  };
  const LatencyOp slow = layer(138), fast = layer(140);
  EXPECT_TRUE(missesChannelFastPath(slow));
  EXPECT_FALSE(missesChannelFastPath(fast));
  const double per_op = board.latency.per_op_cycles;
  const double ratio = (modelCycles(board.latency, slow) - per_op) / (modelCycles(board.latency, fast) - per_op);
  EXPECT_NEAR(ratio, 37.5 / 21.5, 0.002);
  const LatencyResult r = estimateLatency(board, {slow, fast});
  EXPECT_TRUE(r.layers[0].channel_penalty);
  EXPECT_FALSE(r.layers[1].channel_penalty);
}

TEST(LatencyModel, FastPathRules) {
  LatencyOp op;
  op.kind = NodeKind::Conv2D;
  op.in_channels = 1, op.out_channels = 140, op.kernel_h = 10, op.kernel_w = 4;  // KWS first conv: 40 taps
  EXPECT_FALSE(missesChannelFastPath(op));
  op.kernel_h = op.kernel_w = 3;  // AD first conv: 9 taps
  EXPECT_TRUE(missesChannelFastPath(op));
  op.kind = NodeKind::DepthwiseConv2D;
  op.in_channels = op.out_channels = 138;
  EXPECT_FALSE(missesChannelFastPath(op));
  op.kind = NodeKind::FullyConnected;
  EXPECT_FALSE(missesChannelFastPath(op));
}

TEST(LatencyModel, BadInputIsNamed) {
  const BoardLibrary library = BoardLibrary::loadBundled();
  LatencyOp block;
  block.name = "ds1";
  block.kind = NodeKind::DepthwiseSeparable;
  try {
    estimateLatency(library.get("stm32f746zg"), {block});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("layer 'ds1'"), std::string::npos) << e.what();
  }
  Board bare = library.get("stm32f746zg");
  bare.latency = {};
  try {
    estimateLatency(bare, {});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("board 'stm32f746zg' has no latency coefficients"), std::string::npos) << e.what();
  }
}

TEST(LatencyFit, RefusesTooFewOrBadSamples) {
  const auto samples = samplesFor("stm32f446re");
  EXPECT_THROW(fitLatency({samples[0], samples[1]}, 180, {}), std::invalid_argument);
  auto bad = samples;
  bad[2].measured_ms = 0;
  try {
    fitLatency(bad, 180, {});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(bad[2].name), std::string::npos) << e.what();
  }
}

TEST(LatencyFit, RecoversKnownCoefficients) {
  // Synthetic measurements made with known coefficients come back exactly.
  BoardLatency truth;
  truth.dense_macs_per_cycle = 0.8;
  truth.depthwise_efficiency = 0.25;
  truth.per_inference_cycles = 8000000;
  truth.channel_penalty = 1.7951;
  std::vector<LatencySample> samples;
  for (const auto& n : micronetsTable4Nets()) {
    double cycles = truth.per_inference_cycles;
    for (const auto& op : n.layers) cycles += modelCycles(truth, op);
    samples.push_back(LatencySample{n.name, n.layers, cycles / 216.0 / 1000.0});
  }
  LatencyFitOptions options;
  options.channel_penalty = 1.7951;
  const LatencyFit fit = fitLatency(samples, 216, options);
  EXPECT_NEAR(fit.coefficients.dense_macs_per_cycle, 0.8, 1e-9);
  EXPECT_NEAR(fit.coefficients.depthwise_efficiency, 0.25, 1e-9);
  EXPECT_NEAR(fit.coefficients.per_inference_cycles, 8000000, 1e-2);
  EXPECT_LT(fit.rms_error_pct, 1e-9);
}

}  // namespace
}  // namespace tinyforge
