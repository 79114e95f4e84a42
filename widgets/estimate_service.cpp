#include "widgets/estimate_service.h"

#include <QElapsedTimer>

#include "widgets/graph_document.h"

namespace tinyforge {

EstimateService::EstimateService(GraphDocument* document, std::shared_ptr<BoardLibrary> boards, QObject* parent)
    : QObject(parent), document_(document), boards_(std::move(boards)) {
  if (!boards_) boards_ = std::make_shared<BoardLibrary>();
  rebuildEstimator();
  connect(document_, &GraphDocument::graphChanged, this, &EstimateService::recompute);
}

EstimateService::~EstimateService() = default;

void EstimateService::rebuildEstimator() {
#ifdef TINYFORGE_HAVE_ESTIMATOR
  EstimatorSettings settings;
  // Every runtime takes either planner (TFLM through the plan shipped in the .tflite, the
  // generated C in its own arena); the other one is estimated too, for the comparison.
  settings.planner = planner_;
  settings.reorder = reorder_;
  estimator_ = std::make_shared<Estimator>(boards_, settings);
  settings.planner = settings.planner == MemoryPlanner::Best ? MemoryPlanner::Greedy : MemoryPlanner::Best;
  other_estimator_ = std::make_shared<Estimator>(boards_, settings);
#endif
}

void EstimateService::addBoard(const Board& board) {
  std::erase_if(custom_boards_, [&](const Board& b) { return b.id == board.id; });
  custom_boards_.push_back(board);
  boards_->add(board);
  rebuildEstimator();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setCustomBoards(const std::vector<Board>& boards) {
  custom_boards_.clear();
  for (const Board& board : boards) {
    custom_boards_.push_back(board);
    boards_->add(board);
  }
  rebuildEstimator();
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
  rebuildEstimator();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setPlanner(MemoryPlanner planner) {
  if (planner == planner_) return;
  planner_ = planner;
  rebuildEstimator();
  Q_EMIT settingsChanged();
  recompute();
}

void EstimateService::setReorder(bool reorder) {
  if (reorder == reorder_) return;
  reorder_ = reorder;
  rebuildEstimator();
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
      row.error = analysis.error.empty() ? tr("The model is empty.") : QString::fromStdString(analysis.error);
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
