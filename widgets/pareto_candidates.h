#pragma once
// What the Pareto explorer plots: candidates (a model with its accuracy and its figures per
// board) from providers, and the Pareto front over them.
//
// Providers:
//  - ReferenceCandidates: the bundled reference models twice over, once with the figures
//    MicroNets published (Table 4, resources/latency/micronets_table4.json: accuracy,
//    .tflite Flash, SRAM, Mops, latency on its three boards) and once with our estimates
//    for the same graphs on every board (accuracy is the paper's: we do not train them).
//  - ProjectSearchCandidates: every candidate of every search run stored in a project
//    file (the `search_runs` and `candidates` tables that core/nas's SearchStore writes;
//    read here with QtSql so the studio does not need the search engine to show them).
// Anything else (a live search, a file of measurements) implements CandidateProvider.

#include <QHash>
#include <QString>
#include <QStringList>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "core/estimate/estimate.h"

namespace tinyforge {

class BoardLibrary;

enum class CandidateOrigin { Published, Estimated, Search };
QString originName(CandidateOrigin origin);  // "published", "estimated", "search"

// The figures of a candidate the x axis can show. Ops do not depend on the board.
enum class ParetoAxis { Latency, Sram, Flash, Ops };
QString axisName(ParetoAxis axis);  // with its unit: "Latency (ms)"

inline constexpr double kNoFigure = std::numeric_limits<double>::quiet_NaN();

struct CandidateFigures {
  double latency_ms = kNoFigure;
  double sram_bytes = kNoFigure;
  double flash_bytes = kNoFigure;  // the model as stored (.tflite), without the runtime's code
  std::optional<bool> fits;        // empty: not known for this board
  bool latency_estimated = false;  // the source marks the latency as estimated, not measured
};

struct ParetoCandidate {
  QString name;
  QString task;  // what the accuracy is about: "keyword spotting (GSC)", or the search run
  CandidateOrigin origin = CandidateOrigin::Estimated;
  QString source;       // where the figures come from, shown on hover
  QString graph_path;   // opens on the canvas...
  QString graph_json;   // ...or the graph itself (search candidates)
  double accuracy_percent = kNoFigure;
  QString accuracy_metric = QStringLiteral("top-1");  // "top-1", "AUC"
  double ops = kNoFigure;      // 1 MAC = 2 ops
  CandidateFigures common;     // figures that do not depend on the board
  QHash<QString, CandidateFigures> boards;  // by board id; overrides `common` where set

  // The figure on `axis` for `board`, NaN when unknown.
  double figure(ParetoAxis axis, const QString& board) const;
  std::optional<bool> fits(const QString& board) const;
  bool canOpen() const { return !graph_path.isEmpty() || !graph_json.isEmpty(); }
};

class CandidateProvider {
 public:
  virtual ~CandidateProvider() = default;
  virtual std::vector<ParetoCandidate> candidates() = 0;
};

// Indices of the points on the front when x is minimized and y maximized: no other point
// is at least as good on both and better on one. Points with a NaN coordinate are never
// on it. Sorted by x.
std::vector<int> paretoFront(const std::vector<double>& x, const std::vector<double>& y);

class ReferenceCandidates : public CandidateProvider {
 public:
  // `table4`: the MicroNets Table 4 file; `models_directory`: resources/models.
  ReferenceCandidates(QString table4, QString models_directory, std::shared_ptr<const BoardLibrary> boards,
                      RuntimeKind runtime);
  std::vector<ParetoCandidate> candidates() override;
  const QString& error() const { return error_; }  // the last problem reading the files

 private:
  QString table4_;
  QString models_directory_;
  std::shared_ptr<const BoardLibrary> boards_;
  RuntimeKind runtime_;
  QString error_;
};

class ProjectSearchCandidates : public CandidateProvider {
 public:
  explicit ProjectSearchCandidates(QString project_path) : path_(std::move(project_path)) {}
  std::vector<ParetoCandidate> candidates() override;  // none when the project has no searches
  const QString& error() const { return error_; }

 private:
  QString path_;
  QString error_;
};

// "DS-CNN-S" and "DSCNN-S" are the same model: letters and digits, lower case.
QString modelKey(const QString& name);

}  // namespace tinyforge
