#pragma once
// One-click export of the canvas's model for one or several boards: the int8 .tflite, C
// sources, and per board a memory map and an HTML report (core/export). The work runs off
// the GUI thread in steps (model and sources, then each board, then writing), with
// progress and cancel; the files are written all together or not at all. When done the
// first board's report opens in the browser, or where there is none its path is shown
// with a button to copy it.

#include <QDialog>
#include <QPointer>
#include <QStringList>
#include <atomic>
#include <memory>
#include <thread>

#include "core/estimate/estimate.h"
#include "core/graph/graph.h"
#include "widgets/file_opener.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace tinyforge {

class BoardLibrary;
class WorkerInbox;

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(Graph graph, std::shared_ptr<const BoardLibrary> boards, const QStringList& chosen_boards,
               RuntimeKind runtime, QWidget* parent = nullptr);
  ~ExportDialog() override;

  void setFolder(const QString& folder);
  QString folder() const;
  void setBoards(const QStringList& ids);  // the boards ticked
  QStringList boards() const;
  void setOpenReportWhenDone(bool on);
  // Tick "write zero placeholder weights" / "export even if it does not fit".
  void setPlaceholderWeights(bool on);
  // Writes a firmware project per board (and compiles it with `build`).
  void setFirmware(bool on, bool build);
  void setForce(bool on);
  // The studio's arena planner and reordering choices, applied to the export (the best
  // plan goes into the .tflite; the operators are written in the smaller order).
  void setMemoryChoices(MemoryPlanner planner, bool reorder);

  bool isRunning() const { return worker_.joinable(); }
  bool succeeded() const { return succeeded_; }
  QString message() const;              // the status line: progress, result or the error
  QStringList writtenFiles() const { return written_; }  // relative to the folder
  QString reportPath() const { return report_path_; }    // absolute; empty if none
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* exportButton() const { return export_button_; }
  QPushButton* openReportButton() const { return open_button_; }
  // The dialog with the report's path shown when no browser could open it (else nullptr).
  FilePathDialog* pathDialog() const { return path_dialog_; }

 public Q_SLOTS:
  void startExport();
  void cancelExport();

 Q_SIGNALS:
  void finished(bool ok);

 private:
  void validate();
  void setBusy(bool busy);
  void onProgress(int step, int steps, const QString& text);
  void onDone(bool ok, const QString& text, const QStringList& files, const QString& report);

  Graph graph_;
  std::shared_ptr<const BoardLibrary> board_library_;
  RuntimeKind runtime_;
  MemoryPlanner planner_ = MemoryPlanner::Greedy;
  bool reorder_ = false;
  QLineEdit* folder_ = nullptr;
  QListWidget* board_list_ = nullptr;
  QCheckBox* tflite_ = nullptr;
  QCheckBox* c_sources_ = nullptr;
  QCheckBox* memory_map_ = nullptr;
  QCheckBox* firmware_ = nullptr;
  QCheckBox* build_firmware_ = nullptr;
  QCheckBox* report_ = nullptr;
  QCheckBox* placeholder_ = nullptr;
  QLineEdit* calibration_ = nullptr;
  QCheckBox* force_ = nullptr;
  QCheckBox* open_report_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QPushButton* export_button_ = nullptr;
  QPushButton* open_button_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  std::thread worker_;
  WorkerInbox* inbox_ = nullptr;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool succeeded_ = false;
  QStringList written_;
  QString report_path_;
  QString weight_state_;  // "quantized", "float", "missing", or the problem
  QPointer<FilePathDialog> path_dialog_;
};

}  // namespace tinyforge
