#pragma once
// The graph's JSON file format ("tinyforge-graph", versioned; see docs/formats.md).

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/graph/graph.h"

namespace tinyforge {

constexpr int kGraphFormatVersion = 1;

// Throws GraphFormatError naming the source, the line (for syntax errors) or the node.
class GraphFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Graph graphFromJsonText(const std::string& text, const std::string& source_name);
Graph loadGraphJson(const std::string& path);

nlohmann::json graphToJson(const Graph& graph);
std::string graphToJsonText(const Graph& graph);
// Atomic: a failed save leaves the previous file untouched.
void saveGraphJson(const Graph& graph, const std::string& path);

}  // namespace tinyforge
