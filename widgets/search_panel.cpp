#include "widgets/search_panel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/boards/board_library.h"
#include "core/graph/graph_json.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/probability_heatmap.h"
#include "widgets/search_charts.h"
#include "widgets/search_config_form.h"
#include "widgets/search_engine.h"
#include "widgets/search_runner.h"
#include "widgets/search_workers.h"
#include "widgets/units_text.h"

namespace tinyforge {

SearchPanel::SearchPanel(GraphDocument* document, EstimateService* estimates, QWidget* parent)
    : QWidget(parent), document_(document), estimates_(estimates) {
  if (!SearchRunner::available()) {
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(tr("<h3>Search</h3><p>This build of TinyForge Studio has no search engine: it was built "
                                "without libtorch (TINYFORGE_BUILD_SEARCH is off).</p><p>Install libtorch "
                                "(Debian: <code>apt-get install libtorch-dev</code>) and rebuild to run DNAS searches "
                                "here. Search runs stored in a project still appear in the Pareto tab.</p>"));
    label->setObjectName(QStringLiteral("searchUnavailable"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(label);
    return;
  }
  runner_ = new SearchRunner(this);
  connect(runner_, &SearchRunner::event, this, &SearchPanel::onEvent);
  connect(runner_, &SearchRunner::finished, this, &SearchPanel::onFinished);
  workers_ = new SearchWorkers(this);
  connect(workers_, &SearchWorkers::rankProgress, this, &SearchPanel::setRankText);
  connect(workers_, &SearchWorkers::rankEnded, this, [this](int rank, int code, const QString& error) {
    if (code != 0) setRankText(rank, error.isEmpty() ? tr("stopped (exit code %1)").arg(code) : tr("stopped: %1").arg(error));
  });
  buildUi();
  connect(estimates_, &EstimateService::settingsChanged, form_, &SearchConfigForm::refreshBoards);
  form_->refreshBoards();
  setState(State::Idle);
}

SearchPanel::~SearchPanel() = default;

void SearchPanel::buildUi() {
  auto* form_host = new QWidget;
  auto* left = new QVBoxLayout(form_host);
  form_ = new SearchConfigForm(document_, estimates_);
  left->addWidget(form_);

  auto* buttons = new QGridLayout;
  start_button_ = new QPushButton(tr("Start"));
  pause_button_ = new QPushButton(tr("Pause"));
  pause_button_->setToolTip(tr("Stop at the next step; the last epoch's checkpoint is kept and Resume continues from it"));
  stop_button_ = new QPushButton(tr("Stop"));
  stop_button_->setToolTip(tr("Stop the run and set up a new one; it stays in the list of unfinished runs"));
  resume_button_ = new QPushButton(tr("Resume"));
  buttons->addWidget(start_button_, 0, 0);
  buttons->addWidget(pause_button_, 0, 1);
  buttons->addWidget(resume_button_, 1, 0);
  buttons->addWidget(stop_button_, 1, 1);
  left->addLayout(buttons);
  auto* workers_row = new QHBoxLayout;
  workers_row->addWidget(new QLabel(tr("Worker processes")));
  workers_spin_ = new QSpinBox;
  workers_spin_->setObjectName(QStringLiteral("searchWorkers"));
  workers_spin_->setRange(1, 16);
  workers_spin_->setToolTip(
      tr("Train on this many local processes (data-parallel: each takes a slice of every batch, gradients are "
         "summed with c10d/Gloo). Each uses the config's threads; on a machine with few cores more processes are "
         "not faster."));
  workers_row->addWidget(workers_spin_);
  workers_row->addStretch(1);
  left->addLayout(workers_row);
  connect(start_button_, &QPushButton::clicked, this, [this] { start(configFromForm()); });
  connect(pause_button_, &QPushButton::clicked, this, &SearchPanel::pause);
  connect(stop_button_, &QPushButton::clicked, this, &SearchPanel::stop);
  connect(resume_button_, &QPushButton::clicked, this, [this] { resume(); });
  progress_ = new QProgressBar;
  progress_->setTextVisible(true);
  left->addWidget(progress_);
  ranks_ = new QTableWidget(0, 2);
  ranks_->setObjectName(QStringLiteral("searchRanks"));
  ranks_->setHorizontalHeaderLabels({tr("Rank"), tr("Progress")});
  ranks_->horizontalHeader()->setStretchLastSection(true);
  ranks_->verticalHeader()->setVisible(false);
  ranks_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  ranks_->setVisible(false);
  left->addWidget(ranks_);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  left->addWidget(status_);

  auto* runs_box = new QGroupBox(tr("Unfinished runs in this project"));
  auto* runs_layout = new QVBoxLayout(runs_box);
  runs_ = new QTableWidget(0, 3);
  runs_->setHorizontalHeaderLabels({tr("Run"), tr("Checkpoint"), tr("Status")});
  runs_->horizontalHeader()->setStretchLastSection(true);
  runs_->verticalHeader()->setVisible(false);
  runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runs_->setSelectionMode(QAbstractItemView::SingleSelection);
  runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runs_->setMinimumHeight(90);
  runs_layout->addWidget(runs_);
  resume_selected_ = new QPushButton(tr("Resume selected run"));
  runs_layout->addWidget(resume_selected_);
  connect(resume_selected_, &QPushButton::clicked, this, [this] {
    const auto rows = runs_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) resume(runs_->item(rows.front().row(), 0)->text());
  });
  connect(runs_, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    if (!isRunning()) showStoredRun(runs_->item(row, 0)->text());
  });
  left->addWidget(runs_box);
  left->addStretch(1);

  auto* scroll = new QScrollArea;
  scroll->setObjectName(QStringLiteral("searchFormScroll"));
  scroll->setWidget(form_host);
  scroll->setWidgetResizable(true);
  // Narrow windows scroll the form sideways rather than grow past a laptop's screen.
  scroll->setMinimumWidth(std::min(form_host->sizeHint().width() + 24, 300));
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

  charts_ = new SearchCharts;
  heatmap_ = new ProbabilityHeatmap;
  arch_document_ = new GraphDocument(this);
  arch_scene_ = new GraphScene(arch_document_, this);
  arch_view_ = new GraphView(arch_scene_);
  arch_view_->setInteractive(false);  // read-only: the canvas tab is where graphs are edited
  arch_view_->setDragMode(QGraphicsView::ScrollHandDrag);
  auto* arch_host = new QWidget;
  auto* arch_layout = new QVBoxLayout(arch_host);
  arch_layout->setContentsMargins(0, 0, 0, 0);
  arch_label_ = new QLabel(tr("Current architecture (argmax): appears after the first epoch"));
  arch_label_->setWordWrap(true);
  arch_layout->addWidget(arch_label_);
  arch_layout->addWidget(arch_view_, 1);

  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(heatmap_);
  bottom->addWidget(arch_host);
  bottom->setStretchFactor(0, 3);
  bottom->setStretchFactor(1, 2);
  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(charts_);
  right->addWidget(bottom);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(scroll);
  split->addWidget(right);
  split->setStretchFactor(1, 1);
  split->setSizes({form_host->sizeHint().width() + 24, 1000});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);
  clearRunViews();
}

QLineSeries* SearchPanel::series(const QString& key) const { return charts_ ? charts_->series(key) : nullptr; }

int SearchPanel::pointCount(const QString& key) const { return charts_ ? charts_->pointCount(key) : 0; }

SearchConfig SearchPanel::configFromForm() const { return form_ ? form_->config() : SearchConfig{}; }

std::vector<UnfinishedRun> SearchPanel::unfinishedRuns() const { return tinyforge::unfinishedRuns(project_path_); }

void SearchPanel::clearRunViews() {
  charts_->clear();
  heatmap_->clear();
  arch_document_->reset(Graph{});
  architecture_.clear();
  arch_label_->setText(tr("Current architecture (argmax): appears after the first epoch"));
  last_epoch_done_ = -1;
}

void SearchPanel::setProjectPath(const QString& path) {
  if (isRunning()) {
    // The running job writes to its own project; the panel follows the new one when it ends.
    pending_project_path_ = path;
    return;
  }
  if (state_ == State::Paused && path != project_path_) {
    current_run_.clear();
    setState(State::Idle);
  }
  pending_project_path_.reset();
  project_path_ = path;
  refreshRuns();
}

QString SearchPanel::ensureProjectPath() {
  if (project_path_.isEmpty() && project_path_provider_) {
    const QString path = project_path_provider_();
    if (!path.isEmpty()) setProjectPath(path);
  }
  return project_path_;
}

void SearchPanel::fail(const QString& message) {
  last_error_ = message;
  status_text_ = message;
  if (status_) status_->setText(message);
  if (interactive_) QMessageBox::warning(this, tr("Search"), message);
}

bool SearchPanel::start(SearchConfig config, bool replace_existing) {
  last_error_.clear();
  if (!runner_) return fail(tr("This build has no search engine.")), false;
  if (isRunning()) return fail(tr("A search is already running: pause or stop it first.")), false;
  if (ensureProjectPath().isEmpty())
    return fail(tr("Save the project first: the search stores its runs, checkpoints and candidates in it.")), false;
  const Graph backbone = document_->graph();
  try {
    if (!hasDecisions(*makeSearchSpace(backbone)))
      return fail(tr("The canvas's model has nothing to search: give layers search widths or make blocks skippable "
                     "in the inspector, or open a backbone (File \u2192 New from template: KWS backbone).")),
             false;
  } catch (const std::exception& e) {
    return fail(tr("The canvas's model cannot be searched: %1").arg(QString::fromUtf8(e.what()))), false;
  }
  // An automatic name is the next free one, never a stored run's.
  QString name = QString::fromStdString(config.name).trimmed();
  if (name.isEmpty()) name = uniqueRunName(project_path_);
  if (!QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(name).hasMatch())
    return fail(tr("Run name '%1': use letters, digits, - and _ only.").arg(name)), false;
  bool fresh = replace_existing;
  if (projectHasRun(project_path_, name) && !fresh) {
    if (!interactive_) return fail(tr("The project already has a run named '%1'.").arg(name)), false;
    const auto answer = QMessageBox::question(
        this, tr("Search"),
        tr("The project already has a run named '%1'. Replace it (its checkpoints and candidates are deleted)?").arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) return false;
    fresh = true;
  }

  // The run as a CLI config beside the project: the studio and `tinyforge search --resume`
  // continue it alike.
  const QString path = configPath(project_path_, name);
  const QString folder = QFileInfo(path).absolutePath();
  SearchConfig loaded;
  try {
    if (!QDir().mkpath(folder)) throw std::runtime_error(folder.toStdString() + ": cannot create the folder");
    saveGraphJson(backbone, (folder + QStringLiteral("/backbone.json")).toStdString());
    config.name = name.toStdString();
    config.backbone = "backbone.json";
    config.project = QFileInfo(project_path_).absoluteFilePath().toStdString();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
      throw std::runtime_error(path.toStdString() + ": " + file.errorString().toStdString());
    file.write(QJsonDocument(searchConfigToJson(config)).toJson());
    file.close();
    loaded = readSearchConfig(path);
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  clearRunViews();
  return startConfig(loaded, /*resume=*/false, fresh);
}

bool SearchPanel::startConfig(const SearchConfig& config, bool resume, bool fresh) {
  try {
    space_ = makeSearchSpace(loadGraphJson(config.backbone));
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  // The search reads its own copy of the boards: the studio may add custom boards meanwhile.
  auto boards = std::make_shared<const BoardLibrary>(estimates_->boards());
  QString error;
  // Several processes: ranks 1..N-1 read the run's CLI config (the one rank 0 read too, so
  // the fingerprints agree) and wait for rank 0, which starts right after them.
  const int world = workers_spin_->value();
  DistributedOptions distributed;
  if (world > 1) {
    distributed.world_size = world;
    distributed.master_port = SearchWorkers::freeLoopbackPort();
    if (distributed.master_port == 0) return fail(tr("No free TCP port on 127.0.0.1 for the worker processes.")), false;
    if (!workers_->start(configPath(project_path_, QString::fromStdString(config.name)), world,
                         distributed.master_port, &error))
      return fail(error), false;
  }
  ranks_->setRowCount(world > 1 ? world : 0);
  for (int rank = 0; rank < ranks_->rowCount(); ++rank) {
    ranks_->setItem(rank, 0, new QTableWidgetItem(QString::number(rank)));
    setRankText(rank, tr("starting"));
  }
  ranks_->setVisible(world > 1);
  runner_->setDistributed(distributed);
  if (!runner_->start(config, std::move(boards), resume, fresh, &error)) {
    workers_->stop();
    return fail(error), false;
  }
  current_run_ = QString::fromStdString(config.name);
  form_->showConfig(config);
  charts_->setTemperatureStart(config.temperature_start);
  charts_->setTotalEpochs(config.epochs + config.finetune_epochs);
  stop_releases_run_ = false;
  status_text_ = resume ? tr("Resuming %1\u2026").arg(current_run_) : tr("Starting %1\u2026").arg(current_run_);
  status_->setText(status_text_);
  charts_->startStreaming();
  setState(State::Running);
  refreshRuns();
  return true;
}

void SearchPanel::pause() {
  if (!isRunning()) return;
  runner_->requestStop();
  status_text_ = tr("Pausing at the next step\u2026");
  status_->setText(status_text_);
  setState(State::Stopping);
}

void SearchPanel::stop() {
  if (state_ == State::Paused) {
    // Already stopped: let go of the run (it stays in the unfinished list).
    current_run_.clear();
    setState(State::Idle);
    refreshRuns();
    return;
  }
  if (!isRunning()) return;
  stop_releases_run_ = true;
  pause();
}

bool SearchPanel::resume(const QString& requested) {
  last_error_.clear();
  if (!runner_) return fail(tr("This build has no search engine.")), false;
  if (isRunning()) return fail(tr("A search is already running.")), false;
  const QString name = requested.isEmpty() ? current_run_ : requested;
  if (name.isEmpty()) return fail(tr("No run to resume: pick one in the list of unfinished runs.")), false;
  // Run names come from the project file; only a plain name names a folder beside it.
  if (!QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(name).hasMatch())
    return fail(tr("Run name '%1': use letters, digits, - and _ only.").arg(name)), false;
  if (ensureProjectPath().isEmpty()) return fail(tr("Open the project the run belongs to first.")), false;
  const QString path = configPath(project_path_, name);
  if (!QFileInfo::exists(path))
    return fail(tr("Run '%1' was not started from the studio (%2 is missing): continue it with "
                   "`tinyforge search CONFIG --resume`.").arg(name, path)),
           false;
  SearchConfig config;
  try {
    config = readSearchConfig(path);
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  // The project may have moved since the run started.
  config.project = QFileInfo(project_path_).absoluteFilePath().toStdString();
  clearRunViews();
  plotStoredEpochs(name);
  return startConfig(config, /*resume=*/true, /*fresh=*/false);
}

bool SearchPanel::showStoredRun(const QString& name) {
  if (!runner_ || isRunning()) return false;
  const QString path = configPath(project_path_, name);
  space_.reset();
  try {
    if (QFileInfo::exists(path)) space_ = makeSearchSpace(loadGraphJson(readSearchConfig(path).backbone));
  } catch (const std::exception&) {
    space_.reset();  // the charts still show; only the architecture view stays empty
  }
  clearRunViews();
  current_run_ = name;
  plotStoredEpochs(name);
  charts_->flush();
  return last_epoch_done_ >= 0;
}

void SearchPanel::plotStoredEpochs(const QString& run) {
  int epochs = 0;
  QString architecture;
  for (const StoredEpoch& stored : storedEpochs(project_path_, run)) {
    const QJsonObject& m = stored.metrics;
    const double x = stored.epoch + 1;
    charts_->addPoint(QStringLiteral("train_loss"), x, m.value(QStringLiteral("train_loss")).toDouble());
    charts_->addPoint(QStringLiteral("train_accuracy"), x, 100 * m.value(QStringLiteral("train_accuracy")).toDouble());
    charts_->addPoint(QStringLiteral("val_accuracy"), x, 100 * m.value(QStringLiteral("val_accuracy")).toDouble());
    if (m.value(QStringLiteral("phase")).toString() == QLatin1String("search"))
      charts_->addPoint(QStringLiteral("val_loss"), x, m.value(QStringLiteral("val_loss")).toDouble());
    charts_->addPoint(QStringLiteral("temperature"), x, m.value(QStringLiteral("temperature")).toDouble());
    architecture = m.value(QStringLiteral("architecture")).toString();
    last_epoch_done_ = stored.epoch;
    epochs = std::max(epochs, stored.epoch + 1);
  }
  if (epochs > 0) charts_->setTotalEpochs(epochs);
  if (!architecture.isEmpty()) showArchitecture(architecture);
}

bool SearchPanel::isRunning() const { return runner_ && runner_->isRunning(); }

bool SearchPanel::waitForIdle(int timeout_ms) { return !runner_ || runner_->wait(timeout_ms); }

void SearchPanel::onEvent(const SearchEvent& e) {
  const SearchProgress& p = e.progress;
  using Kind = SearchProgress::Kind;
  switch (p.kind) {
    case Kind::Started:
      steps_per_epoch_ = std::max(1, p.steps);
      charts_->setTotalEpochs(p.epochs);
      charts_->setOpsBudgetKnown(p.budgets.ops > 0);
      progress_->setRange(0, std::max(1, p.epochs) * steps_per_epoch_);
      progress_->setValue(p.epoch * steps_per_epoch_);
      status_text_ = tr("%1: %2").arg(current_run_, QString::fromStdString(p.message));
      break;
    case Kind::Step: {
      if (p.world_size > 1)
        setRankText(0, tr("epoch %1/%2 %3, step %4/%5, loss %6")
                           .arg(p.epoch + 1)
                           .arg(p.epochs)
                           .arg(QString::fromStdString(p.phase))
                           .arg(p.step)
                           .arg(p.steps)
                           .arg(p.train_loss, 0, 'f', 3));
      const double x = p.epoch + double(p.step) / std::max(1, p.steps);
      charts_->addPoint(QStringLiteral("train_loss"), x, p.train_loss);
      charts_->addPoint(QStringLiteral("train_accuracy"), x, 100 * p.train_accuracy);
      charts_->addPoint(QStringLiteral("temperature"), x, p.temperature);
      // After an evolution the bar counted generations: back to epochs and steps.
      if (progress_->maximum() != std::max(1, p.epochs) * steps_per_epoch_)
        progress_->setRange(0, std::max(1, p.epochs) * steps_per_epoch_);
      progress_->setValue(p.epoch * steps_per_epoch_ + p.step);
      progress_->setFormat(tr("epoch %1/%2 (%3), step %4/%5")
                               .arg(p.epoch + 1)
                               .arg(p.epochs)
                               .arg(QString::fromStdString(p.phase))
                               .arg(p.step)
                               .arg(p.steps));
      break;
    }
    case Kind::Epoch: {
      const double x = p.epoch + 1;
      if (p.phase == "search") charts_->addPoint(QStringLiteral("val_loss"), x, p.val_loss);
      charts_->addPoint(QStringLiteral("val_accuracy"), x, 100 * p.val_accuracy);
      const auto percent = [](double value, double budget) { return budget > 0 ? 100 * value / budget : NAN; };
      charts_->addPoint(QStringLiteral("flash"), x, percent(p.expected.flash_bytes, p.budgets.flash_bytes));
      charts_->addPoint(QStringLiteral("memory"), x, percent(p.expected.memory_bytes, p.budgets.memory_bytes));
      charts_->addPoint(QStringLiteral("ops"), x, percent(p.expected.ops, p.budgets.ops));
      heatmap_->setProbabilities(p.probabilities, p.epoch);
      showArchitecture(QString::fromStdString(p.architecture));
      last_epoch_done_ = p.epoch;
      status_text_ = tr("%1: epoch %2/%3 (%4) done, validation accuracy %5%; expected Flash %6, SRAM %7, %8 ops")
                         .arg(current_run_)
                         .arg(p.epoch + 1)
                         .arg(p.epochs)
                         .arg(QString::fromStdString(p.phase))
                         .arg(100 * p.val_accuracy, 0, 'f', 1)
                         .arg(bytesText(int64_t(p.expected.flash_bytes)), bytesText(int64_t(p.expected.memory_bytes)),
                              countText(int64_t(p.expected.ops)));
      charts_->flush();
      break;
    }
    case Kind::Candidate:
      // Evolution stores a candidate per measured architecture (hundreds): the Pareto view
      // hears of them once per generation instead.
      if (e.candidate && e.candidate->kind != "evolution")
        Q_EMIT candidateStored(current_run_, QString::fromStdString(e.candidate->kind), e.candidate->epoch);
      break;
    case Kind::Generation:
      progress_->setRange(0, p.generations + 1);
      progress_->setValue(p.generation + 1);
      progress_->setFormat(tr("evolution: generation %1/%2, best %3%, mean %4%")
                               .arg(p.generation)
                               .arg(p.generations)
                               .arg(100 * p.val_accuracy, 0, 'f', 1)
                               .arg(100 * p.mean_accuracy, 0, 'f', 1));
      showArchitecture(QString::fromStdString(p.architecture), tr("Best architecture of generation %1").arg(p.generation));
      status_text_ = tr("%1: evolution generation %2/%3: best %4%, mean %5% (supernet, validation); %6 architectures "
                        "measured, %7 refused by the estimator")
                         .arg(current_run_)
                         .arg(p.generation)
                         .arg(p.generations)
                         .arg(100 * p.val_accuracy, 0, 'f', 1)
                         .arg(100 * p.mean_accuracy, 0, 'f', 1)
                         .arg(p.evaluated)
                         .arg(p.rejected);
      Q_EMIT candidateStored(current_run_, QStringLiteral("evolution"), p.generation);
      break;
    case Kind::Finished:
      if (e.candidate) {
        status_text_ = tr("%1 finished: %2; int8 test accuracy %3% (float %4%)")
                           .arg(current_run_, QString::fromStdString(e.candidate->architecture))
                           .arg(100 * e.candidate->int8_accuracy, 0, 'f', 1)
                           .arg(100 * e.candidate->float_accuracy, 0, 'f', 1);
      }
      break;
    case Kind::Message:
      if (!p.message.empty()) status_text_ = tr("%1: %2").arg(current_run_, QString::fromStdString(p.message));
      break;
  }
  status_->setText(status_text_);
}

void SearchPanel::setRankText(int rank, const QString& text) {
  if (rank < 0 || rank >= ranks_->rowCount()) return;
  ranks_->setItem(rank, 1, new QTableWidgetItem(text));
}

void SearchPanel::onFinished(bool completed, const QString& error) {
  charts_->stopStreaming();
  // Rank 0 stopped early (paused, failed): the other ranks stop at the same step or within
  // their timeout; they are ended now. After a completed run they have finished already.
  if (!completed && workers_->running()) workers_->stop();
  if (ranks_->rowCount() > 0)
    setRankText(0, completed ? tr("finished: wrote the model") : error.isEmpty() ? tr("paused") : tr("stopped: %1").arg(error));
  const QString run = current_run_;
  if (!error.isEmpty()) {
    setState(State::Idle);
    fail(tr("Search %1 failed: %2").arg(run, error));
  } else if (completed) {
    current_run_.clear();
    progress_->setValue(progress_->maximum());
    setState(State::Idle);
  } else {
    const QString kept = last_epoch_done_ >= 0 ? tr("the checkpoint of epoch %1 is kept").arg(last_epoch_done_ + 1)
                                               : tr("no epoch had finished, so a resume starts over");
    if (stop_releases_run_) {
      status_text_ = tr("%1 stopped (%2); resume it from the list of unfinished runs.").arg(run, kept);
      current_run_.clear();
      setState(State::Idle);
    } else {
      status_text_ = tr("%1 paused (%2); Resume continues from there.").arg(run, kept);
      setState(State::Paused);
    }
    status_->setText(status_text_);
  }
  if (pending_project_path_) {
    const QString path = *pending_project_path_;
    if (state_ == State::Paused) {
      current_run_.clear();
      setState(State::Idle);
    }
    setProjectPath(path);
  }
  refreshRuns();
  Q_EMIT runEnded(completed);
}

void SearchPanel::showArchitecture(const QString& architecture, const QString& caption) {
  if (!caption.isEmpty()) arch_label_->setText(QStringLiteral("%1: %2").arg(caption, architecture));
  if (architecture.isEmpty() || architecture == architecture_) return;
  architecture_ = architecture;
  arch_label_->setText(caption.isEmpty() ? tr("Current architecture (argmax): %1").arg(architecture)
                                         : QStringLiteral("%1: %2").arg(caption, architecture));
  if (!space_) return;
  try {
    Graph graph = deriveArchitecture(*space_, architecture);
    arch_document_->reset(graph);
    arch_view_->fitGraph();
  } catch (const std::exception& e) {
    arch_label_->setText(tr("Current architecture: %1 (cannot draw it: %2)").arg(architecture, QString::fromUtf8(e.what())));
  }
}

void SearchPanel::setState(State state) {
  const State before = state_;
  state_ = state;
  const bool running = state == State::Running;
  start_button_->setEnabled(state == State::Idle);
  pause_button_->setEnabled(running);
  stop_button_->setEnabled(running || state == State::Paused);
  resume_button_->setEnabled(state == State::Paused);
  resume_selected_->setEnabled(state == State::Idle || state == State::Paused);
  form_->setEditable(state == State::Idle);
  // A run is over: the form is for the next one, whose automatic name is the next free
  // one, not the run just shown (starting that name again would offer to replace it).
  if (state == State::Idle && before != State::Idle) form_->restoreUserName();
  Q_EMIT stateChanged(state);
}

void SearchPanel::refreshRuns() {
  if (!runs_) return;
  const auto runs = unfinishedRuns();
  runs_->setRowCount(static_cast<int>(runs.size()));
  for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
    const UnfinishedRun& r = runs[static_cast<size_t>(i)];
    const bool live = isRunning() && r.name == current_run_;
    runs_->setItem(i, 0, new QTableWidgetItem(r.name));
    runs_->setItem(i, 1, new QTableWidgetItem(r.last_checkpoint_epoch >= 0 ? tr("epoch %1").arg(r.last_checkpoint_epoch + 1)
                                                                            : tr("none")));
    runs_->setItem(i, 2, new QTableWidgetItem(live ? tr("running now")
                                                   : r.has_studio_config ? tr("resumable")
                                                                         : tr("started from the CLI")));
  }
  runs_->resizeColumnsToContents();
}

}  // namespace tinyforge
