#pragma once
// The search's architecture probabilities as a heat map: one row per decision (a layer's
// width, a block's keep/skip), one cell per option, darker = more probable, the winning
// option outlined and named at the right. Shows at a glance which widths are winning and
// how sure the search is.

#include <QWidget>
#include <vector>

#include "core/nas/search_job.h"

namespace tinyforge {

class ProbabilityHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit ProbabilityHeatmap(QWidget* parent = nullptr);
  void setProbabilities(std::vector<DecisionProbabilities> rows, int epoch = -1);
  void clear();
  const std::vector<DecisionProbabilities>& rows() const { return rows_; }
  // The most probable option of each row ("" for an empty row).
  QStringList winners() const;
  QSize sizeHint() const override { return {420, 260}; }
  QSize minimumSizeHint() const override { return {240, 120}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRectF cellRect(int row, int option) const;
  std::vector<DecisionProbabilities> rows_;
  int epoch_ = -1;
};

}  // namespace tinyforge
