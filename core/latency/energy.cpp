#include "core/latency/energy.h"

#include <algorithm>
#include <stdexcept>

namespace tinyforge {

double energyPerInferenceUj(double active_power_mw, double latency_us) { return active_power_mw * latency_us / 1000.0; }

DutyCycle dutyCycle(double active_power_mw, double sleep_power_mw, double latency_us, double inferences_per_s) {
  if (inferences_per_s < 0 || latency_us < 0) throw std::invalid_argument("dutyCycle: negative rate or latency");
  DutyCycle d;
  d.inferences_per_s = inferences_per_s;
  const double wanted = inferences_per_s * latency_us / 1e6;
  d.saturated = wanted > 1.0;
  d.active_fraction = std::min(wanted, 1.0);
  d.average_power_mw = d.active_fraction * active_power_mw + (1.0 - d.active_fraction) * sleep_power_mw;
  d.energy_per_s_mj = d.average_power_mw;  // mW x 1 s = mJ
  return d;
}

}  // namespace tinyforge
