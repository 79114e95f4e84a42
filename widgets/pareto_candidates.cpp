#include "widgets/pareto_candidates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/boards/board_library.h"
#include "core/graph/graph_json.h"

namespace tinyforge {
namespace {

using nlohmann::json;

// Table 4's KB: the .tflite sizes of the same models (e.g. AD-S 252,848 B = "253 KB")
// show the paper means 1000 bytes.
constexpr double kPaperKb = 1000.0;

QString taskOfDataset(const std::string& dataset) {
  if (dataset == "GSC") return QObject::tr("keyword spotting (GSC)");
  if (dataset == "VWW") return QObject::tr("visual wake words (VWW)");
  if (dataset == "MIMII") return QObject::tr("anomaly detection (MIMII)");
  return QString::fromStdString(dataset);
}

double numberOr(const json& object, const char* key, double fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string textOr(const json& object, const char* key, const std::string& fallback = {}) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// Search accuracies are stored as fractions (0..1); the chart shows percent.
double percent(double accuracy) { return accuracy < 0 ? kNoFigure : accuracy <= 1.0 ? accuracy * 100.0 : accuracy; }

}  // namespace

QString originName(CandidateOrigin origin) {
  switch (origin) {
    case CandidateOrigin::Published: return QObject::tr("published");
    case CandidateOrigin::Estimated: return QObject::tr("estimated");
    case CandidateOrigin::Search: return QObject::tr("search");
  }
  return {};
}

QString axisName(ParetoAxis axis) {
  switch (axis) {
    case ParetoAxis::Latency: return QObject::tr("Latency (ms)");
    case ParetoAxis::Sram: return QObject::tr("SRAM (KiB)");
    case ParetoAxis::Flash: return QObject::tr("Model Flash (KiB)");
    case ParetoAxis::Ops: return QObject::tr("Ops (M, 1 MAC = 2 ops)");
  }
  return {};
}

QString modelKey(const QString& name) {
  QString key;
  for (const QChar c : name) {
    if (c.isLetterOrNumber()) key += c.toLower();
  }
  return key;
}

double ParetoCandidate::figure(ParetoAxis axis, const QString& board) const {
  if (axis == ParetoAxis::Ops) return ops;
  const auto pick = [axis](const CandidateFigures& f) {
    switch (axis) {
      case ParetoAxis::Latency: return f.latency_ms;
      case ParetoAxis::Sram: return f.sram_bytes;
      case ParetoAxis::Flash: return f.flash_bytes;
      case ParetoAxis::Ops: break;
    }
    return kNoFigure;
  };
  const auto it = boards.find(board);
  if (it != boards.end()) {
    const double value = pick(*it);
    if (!std::isnan(value)) return value;
  }
  return pick(common);
}

std::optional<bool> ParetoCandidate::fits(const QString& board) const {
  const auto it = boards.find(board);
  if (it != boards.end() && it->fits) return it->fits;
  return common.fits;
}

std::vector<int> paretoFront(const std::vector<double>& x, const std::vector<double>& y) {
  const int n = static_cast<int>(std::min(x.size(), y.size()));
  std::vector<int> order;
  for (int i = 0; i < n; ++i) {
    if (!std::isnan(x[static_cast<size_t>(i)]) && !std::isnan(y[static_cast<size_t>(i)])) order.push_back(i);
  }
  // Sweep by x ascending (better y first among equal x): a point is on the front when its
  // y beats every y seen so far, or equals the best with the same x (duplicates stay).
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const auto ua = static_cast<size_t>(a), ub = static_cast<size_t>(b);
    if (x[ua] != x[ub]) return x[ua] < x[ub];
    if (y[ua] != y[ub]) return y[ua] > y[ub];
    return a < b;
  });
  std::vector<int> front;
  double best_y = -std::numeric_limits<double>::infinity();
  for (int i : order) {
    const auto u = static_cast<size_t>(i);
    if (y[u] > best_y) {
      front.push_back(i);
      best_y = y[u];
    } else if (y[u] == best_y && !front.empty() && x[static_cast<size_t>(front.back())] == x[u]) {
      front.push_back(i);
    }
  }
  return front;
}

ReferenceCandidates::ReferenceCandidates(QString table4, QString models_directory,
                                         std::shared_ptr<const BoardLibrary> boards, RuntimeKind runtime)
    : table4_(std::move(table4)), models_directory_(std::move(models_directory)), boards_(std::move(boards)),
      runtime_(runtime) {}

std::vector<ParetoCandidate> ReferenceCandidates::candidates() {
  error_.clear();
  std::vector<ParetoCandidate> out;
  json table;
  {
    QFile file(table4_);
    if (!file.open(QIODevice::ReadOnly)) {
      error_ = QObject::tr("%1: cannot open the published figures").arg(table4_);
      return out;
    }
    try {
      table = json::parse(file.readAll().toStdString());
    } catch (const std::exception& e) {
      error_ = QStringLiteral("%1: %2").arg(table4_, QString::fromUtf8(e.what()));
      return out;
    }
  }

  // The bundled graphs by model key, so that published rows can be opened and estimated.
  QHash<QString, QString> graph_files;
  const QDir dir(models_directory_);
  for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    try {
      const Graph graph = loadGraphJson(dir.filePath(file).toStdString());
      graph_files.insert(modelKey(QString::fromStdString(graph.name)), dir.filePath(file));
    } catch (const std::exception& e) {
      error_ = QString::fromUtf8(e.what());
    }
  }

  const json& models = table.contains("models") ? table["models"] : json::array();
  const json& measurements = table.contains("measurements") ? table["measurements"] : json::array();
  std::vector<std::string> paper_boards;
  if (table.contains("boards") && table["boards"].is_object()) {
    for (const auto& [letter, id] : table["boards"].items()) {
      if (id.is_string()) paper_boards.push_back(id.get<std::string>());
    }
  }

  for (const json& row : models) {
    if (!row.is_object()) continue;
    ParetoCandidate published;
    published.name = QString::fromStdString(textOr(row, "model"));
    published.task = taskOfDataset(textOr(row, "dataset"));
    published.origin = CandidateOrigin::Published;
    published.source = QObject::tr("MicroNets Table 4 (Banbury et al., MLSys 2021)");
    published.accuracy_percent = numberOr(row, "accuracy_percent", kNoFigure);
    published.accuracy_metric = QString::fromStdString(textOr(row, "accuracy_metric", "top-1"));
    const double mops = numberOr(row, "mops", kNoFigure);
    published.ops = mops * 1e6;
    published.common.sram_bytes = numberOr(row, "sram_kb", kNoFigure) * kPaperKb;
    published.common.flash_bytes = numberOr(row, "flash_kb", kNoFigure) * kPaperKb;
    const QString key = modelKey(published.name);
    published.graph_path = graph_files.value(key);
    // On the paper's boards a measured latency says it ran there; a '-' says it did not fit.
    for (const std::string& id : paper_boards) published.boards[QString::fromStdString(id)].fits = false;
    for (const json& m : measurements) {
      if (textOr(m, "model") != textOr(row, "model")) continue;
      CandidateFigures& f = published.boards[QString::fromStdString(textOr(m, "board"))];
      f.latency_ms = numberOr(m, "latency_ms", kNoFigure);
      f.latency_estimated = m.value("estimated", false);
      f.fits = !f.latency_estimated;
    }
    out.push_back(published);

#ifdef TINYFORGE_HAVE_ESTIMATOR
    if (published.graph_path.isEmpty() || !boards_) continue;
    try {
      const Graph graph = loadGraphJson(published.graph_path.toStdString());
      const ShapedGraph shaped = inferShapes(graph);
      Estimator estimator(boards_);
      ParetoCandidate estimated = published;
      estimated.origin = CandidateOrigin::Estimated;
      estimated.source = QObject::tr("TinyForge estimate (%1) of %2; accuracy as published")
                             .arg(QString::fromUtf8(toString(runtime_)), QFileInfo(published.graph_path).fileName());
      estimated.boards.clear();
      estimated.common = {};
      bool first = true;
      for (const Board& board : boards_->boards()) {
        const Estimate e = estimator.estimate(shaped, board.id, runtime_);
        if (first) {
          estimated.ops = 2.0 * static_cast<double>(e.total.macs);
          first = false;
        }
        CandidateFigures f;
        f.latency_ms = e.latency_ms;
        f.sram_bytes = static_cast<double>(e.memory.sram_bytes);
        f.flash_bytes = static_cast<double>(e.memory.model_flash_bytes);
        f.fits = e.fit.fits();
        estimated.boards.insert(QString::fromStdString(board.id), f);
      }
      out.push_back(estimated);
    } catch (const std::exception& e) {
      error_ = QStringLiteral("%1: %2").arg(published.graph_path, QString::fromUtf8(e.what()));
    }
#endif
  }
  return out;
}

std::vector<ParetoCandidate> ProjectSearchCandidates::candidates() {
  error_.clear();
  std::vector<ParetoCandidate> out;
  if (path_.isEmpty() || !QFileInfo::exists(path_)) return out;
  const QString connection = QUuid::createUuid().toString();
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path_);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
      error_ = QStringLiteral("%1: %2").arg(path_, db.lastError().text());
    } else {
      QSqlQuery query(db);
      // A project without searches has no such tables: nothing to show, not an error.
      const bool has_tables = db.tables().contains(QStringLiteral("candidates")) &&
                              db.tables().contains(QStringLiteral("search_runs"));
      if (has_tables &&
          !query.exec(QStringLiteral("SELECT c.id, r.name, c.epoch, c.kind, c.architecture, c.graph, c.val_accuracy, "
                                     "c.float_accuracy, c.int8_accuracy, c.costs, c.estimates FROM candidates c "
                                     "JOIN search_runs r ON r.id = c.run_id ORDER BY r.name, c.epoch, c.id"))) {
        error_ = QStringLiteral("%1: %2").arg(path_, query.lastError().text());
      }
      while (has_tables && query.isActive() && query.next()) {
        ParetoCandidate c;
        const QString run = query.value(1).toString();
        const int epoch = query.value(2).toInt();
        const QString kind = query.value(3).toString();
        // An evolution candidate's epoch column holds the generation it was first measured in.
        const QString architecture = query.value(4).toString();
        c.name = kind == QLatin1String("final")       ? QObject::tr("%1 (final)").arg(run)
                 : kind == QLatin1String("evolution") ? QObject::tr("%1 generation %2: %3").arg(run).arg(epoch).arg(architecture)
                                                      : QObject::tr("%1 epoch %2").arg(run).arg(epoch + 1);
        c.task = QObject::tr("search: %1").arg(run);
        c.origin = CandidateOrigin::Search;
        c.source = query.value(4).toString();
        c.graph_json = query.value(5).toString();
        // The int8 model's accuracy is what ships; before the end only the supernet's is known.
        const double int8 = query.value(8).isNull() ? -1 : query.value(8).toDouble();
        const double val = query.value(6).isNull() ? -1 : query.value(6).toDouble();
        c.accuracy_percent = percent(int8 >= 0 ? int8 : val);
        c.accuracy_metric = int8 >= 0 ? QObject::tr("int8 test") : QObject::tr("supernet validation");
        try {
          const std::string costs = query.value(9).toString().toStdString();
          if (!costs.empty()) c.ops = numberOr(json::parse(costs), "ops", kNoFigure);
          const std::string estimates = query.value(10).toString().toStdString();
          if (!estimates.empty()) {
            for (const json& e : json::parse(estimates)) {
              CandidateFigures f;
              f.latency_ms = numberOr(e, "latency_ms", kNoFigure);
              f.sram_bytes = numberOr(e, "sram_bytes", kNoFigure);
              f.flash_bytes = numberOr(e, "flash_bytes", kNoFigure);
              if (e.contains("fits") && e["fits"].is_boolean()) f.fits = e["fits"].get<bool>();
              c.boards.insert(QString::fromStdString(textOr(e, "board")), f);
            }
          }
        } catch (const std::exception& e) {
          error_ = QStringLiteral("%1: candidate %2: %3").arg(path_, query.value(0).toString(), QString::fromUtf8(e.what()));
        }
        out.push_back(std::move(c));
      }
    }
  }
  QSqlDatabase::removeDatabase(connection);
  return out;
}

}  // namespace tinyforge
