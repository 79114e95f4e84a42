#pragma once
// The Explore tab: TinyNAS-style choice of the search space before any training. For each
// input resolution x width multiplier of the canvas's backbone, core/nas's explore()
// samples random architectures, keeps those that fit the board (Flash and SRAM) and gives
// the distribution of their ops; the tab draws each configuration's ops CDF and ranks the
// configurations best first (largest mean ops of the fitting models: the space most likely
// to hold an accurate model that still fits). Runs off the GUI thread with cancel.

#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>
#include <thread>

#include "core/nas/explore.h"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QValueAxis;

namespace tinyforge {

class EstimateService;
class GraphDocument;
class WorkerInbox;

class ExploreView : public QWidget {
  Q_OBJECT

 public:
  ExploreView(GraphDocument* document, EstimateService* estimates, QWidget* parent = nullptr);
  ~ExploreView() override;  // cancels a running exploration and waits for it

  static bool available();  // this build has core/nas's explore()

  // The form as options (board, samples, resolutions, multipliers, seed). Resolutions and
  // multipliers that do not parse leave `error` set.
  ExploreOptions optionsFromForm(QString* error = nullptr) const;
  // Explores the canvas's backbone; false with lastError() when it cannot start.
  bool run(const ExploreOptions& options);
  void cancel();
  bool isRunning() const { return worker_.joinable(); }
  bool waitForIdle(int timeout_ms);

  const ExploreResult& result() const { return result_; }
  const QString& lastError() const { return last_error_; }
  QChartView* chartView() const { return view_; }
  QTableWidget* table() const { return table_; }
  int curveCount() const;  // CDF curves drawn (configurations with fitting models)

 Q_SIGNALS:
  void finished(bool ok);

 private:
  void onDone(const ExploreResult& result, const QString& error);
  void showResult();
  void resetDefaults();
  void fail(const QString& message);

  GraphDocument* document_;
  EstimateService* estimates_;
  std::thread worker_;
  WorkerInbox* inbox_;
  std::atomic<bool> cancel_{false};
  ExploreResult result_;
  QString last_error_;

  QComboBox* board_ = nullptr;
  QSpinBox* samples_ = nullptr;
  QLineEdit* resolutions_ = nullptr;
  QLineEdit* multipliers_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QPushButton* run_button_ = nullptr;
  QPushButton* cancel_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* summary_ = nullptr;
  QChart* chart_ = nullptr;
  QChartView* view_ = nullptr;
  QValueAxis* x_axis_ = nullptr;
  QValueAxis* y_axis_ = nullptr;
  QTableWidget* table_ = nullptr;
};

}  // namespace tinyforge
