#pragma once
// Energy from power and time. MicroNets measured that an MCU's power hardly depends on
// the workload (sigma/mu = 0.7% over 400 models), so energy = active power x latency.

namespace tinyforge {

// mW x us = nJ; / 1000 = uJ.
double energyPerInferenceUj(double active_power_mw, double latency_us);

struct DutyCycle {
  double inferences_per_s = 0;
  double active_fraction = 0;     // share of each second spent inferring (1 when saturated)
  double average_power_mw = 0;    // active during inference, sleep power in between
  double energy_per_s_mj = 0;     // = average power x 1 s
  bool saturated = false;         // the rate asks for more than the board can do
};

// Runs `inferences_per_s` inferences of `latency_us` each second, sleeping in between.
// A rate above 1/latency saturates at always-on.
DutyCycle dutyCycle(double active_power_mw, double sleep_power_mw, double latency_us, double inferences_per_s);

}  // namespace tinyforge
