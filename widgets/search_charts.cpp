#include "widgets/search_charts.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace tinyforge {
namespace {

constexpr int kFlushIntervalMs = 150;

}  // namespace

SearchCharts::SearchCharts(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(2);
  const auto make = [&](const QString& title, int row, int column, QValueAxis** y_out) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    // Four charts share the room beside the form: small type, so that titles and legend
    // entries are read whole.
    QFont small = chart->legend()->font();
    small.setPointSizeF(7.5);
    chart->legend()->setFont(small);
    small.setPointSizeF(8.5);
    chart->setTitleFont(small);
    chart->setAnimationOptions(QChart::NoAnimation);
    auto* x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%g"));
    x->setRange(0, 1);
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%g"));
    // Qt Charts shortens labels to the width it reserved for the first ones; with a
    // range that grows from 0..1 to 0..100 that was "…" on every tick.
    for (QValueAxis* axis : {x, y}) axis->setTruncateLabels(false);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    x_axes_.push_back(x);
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(170, 150);
    grid->addWidget(view, row, column);
    charts_.push_back(chart);
    if (y_out) *y_out = y;
    return chart;
  };
  const auto add = [&](QChart* chart, const QString& key, const QString& label, QColor color, bool dashed = false) {
    auto* series = new QLineSeries;
    series->setName(label);
    QPen pen(color, dashed ? 1.5 : 1.8);
    if (dashed) pen.setStyle(Qt::DashLine);
    series->setPen(pen);
    chart->addSeries(series);
    for (QAbstractAxis* axis : chart->axes()) series->attachAxis(axis);
    if (!key.isEmpty()) series_.insert(key, series);
    return series;
  };
  QChart* loss = make(tr("Loss (cross-entropy)"), 0, 0, &loss_y_);
  add(loss, QStringLiteral("train_loss"), tr("training"), QColor(31, 119, 180));
  add(loss, QStringLiteral("val_loss"), tr("validation"), QColor(255, 127, 14));
  QValueAxis* accuracy_y = nullptr;
  QChart* accuracy = make(tr("Accuracy (%)"), 0, 1, &accuracy_y);
  accuracy_y->setRange(0, 100);
  add(accuracy, QStringLiteral("train_accuracy"), tr("training"), QColor(31, 119, 180));
  add(accuracy, QStringLiteral("val_accuracy"), tr("validation"), QColor(255, 127, 14));
  cost_chart_ = make(tr("Expected cost (% of budget)"), 1, 0, &cost_y_);
  cost_y_->setRange(0, 150);
  add(cost_chart_, QStringLiteral("flash"), tr("Flash"), QColor(44, 160, 44));
  add(cost_chart_, QStringLiteral("memory"), tr("SRAM"), QColor(214, 39, 40));
  add(cost_chart_, QStringLiteral("ops"), tr("ops"), QColor(148, 103, 189));
  budget_line_ = add(cost_chart_, QString(), tr("budget"), QColor(90, 90, 90), true);
  QChart* temperature = make(tr("Gumbel-softmax temperature"), 1, 1, &temperature_y_);
  add(temperature, QStringLiteral("temperature"), tr("temperature"), QColor(140, 86, 75));
  temperature->legend()->hide();

  // What the charts show in full, for the pointer (the titles are short to fit).
  setToolTip(tr("Per epoch (x). Loss and accuracy: training per step, validation per epoch (of the argmax "
                "architecture). Expected costs: MicroNets eqs. 2 (Flash), 3 (SRAM) and 4 (ops) against the "
                "search's budgets, 100% = the budget."));
  flush_timer_ = new QTimer(this);
  flush_timer_->setInterval(kFlushIntervalMs);
  connect(flush_timer_, &QTimer::timeout, this, &SearchCharts::flush);
  updateAxes();
}

int SearchCharts::pointCount(const QString& key) const {
  const QLineSeries* s = series(key);
  return (s ? static_cast<int>(s->count()) : 0) + static_cast<int>(pending_.value(key).size());
}

void SearchCharts::addPoint(const QString& key, double x, double y) {
  if (std::isfinite(x) && std::isfinite(y)) pending_[key].append(QPointF(x, y));
}

void SearchCharts::flush() {
  if (pending_.isEmpty()) return;
  for (auto it = pending_.begin(); it != pending_.end(); ++it)
    if (QLineSeries* s = series_.value(it.key())) s->append(it.value());
  pending_.clear();
  updateAxes();
}

void SearchCharts::startStreaming() { flush_timer_->start(); }

void SearchCharts::stopStreaming() {
  flush_timer_->stop();
  flush();
}

void SearchCharts::clear() {
  pending_.clear();
  for (QLineSeries* s : std::as_const(series_)) s->clear();
  budget_line_->clear();
  updateAxes();
}

void SearchCharts::setTotalEpochs(int epochs) {
  total_epochs_ = std::max(1, epochs);
  updateAxes();
}

void SearchCharts::setTemperatureStart(double temperature) {
  temperature_start_ = temperature;
  updateAxes();
}

void SearchCharts::setOpsBudgetKnown(bool known) {
  QLineSeries* ops = series_.value(QStringLiteral("ops"));
  const bool shown = cost_chart_->series().contains(ops);
  if (known == shown) return;
  if (known) {
    cost_chart_->addSeries(ops);
    for (QAbstractAxis* axis : cost_chart_->axes()) ops->attachAxis(axis);
  } else {
    cost_chart_->removeSeries(ops);
    ops->setParent(this);  // removeSeries hands it back to us
  }
}

void SearchCharts::updateAxes() {
  const double x_max = total_epochs_;
  for (QValueAxis* x : x_axes_) {
    x->setRange(0, x_max);
    x->applyNiceNumbers();
  }
  const auto max_of = [this](std::initializer_list<const char*> keys) {
    double m = 0;
    for (const char* key : keys)
      if (QLineSeries* s = series_.value(QLatin1String(key)))
        for (const QPointF& p : s->points()) m = std::max(m, p.y());
    return m;
  };
  loss_y_->setRange(0, std::max(0.1, max_of({"train_loss", "val_loss"}) * 1.1));
  cost_y_->setRange(0, std::max(150.0, max_of({"flash", "memory", "ops"}) * 1.1));
  temperature_y_->setRange(0, std::max(temperature_start_, max_of({"temperature"})) * 1.05);
  for (QValueAxis* y : {loss_y_, cost_y_, temperature_y_}) y->applyNiceNumbers();
  budget_line_->replace(QList<QPointF>{{0, 100}, {x_max, 100}});
}

}  // namespace tinyforge
