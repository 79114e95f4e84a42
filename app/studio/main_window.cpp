#include "app/studio/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include "app/studio/autosave.h"
#include "app/studio/new_from_template_dialog.h"
#include "core/boards/board_library.h"
#include "core/graph/graph_json.h"
#include "widgets/board_dashboard.h"
#include "widgets/estimate_service.h"
#include "widgets/export_dialog.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/inspector_widget.h"
#include "widgets/layer_table_model.h"
#include "widgets/memory_map_view.h"
#include "widgets/palette_widget.h"
#include "widgets/pareto_candidates.h"
#include "widgets/pareto_view.h"
#include "widgets/explore_view.h"
#include "widgets/search_panel.h"
#include "widgets/units_text.h"
#ifdef TINYFORGE_HAVE_TFLITE
#include "core/tflite/tflite_reader.h"
#endif

namespace tinyforge {
namespace {

constexpr int kMaxRecentFiles = 8;

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

Graph loadModel(const QString& path) {
  if (path.endsWith(QStringLiteral(".tflite"), Qt::CaseInsensitive)) {
#ifdef TINYFORGE_HAVE_TFLITE
    return importTflite(path.toStdString());
#else
    throw std::runtime_error(path.toStdString() + ": this build cannot import .tflite files");
#endif
  }
  return loadGraphJson(path.toStdString());
}

}  // namespace

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent) : QMainWindow(parent), options_(std::move(options)) {
  setObjectName(QStringLiteral("TinyForgeStudio"));
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
  layer_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layer_table_->horizontalHeader()->setStretchLastSection(true);
  layer_table_->verticalHeader()->setVisible(false);
  memory_map_ = new MemoryMapView;
  notes_ = new QPlainTextEdit;
  notes_->setPlaceholderText(tr("Notes about this project: targets, measurements, decisions\u2026"));

  tabs_ = new QTabWidget;
  tabs_->addTab(view_, tr("Canvas"));
  tabs_->addTab(layer_table_, tr("Layers"));
  tabs_->addTab(memory_map_, tr("Memory map"));
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
  tabs_->addTab(notes_, tr("Notes"));
  setCentralWidget(tabs_);

  createDocks();
  createActions();

  status_figures_ = new QLabel;
  statusBar()->addPermanentWidget(status_figures_);
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

MainWindow::~MainWindow() = default;

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

  dashboard_ = new BoardDashboard(estimates_);
  auto* dashboard_dock = new QDockWidget(tr("Board dashboard"), this);
  dashboard_dock->setObjectName(QStringLiteral("DashboardDock"));
  dashboard_dock->setWidget(dashboard_);
  addDockWidget(Qt::BottomDockWidgetArea, dashboard_dock);
  resizeDocks({palette_dock, inspector_dock}, {190, 290}, Qt::Horizontal);
  resizeDocks({dashboard_dock}, {190}, Qt::Vertical);
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QToolBar* toolbar = addToolBar(tr("Main"));
  toolbar->setObjectName(QStringLiteral("MainToolBar"));
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);

  QAction* new_action = file->addAction(tr("&New"), this, [this] {
    if (maybeSave()) newProject();
  });
  new_action->setShortcut(QKeySequence::New);
  QAction* template_action = file->addAction(tr("New from &template\u2026"), this, &MainWindow::showNewFromTemplateDialog);
  template_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  QAction* open_action = file->addAction(tr("&Open\u2026"), this, &MainWindow::open);
  open_action->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &recent"));
  file->addSeparator();
  QAction* save_action = file->addAction(tr("&Save"), this, &MainWindow::save);
  save_action->setShortcut(QKeySequence::Save);
  QAction* save_as_action = file->addAction(tr("Save &as\u2026"), this, &MainWindow::saveAs);
  save_as_action->setShortcut(QKeySequence::SaveAs);
  file->addAction(tr("&Export graph as JSON\u2026"), this, &MainWindow::exportGraphJson);
  QAction* export_action = file->addAction(tr("Export for &boards\u2026"), this, [this] { showExportDialog(); });
  export_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  export_action->setToolTip(tr("Write the int8 .tflite, C sources, memory maps and HTML reports for the chosen boards"));
  file->addSeparator();
  QAction* quit_action = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit_action->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  QAction* delete_action = edit->addAction(tr("&Delete"), scene_, &GraphScene::deleteSelection);
  delete_action->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
  delete_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  view_->addAction(delete_action);
  QAction* select_all = edit->addAction(tr("Select &all"), this, [this] {
    for (QGraphicsItem* item : scene_->items()) item->setSelected(true);
  });
  select_all->setShortcut(QKeySequence::SelectAll);
  select_all->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  view_->addAction(select_all);
  QAction* layout_action = edit->addAction(tr("Auto &layout"), this, [this] {
    document_->autoLayout();
    view_->fitGraph();
  });
  layout_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

  view_menu_ = menuBar()->addMenu(tr("&View"));
  QAction* zoom_in = view_menu_->addAction(tr("Zoom &in"), view_, &GraphView::zoomIn);
  zoom_in->setShortcut(QKeySequence::ZoomIn);
  QAction* zoom_out = view_menu_->addAction(tr("Zoom &out"), view_, &GraphView::zoomOut);
  zoom_out->setShortcut(QKeySequence::ZoomOut);
  QAction* fit = view_menu_->addAction(tr("&Fit to window"), view_, &GraphView::fitGraph);
  fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  view_menu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view_menu_->addAction(dock->toggleViewAction());

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  QMenu* language = settings->addMenu(tr("&Language"));
  auto* language_group = new QActionGroup(this);
  const QString current_language = QSettings().value(QStringLiteral("language")).toString();
  const QList<QPair<QString, QString>> languages = {{QString(), tr("System default")},
                                                     {QStringLiteral("en"), QStringLiteral("English")},
                                                     {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                     {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
  for (const auto& [code, label] : languages) {
    QAction* action = language->addAction(label);
    action->setCheckable(true);
    action->setChecked(code == current_language);
    language_group->addAction(action);
    connect(action, &QAction::triggered, this, [this, code = code] {
      QSettings().setValue(QStringLiteral("language"), code);
      statusBar()->showMessage(tr("The language changes when the studio starts next."), 5000);
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About TinyForge"), this, [this] {
    QMessageBox::about(this, tr("About TinyForge"),
                       tr("<b>TinyForge Studio %1</b><p>Design neural networks that fit microcontrollers: "
                          "Flash, SRAM, latency and energy per board for TensorFlow Lite Micro, at every edit.</p>")
                           .arg(QApplication::applicationVersion()));
  });

  toolbar->addAction(new_action);
  toolbar->addAction(open_action);
  toolbar->addAction(save_action);
  toolbar->addSeparator();
  toolbar->addAction(undo);
  toolbar->addAction(redo);
  toolbar->addAction(delete_action);
  toolbar->addAction(export_action);
  toolbar->addSeparator();
  toolbar->addAction(layout_action);
  toolbar->addAction(zoom_in);
  toolbar->addAction(zoom_out);
  toolbar->addAction(fit);
  rebuildRecentMenu();
}

QPointF MainWindow::viewCenter() const { return view_->mapToScene(view_->viewport()->rect().center()); }

void MainWindow::newProject() {
  ProjectData project;
  project.graph.name = tr("untitled").toStdString();
  Node input;
  input.name = "input";
  input.kind = NodeKind::Input;
  input.shape = {1, 49, 10, 1};
  project.graph.nodes.push_back(input);
  project.boards = estimates_->chosenBoards();
  applyProject(project, {});
}

bool MainWindow::newFromTemplate(const QString& model_path) {
  Graph graph;
  try {
    graph = loadModel(model_path);
  } catch (const std::exception& error) {
    showError(tr("New from template"), QString::fromUtf8(error.what()));
    return false;
  }
  ProjectData project;
  project.graph = graph;
  project.boards = estimates_->chosenBoards();
  project.runtime = QString::fromUtf8(toString(estimates_->runtime()));
  applyProject(project, {});
  return true;
}

ExportDialog* MainWindow::showExportDialog() {
  auto* dialog = new ExportDialog(document_->graph(), estimates_->sharedBoards(), estimates_->chosenBoards(),
                                  estimates_->runtime(), this);
  dialog->setMemoryChoices(estimates_->planner(), estimates_->reorder());
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  QString folder = QSettings().value(QStringLiteral("lastExportDirectory")).toString();
  const QString stem = QString::fromStdString(document_->graph().name).replace(QLatin1Char(' '), QLatin1Char('_'));
  if (folder.isEmpty()) folder = current_path_.isEmpty() ? QDir::homePath() : QFileInfo(current_path_).absolutePath();
  dialog->setFolder(QDir(folder).filePath(stem + QStringLiteral("_export")));
  connect(dialog, &ExportDialog::finished, this, [this, dialog](bool ok) {
    if (!ok) return;
    // Next time, offer a folder beside this one.
    QSettings().setValue(QStringLiteral("lastExportDirectory"), QFileInfo(dialog->folder()).absolutePath());
    statusBar()->showMessage(dialog->message(), 10000);
  });
  if (!options_.interactive) dialog->setOpenReportWhenDone(false);
  dialog->open();
  return dialog;
}

bool MainWindow::openCandidate(const ParetoCandidate& candidate) {
  bool opened = false;
  if (!candidate.graph_path.isEmpty()) {
    opened = openFile(candidate.graph_path);
  } else if (!candidate.graph_json.isEmpty()) {
    try {
      ProjectData project = projectData();
      project.graph = graphFromJsonText(candidate.graph_json.toStdString(), candidate.name.toStdString());
      project.positions.clear();
      project.notes.clear();
      applyProject(project, {});
      opened = true;
    } catch (const std::exception& error) {
      showError(tr("Cannot open %1").arg(candidate.name), QString::fromUtf8(error.what()));
    }
  }
  if (opened) {
    showTab(QStringLiteral("canvas"));
    statusBar()->showMessage(tr("Opened %1 (%2) from the Pareto explorer").arg(candidate.name, originName(candidate.origin)), 5000);
  }
  return opened;
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

void MainWindow::showNewFromTemplateDialog() {
  if (!maybeSave()) return;
  NewFromTemplateDialog dialog(resourcesDirectory() + QStringLiteral("/models"), this);
  if (dialog.exec() == QDialog::Accepted && !dialog.selectedPath().isEmpty()) newFromTemplate(dialog.selectedPath());
}

void MainWindow::applyProject(const ProjectData& project, const QString& path) {
  {
    const QSignalBlocker block_estimates(estimates_);
    estimates_->setCustomBoards(project.custom_boards);
    estimates_->setChosenBoards(project.boards);
    if (auto runtime = runtimeFromString(project.runtime.toStdString())) estimates_->setRuntime(*runtime);
    estimates_->setLatencyBudgetMs(project.latency_budget_ms);
    estimates_->setEnergyBudgetMj(project.energy_budget_mj);
  }
  {
    const QSignalBlocker block_notes(notes_);
    notes_->setPlainText(project.notes);
  }
  inspector_->setNode({});
  document_->reset(project.graph, project.positions);
  current_path_ = path;
  search_->setProjectPath(path);
  settings_dirty_ = false;
  pareto_stale_ = true;
  QTimer::singleShot(0, this, [this] {
    if (pareto_stale_ && tabs_->currentWidget() == pareto_) refreshPareto();
  });
  // The blocked signals above did not reach the views: refresh them once now.
  Q_EMIT estimates_->settingsChanged();
  settings_dirty_ = false;
  estimates_->recompute();
  view_->fitGraph();
  updateWindowTitle();
}

ProjectData MainWindow::projectData() const {
  ProjectData project;
  project.graph = document_->graph();
  project.positions = document_->positions();
  project.boards = estimates_->chosenBoards();
  project.runtime = QString::fromUtf8(toString(estimates_->runtime()));
  project.latency_budget_ms = estimates_->latencyBudgetMs();
  project.energy_budget_mj = estimates_->energyBudgetMj();
  project.custom_boards = estimates_->customBoards();
  project.notes = notes_->toPlainText();
  project.original_path = current_path_;
  return project;
}

bool MainWindow::openFile(const QString& path) {
  const bool is_project = path.endsWith(QLatin1Char('.') + QLatin1String(kProjectSuffix), Qt::CaseInsensitive);
  try {
    if (is_project) {
      const ProjectData project = loadProject(path);
      applyProject(project, path);
    } else {
      ProjectData project;
      project.graph = loadModel(path);
      project.boards = estimates_->chosenBoards();
      project.runtime = QString::fromUtf8(toString(estimates_->runtime()));
      project.latency_budget_ms = estimates_->latencyBudgetMs();
      project.energy_budget_mj = estimates_->energyBudgetMj();
      applyProject(project, {});
    }
  } catch (const std::exception& error) {
    showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), QString::fromUtf8(error.what()));
    return false;
  }
  addRecentFile(path);
  statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
  return true;
}

void MainWindow::open() {
  if (!maybeSave()) return;
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open"), QSettings().value(QStringLiteral("lastDirectory")).toString(),
      tr("TinyForge projects and models (*.tfproj *.json *.tflite);;Projects (*.tfproj);;Graphs (*.json);;TFLite models (*.tflite)"));
  if (path.isEmpty()) return;
  QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
  openFile(path);
}

bool MainWindow::saveProjectTo(const QString& path) {
  try {
    ProjectData project = projectData();
    project.original_path.clear();
    saveProject(project, path);
  } catch (const std::exception& error) {
    showError(tr("Cannot save %1").arg(QFileInfo(path).fileName()), QString::fromUtf8(error.what()));
    return false;
  }
  current_path_ = path;
  search_->setProjectPath(path);
  document_->undoStack()->setClean();
  settings_dirty_ = false;
  autosave_->discard();
  addRecentFile(path);
  updateWindowTitle();
  statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
  return true;
}

bool MainWindow::save() { return current_path_.isEmpty() ? saveAs() : saveProjectTo(current_path_); }

bool MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save project"), current_path_,
                                              tr("TinyForge projects (*.tfproj)"));
  if (path.isEmpty()) return false;
  if (!path.endsWith(QStringLiteral(".tfproj"))) path += QStringLiteral(".tfproj");
  return saveProjectTo(path);
}

void MainWindow::exportGraphJson() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"), {}, tr("Graph JSON (*.json)"));
  if (path.isEmpty()) return;
  try {
    saveGraphJson(document_->graph(), path.toStdString());
  } catch (const std::exception& error) {
    showError(tr("Cannot export"), QString::fromUtf8(error.what()));
  }
}

bool MainWindow::isModified() const { return !document_->undoStack()->isClean() || settings_dirty_; }

void MainWindow::autosaveNow() {
  if (!isModified()) return;
  try {
    autosave_->write(projectData());
  } catch (const std::exception& error) {
    statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromUtf8(error.what())), 10000);
  }
}

bool MainWindow::restoreAutosave(const QString& autosave_path) {
  try {
    const ProjectData project = loadProject(autosave_path);
    applyProject(project, project.original_path);
    settings_dirty_ = true;  // recovered work is not saved yet
    updateWindowTitle();
  } catch (const std::exception& error) {
    showError(tr("Cannot recover"), QString::fromUtf8(error.what()));
    return false;
  }
  Autosave::removeOrphan(autosave_path);
  return true;
}

void MainWindow::offerRecovery() {
  const QStringList orphans = autosave_->orphans();
  for (const QString& orphan : orphans) {
    if (!options_.interactive) break;
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work"),
        tr("TinyForge ended without saving your work (autosaved %1). Recover it?")
            .arg(QFileInfo(orphan).lastModified().toString(Qt::TextDate)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
      restoreAutosave(orphan);
      return;
    }
    Autosave::removeOrphan(orphan);
  }
}

void MainWindow::showError(const QString& title, const QString& message) {
  last_error_ = message;
  statusBar()->showMessage(message, 10000);
  if (!options_.interactive) return;
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

bool MainWindow::maybeSave() {
  if (!isModified() || !options_.interactive) return true;
  const auto answer = QMessageBox::warning(this, tr("TinyForge"), tr("The project has unsaved changes. Save them?"),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
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

void MainWindow::updateWindowTitle() {
  const QString name = current_path_.isEmpty() ? QString::fromStdString(document_->graph().name)
                                               : QFileInfo(current_path_).fileName();
  setWindowTitle(tr("%1%2 \u2014 TinyForge Studio").arg(name, isModified() ? QStringLiteral(" *") : QString()));
}

void MainWindow::updateEstimateViews() {
  const Estimate* primary = estimates_->primary();
  layer_model_->setEstimate(primary);
  memory_map_->setPlan(primary, estimates_->primaryOtherPlan());
  const GraphAnalysis& analysis = document_->analysis();
  QString text;
  if (!analysis.ok() && !analysis.error.empty()) {
    text = tr("Shape error: %1").arg(QString::fromStdString(analysis.error));
  } else {
    text = tr("%1 layers, %2 MACs, %3 parameters")
               .arg(document_->graph().nodes.size())
               .arg(countText(analysis.total_macs), countText(analysis.total_params));
  }
  text += tr(" | estimate %1 ms").arg(estimates_->lastDurationMs(), 0, 'f', 2);
  status_figures_->setText(text);
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
  if (key == QLatin1String("notes")) index = tabs_->indexOf(notes_);
  bool ok = false;
  const int number = key.toInt(&ok);
  if (ok) index = number;
  if (index < 0 || index >= tabs_->count()) return false;
  tabs_->setCurrentIndex(index);
  return true;
}

void MainWindow::addRecentFile(const QString& path) {
  QSettings settings;
  QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), files);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recent_menu_->clear();
  const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& file : files) {
    recent_menu_->addAction(QFileInfo(file).fileName(), this, [this, file] {
      if (maybeSave()) openFile(file);
    })->setToolTip(file);
  }
  recent_menu_->setEnabled(!files.isEmpty());
}

void MainWindow::readSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1400, 900);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
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
