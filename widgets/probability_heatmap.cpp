#include "widgets/probability_heatmap.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace tinyforge {
namespace {

constexpr int kNameWidth = 70;
constexpr int kWinnerWidth = 80;
constexpr int kTitleHeight = 20;

int argmax(const std::vector<double>& p) {
  return p.empty() ? -1 : static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

}  // namespace

ProbabilityHeatmap::ProbabilityHeatmap(QWidget* parent) : QWidget(parent) { setMouseTracking(true); }

void ProbabilityHeatmap::setProbabilities(std::vector<DecisionProbabilities> rows, int epoch) {
  rows_ = std::move(rows);
  epoch_ = epoch;
  update();
}

void ProbabilityHeatmap::clear() { setProbabilities({}); }

QStringList ProbabilityHeatmap::winners() const {
  QStringList out;
  for (const auto& row : rows_) {
    const int best = argmax(row.probabilities);
    out << (best >= 0 && best < static_cast<int>(row.labels.size()) ? QString::fromStdString(row.labels[static_cast<size_t>(best)])
                                                                   : QString());
  }
  return out;
}

QRectF ProbabilityHeatmap::cellRect(int row, int option) const {
  const int n = static_cast<int>(rows_.size());
  if (n == 0) return {};
  const double row_height = std::min(22.0, double(height() - kTitleHeight - 4) / n);
  const double left = kNameWidth, right = width() - kWinnerWidth;
  const auto options = static_cast<int>(rows_[static_cast<size_t>(row)].probabilities.size());
  const double cell = (right - left) / std::max(1, options);
  return {left + option * cell, kTitleHeight + row * row_height, cell, row_height - 2};
}

void ProbabilityHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  p.setPen(palette().text().color());
  QFont title_font = font();
  title_font.setBold(true);
  p.setFont(title_font);
  const QString title = epoch_ >= 0 ? tr("Architecture probabilities (epoch %1)").arg(epoch_ + 1)
                                    : tr("Architecture probabilities");
  p.drawText(QRect(4, 0, width() - 8, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter, title);
  p.setFont(font());
  if (rows_.empty()) {
    p.drawText(rect().adjusted(8, kTitleHeight, -8, 0), Qt::AlignCenter | Qt::TextWordWrap, tr("The probabilities appear after the first epoch."));
    return;
  }
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r) {
    const auto& row = rows_[static_cast<size_t>(r)];
    const QRectF first = cellRect(r, 0);
    p.setPen(palette().text().color());
    p.drawText(QRectF(2, first.top(), kNameWidth - 6, first.height()), Qt::AlignRight | Qt::AlignVCenter,
               QString::fromStdString(row.name));
    const int best = argmax(row.probabilities);
    for (int k = 0; k < static_cast<int>(row.probabilities.size()); ++k) {
      const double prob = std::clamp(row.probabilities[static_cast<size_t>(k)], 0.0, 1.0);
      // White (0) to deep blue (1); the square root lifts small but real probabilities.
      const double t = std::sqrt(prob);
      const QColor color = QColor::fromRgbF(float(1 - 0.85 * t), float(1 - 0.6 * t), 1.0f);
      p.fillRect(cellRect(r, k), color);
    }
    if (best >= 0) {
      p.setPen(QPen(QColor(200, 40, 40), 2));
      p.drawRect(cellRect(r, best).adjusted(1, 1, -1, -1));
      p.setPen(palette().text().color());
      const QString label = best < static_cast<int>(row.labels.size()) ? QString::fromStdString(row.labels[static_cast<size_t>(best)]) : QString();
      p.drawText(QRectF(width() - kWinnerWidth + 6, first.top(), kWinnerWidth - 8, first.height()),
                 Qt::AlignLeft | Qt::AlignVCenter,
                 QStringLiteral("%1 %2%").arg(label).arg(row.probabilities[static_cast<size_t>(best)] * 100, 0, 'f', 0));
    }
  }
}

bool ProbabilityHeatmap::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    for (int r = 0; r < static_cast<int>(rows_.size()); ++r) {
      const auto& row = rows_[static_cast<size_t>(r)];
      for (int k = 0; k < static_cast<int>(row.probabilities.size()); ++k) {
        if (!cellRect(r, k).contains(help->pos())) continue;
        const QString label = k < static_cast<int>(row.labels.size()) ? QString::fromStdString(row.labels[static_cast<size_t>(k)]) : QString();
        QToolTip::showText(help->globalPos(), tr("%1 = %2: %3%").arg(QString::fromStdString(row.name), label)
                                                  .arg(row.probabilities[static_cast<size_t>(k)] * 100, 0, 'f', 1));
        return true;
      }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
  }
  return QWidget::event(event);
}

}  // namespace tinyforge
