#include "core/latency/model_measurements.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tinyforge {

ModelMeasurementFile loadModelMeasurements(const std::string& path) {
  using nlohmann::json;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the measurement file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    const size_t offset = std::min<size_t>(e.byte, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    throw std::runtime_error(path + ":" + std::to_string(line) + ": invalid JSON");
  }
  ModelMeasurementFile file;
  if (!document.is_object() || !document.contains("measurements") || !document["measurements"].is_array()) {
    throw std::runtime_error(path + ": expected an object with a 'measurements' list");
  }
  file.source = document.value("source", "");
  const json& list = document["measurements"];
  for (size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string where = path + ": measurements[" + std::to_string(i) + "]";
    try {
      ModelMeasurement m;
      m.model = item.at("model").get<std::string>();
      m.board = item.at("board").get<std::string>();
      m.latency_ms = item.at("latency_ms").get<double>();
      if (!(m.latency_ms > 0)) throw std::runtime_error("latency_ms must be > 0");
      if (item.contains("energy_mj")) m.energy_mj = item["energy_mj"].get<double>();
      m.estimated = item.value("estimated", false);
      m.energy_suspect = item.value("energy_suspect", false);
      file.measurements.push_back(std::move(m));
    } catch (const std::exception& e) {
      throw std::runtime_error(where + ": " + e.what());
    }
  }
  return file;
}

}  // namespace tinyforge
