#pragma once
// Runs the estimator for every chosen board after each edit, once, and hands the results
// to the dashboard, the layer table and the memory map (the first chosen board is the one
// the table and the map show).

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"

namespace tinyforge {

class GraphDocument;

struct BoardEstimate {
  QString board_id;
  std::optional<Estimate> estimate;  // empty when the graph or the board has a problem
  QString error;
};

class EstimateService : public QObject {
  Q_OBJECT

 public:
  EstimateService(GraphDocument* document, std::shared_ptr<BoardLibrary> boards, QObject* parent = nullptr);
  ~EstimateService() override;
  EstimateService(const EstimateService&) = delete;
  EstimateService& operator=(const EstimateService&) = delete;

  const BoardLibrary& boards() const { return *boards_; }
  std::shared_ptr<const BoardLibrary> sharedBoards() const { return boards_; }
  // Adds or replaces a board (a project's custom board) and re-estimates.
  void addBoard(const Board& board);
  // Removes a custom board from the project (and from the chosen boards); a bundled board
  // it had replaced comes back. False when `id` is not a custom board.
  bool removeBoard(const QString& id);
  const std::vector<Board>& customBoards() const { return custom_boards_; }
  const Board* customBoard(const QString& id) const;
  void setCustomBoards(const std::vector<Board>& boards);

  const QStringList& chosenBoards() const { return chosen_; }
  void setChosenBoards(const QStringList& ids);
  RuntimeKind runtime() const { return runtime_; }
  void setRuntime(RuntimeKind runtime);
  // The arena planner (TFLM's greedy one, or the best planner shipped as an offline plan;
  // the best planner applies to the TFLM runtimes only) and operator reordering.
  MemoryPlanner planner() const { return planner_; }
  void setPlanner(MemoryPlanner planner);
  bool reorder() const { return reorder_; }
  void setReorder(bool reorder);
  // Patch-based inference in the generated C runtime (tinyforge-c estimates only; the
  // Patches tab): none, auto within a MAC limit, or a split layer and grid.
  const PatchRequest& patches() const { return patches_; }
  void setPatches(const PatchRequest& patches);
  // Budgets are the user's: 0 means none (the default), and the dashboard then shows the
  // figure without a verdict. A target frame rate is the same budget: 1000 / FPS ms.
  double latencyBudgetMs() const { return latency_budget_ms_; }
  bool hasLatencyBudget() const { return latency_budget_ms_ > 0; }
  void setLatencyBudgetMs(double ms);
  double energyBudgetMj() const { return energy_budget_mj_; }
  bool hasEnergyBudget() const { return energy_budget_mj_ > 0; }
  void setEnergyBudgetMj(double mj);

  const std::vector<BoardEstimate>& results() const { return results_; }
  const Estimate* primary() const;  // the first chosen board's estimate, if any
  // The first board's estimate with the other planner (greedy <-> best), for the memory
  // map's comparison; null for the in-place runtime or when it failed.
  const Estimate* primaryOtherPlan() const { return other_plan_ ? &*other_plan_ : nullptr; }
  double lastDurationMs() const { return last_duration_ms_; }

 public Q_SLOTS:
  void recompute();

 Q_SIGNALS:
  void estimatesChanged();
  void settingsChanged();  // boards, runtime or budgets changed (the project is dirty)

 private:
  void rebuildLibrary();

  GraphDocument* document_;
  BoardLibrary bundled_;                  // as loaded; custom boards are added on top
  std::shared_ptr<BoardLibrary> boards_;  // bundled + custom
  std::vector<Board> custom_boards_;
  std::shared_ptr<Estimator> estimator_;  // shared_ptr: no destructor reference when the estimator is not built
  QStringList chosen_;
  RuntimeKind runtime_ = RuntimeKind::TflmCmsis;
  MemoryPlanner planner_ = MemoryPlanner::Greedy;
  bool reorder_ = false;
  PatchRequest patches_;
  std::shared_ptr<Estimator> other_estimator_;  // the other planner
  std::optional<Estimate> other_plan_;
  double latency_budget_ms_ = 0;  // none
  double energy_budget_mj_ = 0;   // none
  std::vector<BoardEstimate> results_;
  double last_duration_ms_ = 0;
};

}  // namespace tinyforge
