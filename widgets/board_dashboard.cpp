#include "widgets/board_dashboard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

#include "widgets/board_dialog.h"
#include "widgets/budget_bar.h"
#include "widgets/elided_label.h"
#include "widgets/estimate_service.h"
#include "widgets/figure_breakdown.h"
#include "widgets/units_text.h"

namespace tinyforge {
namespace {

// Deleting a custom board, undone by putting it back where it was among the chosen boards.
class DeleteBoardCommand : public QUndoCommand {
 public:
  DeleteBoardCommand(EstimateService* service, Board board)
      : QUndoCommand(QObject::tr("Delete board %1").arg(QString::fromStdString(board.id))),
        service_(service),
        board_(std::move(board)),
        chosen_before_(service->chosenBoards()) {}
  void redo() override { service_->removeBoard(QString::fromStdString(board_.id)); }
  void undo() override {
    service_->addBoard(board_);
    service_->setChosenBoards(chosen_before_);
  }

 private:
  EstimateService* service_;
  Board board_;
  QStringList chosen_before_;
};

}  // namespace

BoardDashboard::BoardDashboard(EstimateService* service, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), service_(service), undo_(undo) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Runtime:")));
  runtime_ = new QComboBox;
  runtime_->setObjectName(QStringLiteral("runtime"));
  runtime_->addItem(tr("TFLite Micro (reference kernels)"), QStringLiteral("tflm"));
  runtime_->addItem(tr("TFLite Micro + CMSIS-NN"), QStringLiteral("tflm-cmsis"));
  runtime_->addItem(tr("TinyForge generated C (tinyforge-c)"), QStringLiteral("tinyforge-c"));
  runtime_->setCurrentIndex(runtime_->findData(QString::fromUtf8(toString(service_->runtime()))));
  controls->addWidget(runtime_);
  controls->addWidget(new QLabel(tr("Planner:")));
  planner_ = new QComboBox;
  planner_->setObjectName(QStringLiteral("planner"));
  planner_->addItem(tr("TFLM greedy"), QStringLiteral("greedy"));
  planner_->addItem(tr("Best (offline plan in the .tflite)"), QStringLiteral("best"));
  planner_->setToolTip(tr("Who places the arena's buffers. The best planner's plan is exported inside the .tflite "
                          "(OfflineMemoryAllocation), so an unmodified TFLM uses it."));
  controls->addWidget(planner_);
  reorder_ = new QCheckBox(tr("Reorder operators"));
  reorder_->setObjectName(QStringLiteral("reorder"));
  reorder_->setToolTip(tr("Run the operators in the order with the smallest peak memory (branched graphs); "
                          "export writes them in that order."));
  controls->addWidget(reorder_);
  syncPlannerEditors();
  boards_button_ = new QToolButton;
  boards_button_->setText(tr("Boards\u2026"));
  boards_button_->setPopupMode(QToolButton::InstantPopup);
  boards_button_->setMenu(new QMenu(boards_button_));
  controls->addWidget(boards_button_);
  controls->addStretch(1);
  layout->addLayout(controls);
  // The budgets on a row of their own: one row of everything was wider than a laptop.
  controls = new QHBoxLayout;
  // 0 shows "none": no budget until the user sets one (see the header).
  controls->addWidget(new QLabel(tr("Latency budget:")));
  latency_budget_ = new QDoubleSpinBox;
  latency_budget_->setObjectName(QStringLiteral("latencyBudget"));
  latency_budget_->setRange(0, 100000);
  latency_budget_->setDecimals(1);
  latency_budget_->setSuffix(QLatin1Char(' ') + unitText("ms"));
  latency_budget_->setSpecialValueText(tr("none"));
  latency_budget_->setToolTip(tr("The most time one inference may take. 0 = no budget: latency is shown without a verdict."));
  controls->addWidget(latency_budget_);
  controls->addWidget(new QLabel(tr("or target rate:")));
  target_fps_ = new QDoubleSpinBox;
  target_fps_->setObjectName(QStringLiteral("targetFps"));
  target_fps_->setRange(0, 10000);
  target_fps_->setDecimals(1);
  target_fps_->setSuffix(QLatin1Char(' ') + unitText("FPS"));
  target_fps_->setSpecialValueText(tr("none"));
  target_fps_->setToolTip(tr("Inferences per second the application needs; sets the latency budget to 1000 / FPS ms."));
  controls->addWidget(target_fps_);
  controls->addWidget(new QLabel(tr("Energy budget:")));
  energy_budget_ = new QDoubleSpinBox;
  energy_budget_->setObjectName(QStringLiteral("energyBudget"));
  energy_budget_->setRange(0, 100000);
  energy_budget_->setDecimals(3);
  energy_budget_->setSuffix(QLatin1Char(' ') + unitText("mJ"));
  energy_budget_->setSpecialValueText(tr("none"));
  energy_budget_->setToolTip(tr("The most energy one inference may use. 0 = no budget."));
  controls->addWidget(energy_budget_);
  syncBudgetEditors();
  controls->addStretch(1);
  layout->addLayout(controls);

  grid_ = new QGridLayout;
  grid_->setHorizontalSpacing(8);
  grid_->setVerticalSpacing(4);
  const QStringList headers = {tr("Board"), tr("Flash"), tr("SRAM"), tr("Latency"), tr("FPS"), tr("Energy / inference"),
                               tr("Verdict")};
  for (int column = 0; column < headers.size(); ++column) {
    auto* header = new QLabel(QStringLiteral("<b>%1</b>").arg(headers[column]));
    grid_->addWidget(header, 0, column);
  }
  for (int column = 1; column <= MetricCount; ++column) grid_->setColumnStretch(column, 1);
  problem_ = new QLabel;
  problem_->setObjectName(QStringLiteral("modelProblem"));
  problem_->setWordWrap(true);
  problem_->setStyleSheet(QStringLiteral("color: #b71c1c;"));
  problem_->hide();
  layout->addWidget(problem_);
  layout->addLayout(grid_);
  empty_ = new QLabel(tr("Choose boards with the Boards\u2026 button to see whether the model fits."));
  layout->addWidget(empty_);
  layout->addStretch(1);

  connect(runtime_, &QComboBox::currentIndexChanged, this, [this] {
    if (auto runtime = runtimeFromString(runtime_->currentData().toString().toStdString())) service_->setRuntime(*runtime);
  });
  connect(planner_, &QComboBox::currentIndexChanged, this, [this] {
    if (auto planner = memoryPlannerFromString(planner_->currentData().toString().toStdString()))
      service_->setPlanner(*planner);
  });
  connect(reorder_, &QCheckBox::toggled, service_, &EstimateService::setReorder);
  connect(latency_budget_, &QDoubleSpinBox::valueChanged, this, [this](double ms) {
    service_->setLatencyBudgetMs(ms);
    syncBudgetEditors();
  });
  connect(target_fps_, &QDoubleSpinBox::valueChanged, this, [this](double fps) {
    service_->setLatencyBudgetMs(fps > 0 ? 1000.0 / fps : 0.0);
    syncBudgetEditors();
  });
  connect(energy_budget_, &QDoubleSpinBox::valueChanged, service_, &EstimateService::setEnergyBudgetMj);
  connect(service_, &EstimateService::estimatesChanged, this, [this] {
    if (static_cast<int>(rows_.size()) != service_->chosenBoards().size()) rebuildRows();
    updateValues();
  });
  connect(service_, &EstimateService::settingsChanged, this, [this] {
    {
      const QSignalBlocker b1(runtime_);
      runtime_->setCurrentIndex(runtime_->findData(QString::fromUtf8(toString(service_->runtime()))));
    }
    syncPlannerEditors();
    syncBudgetEditors();
    rebuildRows();
    updateValues();
  });
  connect(boards_button_->menu(), &QMenu::aboutToShow, this, &BoardDashboard::rebuildBoardMenu);
  rebuildRows();
  updateValues();
}

BudgetBar* BoardDashboard::bar(int row, Metric metric) const {
  if (row < 0 || row >= rowCount()) return nullptr;
  return rows_[static_cast<size_t>(row)].bars[metric];
}

QString BoardDashboard::verdict(int row) const {
  if (row < 0 || row >= rowCount()) return {};
  return rows_[static_cast<size_t>(row)].verdict->fullText();
}

QLabel* BoardDashboard::boardLabel(int row) const {
  if (row < 0 || row >= rowCount()) return nullptr;
  return rows_[static_cast<size_t>(row)].board;
}

QMenu* BoardDashboard::boardsMenu() const { return boards_button_->menu(); }

QString BoardDashboard::modelProblem() const { return problem_->isVisible() ? problem_->text() : QString(); }

bool BoardDashboard::deleteCustomBoard(const QString& id) {
  const Board* board = service_->customBoard(id);
  if (!board) return false;
  auto* command = new DeleteBoardCommand(service_, *board);
  if (undo_) {
    undo_->push(command);
  } else {
    command->redo();
    delete command;
  }
  return true;
}

void BoardDashboard::syncPlannerEditors() {
  const QSignalBlocker b1(planner_);
  const QSignalBlocker b2(reorder_);
  planner_->setCurrentIndex(planner_->findData(QString::fromUtf8(toString(service_->planner()))));
  // The best planner ships in a .tflite; generated code plans its own arena.
  planner_->setEnabled(true);
  reorder_->setChecked(service_->reorder());
}

void BoardDashboard::syncBudgetEditors() {
  const QSignalBlocker b1(latency_budget_), b2(target_fps_), b3(energy_budget_);
  const double ms = service_->latencyBudgetMs();
  if (std::abs(latency_budget_->value() - ms) > 0.05) latency_budget_->setValue(ms);
  const double fps = ms > 0 ? 1000.0 / ms : 0.0;
  if (std::abs(target_fps_->value() - fps) > 0.05) target_fps_->setValue(fps);
  energy_budget_->setValue(service_->energyBudgetMj());
}

BoardDialog* BoardDashboard::openBoardDialog(const Board* board) {
  auto* dialog = new BoardDialog(service_->boards(), board, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    const Board result = dialog->board();
    service_->addBoard(result);
    const QString id = QString::fromStdString(result.id);
    QStringList chosen = service_->chosenBoards();
    if (!chosen.contains(id)) {
      chosen << id;
      service_->setChosenBoards(chosen);
    } else {
      rebuildRows();  // the row's title may have changed
      updateValues();
    }
  });
  dialog->open();
  return dialog;
}

BoardDialog* BoardDashboard::addCustomBoard() { return openBoardDialog(nullptr); }

BoardDialog* BoardDashboard::editCustomBoard(const QString& id) {
  for (const Board& board : service_->customBoards()) {
    if (QString::fromStdString(board.id) == id) return openBoardDialog(&board);
  }
  return nullptr;
}

void BoardDashboard::rebuildBoardMenu() {
  QMenu* menu = boards_button_->menu();
  menu->clear();
  menu->addAction(tr("Add custom board…"), this, &BoardDashboard::addCustomBoard);
  if (!service_->customBoards().empty()) {
    QMenu* edit = menu->addMenu(tr("Edit custom board"));
    QMenu* remove = menu->addMenu(tr("Delete custom board"));
    remove->setObjectName(QStringLiteral("deleteCustomBoard"));
    for (const Board& board : service_->customBoards()) {
      const QString id = QString::fromStdString(board.id);
      edit->addAction(id, this, [this, id] { editCustomBoard(id); });
      remove->addAction(id, this, [this, id] { deleteCustomBoard(id); });
    }
  }
  menu->addSeparator();
  for (const Board& board : service_->boards().boards()) {
    const QString id = QString::fromStdString(board.id);
    QString whose;
    if (service_->customBoard(id)) whose = tr(" (custom: your figures)");
    else if (board.latency.estimated) whose = tr(" (latency estimated)");
    QAction* action = menu->addAction(QStringLiteral("%1 \u2014 %2, %3 SRAM, %4 Flash, %5 MHz%6")
                                          .arg(QString::fromStdString(board.part), QString::fromStdString(board.core),
                                               bytesText(board.sram_bytes), bytesText(board.flash_bytes))
                                          .arg(board.clock_mhz)
                                          .arg(whose));
    action->setCheckable(true);
    action->setChecked(service_->chosenBoards().contains(id));
    connect(action, &QAction::toggled, this, [this, id](bool on) {
      QStringList chosen = service_->chosenBoards();
      if (on && !chosen.contains(id)) chosen << id;
      if (!on) chosen.removeAll(id);
      service_->setChosenBoards(chosen);
    });
  }
}

void BoardDashboard::rebuildRows() {
  for (Row& row : rows_) {
    delete row.board;
    for (BudgetBar* bar : row.bars) delete bar;
    delete row.verdict;
  }
  rows_.clear();
  const QStringList& chosen = service_->chosenBoards();
  for (int i = 0; i < chosen.size(); ++i) {
    Row row;
    const Board* board = service_->boards().find(chosen[i].toStdString());
    // Whose figures: a custom board's are the user's, an unmeasured bundled board's
    // latency is estimated (scaled from a sibling).
    QString whose;
    if (board && service_->customBoard(chosen[i])) whose = tr("custom: your figures");
    else if (board && board->latency.estimated) whose = tr("latency estimated");
    row.board = new QLabel(board ? QStringLiteral("<b>%1</b><br><small>%2, %3 MHz%4</small>")
                                       .arg(QString::fromStdString(board->part).toHtmlEscaped(),
                                            QString::fromStdString(board->core).toHtmlEscaped())
                                       .arg(board->clock_mhz)
                                       .arg(whose.isEmpty() ? QString() : QStringLiteral("<br><i>%1</i>").arg(whose))
                                 : chosen[i]);
    if (board && !whose.isEmpty())
      row.board->setToolTip(service_->customBoard(chosen[i])
                                ? tr("A board of this project: its figures are the ones you entered, its latency model "
                                     "is borrowed from a measured board with a similar core.")
                                : QString::fromStdString(board->latency.source));
    grid_->addWidget(row.board, i + 1, 0);
    for (int m = 0; m < MetricCount; ++m) {
      row.bars[m] = new BudgetBar;
      grid_->addWidget(row.bars[m], i + 1, m + 1);
    }
    row.verdict = new ElidedLabel;
    // Room for every verdict word; a longer problem is shortened, whole in its tooltip.
    int widest = 0;
    for (const QString& word : {tr("fits"), tr("does not fit"), tr("fits, too slow"), tr("no figures")})
      widest = std::max(widest, row.verdict->fontMetrics().horizontalAdvance(word));
    QFont bold = row.verdict->font();
    bold.setBold(true);
    row.verdict->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(QStringLiteral("M")) + widest * 6 / 5);
    grid_->addWidget(row.verdict, i + 1, MetricCount + 1);
    rows_.push_back(row);
  }
  empty_->setVisible(rows_.empty());
}

void BoardDashboard::updateValues() {
  const auto& results = service_->results();
  // Without a budget, bars are scaled to the largest figure among the chosen boards.
  double most_latency_ms = 0, most_fps = 0, most_energy_mj = 0;
  for (const BoardEstimate& result : results) {
    if (!result.estimate) continue;
    most_latency_ms = std::max(most_latency_ms, result.estimate->latency_ms);
    most_fps = std::max(most_fps, result.estimate->fps);
    most_energy_mj = std::max(most_energy_mj, result.estimate->energy_mj);
  }
  // The same problem on every board is the model's (no layers, a shape error): said once
  // above the rows, where it has room, rather than cut short in each verdict.
  QString shared_problem;
  if (!results.empty() && std::all_of(results.begin(), results.end(), [&](const BoardEstimate& r) {
        return !r.estimate && r.error == results.front().error;
      }))
    shared_problem = results.front().error;
  problem_->setText(breakableText(shared_problem));
  problem_->setVisible(!shared_problem.isEmpty());
  for (size_t i = 0; i < rows_.size(); ++i) {
    Row& row = rows_[i];
    if (i >= results.size() || !results[i].estimate) {
      for (BudgetBar* bar : row.bars) {
        bar->clear(QStringLiteral("\u2014"));
        bar->setDetails({});
      }
      const QString error = i < results.size() ? results[i].error : QString();
      row.verdict->setFullText(shared_problem.isEmpty() ? error : tr("no figures"));
      row.verdict->setStyleSheet(QStringLiteral("color: #b71c1c;"));
      row.verdict->setDetails(shared_problem.isEmpty() ? QString() : error);
      continue;
    }
    const Estimate& e = *results[i].estimate;
    auto ratio = [](double used, double budget) { return budget > 0 ? used / budget : -1.0; };
    row.bars[Flash]->setValue(ratio(double(e.memory.flash_bytes), double(e.fit.flash_budget_bytes)),
                              bytesPairText(e.memory.flash_bytes, e.fit.flash_budget_bytes));
    row.bars[Sram]->setValue(ratio(double(e.memory.sram_bytes), double(e.fit.sram_budget_bytes)),
                             bytesPairText(e.memory.sram_bytes, e.fit.sram_budget_bytes));
    if (service_->hasLatencyBudget()) {
      const double latency_budget = service_->latencyBudgetMs();
      row.bars[Latency]->setValue(ratio(e.latency_ms, latency_budget),
                                  QStringLiteral("%1 / %2").arg(msText(e.latency_ms), msText(latency_budget)));
      const double target_fps = 1000.0 / latency_budget;
      row.bars[Fps]->setValue(e.fps > 0 ? target_fps / e.fps : -1.0,
                              tr("%1 (needs %2)").arg(fpsText(e.fps), fpsText(target_fps)));
    } else {
      row.bars[Latency]->setFigure(ratio(e.latency_ms, most_latency_ms), msText(e.latency_ms));
      row.bars[Fps]->setFigure(ratio(e.fps, most_fps), fpsText(e.fps));
    }
    if (service_->hasEnergyBudget()) {
      row.bars[Energy]->setValue(ratio(e.energy_mj, service_->energyBudgetMj()),
                                 QStringLiteral("%1 / %2").arg(mjText(e.energy_mj), mjText(service_->energyBudgetMj())));
    } else {
      row.bars[Energy]->setFigure(ratio(e.energy_mj, most_energy_mj), mjText(e.energy_mj));
    }
    // The breakdowns are written when hovered, from the estimate of that moment.
    const auto details = [this, i](QString (*breakdown)(const Estimate&, const Board*)) {
      return [this, i, breakdown]() -> QString {
        const auto& now = service_->results();
        if (i >= now.size() || !now[i].estimate) return {};
        return breakdown(*now[i].estimate, service_->boards().find(now[i].estimate->board_id));
      };
    };
    row.bars[Flash]->setDetails(details(&flashBreakdown));
    row.bars[Sram]->setDetails(details(&sramBreakdown));
    row.bars[Latency]->setDetails(details(&latencyBreakdown));
    row.bars[Fps]->setDetails(details([](const Estimate& now, const Board*) { return fpsBreakdown(now); }));
    row.bars[Energy]->setDetails(details(&energyBreakdown));
    const bool fits = e.fit.fits();
    QStringList problems;
    for (const std::string& p : e.fit.problems) problems << QString::fromStdString(p);
    // The verdict is about memory (what CI gates on); a missed latency budget is said too.
    const bool too_slow = service_->hasLatencyBudget() && e.latency_ms > service_->latencyBudgetMs();
    row.verdict->setFullText(!fits ? tr("does not fit") : too_slow ? tr("fits, too slow") : tr("fits"));
    row.verdict->setDetails(problems.join(QLatin1Char('\n')));
    row.verdict->setStyleSheet(!fits      ? QStringLiteral("color: #b71c1c; font-weight: bold;")
                               : too_slow ? QStringLiteral("color: #b26a00; font-weight: bold;")
                                          : QStringLiteral("color: #1b7a3a; font-weight: bold;"));
  }
}

}  // namespace tinyforge
