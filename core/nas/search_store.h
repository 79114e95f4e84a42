#pragma once
// The search's part of the project store: one SQLite file (sqlite3 C API) with the runs,
// their per-epoch metrics, the checkpoints and the candidates. Checkpoint blobs (tens of
// MB of weights and optimizer state) live as files in "<project>.checkpoints/<run>/",
// written to a temporary name and renamed, and are referenced from the database only
// after they are complete; every write is a transaction, so a kill at any point leaves
// the last complete epoch as the latest checkpoint.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace tinyforge {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoredRun {
  int64_t id = 0;
  std::string name;
  std::string config_json;
  std::string status;  // "running", "finished"
};

struct StoredCheckpoint {
  int epoch = -1;
  std::string path;
};

struct StoredCandidate {
  int64_t id = 0;
  int64_t run_id = 0;
  int epoch = 0;
  std::string kind;
  std::string architecture;
  std::string graph_json;
  double val_accuracy = -1, float_accuracy = -1, int8_accuracy = -1;
  std::string costs_json;      // expected costs at the choice
  std::string estimates_json;  // per board
  bool budget_adjusted = false;     // the final architecture replaces an argmax over budget
  std::string argmax_architecture;  // that argmax ("" when not adjusted)
};

class SearchStore {
 public:
  // Opens or creates the project file. Throws StoreError naming the file.
  explicit SearchStore(const std::string& path);
  ~SearchStore();
  SearchStore(const SearchStore&) = delete;
  SearchStore& operator=(const SearchStore&) = delete;

  std::optional<StoredRun> findRun(const std::string& name);
  int64_t createRun(const std::string& name, const std::string& config_json);
  // Removes a run with its epochs, checkpoints (files too) and candidates.
  void deleteRun(int64_t run_id);
  void setStatus(int64_t run_id, const std::string& status);

  void recordEpoch(int64_t run_id, int epoch, const std::string& phase, const std::string& metrics_json);
  std::vector<std::string> epochMetrics(int64_t run_id);  // in epoch order

  // Directory for a run's checkpoint files (created).
  std::string checkpointDir(const std::string& run_name) const;
  void recordCheckpoint(int64_t run_id, int epoch, const std::string& path);
  // Newest first (the two newest are kept: the previous one resumes when the newest is damaged).
  std::vector<StoredCheckpoint> checkpoints(int64_t run_id);

  int64_t addCandidate(const StoredCandidate& candidate);
  std::vector<StoredCandidate> candidates(int64_t run_id);
  // Removes candidates stored after `epoch` (a resumed run stores them again).
  void deleteCandidatesAfter(int64_t run_id, int epoch);
  // Removes the run's candidates of one kind ("final": a resumed run quantizes again).
  void deleteCandidatesOfKind(int64_t run_id, const std::string& kind);

  const std::string& path() const { return path_; }

 private:
  void exec(const std::string& sql);
  void createTables();  // and migrations of older project files
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace tinyforge
