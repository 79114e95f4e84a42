#pragma once
// One row per chosen board: Flash, SRAM, latency, FPS and energy as bars against the
// board's budget (green, amber past 90%, red when over), the runtime, planner and
// reordering choosers, and the board chooser. Follows the EstimateService, which
// re-estimates on every edit.
//
// Flash and SRAM budgets are the board's. Latency and energy budgets are the user's and
// start unset: any default would be arbitrary, and a red bar for a model that meets the
// user's real (unstated) target is worse than no colour. Until one is set those bars show
// the figure in a neutral colour, scaled to the slowest / hungriest chosen board. A
// latency budget can be typed in ms or as a target frame rate (the same budget).

#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QToolButton;
class QUndoStack;

namespace tinyforge {

struct Board;
class BoardDialog;
class BudgetBar;
class ElidedLabel;
class EstimateService;

class BoardDashboard : public QWidget {
  Q_OBJECT

 public:
  enum Metric { Flash, Sram, Latency, Fps, Energy, MetricCount };

  // `undo`: where deleting a custom board is recorded (the document's stack), or nullptr.
  explicit BoardDashboard(EstimateService* service, QUndoStack* undo = nullptr, QWidget* parent = nullptr);

  int rowCount() const { return static_cast<int>(rows_.size()); }
  BudgetBar* bar(int row, Metric metric) const;
  QString verdict(int row) const;
  QLabel* boardLabel(int row) const;  // part, core, clock, and whose figures they are
  QString modelProblem() const;       // why no board has figures, when the model is the reason
  QMenu* boardsMenu() const;          // rebuilt each time it opens
  QComboBox* runtimeChooser() const { return runtime_; }
  QComboBox* plannerChooser() const { return planner_; }
  QCheckBox* reorderToggle() const { return reorder_; }
  QDoubleSpinBox* latencyBudgetEditor() const { return latency_budget_; }
  QDoubleSpinBox* targetFpsEditor() const { return target_fps_; }
  QDoubleSpinBox* energyBudgetEditor() const { return energy_budget_; }

 public Q_SLOTS:
  // Opens the custom board dialog; an accepted board is added to the project and chosen.
  // Returns the dialog (modal, deletes itself) so that tests can fill it in.
  BoardDialog* addCustomBoard();
  BoardDialog* editCustomBoard(const QString& id);
  // Removes a custom board from the project as one undoable step.
  bool deleteCustomBoard(const QString& id);
  void rebuildBoardMenu();

 private:
  struct Row {
    QLabel* board = nullptr;
    BudgetBar* bars[MetricCount] = {};
    ElidedLabel* verdict = nullptr;
  };
  void rebuildRows();
  void updateValues();
  void syncBudgetEditors();
  void syncPlannerEditors();
  BoardDialog* openBoardDialog(const Board* board);

  EstimateService* service_;
  QUndoStack* undo_ = nullptr;
  QComboBox* runtime_ = nullptr;
  QComboBox* planner_ = nullptr;
  QCheckBox* reorder_ = nullptr;
  QToolButton* boards_button_ = nullptr;
  QDoubleSpinBox* latency_budget_ = nullptr;
  QDoubleSpinBox* target_fps_ = nullptr;
  QDoubleSpinBox* energy_budget_ = nullptr;
  QGridLayout* grid_ = nullptr;
  QLabel* empty_ = nullptr;
  QLabel* problem_ = nullptr;  // a problem of the model itself (no layers, a shape error), said once
  std::vector<Row> rows_;
};

}  // namespace tinyforge
