#include <gtest/gtest.h>

#include <cmath>

#include "core/boards/board_library.h"
#include "core/latency/energy.h"
#include "core/latency/latency_model.h"
#include "core/latency/model_measurements.h"
#include "micronets_layers.h"

namespace tinyforge {
namespace {

const std::string kTable4 = std::string(TINYFORGE_RESOURCES_DIR) + "/latency/micronets_table4.json";

TEST(Energy, BoardPowerTimesMeasuredLatencyGivesTable4Energy) {
  // MicroNets: power hardly depends on the model, so E = P x t. With the stored board
  // power, every S and M energy of Table 4 comes back from its own latency within 10%,
  // and within 5% on average (the MBNETV2-S row, whose energies fit neither board, and
  // starred latencies are left out).
  const BoardLibrary library = BoardLibrary::loadBundled();
  int rows = 0;
  double sum_abs_error = 0;
  for (const auto& m : loadModelMeasurements(kTable4).measurements) {
    if (!m.energy_mj || m.estimated || m.energy_suspect) continue;
    const double mj = energyPerInferenceUj(library.get(m.board).active_power_mw, m.latency_ms * 1000.0) / 1000.0;
    const double error = std::abs(mj - *m.energy_mj) / *m.energy_mj;
    EXPECT_LT(error, 0.10) << m.model << " on " << m.board << ": " << mj << " mJ vs " << *m.energy_mj;
    sum_abs_error += error;
    ++rows;
  }
  EXPECT_EQ(rows, 7 + 14);
  EXPECT_LT(sum_abs_error / rows, 0.05);
  // Implied power (papers-digest 6b.7): S about 0.16 W, M about 0.45 W, S/M about 1/3.
  const double s = library.get("stm32f446re").active_power_mw, mm = library.get("stm32f746zg").active_power_mw;
  EXPECT_NEAR(s / mm, 0.37, 0.02);
}

TEST(Energy, EstimatedLatencyGivesTable4EnergyForKwsM) {
  // End to end: the fitted model's latency x board power against the paper's 83.16 mJ
  // (KWS-M on M) and 70.56 mJ (on S), within the model's error plus the power's.
  const BoardLibrary library = BoardLibrary::loadBundled();
  const auto nets = reference_nets::micronetsTable4Nets();
  const auto& kws_m = nets[1];
  ASSERT_EQ(kws_m.name, "MicroNet-KWS-M");
  EXPECT_NEAR(estimateLatency(library.get("stm32f746zg"), kws_m.layers).energy_uj / 1000.0, 83.16, 0.08 * 83.16);
  EXPECT_NEAR(estimateLatency(library.get("stm32f446re"), kws_m.layers).energy_uj / 1000.0, 70.56, 0.08 * 70.56);
}

TEST(Energy, UnitsByHand) {
  // 442 mW for 187,000 us = 82,654 uJ.
  EXPECT_DOUBLE_EQ(energyPerInferenceUj(442, 187000), 82654);
}

TEST(Energy, DutyCycleAveragesActiveAndSleepPower) {
  // One KWS-M inference per second on the F446RE (426 ms at 161 mW, 0.4 mW asleep):
  // 0.426 x 161 + 0.574 x 0.4 = 68.5860 + 0.2296 = 68.8156 mW.
  const DutyCycle d = dutyCycle(161, 0.4, 426000, 1.0);
  EXPECT_NEAR(d.active_fraction, 0.426, 1e-12);
  EXPECT_NEAR(d.average_power_mw, 68.8156, 1e-9);
  EXPECT_NEAR(d.energy_per_s_mj, 68.8156, 1e-9);
  EXPECT_FALSE(d.saturated);
  // Five per second would need 2.13 s of work per second: the board is always on.
  const DutyCycle busy = dutyCycle(161, 0.4, 426000, 5.0);
  EXPECT_TRUE(busy.saturated);
  EXPECT_DOUBLE_EQ(busy.average_power_mw, 161);
  // Never inferring: sleep power.
  EXPECT_DOUBLE_EQ(dutyCycle(161, 0.4, 426000, 0).average_power_mw, 0.4);
  EXPECT_THROW(dutyCycle(161, 0.4, 426000, -1), std::invalid_argument);
}

}  // namespace
}  // namespace tinyforge
