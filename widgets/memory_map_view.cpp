#include "widgets/memory_map_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include "widgets/units_text.h"

namespace tinyforge {

MemoryMapView::MemoryMapView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumSize(300, 200);
}

void MemoryMapView::setPlan(const Estimate* estimate, const Estimate* other) {
  buffers_.clear();
  op_count_ = 0;
  arena_bytes_ = 0;
  lower_bound_bytes_ = 0;
  other_head_bytes_ = 0;
  title_.clear();
  comparison_.clear();
  if (estimate) {
    buffers_ = estimate->arena;
    for (const ArenaBuffer& b : buffers_) {
      op_count_ = std::max(op_count_, b.last_op + 1);
      arena_bytes_ = std::max(arena_bytes_, b.offset_bytes + b.size_bytes);
    }
    lower_bound_bytes_ = estimate->memory.lower_bound_bytes;
    title_ = tr("Arena plan on %1 (%2): head %3, lower bound %4")
                 .arg(QString::fromStdString(estimate->board_id), QString::fromUtf8(toString(estimate->runtime)),
                      bytesText(arena_bytes_), bytesText(lower_bound_bytes_));
    auto plannerName = [](const Estimate& e) {
      return e.offline_plan ? tr("best planner") : e.planner == MemoryPlanner::Best ? tr("best planner (= TFLM's)")
                                                                                     : tr("TFLM greedy");
    };
    if (estimate->memory.head_lower_bound_bytes > 0) {
      comparison_ = tr("%1: head %2").arg(plannerName(*estimate), bytesText(estimate->memory.head_bytes));
      if (other) {
        other_head_bytes_ = other->memory.head_bytes;
        comparison_ += tr("; %1: %2").arg(plannerName(*other), bytesText(other_head_bytes_));
      }
      comparison_ += tr("; bound %1").arg(bytesText(estimate->memory.head_lower_bound_bytes));
    }
    if (estimate->reorder.changed)
      comparison_ += tr("; reordering saves %1 (peak %2 \u2192 %3)")
                         .arg(bytesText(estimate->reorder.saved_bytes()), bytesText(estimate->reorder.original_peak_bytes),
                              bytesText(estimate->reorder.peak_bytes));
    else if (estimate->reorder.searched)
      comparison_ += tr("; no operator order has a smaller peak");
  }
  update();
}

QRectF MemoryMapView::plotArea() const { return QRectF(70, 44, std::max(10, width() - 90), std::max(10, height() - 76)); }

QRectF MemoryMapView::bufferRect(int index) const {
  if (index < 0 || index >= static_cast<int>(buffers_.size()) || op_count_ == 0 || arena_bytes_ == 0) return {};
  const ArenaBuffer& b = buffers_[static_cast<size_t>(index)];
  const QRectF area = plotArea();
  const double x_step = area.width() / op_count_;
  const double y_scale = area.height() / static_cast<double>(arena_bytes_);
  const double top = area.bottom() - static_cast<double>(b.offset_bytes + b.size_bytes) * y_scale;
  return QRectF(area.left() + b.first_op * x_step, top, (b.last_op - b.first_op + 1) * x_step,
                std::max(1.0, static_cast<double>(b.size_bytes) * y_scale));
}

int MemoryMapView::bufferAt(QPoint point) const {
  for (int i = static_cast<int>(buffers_.size()) - 1; i >= 0; --i) {
    if (bufferRect(i).contains(point)) return i;
  }
  return -1;
}

QString MemoryMapView::describe(int index) const {
  if (index < 0 || index >= static_cast<int>(buffers_.size())) return {};
  const ArenaBuffer& b = buffers_[static_cast<size_t>(index)];
  return tr("%1\nsize %2 at offset %3\nproduced by %4\nlive from operator %5 to %6")
      .arg(QString::fromStdString(b.name), bytesText(b.size_bytes), QString::number(b.offset_bytes),
           b.producer.empty() ? tr("(graph input)") : QString::fromStdString(b.producer))
      .arg(b.first_op)
      .arg(b.last_op);
}

bool MemoryMapView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = bufferAt(help->pos());
    if (index >= 0) {
      QToolTip::showText(help->globalPos(), describe(index), this);
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

void MemoryMapView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  const QRectF area = plotArea();
  painter.setPen(Qt::black);
  if (buffers_.empty()) {
    painter.drawText(rect(), Qt::AlignCenter, tr("No arena plan: choose a board and draw a valid model."));
    return;
  }
  painter.drawText(QRectF(8, 4, width() - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, title_);
  painter.drawText(QRectF(8, 22, width() - 16, 18), Qt::AlignLeft | Qt::AlignVCenter, comparison_);
  painter.setPen(QColor(0xc0, 0xc4, 0xca));
  painter.drawRect(area);
  // Axes: arena offsets on the left, operator indices below.
  QFont small = painter.font();
  small.setPointSizeF(7.5);
  painter.setFont(small);
  painter.setPen(QColor(0x55, 0x55, 0x55));
  for (int tick = 0; tick <= 4; ++tick) {
    const double y = area.bottom() - area.height() * tick / 4.0;
    painter.drawText(QRectF(0, y - 8, area.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                     bytesText(arena_bytes_ * tick / 4));
  }
  const int label_every = std::max(1, op_count_ / 20);
  for (int op = 0; op < op_count_; op += label_every) {
    const double x = area.left() + (op + 0.5) * area.width() / op_count_;
    painter.drawText(QRectF(x - 15, area.bottom() + 2, 30, 14), Qt::AlignCenter, QString::number(op));
  }
  painter.drawText(QRectF(area.left(), area.bottom() + 16, area.width(), 14), Qt::AlignCenter, tr("operator"));
  // Lower bound line.
  if (lower_bound_bytes_ > 0 && lower_bound_bytes_ <= arena_bytes_) {
    const double y = area.bottom() - area.height() * static_cast<double>(lower_bound_bytes_) / static_cast<double>(arena_bytes_);
    painter.setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1, Qt::DashLine));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
  }
  // The other planner's head, where it lies inside this plan's height.
  if (other_head_bytes_ > 0 && other_head_bytes_ <= arena_bytes_) {
    const double y = area.bottom() - area.height() * static_cast<double>(other_head_bytes_) / static_cast<double>(arena_bytes_);
    painter.setPen(QPen(QColor(0x30, 0x60, 0xc0), 1, Qt::DashDotLine));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
  }
  for (int i = 0; i < static_cast<int>(buffers_.size()); ++i) {
    const ArenaBuffer& b = buffers_[static_cast<size_t>(i)];
    const QColor fill = b.scratch ? QColor(0xf5, 0xb0, 0x41) : QColor::fromHsv((i * 47) % 360, 90, 235);
    painter.setPen(QColor(0x40, 0x40, 0x40));
    painter.setBrush(fill);
    const QRectF r = bufferRect(i);
    painter.drawRect(r);
    if (r.height() > 12 && r.width() > 40) {
      painter.setPen(Qt::black);
      painter.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       painter.fontMetrics().elidedText(QString::fromStdString(b.name), Qt::ElideRight, int(r.width()) - 6));
    }
  }
}

}  // namespace tinyforge
