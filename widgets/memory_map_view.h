#pragma once
// The arena plan as a picture: operators left to right, arena offsets bottom to top, one
// rectangle per buffer over its lifetime. Hovering a buffer names its tensor, size and
// producer. The other planner's head (TFLM greedy vs the best planner) and the head's
// lower bound are dashed lines, and what reordering saved is said beside them.

#include <QWidget>
#include <vector>

#include "core/estimate/estimate.h"

namespace tinyforge {

class MemoryMapView : public QWidget {
  Q_OBJECT

 public:
  explicit MemoryMapView(QWidget* parent = nullptr);
  // nullptr clears; `other`: the same model with the other planner, for comparison.
  void setPlan(const Estimate* estimate, const Estimate* other = nullptr);
  const QString& comparison() const { return comparison_; }
  // The buffer drawn at `point` (widget coordinates), or -1.
  int bufferAt(QPoint point) const;
  QRectF bufferRect(int index) const;
  const std::vector<ArenaBuffer>& buffers() const { return buffers_; }
  QString describe(int index) const;
  QSize sizeHint() const override { return {700, 400}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRectF plotArea() const;

  std::vector<ArenaBuffer> buffers_;
  int op_count_ = 0;
  int64_t arena_bytes_ = 0;
  int64_t lower_bound_bytes_ = 0;
  int64_t other_head_bytes_ = 0;
  QString title_;
  QString comparison_;  // both planners' heads, the bound, what reordering saved
};

}  // namespace tinyforge
