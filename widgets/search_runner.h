#pragma once
// Runs one DNAS search job (core/nas) on a worker thread and hands its progress to the GUI
// thread through a WorkerInbox, as signals, so the window stays responsive while libtorch trains.
// Only the torch-free core/nas/search_job.h is included: Qt's keywords break torch headers.
//
// Stopping is cooperative: requestStop() sets the job's cancel flag, which it polls at
// every step; the job then returns without saving the epoch in progress, so the last
// epoch checkpoint stays the one a resume continues from.

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "core/nas/search_job.h"

namespace tinyforge {

class WorkerInbox;

// A progress event that owns its candidate (the job's pointer dies with the callback).
struct SearchEvent {
  SearchProgress progress;  // progress.candidate is always null here
  std::optional<SearchCandidate> candidate;
};

class SearchRunner : public QObject {
  Q_OBJECT

 public:
  explicit SearchRunner(QObject* parent = nullptr);
  ~SearchRunner() override;  // stops a running job and waits for it

  // False (and `error` set) when a job is already running or this build has no search engine.
  bool start(const SearchConfig& config, std::shared_ptr<const BoardLibrary> boards, bool resume, bool fresh,
             QString* error = nullptr);
  // The next start() takes part in a search on several processes as options.rank (the
  // studio runs rank 0 here and the others as `tinyforge search` processes: SearchWorkers).
  void setDistributed(const DistributedOptions& options) { distributed_ = options; }
  void requestStop();
  bool isRunning() const { return thread_.joinable(); }
  bool stopRequested() const { return cancel_.load(); }
  // Waits (processing events, so queued progress still arrives) until the job has ended
  // and finished() was emitted. False on timeout.
  bool wait(int timeout_ms);
  const SearchConfig& config() const { return config_; }

  static bool available();  // this build has the search engine

 Q_SIGNALS:
  void event(const tinyforge::SearchEvent& event);
  // completed: the search ran to its end (final candidate stored); false: stopped or failed.
  void finished(bool completed, const QString& error);

 private:
  void onWorkerDone(bool completed, const QString& error);

  SearchConfig config_;
  DistributedOptions distributed_;
  std::thread thread_;
  WorkerInbox* inbox_;
  std::atomic<bool> cancel_{false};
};

}  // namespace tinyforge

Q_DECLARE_METATYPE(tinyforge::SearchEvent)
