#include "widgets/patch_view.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"

namespace tinyforge {
namespace {

// The candidates no other one beats on both peak SRAM and extra MACs, smallest peak first.
std::vector<PatchPlan> paretoFront(std::vector<PatchPlan> plans) {
  std::sort(plans.begin(), plans.end(), [](const PatchPlan& a, const PatchPlan& b) {
    return a.peak_bytes() != b.peak_bytes() ? a.peak_bytes() < b.peak_bytes() : a.extra_macs() < b.extra_macs();
  });
  std::vector<PatchPlan> front;
  for (PatchPlan& plan : plans) {
    if (plan.peak_bytes() >= plan.unpatched_arena_bytes) continue;  // saves nothing
    if (!front.empty() && plan.extra_macs() >= front.back().extra_macs()) continue;
    front.push_back(std::move(plan));
  }
  return front;
}

QString percent(double value) { return QString::number(value, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

PatchView::PatchView(GraphDocument* document, EstimateService* estimates, QWidget* parent)
    : QWidget(parent), document_(document), estimates_(estimates) {
  status_ = new QLabel;
  status_->setWordWrap(true);
  in_use_ = new QLabel;
  in_use_->setWordWrap(true);
  table_ = new QTableWidget(0, 5);
  table_->setHorizontalHeaderLabels({tr("Stage ends at"), tr("Grid"), tr("Peak SRAM (B)"), tr("Saved"), tr("Extra MACs")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->verticalHeader()->setVisible(false);
  use_ = new QPushButton(tr("Use the selected choice"));
  auto_ = new QPushButton(tr("Auto"));
  limit_ = new QDoubleSpinBox;
  limit_->setRange(0, 1000);
  limit_->setDecimals(0);
  limit_->setValue(20);
  limit_->setSuffix(tr(" % extra MACs at most"));
  none_ = new QPushButton(tr("No patches"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(use_);
  buttons->addSpacing(12);
  buttons->addWidget(auto_);
  buttons->addWidget(limit_);
  buttons->addSpacing(12);
  buttons->addWidget(none_);
  buttons->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);
  layout->addLayout(buttons);
  layout->addWidget(in_use_);

  connect(use_, &QPushButton::clicked, this, &PatchView::useSelected);
  connect(auto_, &QPushButton::clicked, this, &PatchView::useAuto);
  connect(none_, &QPushButton::clicked, this, &PatchView::useNone);
  connect(table_, &QTableWidget::itemSelectionChanged, this,
          [this] { use_->setEnabled(!table_->selectedItems().isEmpty()); });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this] { useSelected(); });
  connect(document_, &GraphDocument::graphChanged, this, [this] {
    stale_ = true;
    if (isVisible()) refresh();
  });
  // The candidates depend on the first board's core (its kernels' scratch), not on the
  // patch choice itself.
  connect(estimates_, &EstimateService::settingsChanged, this, [this] {
    const QString first = estimates_->chosenBoards().isEmpty() ? QString() : estimates_->chosenBoards().front();
    if (first == planned_board_) return;
    stale_ = true;
    if (isVisible()) refresh();
  });
  connect(estimates_, &EstimateService::estimatesChanged, this, &PatchView::updateInUse);
  use_->setEnabled(false);
  updateInUse();
}

void PatchView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_) refresh();
}

void PatchView::refresh() {
  stale_ = false;
  planned_board_ = estimates_->chosenBoards().isEmpty() ? QString() : estimates_->chosenBoards().front();
  choices_.clear();
  unpatched_bytes_ = 0;
  const GraphAnalysis& analysis = document_->analysis();
  const QStringList& boards = estimates_->chosenBoards();
  if (!analysis.ok() || !analysis.hasLayers()) {
    status_->setText(tr("No model to run in patches yet."));
  } else {
    TinyforgeCPlanOptions options;
    const Board* board = boards.isEmpty() ? nullptr : estimates_->boards().find(boards.front().toStdString());
    options.dsp = !board || board->isa != IsaClass::Scalar;  // the kernels' scratch differs per path
    try {
      const TensorModel model = tinyforge::lower(*analysis.shaped);  // not QWidget::lower()
      unpatched_bytes_ = planTinyforgeC(*analysis.shaped, model, options).arena_bytes;
      choices_ = paretoFront(patchCandidates(*analysis.shaped, model, options));
      if (choices_.empty())
        status_->setText(tr("No split point and grid lowers this model's SRAM (arena %1 B without patches): its "
                            "first layers cannot run in patches, or they do not set the peak.")
                             .arg(unpatched_bytes_));
      else
        status_->setText(tr("Without patches the generated C runtime (tinyforge-c) needs an arena of %1 B on %2. "
                            "Each row runs the layers up to its split point patch by patch: less SRAM for "
                            "recomputed halos (extra MACs, of the whole model). Only choices no other beats on "
                            "both are listed. Planned figures (a model); measured under QEMU in docs/patches.md.")
                             .arg(unpatched_bytes_)
                             .arg(board ? QString::fromStdString(board->id) : tr("the first board")));
    } catch (const std::exception& error) {
      status_->setText(QString::fromUtf8(error.what()));
    }
  }
  fillTable();
  updateInUse();
}

void PatchView::fillTable() {
  table_->setRowCount(static_cast<int>(choices_.size()));
  for (size_t r = 0; r < choices_.size(); ++r) {
    const PatchPlan& p = choices_[r];
    const int row = static_cast<int>(r);
    auto* layer = new QTableWidgetItem(QString::fromStdString(p.split_layer));
    layer->setToolTip(tr("Operators 0..%1 run patch by patch").arg(p.choice.split_op));
    table_->setItem(row, 0, layer);
    table_->setItem(row, 1, new QTableWidgetItem(QStringLiteral("%1 x %2").arg(p.choice.rows).arg(p.choice.cols)));
    auto* peak = new QTableWidgetItem(QString::number(p.peak_bytes()));
    peak->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(row, 2, peak);
    auto* saved = new QTableWidgetItem(
        percent(100.0 * static_cast<double>(p.unpatched_arena_bytes - p.peak_bytes()) / static_cast<double>(p.unpatched_arena_bytes)));
    saved->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(row, 3, saved);
    auto* macs = new QTableWidgetItem(QStringLiteral("+") + percent(p.extra_macs_percent()));
    macs->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(row, 4, macs);
  }
  use_->setEnabled(!table_->selectedItems().isEmpty());
}

void PatchView::useSelected() {
  const QList<QTableWidgetItem*> selected = table_->selectedItems();
  if (selected.isEmpty()) return;
  const PatchPlan& p = choices_.at(static_cast<size_t>(selected.front()->row()));
  PatchRequest request;
  request.mode = PatchRequest::Mode::Fixed;
  request.layer = p.split_layer;
  request.rows = p.choice.rows;
  request.cols = p.choice.cols;
  estimates_->setPatches(request);
}

void PatchView::useAuto() {
  PatchRequest request;
  request.mode = PatchRequest::Mode::Auto;
  request.max_extra_macs_percent = limit_->value();
  estimates_->setPatches(request);
}

void PatchView::useNone() { estimates_->setPatches(PatchRequest{}); }

QString PatchView::statusText() const { return status_->text(); }
QString PatchView::inUseText() const { return in_use_->text(); }

void PatchView::updateInUse() {
  const PatchRequest& request = estimates_->patches();
  QString text;
  switch (request.mode) {
    case PatchRequest::Mode::None: text = tr("In use: no patches."); break;
    case PatchRequest::Mode::Auto:
      text = tr("In use: auto, at most %1 % extra MACs.").arg(request.max_extra_macs_percent);
      break;
    case PatchRequest::Mode::Fixed:
      text = tr("In use: up to '%1' in %2 x %3 patches.")
                 .arg(QString::fromStdString(request.layer))
                 .arg(request.rows)
                 .arg(request.cols);
      break;
  }
  const Estimate* primary = estimates_->primary();
  if (request.mode != PatchRequest::Mode::None) {
    if (estimates_->runtime() != RuntimeKind::TinyforgeC)
      text += QLatin1Char(' ') + tr("Patches apply to the tinyforge-c runtime only: choose it on the dashboard.");
    else if (primary && primary->patches)
      text += QLatin1Char(' ') + tr("The estimates use an arena of %1 B.").arg(primary->patches->peak_bytes());
    else if (primary)
      text += QLatin1Char(' ') + tr("No choice lowers the arena: the estimates run without patches.");
  }
  in_use_->setText(text);
}

}  // namespace tinyforge
