#pragma once
// The studio's main window: palette | tabs (canvas, layers, memory map, Pareto, search,
// explore, notes) | inspector, with the board dashboard below. Owns the document, the
// estimates and the project file. Split by concept:
//   main_window.cpp          the window: docks, tabs, views kept in step, closing
//   main_window_menus.cpp    menus and toolbar, clipboard, language, help
//   main_window_files.cpp    projects and models: new, open, save, autosave, recent files
//   window_geometry.h        keeping the window on the screen it is shown on

#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "widgets/project_lock.h"
#include "widgets/project_store.h"

class QAction;
class QDialog;
class QLabel;
class QMenu;
class QMessageBox;
class QPlainTextEdit;
class QScrollArea;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;

namespace tinyforge {

class Autosave;
class ElidedLabel;
class BoardDashboard;
class EstimateService;
class GraphDocument;
class GraphScene;
class GraphView;
class InspectorWidget;
class LayerTableModel;
class MemoryMapView;
class ExportDialog;
class PaletteWidget;
class ParetoView;
class PatchView;
class SearchPanel;
class ExploreView;
struct ParetoCandidate;

// What closing the window does while a search runs (asked when interactive).
enum class CloseDuringSearch {
  Stop,         // stop at the next step, keep the last epoch's checkpoint, close
  KeepRunning,  // hide the window, quit when the search has finished
  Cancel,       // do not close
};

struct MainWindowOptions {
  bool interactive = true;       // false: errors are recorded, not shown in message boxes
  CloseDuringSearch close_during_search = CloseDuringSearch::Stop;  // the answer when not interactive
  QString autosave_directory;    // empty: the per-user default
  int autosave_interval_ms = 30000;
  // Shrink the window to its screen's available area. Off for batch screenshots, which
  // render a window of a set size whatever the (offscreen) screen.
  bool keep_on_screen = true;
};

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  GraphDocument* document() const { return document_; }
  GraphScene* scene() const { return scene_; }
  GraphView* view() const { return view_; }
  PaletteWidget* palette() const { return palette_; }
  InspectorWidget* inspector() const { return inspector_; }
  BoardDashboard* dashboard() const { return dashboard_; }
  EstimateService* estimates() const { return estimates_; }
  LayerTableModel* layerModel() const { return layer_model_; }
  QTableView* layerTable() const { return layer_table_; }
  MemoryMapView* memoryMap() const { return memory_map_; }
  // Reloads its candidates (reference models, the project's searches) when shown.
  ParetoView* pareto() const { return pareto_; }
  PatchView* patches() const { return patches_; }
  QTabWidget* tabs() const { return tabs_; }
  SearchPanel* search() const { return search_; }
  ExploreView* explore() const { return explore_; }
  QToolBar* toolBar() const { return toolbar_; }
  ElidedLabel* statusFigures() const { return status_figures_; }
  void setCloseDuringSearch(CloseDuringSearch answer) { options_.close_during_search = answer; }
  Autosave* autosave() const { return autosave_.get(); }
  // The window's actions by name, for tests and keyboard users: "undo", "copy", "paste",
  // "reconnect", "user_guide", "shortcuts", "language:de", ...
  QAction* action(const QString& name) const;

  // Opens a project (.tfproj), a graph (.json) or a .tflite. On failure shows the error,
  // leaves the current document as it was and returns false.
  bool openFile(const QString& path);
  bool saveProjectTo(const QString& path);
  bool newFromTemplate(const QString& model_path);
  // The export dialog for the canvas's model and the dashboard's boards (non-modal; it
  // deletes itself when closed).
  ExportDialog* showExportDialog();
  // Opens a Pareto candidate on the canvas (its file, or the graph a search stored).
  bool openCandidate(const ParetoCandidate& candidate);
  void newProject();
  bool restoreAutosave(const QString& autosave_path);
  void autosaveNow();
  // Offers the work of a crashed session back (interactive only).
  void offerRecovery();

  // Help: the user guide (docs/studio.md, built in) and the keyboard shortcuts of every
  // action. Non-modal; they delete themselves when closed.
  QDialog* showUserGuide();
  QDialog* showShortcuts();
  // The interface language ("de", "zh_CN", "en"; "" = the system's). It is read when the
  // studio starts, so the user is asked whether to restart now; the question is returned
  // (non-modal) and is also shown when not interactive, for tests.
  QMessageBox* chooseLanguage(const QString& code);
  // Starts a new studio on the same project (saved first if the user agrees) and closes
  // this one. False when the user cancels saving or the new process cannot start.
  bool restartStudio();

  ProjectData projectData() const;
  const QString& currentPath() const { return current_path_; }
  // The lock this studio holds on its project file (null: none, e.g. an unsaved graph).
  const ProjectLock* projectLock() const { return project_lock_.get(); }
  const QString& lastError() const { return last_error_; }
  // The last notice opening a file gave (an interrupted save rolled back, a stale lock).
  const QString& lastNotice() const { return last_notice_; }
  bool isModified() const;
  // "canvas", "layers", "memory", "pareto", "search", "explore", "notes" (or the tab's index as text).
  bool showTab(const QString& tab);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private Q_SLOTS:
  void open();
  bool save();
  bool saveAs();
  void exportGraphJson();
  void showNewFromTemplateDialog();
  void updateWindowTitle();
  void updateEstimateViews();
  void refreshPareto();

 private:
  void createActions();
  void createDocks();
  // Palette as wide as its entries, inspector as its form, dashboard as its rows.
  void fitDocksToContent();
  QAction* addNamedAction(const QString& name, QAction* action);
  void copySelection();
  void cutSelection();
  void pasteClipboard();
  void applyProject(const ProjectData& project, const QString& path);
  void showError(const QString& title, const QString& message);
  CloseDuringSearch askAboutRunningSearch();
  bool maybeSave();
  void addRecentFile(const QString& path);
  void rebuildRecentMenu();
  void readSettings();
  void writeSettings();
  QPointF viewCenter() const;

  MainWindowOptions options_;
  GraphDocument* document_ = nullptr;
  GraphScene* scene_ = nullptr;
  GraphView* view_ = nullptr;
  PaletteWidget* palette_ = nullptr;
  InspectorWidget* inspector_ = nullptr;
  EstimateService* estimates_ = nullptr;
  BoardDashboard* dashboard_ = nullptr;
  LayerTableModel* layer_model_ = nullptr;
  QSortFilterProxyModel* layer_proxy_ = nullptr;
  QTableView* layer_table_ = nullptr;
  MemoryMapView* memory_map_ = nullptr;
  QScrollArea* memory_map_scroll_ = nullptr;
  ParetoView* pareto_ = nullptr;
  PatchView* patches_ = nullptr;
  bool pareto_stale_ = true;
  SearchPanel* search_ = nullptr;
  ExploreView* explore_ = nullptr;
  bool quit_when_search_ends_ = false;
  QPlainTextEdit* notes_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QToolBar* toolbar_ = nullptr;
  ElidedLabel* status_figures_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QMenu* view_menu_ = nullptr;
  QHash<QString, QAction*> actions_;
  QTimer* autosave_timer_ = nullptr;
  std::unique_ptr<Autosave> autosave_;
  bool settings_dirty_ = false;
  bool shown_once_ = false;
  QString current_path_;
  QString last_notice_;
  std::unique_ptr<ProjectLock> project_lock_;  // the lock on current_path_ (widgets/project_lock.h)
  QString opened_path_;  // the project, graph or .tflite last opened (reopened by a restart)
  QString last_error_;
};

}  // namespace tinyforge
