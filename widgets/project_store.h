#pragma once
// A project is one SQLite file: the graph (every save adds a revision, so the history is
// kept), its canvas layout, the chosen boards and runtime, the project's own boards and
// notes. Saving is one transaction; loading opens the file read-only, so opening a
// damaged or foreign file can never change it.

#include <QString>
#include <QStringList>
#include <stdexcept>
#include <vector>

#include "core/boards/board.h"
#include "core/graph/graph.h"
#include "widgets/graph_document.h"

namespace tinyforge {

class ProjectError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProjectData {
  Graph graph;
  NodePositions positions;
  QStringList boards;          // chosen board ids, dashboard order
  QString runtime = QStringLiteral("tflm-cmsis");
  double latency_budget_ms = 0;  // 0: no budget (the user has not set one)
  double energy_budget_mj = 0;
  // Patch-based inference for the tinyforge-c estimates (the Patches tab): "none", "auto" or
  // "LAYER:ROWSxCOLS" (core/runtime/patch_request.h), and auto's MAC limit in percent.
  QString patches = QStringLiteral("none");
  double patch_mac_limit_percent = 20;
  std::vector<Board> custom_boards;
  QString notes;
  QString original_path;       // for autosaves: the project the autosave belongs to
  // Set by loadProject when the file's last save had been interrupted (a killed studio, a
  // full disk, a power cut) and was rolled back: what the user should be told. Not saved.
  QString recovery_note;
};

inline constexpr const char* kProjectFormat = "tinyforge-project";
inline constexpr int kProjectVersion = 1;
inline constexpr const char* kProjectSuffix = "tfproj";

// Throws ProjectError naming the file and what is wrong with it. A save that was interrupted
// leaves SQLite's rollback journal ("<file>-journal") beside the file; loading then rolls it
// back first (the file returns to its last complete save) and says so in recovery_note.
ProjectData loadProject(const QString& path);
void saveProject(const ProjectData& project, const QString& path);
// Number of saved graph revisions in a project file (0 if none).
int projectRevisionCount(const QString& path);

}  // namespace tinyforge
