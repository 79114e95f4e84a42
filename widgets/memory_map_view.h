#pragma once
// The arena plan as a picture: operators left to right, arena offsets bottom to top, one
// rectangle per buffer over its lifetime. Hovering a buffer names its tensor, size and
// producer.

#include <QWidget>
#include <vector>

#include "core/estimate/estimate.h"

namespace tinyforge {

class MemoryMapView : public QWidget {
  Q_OBJECT

 public:
  explicit MemoryMapView(QWidget* parent = nullptr);
  void setPlan(const Estimate* estimate);  // nullptr clears
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
  QString title_;
};

}  // namespace tinyforge
