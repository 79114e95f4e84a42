#pragma once
// The studio's search tab: configure a DNAS search of the canvas's backbone (data, board,
// budgets, epochs, seed), start, pause, stop and resume it, and watch it live: training and
// validation loss and accuracy, expected Flash / SRAM / ops against the budgets, the
// Gumbel-softmax temperature, a heat map of the architecture probabilities and the current
// derived architecture on a read-only canvas. The job runs off the GUI thread
// (SearchRunner); every run lives in the project file, so unfinished runs are listed and
// can be resumed after the studio was closed.
//
// A run started here is written as a CLI config beside the project,
// "<project>.searches/<run>/search.json" with its backbone.json, so
// `tinyforge search <that file> --resume` continues it as well.

#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/nas/search_job.h"
#include "widgets/search_project_runs.h"

class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tinyforge {

class EstimateService;
class GraphDocument;
class GraphScene;
class GraphView;
class ProbabilityHeatmap;
class SearchCharts;
class SearchConfigForm;
class SearchRunner;
class SearchSpace;
class SearchWorkers;
struct SearchEvent;

// Split by concept: the form (search_config_form.h), the charts (search_charts.h), the
// runs stored in the project (search_project_runs.h), the job's thread (search_runner.h),
// core/nas behind one seam (search_engine.h); this class runs the tab.
class SearchPanel : public QWidget {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Stopping, Paused };

  SearchPanel(GraphDocument* document, EstimateService* estimates, QWidget* parent = nullptr);
  ~SearchPanel() override;

  // Where runs are stored. The provider is asked at start when no project path is set (the
  // main window saves the project then); it returns "" when the user declines.
  void setProjectPath(const QString& path);
  const QString& projectPath() const { return project_path_; }
  void setProjectPathProvider(std::function<QString()> provider) { project_path_provider_ = std::move(provider); }
  void setInteractive(bool on) { interactive_ = on; }

  // The form as a config (not yet written; the backbone is the canvas's graph).
  SearchConfig configFromForm() const;
  // Starts a new run with `config` (its backbone and project fields are filled in here).
  // False with lastError() set when it cannot start.
  bool start(SearchConfig config, bool replace_existing = false);
  void pause();  // cancel at the next step; the last epoch checkpoint stays, Resume continues
  void stop();   // the same, and the panel lets go of the run (it stays in the unfinished list)
  // Resumes `name` (empty: the paused run) from its last checkpoint.
  bool resume(const QString& name = {});
  // Shows a stored run's epochs (loss, accuracy, costs, temperature) without running it.
  bool showStoredRun(const QString& name);

  State state() const { return state_; }
  SearchRunner* runner() const { return runner_; }
  bool isRunning() const;
  // Waits until a running job has ended (events keep flowing); false on timeout.
  bool waitForIdle(int timeout_ms);
  const QString& currentRun() const { return current_run_; }
  const QString& lastError() const { return last_error_; }
  const QString& statusText() const { return status_text_; }
  std::vector<UnfinishedRun> unfinishedRuns() const;
  // "train_loss", "val_loss", "train_accuracy", "val_accuracy", "flash", "memory", "ops", "temperature".
  QLineSeries* series(const QString& key) const;
  int pointCount(const QString& key) const;
  ProbabilityHeatmap* heatmap() const { return heatmap_; }
  GraphDocument* architectureDocument() const { return arch_document_; }
  QString architecture() const { return architecture_; }
  SearchCharts* charts() const { return charts_; }
  SearchConfigForm* form() const { return form_; }
  // Worker processes (docs/dnas.md, "Several processes"): with N > 1 a run trains on N local
  // processes, rank 0 in the studio and ranks 1..N-1 as `tinyforge search` processes, and
  // the rank table shows each rank's progress (row = rank).
  QSpinBox* workersSpinBox() const { return workers_spin_; }
  QTableWidget* ranksTable() const { return ranks_; }
  SearchWorkers* workers() const { return workers_; }
  static QString configPath(const QString& project_path, const QString& run) { return searchConfigPath(project_path, run); }

 public Q_SLOTS:
  void refreshRuns();

 Q_SIGNALS:
  void stateChanged(tinyforge::SearchPanel::State state);
  void candidateStored(const QString& run, const QString& kind, int epoch);
  void runEnded(bool completed);

 private:
  void buildUi();
  void onEvent(const SearchEvent& event);
  void onFinished(bool completed, const QString& error);
  void clearRunViews();
  // `caption` replaces "Current architecture (argmax)" (evolution: the generation's best).
  void showArchitecture(const QString& architecture, const QString& caption = QString());
  void plotStoredEpochs(const QString& run);
  void setState(State state);
  void setRankText(int rank, const QString& text);
  void fail(const QString& message);
  QString ensureProjectPath();
  bool startConfig(const SearchConfig& config, bool resume, bool fresh);

  GraphDocument* document_;
  EstimateService* estimates_;
  SearchRunner* runner_ = nullptr;
  std::function<QString()> project_path_provider_;
  QString project_path_;
  std::optional<QString> pending_project_path_;
  bool interactive_ = true;
  State state_ = State::Idle;
  bool stop_releases_run_ = false;
  QString current_run_;
  QString last_error_;
  QString status_text_;
  QString architecture_;
  std::shared_ptr<SearchSpace> space_;
  int steps_per_epoch_ = 1;
  int last_epoch_done_ = -1;

  SearchConfigForm* form_ = nullptr;
  QPushButton* start_button_ = nullptr;
  QPushButton* pause_button_ = nullptr;
  QPushButton* stop_button_ = nullptr;
  QPushButton* resume_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QTableWidget* runs_ = nullptr;
  QPushButton* resume_selected_ = nullptr;
  QSpinBox* workers_spin_ = nullptr;
  QTableWidget* ranks_ = nullptr;
  SearchWorkers* workers_ = nullptr;

  SearchCharts* charts_ = nullptr;
  ProbabilityHeatmap* heatmap_ = nullptr;
  GraphDocument* arch_document_ = nullptr;
  GraphScene* arch_scene_ = nullptr;
  GraphView* arch_view_ = nullptr;
  QLabel* arch_label_ = nullptr;
};

}  // namespace tinyforge
