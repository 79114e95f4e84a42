#pragma once
// Measured operator latencies (AtomNet's AtomDB idea): one row per (board, operator,
// geometry) with the time it took on the board. Where a layer matches a row exactly the
// measurement replaces the model's figure; AtomNet found sums of such entries within
// 0.1% of whole-model measurements.
//
// Stored in SQLite so a project file (or a shared database) can hold thousands of rows.
// CSV import: a header naming the columns op,in_c,in_h,in_w,out_c,out_h,out_w,k_h,k_w,
// stride,board,us (any order), then one row per measurement. `op` is a graph layer kind
// (Conv2D, DepthwiseConv2D, FullyConnected, AveragePool2D, ...).

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/latency/latency_op.h"

struct sqlite3;

namespace tinyforge {

// Message names the file and line, e.g. "ops.csv:7: column 'us' is 'fast', expected a number".
class OpMeasurementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OpMeasurement {
  std::string board;  // board id (matched case-insensitively)
  NodeKind op = NodeKind::Conv2D;
  int32_t in_c = 0, in_h = 0, in_w = 0;
  int32_t out_c = 0, out_h = 0, out_w = 0;
  int32_t k_h = 1, k_w = 1, stride = 1;
  double us = 0;
};

class OpMeasurements {
 public:
  // Opens (creating if needed) a database file; ":memory:" keeps it in memory.
  explicit OpMeasurements(const std::string& database_path = ":memory:");
  ~OpMeasurements();
  OpMeasurements(const OpMeasurements&) = delete;
  OpMeasurements& operator=(const OpMeasurements&) = delete;

  // A second measurement of the same operator on the same board replaces the first.
  void add(const OpMeasurement& measurement);
  // All rows or none: a bad line rolls the import back. Returns the number of rows.
  int importCsv(const std::string& path);
  int importCsvText(const std::string& text, const std::string& source_name);

  std::optional<double> lookup(const std::string& board_id, const LatencyOp& op) const;
  int64_t size() const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace tinyforge
