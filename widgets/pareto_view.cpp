#include "widgets/pareto_view.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QHelpEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

#include "widgets/units_text.h"

namespace tinyforge {
namespace {

constexpr CandidateOrigin kOrigins[] = {CandidateOrigin::Published, CandidateOrigin::Estimated, CandidateOrigin::Search};

QString figureText(double value, ParetoAxis axis) {
  if (std::isnan(value)) return QStringLiteral("\u2014");
  switch (axis) {
    case ParetoAxis::Latency: return msText(value);
    case ParetoAxis::Sram:
    case ParetoAxis::Flash: return bytesText(static_cast<int64_t>(std::llround(value)));
    case ParetoAxis::Ops: return QObject::tr("%1 Mops").arg(value / 1e6, 0, 'f', 1);
  }
  return {};
}

}  // namespace

ParetoView::ParetoView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  // Two rows, so that the tab does not make the window wider than a laptop's screen.
  auto* controls = new QHBoxLayout;
  auto* controls2 = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Task:")));
  task_ = new QComboBox;
  task_->setObjectName(QStringLiteral("paretoTask"));
  task_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  task_->setMinimumContentsLength(20);
  controls->addWidget(task_, 1);
  controls2->addWidget(new QLabel(tr("Accuracy against:")));
  axis_ = new QComboBox;
  axis_->setObjectName(QStringLiteral("paretoAxis"));
  for (ParetoAxis a : {ParetoAxis::Latency, ParetoAxis::Sram, ParetoAxis::Flash, ParetoAxis::Ops}) {
    axis_->addItem(axisName(a), static_cast<int>(a));
  }
  controls2->addWidget(axis_);
  controls->addWidget(new QLabel(tr("Board:")));
  board_ = new QComboBox;
  board_->setObjectName(QStringLiteral("paretoBoard"));
  board_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  board_->setMinimumContentsLength(20);
  controls->addWidget(board_, 1);
  fits_only_ = new QCheckBox(tr("Only models that fit this board"));
  fits_only_->setObjectName(QStringLiteral("paretoFitsOnly"));
  controls2->addWidget(fits_only_);
  controls2->addStretch(1);
  layout->addLayout(controls);
  layout->addLayout(controls2);

  chart_ = new QChart;
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  x_axis_ = new QValueAxis;
  y_axis_ = new QValueAxis;
  chart_->addAxis(x_axis_, Qt::AlignBottom);
  chart_->addAxis(y_axis_, Qt::AlignLeft);

  front_series_ = new QLineSeries;
  front_series_->setName(tr("Pareto front"));
  QPen pen(QColor(0x37, 0x47, 0x4f));
  pen.setWidthF(1.5);
  pen.setStyle(Qt::DashLine);
  front_series_->setPen(pen);
  chart_->addSeries(front_series_);
  front_series_->attachAxis(x_axis_);
  front_series_->attachAxis(y_axis_);

  const QColor colors[] = {QColor(0xe6, 0x7e, 0x22), QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c)};
  const QScatterSeries::MarkerShape shapes[] = {QScatterSeries::MarkerShapeRectangle, QScatterSeries::MarkerShapeCircle,
                                                QScatterSeries::MarkerShapeTriangle};
  const QString names[] = {tr("published (MicroNets Table 4)"), tr("estimated by TinyForge"), tr("search candidates")};
  for (int i = 0; i < 3; ++i) {
    auto* series = new QScatterSeries;
    series->setName(names[i]);
    series->setMarkerShape(shapes[i]);
    series->setMarkerSize(13);
    series->setColor(colors[i]);
    series->setBorderColor(colors[i].darker(150));
    chart_->addSeries(series);
    series->attachAxis(x_axis_);
    series->attachAxis(y_axis_);
    connect(series, &QScatterSeries::clicked, this, [this, series](const QPointF& point) {
      const int index = candidateAt(series, point);
      if (index < 0 || !candidates_[static_cast<size_t>(index)].canOpen()) return;
      // Opening a model may rebuild this chart; not while the chart is inside its mouse event.
      QTimer::singleShot(0, this, [this, candidate = candidates_[static_cast<size_t>(index)]] {
        Q_EMIT candidateActivated(candidate);
      });
    });
    series_.push_back(series);
  }
  series_candidates_.resize(series_.size());

  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  view_ = new QChartView(chart_);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumSize(400, 300);
  // Hover texts come from tooltip events (the series' hovered signal hid them again as
  // soon as the tooltip appeared under the pointer).
  view_->viewport()->installEventFilter(this);
  layout->addWidget(view_, 1);
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  layout->addWidget(summary_);

  connect(axis_, &QComboBox::currentIndexChanged, this, &ParetoView::rebuildChart);
  connect(board_, &QComboBox::currentIndexChanged, this, &ParetoView::rebuildChart);
  connect(task_, &QComboBox::currentIndexChanged, this, &ParetoView::rebuildChart);
  connect(fits_only_, &QCheckBox::toggled, this, &ParetoView::rebuildChart);
  rebuildChart();
}

ParetoView::~ParetoView() = default;

void ParetoView::setProviders(std::vector<std::shared_ptr<CandidateProvider>> providers) {
  providers_ = std::move(providers);
  reload();
}

void ParetoView::reload() {
  candidates_.clear();
  for (const auto& provider : providers_) {
    std::vector<ParetoCandidate> more = provider->candidates();
    std::move(more.begin(), more.end(), std::back_inserter(candidates_));
  }
  rebuildTasks();
  rebuildChart();
}

void ParetoView::setBoards(const QStringList& ids, const QStringList& labels) {
  const QString current = board();
  const QSignalBlocker block(board_);
  board_->clear();
  for (int i = 0; i < ids.size(); ++i) board_->addItem(i < labels.size() ? labels[i] : ids[i], ids[i]);
  const int index = board_->findData(current);
  board_->setCurrentIndex(index >= 0 ? index : 0);
  rebuildChart();
}

void ParetoView::setBoard(const QString& id) {
  const int index = board_->findData(id);
  if (index >= 0) board_->setCurrentIndex(index);
}

QString ParetoView::board() const { return board_->currentData().toString(); }

void ParetoView::setAxis(ParetoAxis axis) { axis_->setCurrentIndex(axis_->findData(static_cast<int>(axis))); }

ParetoAxis ParetoView::axis() const { return static_cast<ParetoAxis>(axis_->currentData().toInt()); }

void ParetoView::setTask(const QString& task) {
  const int index = task_->findText(task);
  if (index >= 0) task_->setCurrentIndex(index);
}

QString ParetoView::task() const { return task_->currentText(); }

QStringList ParetoView::tasks() const {
  QStringList out;
  for (int i = 0; i < task_->count(); ++i) out << task_->itemText(i);
  return out;
}

void ParetoView::setFitsOnly(bool on) { fits_only_->setChecked(on); }

void ParetoView::rebuildTasks() {
  const QString current = task();
  const QSignalBlocker block(task_);
  task_->clear();
  QStringList seen;
  for (const ParetoCandidate& c : candidates_) {
    if (!seen.contains(c.task)) seen << c.task;
  }
  task_->addItems(seen);
  const int index = task_->findText(current);
  task_->setCurrentIndex(index >= 0 ? index : 0);
}

double ParetoView::xValue(int index) const {
  const double value = candidates_[static_cast<size_t>(index)].figure(axis(), board());
  switch (axis()) {
    case ParetoAxis::Latency: return value;
    case ParetoAxis::Sram:
    case ParetoAxis::Flash: return value / 1024.0;
    case ParetoAxis::Ops: return value / 1e6;
  }
  return value;
}

void ParetoView::rebuildChart() {
  shown_.clear();
  front_.clear();
  for (auto& list : series_candidates_) list.clear();
  const QString board_id = board();
  const QString current_task = task();
  std::vector<double> xs, ys;
  std::vector<QList<QPointF>> points(series_.size());
  int hidden_unknown = 0;
  QString metric;
  for (int i = 0; i < static_cast<int>(candidates_.size()); ++i) {
    const ParetoCandidate& c = candidates_[static_cast<size_t>(i)];
    if (c.task != current_task) continue;
    if (fits_only_->isChecked() && c.fits(board_id) != std::optional<bool>(true)) continue;
    const double x = xValue(i);
    const double y = c.accuracy_percent;
    if (std::isnan(x) || std::isnan(y)) {
      ++hidden_unknown;
      continue;
    }
    metric = c.accuracy_metric;
    const size_t s = static_cast<size_t>(std::find(std::begin(kOrigins), std::end(kOrigins), c.origin) - std::begin(kOrigins));
    points[s].append(QPointF(x, y));
    series_candidates_[s].push_back(i);
    shown_.push_back(i);
    xs.push_back(x);
    ys.push_back(y);
  }
  for (size_t s = 0; s < series_.size(); ++s) {
    series_[s]->replace(points[s]);
    // An empty kind (no search run yet) is taken off the chart, so that it has no legend
    // entry; hiding its marker instead left the legend's layout broken.
    const bool on_chart = chart_->series().contains(series_[s]);
    if (points[s].isEmpty() && on_chart) {
      chart_->removeSeries(series_[s]);
      series_[s]->setParent(this);  // removeSeries hands ownership back; without a parent it leaked
    } else if (!points[s].isEmpty() && !on_chart) {
      chart_->addSeries(series_[s]);
      series_[s]->attachAxis(x_axis_);
      series_[s]->attachAxis(y_axis_);
    }
  }
  for (int k : paretoFront(xs, ys)) front_.push_back(shown_[static_cast<size_t>(k)]);

  // The front as a staircase: what accuracy is reachable at each budget on the x axis.
  QList<QPointF> stairs;
  for (size_t k = 0; k < front_.size(); ++k) {
    const double x = xValue(front_[k]);
    const double y = candidates_[static_cast<size_t>(front_[k])].accuracy_percent;
    if (k > 0) stairs.append(QPointF(x, stairs.back().y()));
    stairs.append(QPointF(x, y));
  }
  front_series_->replace(stairs);

  double min_x = 0, max_x = 1, min_y = 0, max_y = 100;
  if (!xs.empty()) {
    max_x = *std::max_element(xs.begin(), xs.end()) * 1.1;
    min_y = *std::min_element(ys.begin(), ys.end());
    max_y = *std::max_element(ys.begin(), ys.end());
    const double pad = std::max(0.5, (max_y - min_y) * 0.1);
    min_y -= pad;
    max_y = std::min(100.0, max_y + pad);
  }
  x_axis_->setRange(min_x, max_x > min_x ? max_x : min_x + 1);
  x_axis_->applyNiceNumbers();
  y_axis_->setRange(min_y, max_y);
  y_axis_->applyNiceNumbers();
  y_axis_->setLabelFormat(QStringLiteral("%.1f"));
  x_axis_->setTitleText(axisName(axis()));
  y_axis_->setTitleText(metric == QLatin1String("AUC") ? tr("AUC (%)") : tr("Accuracy (%)"));
  chart_->setTitle(tr("%1 on %2").arg(current_task, board_->currentText()));

  QStringList front_names;
  for (int i : front_) front_names << candidates_[static_cast<size_t>(i)].name;
  QString text = tr("%n model(s) shown; on the front: %1.", nullptr, static_cast<int>(shown_.size()))
                     .arg(front_names.isEmpty() ? tr("none") : front_names.join(QStringLiteral(", ")));
  if (hidden_unknown > 0) {
    text += QLatin1Char(' ') + tr("%n model(s) without this figure for this board are not drawn.", nullptr, hidden_unknown);
  }
  summary_->setText(text);
}

int ParetoView::candidateAt(QScatterSeries* series, QPointF point) const {
  const auto it = std::find(series_.begin(), series_.end(), series);
  if (it == series_.end()) return -1;
  const auto& indices = series_candidates_[static_cast<size_t>(it - series_.begin())];
  const QList<QPointF> points = series->points();
  int best = -1;
  double best_distance = 0;
  for (int k = 0; k < points.size() && k < static_cast<int>(indices.size()); ++k) {
    // Compare in screen space: the axes have very different scales.
    const QPointF a = chart_->mapToPosition(points[k], series), b = chart_->mapToPosition(point, series);
    const double distance = QLineF(a, b).length();
    if (best < 0 || distance < best_distance) {
      best = k;
      best_distance = distance;
    }
  }
  return best < 0 ? -1 : indices[static_cast<size_t>(best)];
}

QString ParetoView::describe(int index) const {
  if (index < 0 || index >= static_cast<int>(candidates_.size())) return {};
  const ParetoCandidate& c = candidates_[static_cast<size_t>(index)];
  const QString board_id = board();
  const CandidateFigures f = c.boards.value(board_id, c.common);
  QStringList lines;
  lines << QStringLiteral("<b>%1</b> \u2014 %2").arg(c.name.toHtmlEscaped(), originName(c.origin));
  lines << tr("%1: %2%").arg(c.accuracy_metric).arg(c.accuracy_percent, 0, 'f', 2);
  QString latency = figureText(c.figure(ParetoAxis::Latency, board_id), ParetoAxis::Latency);
  if (f.latency_estimated) latency += tr(" (estimated by the source)");
  lines << tr("Latency on %1: %2").arg(board_->currentText(), latency);
  lines << tr("SRAM: %1").arg(figureText(c.figure(ParetoAxis::Sram, board_id), ParetoAxis::Sram));
  lines << tr("Model Flash: %1").arg(figureText(c.figure(ParetoAxis::Flash, board_id), ParetoAxis::Flash));
  lines << tr("Ops: %1").arg(figureText(c.ops, ParetoAxis::Ops));
  const std::optional<bool> fits = c.fits(board_id);
  lines << (!fits ? tr("Fit on this board: not known") : *fits ? tr("Fits this board") : tr("Does not fit this board"));
  if (!c.source.isEmpty()) lines << QStringLiteral("<small>%1</small>").arg(c.source.toHtmlEscaped());
  if (c.canOpen()) lines << QStringLiteral("<i>%1</i>").arg(tr("Click to open it on the canvas."));
  return lines.join(QStringLiteral("<br>"));
}

int ParetoView::candidateNear(QPoint viewport_point, int radius_px) const {
  int best = -1;
  double best_distance = radius_px;
  for (int index : shown_) {
    const QPoint at = viewportPosition(index);
    const double distance = QLineF(at, viewport_point).length();
    if (distance <= best_distance) {
      best = index;
      best_distance = distance;
    }
  }
  return best;
}

bool ParetoView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == view_->viewport() && event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = candidateNear(help->pos(), 12);
    if (index >= 0) {
      last_hover_ = describe(index);
      QToolTip::showText(help->globalPos(), last_hover_, view_->viewport());
    } else {
      QToolTip::hideText();
    }
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

QPoint ParetoView::viewportPosition(int index) const {
  for (size_t s = 0; s < series_.size(); ++s) {
    const auto& indices = series_candidates_[s];
    const auto it = std::find(indices.begin(), indices.end(), index);
    if (it == indices.end()) continue;
    const QPointF value = series_[s]->at(static_cast<int>(it - indices.begin()));
    const QPointF in_chart = chart_->mapToPosition(value, series_[s]);
    return view_->mapFromScene(chart_->mapToScene(in_chart));
  }
  return {-1, -1};
}

}  // namespace tinyforge
