// The window itself: docks and tabs, the views kept in step with the document and the
// estimates, the status line, closing. Menus: main_window_menus.cpp; files:
// main_window_files.cpp.

#include "app/studio/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

#include "app/studio/autosave.h"
#include "app/studio/new_from_template_dialog.h"
#include "app/studio/window_geometry.h"
#include "core/boards/board_library.h"
#include "widgets/board_dashboard.h"
#include "widgets/elided_label.h"
#include "widgets/estimate_service.h"
#include "widgets/explore_view.h"
#include "widgets/patch_view.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/inspector_widget.h"
#include "widgets/layer_table_model.h"
#include "widgets/memory_map_view.h"
#include "widgets/palette_widget.h"
#include "widgets/pareto_candidates.h"
#include "widgets/pareto_view.h"
#include "widgets/search_panel.h"
#include "widgets/units_text.h"
#include "widgets/wheel_guard.h"

namespace tinyforge {
namespace {

const QStringList kDefaultBoards = {QStringLiteral("stm32f446re"), QStringLiteral("stm32f746zg"),
                                    QStringLiteral("stm32f767zi")};

std::shared_ptr<BoardLibrary> loadBoards(QString* error) {
  try {
    return std::make_shared<BoardLibrary>(BoardLibrary::loadDirectory((resourcesDirectory() + QStringLiteral("/boards")).toStdString()));
  } catch (const std::exception& e) {
    *error = QString::fromUtf8(e.what());
    return std::make_shared<BoardLibrary>();
  }
}

}  // namespace

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent) : QMainWindow(parent), options_(std::move(options)) {
  setObjectName(QStringLiteral("TinyForgeStudio"));
  // Scrolling a form must scroll it, not change the field under the pointer.
  installWheelGuard(qApp);
  document_ = new GraphDocument(this);
  QString board_error;
  estimates_ = new EstimateService(document_, loadBoards(&board_error), this);
  QStringList chosen;
  for (const QString& id : kDefaultBoards) {
    if (estimates_->boards().find(id.toStdString())) chosen << id;
  }
  estimates_->setChosenBoards(chosen);

  scene_ = new GraphScene(document_, this);
  view_ = new GraphView(scene_);
  layer_model_ = new LayerTableModel(this);
  layer_proxy_ = new QSortFilterProxyModel(this);
  layer_proxy_->setSourceModel(layer_model_);
  layer_proxy_->setSortRole(LayerTableModel::kSortRole);
  layer_table_ = new QTableView;
  layer_table_->setModel(layer_proxy_);
  layer_table_->setSortingEnabled(true);
  layer_table_->sortByColumn(LayerTableModel::Name, Qt::AscendingOrder);
  layer_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  // Imported layer names run to hundreds of characters: shown shortened in the middle,
  // whole in the tooltip.
  layer_table_->setTextElideMode(Qt::ElideMiddle);
  layer_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layer_table_->horizontalHeader()->setMaximumSectionSize(360);
  layer_table_->horizontalHeader()->setStretchLastSection(true);
  layer_table_->verticalHeader()->setVisible(false);
  memory_map_ = new MemoryMapView(estimates_, document_);
  memory_map_scroll_ = new QScrollArea;
  memory_map_scroll_->setWidget(memory_map_);
  memory_map_scroll_->setWidgetResizable(true);
  memory_map_scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  notes_ = new QPlainTextEdit;
  notes_->setPlaceholderText(tr("Notes about this project: targets, measurements, decisions\u2026"));

  tabs_ = new QTabWidget;
  tabs_->addTab(view_, tr("Canvas"));
  tabs_->addTab(layer_table_, tr("Layers"));
  tabs_->addTab(memory_map_scroll_, tr("Memory map"));
  pareto_ = new ParetoView;
  tabs_->addTab(pareto_, tr("Pareto"));
  search_ = new SearchPanel(document_, estimates_);
  search_->setInteractive(options_.interactive);
  // A search stores its runs in the project file: an unsaved project is saved first.
  search_->setProjectPathProvider([this]() -> QString {
    if (!options_.interactive) return current_path_;
    const auto answer = QMessageBox::question(this, tr("Search"),
                                              tr("The search stores its runs and candidates in the project file. Save the "
                                                 "project now?"),
                                              QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Save);
    return answer == QMessageBox::Save && saveAs() ? current_path_ : QString();
  });
  tabs_->addTab(search_, tr("Search"));
  explore_ = new ExploreView(document_, estimates_);
  tabs_->addTab(explore_, tr("Explore"));
  patches_ = new PatchView(document_, estimates_);
  tabs_->addTab(patches_, tr("Patches"));
  tabs_->addTab(notes_, tr("Notes"));
  setCentralWidget(tabs_);

  createDocks();
  createActions();

  // Elided to the room it has: a long shape error must not widen the window.
  status_figures_ = new ElidedLabel;
  status_figures_->setObjectName(QStringLiteral("statusFigures"));
  statusBar()->addPermanentWidget(status_figures_, 1);
  statusBar()->showMessage(tr("TinyForge designs neural networks that fit microcontrollers: drag layers from the "
                              "palette, connect them, and watch Flash, SRAM and latency per board."));

  connect(scene_, &GraphScene::nodeSelected, inspector_, &InspectorWidget::setNode);
  connect(pareto_, &ParetoView::candidateActivated, this, [this](const ParetoCandidate& candidate) {
    if (maybeSave()) openCandidate(candidate);
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    if (tabs_->currentWidget() == pareto_ && pareto_stale_) refreshPareto();
  });
  connect(search_, &SearchPanel::candidateStored, this, [this](const QString& run, const QString& kind) {
    pareto_stale_ = true;
    if (tabs_->currentWidget() == pareto_) refreshPareto();
    if (kind == QLatin1String("final")) statusBar()->showMessage(tr("Search %1 finished: its model is in the Pareto tab").arg(run), 10000);
  });
  connect(search_, &SearchPanel::runEnded, this, [this] {
    if (!quit_when_search_ends_) return;
    close();
    // A hidden window's close does not end the event loop by itself.
    if (options_.interactive) QCoreApplication::quit();
  });
  connect(estimates_, &EstimateService::estimatesChanged, this, &MainWindow::updateEstimateViews);
  connect(estimates_, &EstimateService::settingsChanged, this, [this] {
    settings_dirty_ = true;
    updateWindowTitle();
    // New boards or another runtime change what the explorer shows.
    pareto_stale_ = true;
    if (tabs_->currentWidget() == pareto_) refreshPareto();
  });
  connect(document_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateWindowTitle);
  connect(notes_, &QPlainTextEdit::textChanged, this, [this] {
    settings_dirty_ = true;
    updateWindowTitle();
  });

  autosave_ = std::make_unique<Autosave>(options_.autosave_directory);
  autosave_timer_ = new QTimer(this);
  autosave_timer_->setInterval(options_.autosave_interval_ms);
  connect(autosave_timer_, &QTimer::timeout, this, &MainWindow::autosaveNow);
  autosave_timer_->start();

  readSettings();
  newProject();
  if (!board_error.isEmpty()) showError(tr("Boards"), board_error);
}

MainWindow::~MainWindow() {
  // Qt deletes this window's children after this destructor, when `this` is only a QWidget:
  // the undo stack's cleanChanged (its commands going away) or an estimate finishing then
  // would call a MainWindow slot on a half-destroyed object (UBSan: downcast of an object
  // of the wrong dynamic type). Nothing of the document or the estimates may reach it now.
  if (autosave_timer_) autosave_timer_->stop();
  document_->undoStack()->disconnect(this);
  document_->disconnect(this);
  estimates_->disconnect(this);
}

void MainWindow::createDocks() {
  palette_ = new PaletteWidget;
  auto* palette_dock = new QDockWidget(tr("Palette"), this);
  palette_dock->setObjectName(QStringLiteral("PaletteDock"));
  palette_dock->setWidget(palette_);
  addDockWidget(Qt::LeftDockWidgetArea, palette_dock);
  connect(palette_, &PaletteWidget::kindActivated, this, [this](NodeKind kind) { scene_->dropKind(kind, viewCenter()); });

  inspector_ = new InspectorWidget(document_);
  auto* inspector_dock = new QDockWidget(tr("Inspector"), this);
  inspector_dock->setObjectName(QStringLiteral("InspectorDock"));
  inspector_dock->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, inspector_dock);

  dashboard_ = new BoardDashboard(estimates_, document_->undoStack());
  auto* dashboard_dock = new QDockWidget(tr("Board dashboard"), this);
  dashboard_dock->setObjectName(QStringLiteral("DashboardDock"));
  dashboard_dock->setWidget(dashboard_);
  addDockWidget(Qt::BottomDockWidgetArea, dashboard_dock);
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (shown_once_) return;
  shown_once_ = true;
  if (options_.keep_on_screen) keepOnScreen(this);
  // Docks get their widths once the window has its size and the show has been processed:
  // the palette as wide as its longest entry, the inspector as its form needs (a saved
  // layout wins when there is one).
  if (QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty())
    QTimer::singleShot(0, this, &MainWindow::fitDocksToContent);
}

void MainWindow::fitDocksToContent() {
  auto* palette_dock = findChild<QDockWidget*>(QStringLiteral("PaletteDock"));
  auto* inspector_dock = findChild<QDockWidget*>(QStringLiteral("InspectorDock"));
  auto* dashboard_dock = findChild<QDockWidget*>(QStringLiteral("DashboardDock"));
  resizeDocks({palette_dock, inspector_dock}, {palette_->sizeHint().width(), inspector_->sizeHint().width()},
              Qt::Horizontal);
  resizeDocks({dashboard_dock}, {dashboard_->sizeHint().height()}, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (search_->isRunning()) {
    const CloseDuringSearch answer = askAboutRunningSearch();
    if (answer == CloseDuringSearch::Cancel) {
      event->ignore();
      return;
    }
    if (answer == CloseDuringSearch::KeepRunning) {
      if (!maybeSave()) {
        event->ignore();
        return;
      }
      // Closing is finished off by runEnded; nothing is asked then.
      quit_when_search_ends_ = true;
      writeSettings();
      hide();
      event->ignore();
      return;
    }
    search_->stop();
    search_->waitForIdle(60000);
  }
  if (quit_when_search_ends_) {
    autosave_->discard();
    event->accept();
    return;
  }
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  writeSettings();
  autosave_->discard();
  event->accept();
}

CloseDuringSearch MainWindow::askAboutRunningSearch() {
  if (!options_.interactive) return options_.close_during_search;
  QMessageBox box(QMessageBox::Question, tr("A search is running"),
                  tr("Search %1 is still running.").arg(search_->currentRun()), QMessageBox::NoButton, this);
  box.setInformativeText(tr("Stop it now: the last finished epoch's checkpoint is kept, and reopening this project "
                            "lists the run with Resume.\nOr keep it running: the window closes and the studio quits "
                            "when the search has finished."));
  QPushButton* stop = box.addButton(tr("Stop and close"), QMessageBox::AcceptRole);
  QPushButton* keep = box.addButton(tr("Keep running"), QMessageBox::ActionRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(stop);
  box.exec();
  if (box.clickedButton() == stop) return CloseDuringSearch::Stop;
  if (box.clickedButton() == keep) return CloseDuringSearch::KeepRunning;
  return CloseDuringSearch::Cancel;
}

void MainWindow::showError(const QString& title, const QString& message) {
  last_error_ = message;
  statusBar()->showMessage(message, 10000);
  if (!options_.interactive) return;
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::updateWindowTitle() {
  const QString name = current_path_.isEmpty() ? QString::fromStdString(document_->graph().name)
                                               : QFileInfo(current_path_).fileName();
  setWindowTitle(tr("%1%2 \u2014 TinyForge Studio").arg(name, isModified() ? QStringLiteral(" *") : QString()));
}

void MainWindow::updateEstimateViews() {
  const Estimate* primary = estimates_->primary();
  layer_model_->setEstimate(primary, primary ? estimates_->boards().find(primary->board_id) : nullptr);
  memory_map_->invalidate();
  const GraphAnalysis& analysis = document_->analysis();
  QString text;
  if (!analysis.ok() && !analysis.error.empty()) {
    text = tr("Shape error: %1").arg(QString::fromStdString(analysis.error));
  } else {
    // Layers are what runs: inputs and unconnected nodes are not counted.
    int layers = 0;
    for (const Node& node : document_->graph().nodes) {
      const auto it = analysis.nodes.find(node.name);
      layers += node.kind != NodeKind::Input && (it == analysis.nodes.end() || !it->second.dangling);
    }
    text = tr("Layers: %1, MACs: %2, parameters: %3")
               .arg(layers)
               .arg(countText(analysis.total_macs), countText(analysis.total_params));
    if (!analysis.dangling.empty())
      text += QStringLiteral("; ") + tr("not connected, left out of the figures: %1")
                                         .arg(QString::fromStdString(analysis.dangling.front()) +
                                              (analysis.dangling.size() > 1 ? QStringLiteral(", \u2026") : QString()));
  }
  status_figures_->setFullText(text);
  // The estimator's own speed is for the curious, not a figure of the model.
  status_figures_->setDetails(tr("The estimator took %1 for %n board(s).", nullptr,
                                 static_cast<int>(estimates_->chosenBoards().size()))
                                  .arg(msText(estimates_->lastDurationMs())));
}

bool MainWindow::showTab(const QString& tab) {
  const QString key = tab.toLower();
  int index = -1;
  if (key == QLatin1String("canvas")) index = 0;
  if (key == QLatin1String("layers")) index = 1;
  if (key == QLatin1String("memory") || key == QLatin1String("memory-map")) index = 2;
  if (key == QLatin1String("pareto")) index = tabs_->indexOf(pareto_);
  if (key == QLatin1String("search")) index = tabs_->indexOf(search_);
  if (key == QLatin1String("explore")) index = tabs_->indexOf(explore_);
  if (key == QLatin1String("patches")) index = tabs_->indexOf(patches_);
  if (key == QLatin1String("notes")) index = tabs_->indexOf(notes_);
  bool ok = false;
  const int number = key.toInt(&ok);
  if (ok) index = number;
  if (index < 0 || index >= tabs_->count()) return false;
  tabs_->setCurrentIndex(index);
  return true;
}

void MainWindow::refreshPareto() {
  pareto_stale_ = false;
  QStringList ids, labels;
  for (const Board& board : estimates_->boards().boards()) {
    ids << QString::fromStdString(board.id);
    labels << QStringLiteral("%1 (%2)").arg(QString::fromStdString(board.part), QString::fromStdString(board.core));
  }
  // The explorer starts on the dashboard's first board; after that the user's pick stays.
  const bool first_time = pareto_->board().isEmpty();
  pareto_->setBoards(ids, labels);
  if (first_time && !estimates_->chosenBoards().isEmpty()) pareto_->setBoard(estimates_->chosenBoards().front());
  const QString resources = resourcesDirectory();
  std::vector<std::shared_ptr<CandidateProvider>> providers;
  providers.push_back(std::make_shared<ReferenceCandidates>(resources + QStringLiteral("/latency/micronets_table4.json"),
                                                            resources + QStringLiteral("/models"),
                                                            estimates_->sharedBoards(), estimates_->runtime()));
  // Search runs live in the project file; an unsaved project has none yet.
  if (!current_path_.isEmpty()) providers.push_back(std::make_shared<ProjectSearchCandidates>(current_path_));
  pareto_->setProviders(std::move(providers));
}

QPointF MainWindow::viewCenter() const { return view_->mapToScene(view_->viewport()->rect().center()); }

void MainWindow::readSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1400, 900);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  // A geometry saved on a larger screen (or by an older version whose window grew) must
  // not put the window beyond this one.
  if (options_.keep_on_screen) keepOnScreen(this);
  const QStringList boards = settings.value(QStringLiteral("dashboard/boards")).toStringList();
  if (!boards.isEmpty()) estimates_->setChosenBoards(boards);
}

void MainWindow::writeSettings() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("dashboard/boards"), estimates_->chosenBoards());
}

}  // namespace tinyforge
