#pragma once
// Whole-model measurements (latency, energy) on a board, as a paper's table or a user's
// on-device log gives them; the input of latency fitting and of the regression tests.
// Format: resources/latency/micronets_table4.json ({"source": ..., "measurements": [
// {"model", "board", "latency_ms", "energy_mj"?, "estimated"?, "energy_suspect"?}]}).

#include <optional>
#include <string>
#include <vector>

namespace tinyforge {

struct ModelMeasurement {
  std::string model;
  std::string board;
  double latency_ms = 0;
  std::optional<double> energy_mj;
  bool estimated = false;       // the source marks the figure as estimated, not measured
  bool energy_suspect = false;  // the source's energy does not fit its own latency (see note)
};

struct ModelMeasurementFile {
  std::string source;
  std::vector<ModelMeasurement> measurements;
};

// Throws std::runtime_error naming the file and the line (syntax) or the entry.
ModelMeasurementFile loadModelMeasurements(const std::string& path);

}  // namespace tinyforge
