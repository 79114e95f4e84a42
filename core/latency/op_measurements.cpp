#include "core/latency/op_measurements.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <climits>
#include <tuple>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace tinyforge {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(trim(field));
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw OpMeasurementError(std::string("op measurements: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql, const std::string& context) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw OpMeasurementError(context + ": " + text);
  }
}

constexpr std::array<const char*, 9> kGeometry = {"in_c", "in_h", "in_w", "out_c", "out_h", "out_w", "k_h", "k_w", "stride"};

}  // namespace

OpMeasurements::OpMeasurements(const std::string& database_path) : path_(database_path) {
  if (sqlite3_open(database_path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw OpMeasurementError(database_path + ": cannot open the measurement database: " + message);
  }
  exec(db_,
       "CREATE TABLE IF NOT EXISTS op_measurements ("
       " board TEXT NOT NULL, op TEXT NOT NULL,"
       " in_c INTEGER NOT NULL, in_h INTEGER NOT NULL, in_w INTEGER NOT NULL,"
       " out_c INTEGER NOT NULL, out_h INTEGER NOT NULL, out_w INTEGER NOT NULL,"
       " k_h INTEGER NOT NULL, k_w INTEGER NOT NULL, stride INTEGER NOT NULL,"
       " us REAL NOT NULL,"
       " PRIMARY KEY (board, op, in_c, in_h, in_w, out_c, out_h, out_w, k_h, k_w, stride))",
       path_);
}

OpMeasurements::~OpMeasurements() { sqlite3_close(db_); }

void OpMeasurements::add(const OpMeasurement& m) {
  if (!(m.us >= 0) || !std::isfinite(m.us)) throw OpMeasurementError(path_ + ": a measurement needs a finite time >= 0 us");
  Statement insert(db_,
                   "INSERT OR REPLACE INTO op_measurements"
                   " (board, op, in_c, in_h, in_w, out_c, out_h, out_w, k_h, k_w, stride, us)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const std::string board = lower(m.board);
  sqlite3_bind_text(insert.get(), 1, board.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(insert.get(), 2, toString(m.op), -1, SQLITE_STATIC);
  const std::array<int32_t, 9> geometry = {m.in_c, m.in_h, m.in_w, m.out_c, m.out_h, m.out_w, m.k_h, m.k_w, m.stride};
  for (size_t i = 0; i < geometry.size(); ++i) sqlite3_bind_int(insert.get(), static_cast<int>(i) + 3, geometry[i]);
  sqlite3_bind_double(insert.get(), 12, m.us);
  if (sqlite3_step(insert.get()) != SQLITE_DONE) throw OpMeasurementError(path_ + ": " + sqlite3_errmsg(db_));
}

int OpMeasurements::importCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OpMeasurementError(path + ": cannot open the CSV file");
  std::ostringstream text;
  text << in.rdbuf();
  return importCsvText(text.str(), path);
}

int OpMeasurements::importCsvText(const std::string& text, const std::string& source_name) {
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  std::map<std::string, size_t> column;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++line_number;
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    header = splitCsvLine(line);
    for (size_t i = 0; i < header.size(); ++i) column[lower(header[i])] = i;
  }
  if (header.empty()) throw OpMeasurementError(source_name + ": empty CSV (expected a header line)");
  std::vector<std::string> required = {"op", "board", "us"};
  required.insert(required.end(), kGeometry.begin(), kGeometry.end());
  for (const auto& name : required) {
    if (!column.count(name)) {
      throw OpMeasurementError(source_name + ":" + std::to_string(line_number) + ": header lacks column '" + name + "'");
    }
  }

  exec(db_, "BEGIN", path_);
  int rows = 0;
  try {
    while (std::getline(in, line)) {
      ++line_number;
      if (trim(line).empty() || trim(line)[0] == '#') continue;
      const std::string where = source_name + ":" + std::to_string(line_number);
      const auto fields = splitCsvLine(line);
      if (fields.size() != header.size()) {
        throw OpMeasurementError(where + ": " + std::to_string(fields.size()) + " fields, the header has " +
                                 std::to_string(header.size()));
      }
      OpMeasurement m;
      m.board = fields[column["board"]];
      if (m.board.empty()) throw OpMeasurementError(where + ": column 'board' is empty");
      const std::string op = fields[column["op"]];
      const auto kind = nodeKindFromString(op);
      if (!kind || isBlock(*kind) || *kind == NodeKind::Input) {
        throw OpMeasurementError(where + ": column 'op' is '" + op + "', not a layer kind (e.g. Conv2D, DepthwiseConv2D)");
      }
      m.op = *kind;
      std::array<int32_t, 9> geometry{};
      for (size_t i = 0; i < kGeometry.size(); ++i) {
        const std::string& field = fields[column[kGeometry[i]]];
        size_t used = 0;
        long value = -1;
        try {
          value = std::stol(field, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != field.size() || field.empty() || value < 0 || value > INT32_MAX) {
          throw OpMeasurementError(where + ": column '" + kGeometry[i] + "' is '" + field +
                                   "', expected a whole number >= 0");
        }
        geometry[i] = static_cast<int32_t>(value);
      }
      std::tie(m.in_c, m.in_h, m.in_w, m.out_c, m.out_h, m.out_w, m.k_h, m.k_w, m.stride) =
          std::tuple(geometry[0], geometry[1], geometry[2], geometry[3], geometry[4], geometry[5], geometry[6],
                     geometry[7], geometry[8]);
      const std::string& us_text = fields[column["us"]];
      size_t used = 0;
      double us = -1;
      try {
        us = std::stod(us_text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != us_text.size() || us_text.empty() || !(us >= 0) || !std::isfinite(us)) {
        throw OpMeasurementError(where + ": column 'us' is '" + us_text + "', expected a time in microseconds >= 0");
      }
      m.us = us;
      add(m);
      ++rows;
    }
  } catch (...) {
    exec(db_, "ROLLBACK", path_);
    throw;
  }
  exec(db_, "COMMIT", path_);
  return rows;
}

std::optional<double> OpMeasurements::lookup(const std::string& board_id, const LatencyOp& op) const {
  Statement query(db_,
                  "SELECT us FROM op_measurements WHERE board = ? AND op = ? AND in_c = ? AND in_h = ? AND in_w = ?"
                  " AND out_c = ? AND out_h = ? AND out_w = ? AND k_h = ? AND k_w = ? AND stride = ?");
  const std::string board = lower(board_id);
  sqlite3_bind_text(query.get(), 1, board.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(query.get(), 2, toString(op.kind), -1, SQLITE_STATIC);
  const std::array<int32_t, 9> geometry = {op.in_channels, op.in_h, op.in_w, op.out_channels, op.out_h,
                                           op.out_w, op.kernel_h, op.kernel_w, op.stride};
  for (size_t i = 0; i < geometry.size(); ++i) sqlite3_bind_int(query.get(), static_cast<int>(i) + 3, geometry[i]);
  if (sqlite3_step(query.get()) == SQLITE_ROW) return sqlite3_column_double(query.get(), 0);
  return std::nullopt;
}

int64_t OpMeasurements::size() const {
  Statement count(db_, "SELECT COUNT(*) FROM op_measurements");
  sqlite3_step(count.get());
  return sqlite3_column_int64(count.get(), 0);
}

}  // namespace tinyforge
