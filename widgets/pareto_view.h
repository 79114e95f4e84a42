#pragma once
// The Pareto explorer: accuracy against latency, SRAM, Flash or ops on one board, for the
// candidates of one task (published reference models, our estimates of the same graphs,
// search candidates), with the Pareto front drawn. Hovering a point shows its figures;
// clicking it asks for the model to be opened on the canvas.

#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "widgets/pareto_candidates.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QChart;
class QChartView;
class QValueAxis;

namespace tinyforge {

class ParetoView : public QWidget {
  Q_OBJECT

 public:
  explicit ParetoView(QWidget* parent = nullptr);
  ~ParetoView() override;

  void setProviders(std::vector<std::shared_ptr<CandidateProvider>> providers);
  // Boards the user can pick: ids with their labels.
  void setBoards(const QStringList& ids, const QStringList& labels);

  void setBoard(const QString& id);
  QString board() const;
  void setAxis(ParetoAxis axis);
  ParetoAxis axis() const;
  void setTask(const QString& task);
  QString task() const;
  QStringList tasks() const;
  void setFitsOnly(bool on);

  const std::vector<ParetoCandidate>& candidates() const { return candidates_; }
  const std::vector<int>& shown() const { return shown_; }  // candidate indices with a point
  const std::vector<int>& front() const { return front_; }  // on the front, by x
  QString describe(int index) const;                        // the hover text
  QString lastHover() const { return last_hover_; }
  QChartView* chartView() const { return view_; }
  // Where candidate `index` is drawn, in the chart view's viewport coordinates.
  QPoint viewportPosition(int index) const;
  // The drawn candidate nearest `viewport_point` within `radius_px`, or -1.
  int candidateNear(QPoint viewport_point, int radius_px) const;
  QChart* chart() const { return chart_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 public Q_SLOTS:
  void reload();  // asks the providers again

 Q_SIGNALS:
  void candidateActivated(const tinyforge::ParetoCandidate& candidate);

 private:
  void rebuildTasks();
  void rebuildChart();
  int candidateAt(QScatterSeries* series, QPointF point) const;
  double xValue(int index) const;  // in the axis's display unit

  std::vector<std::shared_ptr<CandidateProvider>> providers_;
  std::vector<ParetoCandidate> candidates_;
  std::vector<int> shown_;
  std::vector<int> front_;
  QComboBox* axis_ = nullptr;
  QComboBox* board_ = nullptr;
  QComboBox* task_ = nullptr;
  QCheckBox* fits_only_ = nullptr;
  QLabel* summary_ = nullptr;
  QChart* chart_ = nullptr;
  QChartView* view_ = nullptr;
  QValueAxis* x_axis_ = nullptr;
  QValueAxis* y_axis_ = nullptr;
  QLineSeries* front_series_ = nullptr;
  std::vector<QScatterSeries*> series_;                 // one per origin
  std::vector<std::vector<int>> series_candidates_;     // point index -> candidate index
  QString last_hover_;
};

}  // namespace tinyforge
