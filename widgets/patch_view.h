#pragma once
// The Patches tab: the trade-off of patch-based inference (core/runtime/patch_plan.h) for
// the model being edited. Every split point and grid that can run in patches is planned for
// the first chosen board's core; the table keeps those no other choice beats on both peak
// SRAM and extra MACs, smallest peak first. The user picks one (or `auto` within a MAC limit,
// or none) and the tinyforge-c estimates everywhere in the studio use it. Computed when the
// tab is shown after an edit, not on every keystroke.

#include <QString>
#include <QWidget>
#include <vector>

#include "core/runtime/patch_plan.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace tinyforge {

class EstimateService;
class GraphDocument;

class PatchView : public QWidget {
  Q_OBJECT

 public:
  PatchView(GraphDocument* document, EstimateService* estimates, QWidget* parent = nullptr);

  // For tests and the screenshot tool.
  QTableWidget* table() const { return table_; }
  const std::vector<PatchPlan>& choices() const { return choices_; }
  QString statusText() const;
  QString inUseText() const;

 public Q_SLOTS:
  void refresh();       // plans the candidates for the current graph and board
  void useSelected();   // the selected row becomes the estimates' patch choice
  void useAuto();
  void useNone();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void fillTable();
  void updateInUse();

  GraphDocument* document_;
  EstimateService* estimates_;
  QLabel* status_ = nullptr;
  QLabel* in_use_ = nullptr;
  QTableWidget* table_ = nullptr;
  QPushButton* use_ = nullptr;
  QPushButton* auto_ = nullptr;
  QPushButton* none_ = nullptr;
  QDoubleSpinBox* limit_ = nullptr;
  std::vector<PatchPlan> choices_;  // the table's rows
  int64_t unpatched_bytes_ = 0;
  bool stale_ = true;
  QString planned_board_;  // the board the candidates were planned for
};

}  // namespace tinyforge
