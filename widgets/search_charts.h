#pragma once
// The search's live charts: loss and accuracy (training per step, validation per epoch),
// expected Flash / SRAM / ops as a percentage of their budgets (MicroNets eqs. 2-4), and
// the Gumbel-softmax temperature. Points are collected as they arrive and drawn at most
// every 150 ms, however fast the steps come.

#include <QHash>
#include <QList>
#include <QPointF>
#include <QWidget>
#include <vector>

class QChart;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace tinyforge {

class SearchCharts : public QWidget {
  Q_OBJECT

 public:
  explicit SearchCharts(QWidget* parent = nullptr);

  // "train_loss", "val_loss", "train_accuracy", "val_accuracy", "flash", "memory", "ops", "temperature".
  QLineSeries* series(const QString& key) const { return series_.value(key); }
  int pointCount(const QString& key) const;  // drawn and waiting
  const std::vector<QChart*>& charts() const { return charts_; }

  void addPoint(const QString& key, double x, double y);  // non-finite points are dropped
  void flush();                   // draws the waiting points now
  void startStreaming();          // draws waiting points every 150 ms until stopStreaming()
  void stopStreaming();
  void clear();
  void setTotalEpochs(int epochs);
  void setTemperatureStart(double temperature);
  // Without a latency budget the search has no ops budget: ops leave the cost chart.
  void setOpsBudgetKnown(bool known);

 private:
  void updateAxes();

  QHash<QString, QLineSeries*> series_;
  QHash<QString, QList<QPointF>> pending_;
  std::vector<QChart*> charts_;
  QChart* cost_chart_ = nullptr;
  QLineSeries* budget_line_ = nullptr;
  QValueAxis* loss_y_ = nullptr;
  QValueAxis* cost_y_ = nullptr;
  QValueAxis* temperature_y_ = nullptr;
  std::vector<QValueAxis*> x_axes_;
  QTimer* flush_timer_ = nullptr;
  int total_epochs_ = 1;
  double temperature_start_ = 5;
};

}  // namespace tinyforge
