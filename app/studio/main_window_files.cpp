// Projects and models: new, open (project, graph JSON, .tflite, a Pareto candidate), save,
// export, autosave and crash recovery, recent files.

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>

#include "app/studio/autosave.h"
#include "app/studio/main_window.h"
#include "app/studio/new_from_template_dialog.h"
#include "core/graph/graph_json.h"
#include "widgets/estimate_service.h"
#include "widgets/export_dialog.h"
#include "widgets/graph_document.h"
#include "widgets/graph_view.h"
#include "widgets/inspector_widget.h"
#include "widgets/pareto_candidates.h"
#include "widgets/pareto_view.h"
#include "widgets/search_panel.h"
#ifdef TINYFORGE_HAVE_TFLITE
#include "core/tflite/tflite_reader.h"
#endif

namespace tinyforge {
namespace {

constexpr int kMaxRecentFiles = 8;

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

void MainWindow::newProject() {
  opened_path_.clear();
  project_lock_.reset();
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

void MainWindow::showNewFromTemplateDialog() {
  if (!maybeSave()) return;
  NewFromTemplateDialog dialog(resourcesDirectory() + QStringLiteral("/models"), this);
  if (dialog.exec() == QDialog::Accepted && !dialog.selectedPath().isEmpty()) newFromTemplate(dialog.selectedPath());
}

ExportDialog* MainWindow::showExportDialog() {
  auto* dialog = new ExportDialog(document_->graph(), estimates_->sharedBoards(), estimates_->chosenBoards(),
                                  estimates_->runtime(), this);
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

void MainWindow::applyProject(const ProjectData& project, const QString& path) {
  if (project_lock_ && project_lock_->projectPath() != path) project_lock_.reset();  // another file now
  {
    const QSignalBlocker block_estimates(estimates_);
    estimates_->setCustomBoards(project.custom_boards);
    estimates_->setChosenBoards(project.boards);
    if (auto runtime = runtimeFromString(project.runtime.toStdString())) estimates_->setRuntime(*runtime);
    estimates_->setLatencyBudgetMs(project.latency_budget_ms);
    estimates_->setEnergyBudgetMj(project.energy_budget_mj);
    PatchRequest patches;
    try {
      patches = parsePatchRequest(project.patches.toStdString());
    } catch (const PatchError&) {
      patches = PatchRequest{};  // a hand-edited value this version cannot read: none
    }
    patches.max_extra_macs_percent = project.patch_mac_limit_percent;
    estimates_->setPatches(patches);
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
  // Fitted now, and again once the view has its final size (before the window is shown
  // it does not).
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
  project.patches = QString::fromStdString(patchRequestText(estimates_->patches()));
  project.patch_mac_limit_percent = estimates_->patches().max_extra_macs_percent;
  project.custom_boards = estimates_->customBoards();
  project.notes = notes_->toPlainText();
  project.original_path = current_path_;
  return project;
}

bool MainWindow::openFile(const QString& path) {
  const bool is_project = path.endsWith(QLatin1Char('.') + QLatin1String(kProjectSuffix), Qt::CaseInsensitive);
  QString note;  // what opening found (an interrupted save, a stale lock), for the status line
  try {
    if (is_project) {
      // Another studio saving the same file would overwrite this one's work (and the other way).
      auto lock = project_lock_ && project_lock_->projectPath() == path ? std::move(project_lock_)
                                                                         : std::make_unique<ProjectLock>(path);
      if (!lock->acquire()) {
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), lock->message());
        return false;
      }
      const ProjectData project = loadProject(path);
      applyProject(project, path);
      project_lock_ = std::move(lock);
      note = project.recovery_note;
      if (!project_lock_->message().isEmpty()) note += (note.isEmpty() ? QString() : QStringLiteral(" ")) + project_lock_->message();
    } else {
      project_lock_.reset();
      ProjectData project;
      project.graph = loadModel(path);
      project.boards = estimates_->chosenBoards();
      project.runtime = QString::fromUtf8(toString(estimates_->runtime()));
      project.latency_budget_ms = estimates_->latencyBudgetMs();
      project.energy_budget_mj = estimates_->energyBudgetMj();
      // Auto carries over to another model; a split layer of the previous one does not.
      if (estimates_->patches().mode == PatchRequest::Mode::Auto) project.patches = QStringLiteral("auto");
      project.patch_mac_limit_percent = estimates_->patches().max_extra_macs_percent;
      project.custom_boards = estimates_->customBoards();
      applyProject(project, {});
    }
  } catch (const std::exception& error) {
    showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), QString::fromUtf8(error.what()));
    return false;
  }
  addRecentFile(path);
  opened_path_ = QFileInfo(path).absoluteFilePath();
  if (!note.isEmpty()) {
    last_notice_ = note;
    statusBar()->showMessage(note, 20000);
    if (options_.interactive) QMessageBox::information(this, tr("TinyForge"), note);
  } else {
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
  }
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
  if (!project_lock_ || project_lock_->projectPath() != path) {
    auto lock = std::make_unique<ProjectLock>(path);
    if (!lock->acquire()) {
      showError(tr("Cannot save %1").arg(QFileInfo(path).fileName()), lock->message());
      return false;
    }
    project_lock_ = std::move(lock);
  }
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

bool MainWindow::maybeSave() {
  if (!isModified() || !options_.interactive) return true;
  const auto answer = QMessageBox::warning(this, tr("TinyForge"), tr("The project has unsaved changes. Save them?"),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

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
  if (const int unfinished = autosave_->removeUnfinishedWrites(); unfinished > 0)
    statusBar()->showMessage(tr("Removed %n unfinished autosave(s) of a TinyForge that was stopped while autosaving; "
                                "its last complete autosave, if any, is offered below.", nullptr, unfinished), 15000);
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

}  // namespace tinyforge
