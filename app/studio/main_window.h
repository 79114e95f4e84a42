#pragma once
// The studio's main window: palette | canvas (tabs: canvas, layers, memory map) | inspector,
// with the board dashboard below. Owns the document, the estimates and the project file.

#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "widgets/project_store.h"

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace tinyforge {

class Autosave;
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
};

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  GraphDocument* document() const { return document_; }
  GraphScene* scene() const { return scene_; }
  GraphView* view() const { return view_; }
  InspectorWidget* inspector() const { return inspector_; }
  BoardDashboard* dashboard() const { return dashboard_; }
  EstimateService* estimates() const { return estimates_; }
  LayerTableModel* layerModel() const { return layer_model_; }
  QTableView* layerTable() const { return layer_table_; }
  MemoryMapView* memoryMap() const { return memory_map_; }
  // Reloads its candidates (reference models, the project's searches) when shown.
  ParetoView* pareto() const { return pareto_; }
  QTabWidget* tabs() const { return tabs_; }
  SearchPanel* search() const { return search_; }
  ExploreView* explore() const { return explore_; }
  void setCloseDuringSearch(CloseDuringSearch answer) { options_.close_during_search = answer; }
  Autosave* autosave() const { return autosave_.get(); }

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

  ProjectData projectData() const;
  const QString& currentPath() const { return current_path_; }
  const QString& lastError() const { return last_error_; }
  bool isModified() const;
  // "canvas", "layers", "memory", "pareto", "search", "explore", "notes" (or the tab's index as text).
  bool showTab(const QString& tab);

 protected:
  void closeEvent(QCloseEvent* event) override;

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
  ParetoView* pareto_ = nullptr;
  bool pareto_stale_ = true;
  SearchPanel* search_ = nullptr;
  ExploreView* explore_ = nullptr;
  bool quit_when_search_ends_ = false;
  QPlainTextEdit* notes_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QLabel* status_figures_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QMenu* view_menu_ = nullptr;
  QTimer* autosave_timer_ = nullptr;
  std::unique_ptr<Autosave> autosave_;
  bool settings_dirty_ = false;
  QString current_path_;
  QString last_error_;
};

}  // namespace tinyforge
