#include "widgets/estimate_service.h"

#include <QElapsedTimer>

#include "widgets/graph_document.h"

namespace tinyforge {

EstimateService::EstimateService(GraphDocument* document, std::shared_ptr<BoardLibrary> boards, QObject* parent)
    : QObject(parent), document_(document) {
  if (boards) bundled_ = *boards;
  rebuildLibrary();
  connect(document_, &GraphDocument::graphChanged, this, &EstimateService::recompute);
}

EstimateService::~EstimateService() = default;

void EstimateService::rebuildLibrary() {
  auto library = std::make_shared<BoardLibrary>(bundled_);
  for (const Board& board : custom_boards_) library->add(board);
  boards_ = std::move(library);
#ifdef TINYFORGE_HAVE_ESTIMATOR
  EstimatorSettings settings;
  // Every runtime takes either planner (TFLM through the plan shipped in the .tflite, the
  // generated C in its own arena); the other one is estimated too, for the comparison.
  settings.planner = planner_;
  settings.reorder = reorder_;
  settings.patches = patches_;
  estimator_ = std::make_shared<Estimator>(boards_, settings);
  settings.planner = settings.planner == MemoryPlanner::Best ? MemoryPlanner::Greedy : MemoryPlanner::Best;
  other_estimator_ = std::make_shared<Estimator>(boards_, settings);
#endif
}

void EstimateService::addBoard(const Board& board) {
  std::erase_if(custom_boards_, [&](const Board& b) { return b.id == board.id; });
  custom_boards_.push_back(board);
  rebuildLibrary();
  Q_EMIT settingsChanged();
  recompute();
}

bool EstimateService::removeBoard(const QString& id) {
  const std::string key = id.toStdString();
  if (std::erase_if(custom_boards_, [&](const Board& b) { return b.id == key; }) == 0) return false;
  rebuildLibrary();
  // A board no longer in the library cannot stay chosen (a bundled one of the same id can).
  if (!boards_->find(key)) chosen_.removeAll(id);
  Q_EMIT settingsChanged();
  recompute();
  return true;
}

const Board* EstimateService::customBoard(const QString& id) const {
  for (const Board& board : custom_boards_)
    if (QString::fromStdString(board.id) == id) return &board;
  return nullptr;
}

void EstimateService::setCustomBoards(const std::vector<Board>& boards) {
  custom_boards_ = boards;
  rebuildLibrary();
  recompute();
}

void EstimateService::setChosenBoards(const QStringList& ids) {
  if (ids == chosen_) return;
  chosen_ = ids;
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setRuntime(RuntimeKind runtime) {
  if (runtime == runtime_) return;
  runtime_ = runtime;
  rebuildLibrary();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setPlanner(MemoryPlanner planner) {
  if (planner == planner_) return;
  planner_ = planner;
  rebuildLibrary();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setPatches(const PatchRequest& patches) {
  if (patches.mode == patches_.mode && patches.layer == patches_.layer && patches.rows == patches_.rows &&
      patches.cols == patches_.cols && patches.max_extra_macs_percent == patches_.max_extra_macs_percent)
    return;
  patches_ = patches;
  rebuildLibrary();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setReorder(bool reorder) {
  if (reorder == reorder_) return;
  reorder_ = reorder;
  rebuildLibrary();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setLatencyBudgetMs(double ms) {
  if (!(ms > 0)) ms = 0;
  if (ms == latency_budget_ms_) return;
  latency_budget_ms_ = ms;
  Q_EMIT settingsChanged();
  Q_EMIT estimatesChanged();
}

void EstimateService::setEnergyBudgetMj(double mj) {
  if (!(mj > 0)) mj = 0;
  if (mj == energy_budget_mj_) return;
  energy_budget_mj_ = mj;
  Q_EMIT settingsChanged();
  Q_EMIT estimatesChanged();
}

const Estimate* EstimateService::primary() const {
  if (results_.empty() || !results_.front().estimate) return nullptr;
  return &*results_.front().estimate;
}

void EstimateService::recompute() {
  QElapsedTimer timer;
  timer.start();
  results_.clear();
  other_plan_.reset();
  const GraphAnalysis& analysis = document_->analysis();
  for (const QString& id : chosen_) {
    BoardEstimate row;
    row.board_id = id;
    if (!analysis.ok()) {
      row.error = analysis.error.empty() ? tr("No layers yet: drag layers from the palette and connect them to the input.")
                                         : QString::fromStdString(analysis.error);
    } else if (!analysis.hasLayers()) {
      // An input alone runs nothing: "0.00 ms" would be a figure of no model at all.
      row.error = tr("No layers yet: drag layers from the palette and connect them to the input.");
    } else {
      try {
        // The document's shape inference is reused: one inference per edit, whatever the boards.
#ifdef TINYFORGE_HAVE_ESTIMATOR
        row.estimate = estimator_->estimate(*analysis.shaped, id.toStdString(), runtime_);
        row.estimate->model = document_->graph().name;
        if (results_.empty() && other_estimator_) {
          try {
            other_plan_ = other_estimator_->estimate(*analysis.shaped, id.toStdString(), runtime_);
          } catch (const std::exception&) {
            other_plan_.reset();  // only a comparison: the model's own estimate stands (e.g. a stale offline plan)
          }
        }
#else
        row.error = tr("This build has no estimator.");
#endif
      } catch (const std::exception& error) {
        row.error = QString::fromUtf8(error.what());
      }
    }
    results_.push_back(std::move(row));
  }
  last_duration_ms_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  Q_EMIT estimatesChanged();
}

}  // namespace tinyforge
