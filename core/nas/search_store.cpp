#include "core/nas/search_store.h"

#include <sqlite3.h>

#include "core/io/safe_names.h"

#include <filesystem>

namespace tinyforge {
namespace {

// A prepared statement that finalizes itself; errors name the project file.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& path, const char* sql) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& bind(int i, int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Statement& bind(int i, double v) { return check(sqlite3_bind_double(stmt_, i, v)); }
  Statement& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail();
    return false;
  }
  int64_t integer(int c) const { return sqlite3_column_int64(stmt_, c); }
  double real(int c) const { return sqlite3_column_double(stmt_, c); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : "";
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) fail();
    return *this;
  }
  [[noreturn]] void fail() { throw StoreError(path_ + ": " + sqlite3_errmsg(db_)); }
  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

SearchStore::SearchStore(const std::string& path) : path_(path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open the project store: " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    createTables();
  } catch (...) {
    // A damaged or foreign file: the destructor does not run for a constructor that
    // throws, so the connection (and SQLite's page cache, ~100 KB) is closed here.
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

void SearchStore::createTables() {
  exec("PRAGMA foreign_keys = ON");
  exec(R"(CREATE TABLE IF NOT EXISTS search_runs(
           id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, config TEXT NOT NULL,
           status TEXT NOT NULL, created TEXT DEFAULT CURRENT_TIMESTAMP);
         CREATE TABLE IF NOT EXISTS search_epochs(
           run_id INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
           epoch INTEGER NOT NULL, phase TEXT NOT NULL, metrics TEXT NOT NULL,
           PRIMARY KEY(run_id, epoch));
         CREATE TABLE IF NOT EXISTS search_checkpoints(
           run_id INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
           epoch INTEGER NOT NULL, path TEXT NOT NULL, PRIMARY KEY(run_id, epoch));
         CREATE TABLE IF NOT EXISTS candidates(
           id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES search_runs(id) ON DELETE CASCADE,
           epoch INTEGER NOT NULL, kind TEXT NOT NULL, architecture TEXT NOT NULL, graph TEXT NOT NULL,
           val_accuracy REAL, float_accuracy REAL, int8_accuracy REAL, costs TEXT, estimates TEXT,
           budget_adjusted INTEGER NOT NULL DEFAULT 0, argmax_architecture TEXT NOT NULL DEFAULT '');)");
  // Project files written before the budget fit had no such columns.
  bool has_adjusted = false;
  {
    Statement s(db_, path_, "SELECT name FROM pragma_table_info('candidates')");
    while (s.step()) has_adjusted = has_adjusted || s.text(0) == "budget_adjusted";
  }
  if (!has_adjusted)
    exec("ALTER TABLE candidates ADD COLUMN budget_adjusted INTEGER NOT NULL DEFAULT 0;"
         "ALTER TABLE candidates ADD COLUMN argmax_architecture TEXT NOT NULL DEFAULT ''");
}

SearchStore::~SearchStore() { sqlite3_close(db_); }

void SearchStore::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError(path_ + ": " + message);
  }
}

std::optional<StoredRun> SearchStore::findRun(const std::string& name) {
  Statement s(db_, path_, "SELECT id, name, config, status FROM search_runs WHERE name = ?");
  s.bind(1, name);
  if (!s.step()) return std::nullopt;
  return StoredRun{s.integer(0), s.text(1), s.text(2), s.text(3)};
}

int64_t SearchStore::createRun(const std::string& name, const std::string& config_json) {
  Statement s(db_, path_, "INSERT INTO search_runs(name, config, status) VALUES(?, ?, 'running')");
  s.bind(1, name).bind(2, config_json);
  s.step();
  return sqlite3_last_insert_rowid(db_);
}

void SearchStore::deleteRun(int64_t run_id) {
  std::string name;
  {
    Statement s(db_, path_, "SELECT name FROM search_runs WHERE id = ?");
    s.bind(1, run_id);
    if (s.step()) name = s.text(0);
  }
  Statement s(db_, path_, "DELETE FROM search_runs WHERE id = ?");
  s.bind(1, run_id);
  s.step();
  // The name comes from the file: only a plain name names a folder of ours to remove
  // (a project file from elsewhere could hold "../..").
  if (isPlainFileName(name)) {
    std::error_code ignored;
    std::filesystem::remove_all(path_ + ".checkpoints/" + name, ignored);
  }
}

void SearchStore::setStatus(int64_t run_id, const std::string& status) {
  Statement s(db_, path_, "UPDATE search_runs SET status = ? WHERE id = ?");
  s.bind(1, status).bind(2, run_id);
  s.step();
}

void SearchStore::recordEpoch(int64_t run_id, int epoch, const std::string& phase, const std::string& metrics_json) {
  Statement s(db_, path_, "INSERT OR REPLACE INTO search_epochs(run_id, epoch, phase, metrics) VALUES(?, ?, ?, ?)");
  s.bind(1, run_id).bind(2, static_cast<int64_t>(epoch)).bind(3, phase).bind(4, metrics_json);
  s.step();
}

std::vector<std::string> SearchStore::epochMetrics(int64_t run_id) {
  Statement s(db_, path_, "SELECT metrics FROM search_epochs WHERE run_id = ? ORDER BY epoch");
  s.bind(1, run_id);
  std::vector<std::string> result;
  while (s.step()) result.push_back(s.text(0));
  return result;
}

std::string SearchStore::checkpointDir(const std::string& run_name) const {
  if (!isPlainFileName(run_name))
    throw StoreError(path_ + ": the run name '" + run_name + "' cannot name a checkpoint folder (" +
                     "use letters, digits, '-', '_' and '.', not starting with '.')");
  const std::string dir = path_ + ".checkpoints/" + run_name;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw StoreError(dir + ": cannot create the checkpoint folder: " + error.message());
  return dir;
}

void SearchStore::recordCheckpoint(int64_t run_id, int epoch, const std::string& path) {
  std::vector<std::string> stale;
  exec("BEGIN IMMEDIATE");
  try {
    {
      Statement s(db_, path_, "INSERT OR REPLACE INTO search_checkpoints(run_id, epoch, path) VALUES(?, ?, ?)");
      s.bind(1, run_id).bind(2, static_cast<int64_t>(epoch)).bind(3, path);
      s.step();
    }
    {
      // Keep the two newest: the previous one still resumes if the newest file is damaged.
      Statement s(db_, path_, "SELECT path FROM search_checkpoints WHERE run_id = ? AND epoch < ?");
      s.bind(1, run_id).bind(2, static_cast<int64_t>(epoch - 1));
      while (s.step()) stale.push_back(s.text(0));
    }
    Statement s(db_, path_, "DELETE FROM search_checkpoints WHERE run_id = ? AND epoch < ?");
    s.bind(1, run_id).bind(2, static_cast<int64_t>(epoch - 1));
    s.step();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
  // Paths come from the file: only files inside this project's checkpoint folder are ours
  // to delete.
  for (const auto& file : stale) {
    if (!isInsideFolder(file, path_ + ".checkpoints")) continue;
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
  }
}

std::vector<StoredCheckpoint> SearchStore::checkpoints(int64_t run_id) {
  Statement s(db_, path_, "SELECT epoch, path FROM search_checkpoints WHERE run_id = ? ORDER BY epoch DESC");
  s.bind(1, run_id);
  std::vector<StoredCheckpoint> result;
  // A checkpoint outside this project's checkpoint folder (a project file from elsewhere)
  // is not loaded: resuming reads only what this store wrote.
  while (s.step())
    if (isInsideFolder(s.text(1), path_ + ".checkpoints")) result.push_back({static_cast<int>(s.integer(0)), s.text(1)});
  return result;
}

int64_t SearchStore::addCandidate(const StoredCandidate& c) {
  Statement s(db_, path_,
              "INSERT INTO candidates(run_id, epoch, kind, architecture, graph, val_accuracy, float_accuracy, "
              "int8_accuracy, costs, estimates, budget_adjusted, argmax_architecture) "
              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, c.run_id).bind(2, static_cast<int64_t>(c.epoch)).bind(3, c.kind).bind(4, c.architecture);
  s.bind(5, c.graph_json).bind(6, c.val_accuracy).bind(7, c.float_accuracy).bind(8, c.int8_accuracy);
  s.bind(9, c.costs_json).bind(10, c.estimates_json);
  s.bind(11, static_cast<int64_t>(c.budget_adjusted)).bind(12, c.argmax_architecture);
  s.step();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<StoredCandidate> SearchStore::candidates(int64_t run_id) {
  Statement s(db_, path_,
              "SELECT id, run_id, epoch, kind, architecture, graph, val_accuracy, float_accuracy, int8_accuracy, "
              "costs, estimates, budget_adjusted, argmax_architecture FROM candidates WHERE run_id = ? ORDER BY id");
  s.bind(1, run_id);
  std::vector<StoredCandidate> result;
  while (s.step())
    result.push_back({s.integer(0), s.integer(1), static_cast<int>(s.integer(2)), s.text(3), s.text(4), s.text(5),
                      s.real(6), s.real(7), s.real(8), s.text(9), s.text(10), s.integer(11) != 0, s.text(12)});
  return result;
}

void SearchStore::deleteCandidatesAfter(int64_t run_id, int epoch) {
  Statement s(db_, path_, "DELETE FROM candidates WHERE run_id = ? AND epoch > ?");
  s.bind(1, run_id).bind(2, static_cast<int64_t>(epoch));
  s.step();
}

void SearchStore::deleteCandidatesOfKind(int64_t run_id, const std::string& kind) {
  Statement s(db_, path_, "DELETE FROM candidates WHERE run_id = ? AND kind = ?");
  s.bind(1, run_id).bind(2, kind);
  s.step();
}

}  // namespace tinyforge
