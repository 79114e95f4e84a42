#include "widgets/export_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/boards/board_library.h"
#include "widgets/file_opener.h"
#include "widgets/worker_inbox.h"
#ifdef TINYFORGE_HAVE_EXPORT
#include "core/export/exporter.h"
#include "core/export/output_files.h"
#endif

namespace tinyforge {

ExportDialog::ExportDialog(Graph graph, std::shared_ptr<const BoardLibrary> boards, const QStringList& chosen_boards,
                           RuntimeKind runtime, QWidget* parent)
    : QDialog(parent), graph_(std::move(graph)), board_library_(std::move(boards)), runtime_(runtime),
      inbox_(new WorkerInbox(this)) {
  setWindowTitle(tr("Export %1").arg(QString::fromStdString(graph_.name)));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  layout->addLayout(form);

  auto* folder_row = new QHBoxLayout;
  folder_ = new QLineEdit;
  folder_->setObjectName(QStringLiteral("exportFolder"));
  folder_->setPlaceholderText(tr("Folder for the exported files"));
  auto* browse = new QPushButton(tr("Browse\u2026"));
  folder_row->addWidget(folder_, 1);
  folder_row->addWidget(browse);
  form->addRow(tr("Folder:"), folder_row);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });

  board_list_ = new QListWidget;
  board_list_->setObjectName(QStringLiteral("exportBoards"));
  board_list_->setMaximumHeight(140);
  if (board_library_) {
    // The dashboard's boards first, ticked; the others below.
    QStringList order = chosen_boards;
    for (const Board& b : board_library_->boards()) {
      if (!order.contains(QString::fromStdString(b.id))) order << QString::fromStdString(b.id);
    }
    for (const QString& id : order) {
      const Board* b = board_library_->find(id.toStdString());
      if (!b) continue;
      auto* item = new QListWidgetItem(QStringLiteral("%1 \u2014 %2").arg(QString::fromStdString(b->part), QString::fromStdString(b->core)));
      item->setData(Qt::UserRole, id);
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(chosen_boards.contains(id) ? Qt::Checked : Qt::Unchecked);
      board_list_->addItem(item);
    }
  }
  form->addRow(tr("Boards:"), board_list_);

  auto* formats = new QHBoxLayout;
  tflite_ = new QCheckBox(tr("TFLite model"));
  c_sources_ = new QCheckBox(tr("C sources"));
  memory_map_ = new QCheckBox(tr("Memory map"));
  report_ = new QCheckBox(tr("HTML report"));
  for (QCheckBox* box : {tflite_, c_sources_, memory_map_, report_}) {
    box->setChecked(true);
    formats->addWidget(box);
  }
  firmware_ = new QCheckBox(tr("Firmware project"));
  firmware_->setObjectName(QStringLiteral("exportFirmware"));
  firmware_->setToolTip(tr("Per board, a folder with the model as TinyForge's generated C, its kernels, start-up code "
                           "and a linker script sized to the board: builds with cmake -B build && cmake --build build"));
  formats->addWidget(firmware_);
  build_firmware_ = new QCheckBox(tr("and build it"));
  build_firmware_->setObjectName(QStringLiteral("buildFirmware"));
  build_firmware_->setToolTip(tr("Compile each firmware with arm-none-eabi-gcc (ELF and map file in its build-board folder)"));
  build_firmware_->setEnabled(false);
  formats->addWidget(build_firmware_);
  connect(firmware_, &QCheckBox::toggled, build_firmware_, &QCheckBox::setEnabled);
  formats->addStretch(1);
  form->addRow(tr("Files:"), formats);

  // What the graph's weights allow: a drawn graph has none, a float one needs calibration.
  placeholder_ = new QCheckBox(tr("Write zero placeholder weights (for sizes and a first build on the board)"));
  calibration_ = new QLineEdit;
  calibration_->setPlaceholderText(tr("Calibration samples (.npy or raw float32) to quantize the float weights"));
#ifdef TINYFORGE_HAVE_EXPORT
  try {
    switch (weightStateOf(graph_)) {
      case WeightState::Quantized: weight_state_ = QStringLiteral("quantized"); break;
      case WeightState::Float: weight_state_ = QStringLiteral("float"); break;
      case WeightState::Missing: weight_state_ = QStringLiteral("missing"); break;
    }
  } catch (const std::exception& error) {
    weight_state_ = QString::fromUtf8(error.what());
  }
#endif
  placeholder_->setVisible(weight_state_ == QLatin1String("missing"));
  calibration_->setVisible(weight_state_ == QLatin1String("float"));
  form->addRow(QString(), placeholder_);
  form->addRow(QString(), calibration_);
  force_ = new QCheckBox(tr("Export even for boards the model does not fit"));
  form->addRow(QString(), force_);
  open_report_ = new QCheckBox(tr("Open the report when done"));
  open_report_->setChecked(true);
  form->addRow(QString(), open_report_);

  progress_ = new QProgressBar;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  layout->addWidget(progress_);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(status_);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Close);
  export_button_ = buttons_->addButton(tr("Export"), QDialogButtonBox::ActionRole);
  export_button_->setDefault(true);
  open_button_ = buttons_->addButton(tr("Open report"), QDialogButtonBox::ActionRole);
  open_button_->setEnabled(false);
  layout->addWidget(buttons_);
  connect(export_button_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(open_button_, &QPushButton::clicked, this, [this] {
    if (!report_path_.isEmpty()) path_dialog_ = openOrShowPath(report_path_, this);
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, [this] {
    if (isRunning()) cancelExport();
    else reject();
  });

  connect(folder_, &QLineEdit::textChanged, this, &ExportDialog::validate);
  connect(board_list_, &QListWidget::itemChanged, this, &ExportDialog::validate);
  for (QCheckBox* box : {tflite_, c_sources_, memory_map_, report_, firmware_, placeholder_}) {
    connect(box, &QCheckBox::toggled, this, &ExportDialog::validate);
  }
  connect(calibration_, &QLineEdit::textChanged, this, &ExportDialog::validate);
  validate();
}

ExportDialog::~ExportDialog() {
  if (worker_.joinable()) {
    cancel_->store(true);
    worker_.join();
  }
}

void ExportDialog::setFolder(const QString& folder) { folder_->setText(folder); }
QString ExportDialog::folder() const { return folder_->text().trimmed(); }

void ExportDialog::setBoards(const QStringList& ids) {
  for (int i = 0; i < board_list_->count(); ++i) {
    QListWidgetItem* item = board_list_->item(i);
    item->setCheckState(ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
  }
}

QStringList ExportDialog::boards() const {
  QStringList ids;
  for (int i = 0; i < board_list_->count(); ++i) {
    if (board_list_->item(i)->checkState() == Qt::Checked) ids << board_list_->item(i)->data(Qt::UserRole).toString();
  }
  return ids;
}

void ExportDialog::setOpenReportWhenDone(bool on) { open_report_->setChecked(on); }
void ExportDialog::setPlaceholderWeights(bool on) { placeholder_->setChecked(on); }

void ExportDialog::setFirmware(bool on, bool build) {
  firmware_->setChecked(on);
  build_firmware_->setChecked(on && build);
}
void ExportDialog::setForce(bool on) { force_->setChecked(on); }

void ExportDialog::setMemoryChoices(MemoryPlanner planner, bool reorder) {
  planner_ = planner;
  reorder_ = reorder;
}
QString ExportDialog::message() const { return status_->text(); }

void ExportDialog::validate() {
  QString problem;
#ifndef TINYFORGE_HAVE_EXPORT
  problem = tr("This build has no exporter (core/export).");
#endif
  if (problem.isEmpty() && weight_state_ != QLatin1String("quantized") && weight_state_ != QLatin1String("float") &&
      weight_state_ != QLatin1String("missing")) {
    problem = weight_state_;
  }
  if (problem.isEmpty() && folder_->text().trimmed().isEmpty()) problem = tr("Choose a folder.");
  if (problem.isEmpty() && boards().isEmpty()) problem = tr("Tick at least one board.");
  if (problem.isEmpty() && !tflite_->isChecked() && !c_sources_->isChecked() && !memory_map_->isChecked() &&
      !report_->isChecked() && !firmware_->isChecked()) {
    problem = tr("Tick at least one kind of file.");
  }
  if (problem.isEmpty() && weight_state_ == QLatin1String("missing") && !placeholder_->isChecked()) {
    problem = tr("The model has no trained weights (it was drawn or is a reference architecture): tick the "
                 "placeholder weights to export it for its sizes, or import a trained .tflite.");
  }
  if (problem.isEmpty() && weight_state_ == QLatin1String("float") && calibration_->text().trimmed().isEmpty()) {
    problem = tr("The weights are float32: give calibration samples to quantize them to int8.");
  }
  if (!isRunning()) {
    export_button_->setEnabled(problem.isEmpty());
    status_->setText(problem);
    status_->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #b71c1c;"));
  }
}

void ExportDialog::setBusy(bool busy) {
  for (QWidget* w : std::initializer_list<QWidget*>{folder_, board_list_, tflite_, c_sources_, memory_map_, report_,
                                                    placeholder_, calibration_, force_}) {
    w->setEnabled(!busy);
  }
  export_button_->setEnabled(!busy);
  buttons_->button(QDialogButtonBox::Close)->setText(busy ? tr("Cancel") : tr("Close"));
}

void ExportDialog::onProgress(int step, int steps, const QString& text) {
  progress_->setRange(0, steps);
  progress_->setValue(step);
  status_->setStyleSheet(QString());
  status_->setText(text);
}

void ExportDialog::onDone(bool ok, const QString& text, const QStringList& files, const QString& report) {
  if (worker_.joinable()) worker_.join();
  succeeded_ = ok;
  written_ = files;
  report_path_ = report;
  setBusy(false);
  status_->setText(text);
  status_->setStyleSheet(ok ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b71c1c;"));
  if (ok) progress_->setValue(progress_->maximum());
  open_button_->setEnabled(ok && !report.isEmpty());
  if (ok && !report.isEmpty() && open_report_->isChecked()) path_dialog_ = openOrShowPath(report, this);
  Q_EMIT finished(ok);
}

void ExportDialog::cancelExport() {
  if (cancel_) cancel_->store(true);
  status_->setText(tr("Cancelling after the current step\u2026"));
}

void ExportDialog::startExport() {
  validate();
  if (isRunning() || !export_button_->isEnabled()) return;
#ifdef TINYFORGE_HAVE_EXPORT
  succeeded_ = false;
  written_.clear();
  report_path_.clear();
  open_button_->setEnabled(false);
  ExportOptions options;
  options.boards.clear();
  for (const QString& id : boards()) options.boards.push_back(id.toStdString());
  options.runtime = runtime_;
  options.planner = planner_;
  options.reorder = reorder_;
  options.force = force_->isChecked();
  options.allow_empty_weights = placeholder_->isChecked();
  options.calibration_path = calibration_->text().trimmed().toStdString();
  std::vector<ExportFormat> per_board;
  if (memory_map_->isChecked()) per_board.push_back(ExportFormat::MemoryMap);
  if (report_->isChecked()) per_board.push_back(ExportFormat::Report);
  if (firmware_->isChecked()) per_board.push_back(ExportFormat::Firmware);
  const bool build_firmware = firmware_->isChecked() && build_firmware_->isChecked();
  std::vector<ExportFormat> model_formats;
  if (tflite_->isChecked()) model_formats.push_back(ExportFormat::Tflite);
  if (c_sources_->isChecked()) model_formats.push_back(ExportFormat::C);
  const QString folder = QDir(folder_->text().trimmed()).absolutePath();
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  setBusy(true);

  const WorkerInbox::Sender inbox = inbox_->sender();
  auto progress = [this, inbox](int step, int steps, const QString& text) {
    inbox.post([this, step, steps, text] { onProgress(step, steps, text); });
  };
  auto done = [this, inbox](bool ok, const QString& text, const QStringList& files, const QString& report) {
    inbox.post([this, ok, text, files, report] { onDone(ok, text, files, report); });
  };
  // Step 1 quantizes (if needed) and writes the model and the sources for all boards; then
  // each board's map and report from the model step 1 wrote; then all files at once.
  worker_ = std::thread([graph = graph_, library = board_library_, options, per_board, model_formats, folder,
                             build_firmware, cancel = cancel_, progress, done] {
    try {
      const Estimator estimator(library);
      const int steps = 2 + static_cast<int>(options.boards.size());
      std::vector<OutputFile> files;
      progress(0, steps, QObject::tr("Quantizing and writing the model\u2026"));
      ExportOptions first = options;
      // The .tflite is also needed to check the fit, so step 1 always renders it.
      first.formats = model_formats.empty() ? std::vector<ExportFormat>{ExportFormat::Tflite} : model_formats;
      std::vector<OutputFile> model_files;
      const ExportResult model = prepareExport(graph, first, estimator, model_files);
      if (!model.fits_all && !options.force) {
        QStringList problems;
        for (const Estimate& e : model.estimates) {
          for (const std::string& p : e.fit.problems) problems << QStringLiteral("%1: %2").arg(QString::fromStdString(e.board_id), QString::fromStdString(p));
        }
        done(false, QObject::tr("Nothing written: the model does not fit every board. %1 Untick those boards or "
                                "export anyway.").arg(problems.join(QStringLiteral("; "))), {}, {});
        return;
      }
      if (!model_formats.empty()) files = std::move(model_files);
      for (size_t b = 0; b < options.boards.size() && !per_board.empty(); ++b) {
        if (cancel->load()) {
          done(false, QObject::tr("Cancelled: nothing written."), {}, {});
          return;
        }
        progress(static_cast<int>(b) + 1, steps,
                 QObject::tr("Memory map and report for %1\u2026").arg(QString::fromStdString(options.boards[b])));
        ExportOptions board = options;
        board.boards = {options.boards[b]};
        board.formats = per_board;
        board.calibration_path.clear();  // step 1's graph is already quantized
        board.model_name = model.model_name;
        std::vector<OutputFile> board_files;
        const ExportResult board_result = prepareExport(model.exported, board, estimator, board_files);
        if (!board_result.fits_all && !options.force) {
          QStringList problems;
          for (const Estimate& e : board_result.firmware_estimates)
            for (const std::string& p : e.fit.problems) problems << QString::fromStdString(p);
          done(false, QObject::tr("Nothing written: the generated firmware does not fit %1 (%2). Untick the board or "
                                  "export anyway.").arg(QString::fromStdString(options.boards[b]), problems.join(QStringLiteral("; "))),
               {}, {});
          return;
        }
        std::move(board_files.begin(), board_files.end(), std::back_inserter(files));
      }
      if (cancel->load()) {
        done(false, QObject::tr("Cancelled: nothing written."), {}, {});
        return;
      }
      progress(steps - 1, steps, QObject::tr("Writing %n file(s)\u2026", nullptr, static_cast<int>(files.size())));
      const bool firmware = std::find(per_board.begin(), per_board.end(), ExportFormat::Firmware) != per_board.end();
      FirmwareFolders previous(folder.toStdString(), firmware ? options.boards : std::vector<std::string>{}, options.force);
      writeFilesTogether(folder.toStdString(), files);
      previous.commit();
      std::vector<std::string> build_notes;
      if (build_firmware) {
        progress(steps - 1, steps, QObject::tr("Building the firmware\u2026"));
        build_notes = buildFirmwareFolders(folder.toStdString(), options.boards, estimator.boards());
      }
      QStringList written;
      QString report;
      for (const OutputFile& f : files) {
        written << QString::fromStdString(f.path);
        if (report.isEmpty() && f.path.size() > 11 && f.path.ends_with("report.html")) {
          report = QDir(folder).filePath(QString::fromStdString(f.path));
        }
      }
      QString text = QObject::tr("Wrote %n file(s) to %1.", nullptr, static_cast<int>(files.size())).arg(folder);
      for (const std::string& note : model.notes) text += QLatin1Char(' ') + QString::fromStdString(note) + QLatin1Char('.');
      for (const std::string& note : build_notes) text += QLatin1Char(' ') + QString::fromStdString(note) + QLatin1Char('.');
      done(true, text, written, report);
    } catch (const std::exception& error) {
      done(false, QString::fromUtf8(error.what()), {}, {});
    }
  });
#endif
}

}  // namespace tinyforge
