#pragma once
// One row per chosen board: Flash, SRAM, latency, FPS and energy as bars against the
// board's budget (green, amber past 90%, red when over), the runtime chooser, and the
// board chooser. Follows the EstimateService, which re-estimates on every edit.

#include <QWidget>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QToolButton;

namespace tinyforge {

class BudgetBar;
class EstimateService;

class BoardDashboard : public QWidget {
  Q_OBJECT

 public:
  enum Metric { Flash, Sram, Latency, Fps, Energy, MetricCount };

  explicit BoardDashboard(EstimateService* service, QWidget* parent = nullptr);

  int rowCount() const { return static_cast<int>(rows_.size()); }
  BudgetBar* bar(int row, Metric metric) const;
  QString verdict(int row) const;
  QComboBox* runtimeChooser() const { return runtime_; }

 private:
  struct Row {
    QLabel* board = nullptr;
    BudgetBar* bars[MetricCount] = {};
    QLabel* verdict = nullptr;
  };
  void rebuildRows();
  void updateValues();
  void rebuildBoardMenu();

  EstimateService* service_;
  QComboBox* runtime_ = nullptr;
  QToolButton* boards_button_ = nullptr;
  QDoubleSpinBox* latency_budget_ = nullptr;
  QDoubleSpinBox* energy_budget_ = nullptr;
  QGridLayout* grid_ = nullptr;
  QLabel* empty_ = nullptr;
  std::vector<Row> rows_;
};

}  // namespace tinyforge
