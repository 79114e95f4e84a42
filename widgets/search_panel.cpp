#include "widgets/search_panel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "core/boards/board_library.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "core/nas/search_space.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/probability_heatmap.h"
#include "widgets/search_runner.h"
#include "widgets/units_text.h"

namespace tinyforge {
namespace {

constexpr int kFlushIntervalMs = 150;  // chart repaints at most this often, however fast the steps

// The number of classes the backbone outputs (the synthetic data must have as many).
int outputClasses(const Graph& graph) {
  try {
    const ShapedGraph shaped = inferShapes(graph);
    if (shaped.outputs.empty()) return 0;
    const auto& shape = shaped.layers[static_cast<size_t>(shaped.outputs.front())].output_shape;
    return shape.empty() ? 0 : shape.back();
  } catch (const std::exception&) {
    return 0;
  }
}

QJsonObject configToJson(const SearchConfig& c) {
  QJsonObject budgets{{QStringLiteral("sram_bytes"), double(c.budgets.sram_bytes)},
                      {QStringLiteral("flash_bytes"), double(c.budgets.flash_bytes)},
                      {QStringLiteral("latency_ms"), c.budgets.latency_ms},
                      {QStringLiteral("ops"), double(c.budgets.ops)}};
  QJsonObject synthetic{{QStringLiteral("train"), c.synthetic.train},
                        {QStringLiteral("validation"), c.synthetic.validation},
                        {QStringLiteral("test"), c.synthetic.test},
                        {QStringLiteral("classes"), c.synthetic.classes},
                        {QStringLiteral("noise"), c.synthetic.noise}};
  QJsonObject j{{QStringLiteral("name"), QString::fromStdString(c.name)},
                {QStringLiteral("backbone"), QString::fromStdString(c.backbone)},
                {QStringLiteral("data"), QString::fromStdString(c.data)},
                {QStringLiteral("board"), QString::fromStdString(c.board)},
                {QStringLiteral("runtime"), QString::fromStdString(c.runtime)},
                {QStringLiteral("project"), QString::fromStdString(c.project)},
                {QStringLiteral("budgets"), budgets},
                {QStringLiteral("epochs"), c.epochs},
                {QStringLiteral("warmup_epochs"), c.warmup_epochs},
                {QStringLiteral("finetune_epochs"), c.finetune_epochs},
                {QStringLiteral("batch_size"), c.batch_size},
                {QStringLiteral("lr"), c.lr},
                {QStringLiteral("lr_final"), c.lr_final},
                {QStringLiteral("arch_lr"), c.arch_lr},
                {QStringLiteral("weight_decay"), c.weight_decay},
                {QStringLiteral("temperature"), QJsonArray{c.temperature_start, c.temperature_end}},
                {QStringLiteral("penalty"), c.penalty},
                {QStringLiteral("weight_bits"), c.weight_bits},
                {QStringLiteral("fake_quant"), c.fake_quant},
                {QStringLiteral("seed"), double(c.seed)},
                {QStringLiteral("threads"), c.threads},
                {QStringLiteral("max_steps_per_epoch"), c.max_steps_per_epoch},
                {QStringLiteral("synthetic"), synthetic}};
  if (!c.data_cache.empty()) j.insert(QStringLiteral("data_cache"), QString::fromStdString(c.data_cache));
  return j;
}

// A read-only connection to the project file (QtSql, so listing needs no search engine).
template <typename F>
void withProject(const QString& path, F&& body) {
  if (path.isEmpty() || !QFileInfo::exists(path)) return;
  const QString name = QUuid::createUuid().toString();
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (db.open() && db.tables().contains(QStringLiteral("search_runs"))) body(db);
  }
  QSqlDatabase::removeDatabase(name);
}

// Everything the panel asks of core/nas beyond its plain structs, in one place: without
// the search engine these throw and the panel (which then shows only a notice) never calls them.
#ifdef TINYFORGE_HAVE_SEARCH
// "conv1=64 ds1=skip ds2=128" back into a choice of `space` (unknown parts stay largest).
ArchChoice parseArchitecture(const SearchSpace& space, const QString& text) {
  ArchChoice choice = space.largest();
  for (const QString& part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    const int eq = static_cast<int>(part.indexOf(QLatin1Char('=')));
    if (eq < 0) continue;
    const std::string name = part.left(eq).toStdString();
    const QString value = part.mid(eq + 1);
    const bool skipped = value == QLatin1String("skip") || value == QLatin1String("pool");
    for (size_t d = 0; d < space.skipDecisions().size(); ++d)
      if (space.skipDecisions()[d].name == name) choice.skipped[d] = skipped;
    if (skipped) continue;
    const int width = value.toInt();
    for (size_t d = 0; d < space.widthDecisions().size(); ++d) {
      const auto& widths = space.widthDecisions()[d].widths;
      if (space.widthDecisions()[d].name != name) continue;
      const auto it = std::find(widths.begin(), widths.end(), width);
      if (it != widths.end()) choice.width_index[d] = static_cast<int>(it - widths.begin());
    }
  }
  return choice;
}

std::shared_ptr<SearchSpace> makeSpace(const Graph& backbone) { return std::make_shared<SearchSpace>(backbone); }
bool hasDecisions(const SearchSpace& space) { return !space.widthDecisions().empty() || !space.skipDecisions().empty(); }
Graph deriveArchitecture(const SearchSpace& space, const QString& architecture) {
  return space.derive(parseArchitecture(space, architecture));
}
SearchConfig readConfig(const QString& path) { return loadSearchConfig(path.toStdString()); }
DerivedBudgets budgetsFor(const Graph& backbone, const BoardLibrary& boards, const std::string& board,
                          const std::string& runtime, const SearchBudgets& requested) {
  return deriveBudgets(backbone, boards, board, runtime, requested);
}
#else
[[noreturn]] void unavailable() { throw std::runtime_error("built without the search engine"); }
std::shared_ptr<SearchSpace> makeSpace(const Graph&) { unavailable(); }
bool hasDecisions(const SearchSpace&) { unavailable(); }
Graph deriveArchitecture(const SearchSpace&, const QString&) { unavailable(); }
SearchConfig readConfig(const QString&) { unavailable(); }
DerivedBudgets budgetsFor(const Graph&, const BoardLibrary&, const std::string&, const std::string&, const SearchBudgets&) {
  unavailable();
}
#endif

}  // namespace

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
  flush_timer_ = new QTimer(this);
  flush_timer_->setInterval(kFlushIntervalMs);
  connect(flush_timer_, &QTimer::timeout, this, &SearchPanel::flushPoints);
  buildUi();
  connect(estimates_, &EstimateService::settingsChanged, this, [this] {
    // Custom boards may have been added: keep the pick, refresh the list.
    const QString current = board_->currentData().toString();
    const QSignalBlocker block(board_);
    board_->clear();
    for (const Board& board : estimates_->boards().boards())
      board_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(board.part), QString::fromStdString(board.core)),
                      QString::fromStdString(board.id));
    int index = board_->findData(current);
    if (index < 0 && !estimates_->chosenBoards().isEmpty()) index = board_->findData(estimates_->chosenBoards().front());
    board_->setCurrentIndex(std::max(0, index));
    updateBudgetsLabel();
  });
  Q_EMIT estimates_->settingsChanged();
  setState(State::Idle);
}

SearchPanel::~SearchPanel() = default;

void SearchPanel::buildUi() {
  auto* form_host = new QWidget;
  auto* left = new QVBoxLayout(form_host);

  auto* config_box = new QGroupBox(tr("Search the canvas's backbone"));
  auto* form = new QFormLayout(config_box);
  name_ = new QLineEdit;
  name_->setPlaceholderText(tr("automatic"));
  name_->setToolTip(tr("The run's name in the project (letters, digits, - and _)"));
  form->addRow(tr("Run name"), name_);
  data_ = new QComboBox;
  data_->addItem(tr("Synthetic patterns"), QStringLiteral("synthetic"));
  data_->setItemData(0, tr("A learnable pattern task generated on the fly: seconds per epoch, for trying things out"),
                     Qt::ToolTipRole);
  data_->addItem(tr("Synthesized keywords"), QStringLiteral("synth-kws"));
  data_->setItemData(1, tr("Spoken keywords synthesized once with espeak-ng and sox, read as Speech Commands"),
                     Qt::ToolTipRole);
  data_->addItem(tr("Speech Commands folder"), QStringLiteral("folder"));
  form->addRow(tr("Data"), data_);
  auto* folder_row = new QHBoxLayout;
  data_folder_ = new QLineEdit;
  data_folder_->setPlaceholderText(tr("one sub-folder per keyword"));
  auto* browse = new QPushButton(tr("Browse\u2026"));
  folder_row->addWidget(data_folder_);
  folder_row->addWidget(browse);
  form->addRow(QString(), folder_row);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), data_folder_->text());
    if (!dir.isEmpty()) {
      data_folder_->setText(dir);
      data_->setCurrentIndex(data_->findData(QStringLiteral("folder")));
    }
  });
  const auto folder_visible = [this, browse] {
    const bool folder = data_->currentData().toString() == QLatin1String("folder");
    data_folder_->setEnabled(folder);
    browse->setEnabled(folder);
  };
  connect(data_, &QComboBox::currentIndexChanged, this, folder_visible);
  folder_visible();

  board_ = new QComboBox;
  form->addRow(tr("Board"), board_);
  connect(board_, &QComboBox::currentIndexChanged, this, &SearchPanel::updateBudgetsLabel);
  const auto budget_spin = [](const QString& suffix, int max) {
    auto* spin = new QSpinBox;
    spin->setRange(0, max);
    spin->setSuffix(suffix);
    spin->setSpecialValueText(tr("from the board"));
    return spin;
  };
  sram_kib_ = budget_spin(QStringLiteral(" KiB"), 1 << 20);
  flash_kib_ = budget_spin(QStringLiteral(" KiB"), 1 << 22);
  latency_ms_ = new QDoubleSpinBox;
  latency_ms_->setRange(0, 1e6);
  latency_ms_->setDecimals(1);
  latency_ms_->setSuffix(QStringLiteral(" ms"));
  latency_ms_->setSpecialValueText(tr("none"));
  form->addRow(tr("SRAM budget"), sram_kib_);
  form->addRow(tr("Flash budget"), flash_kib_);
  form->addRow(tr("Latency budget"), latency_ms_);
  for (QAbstractSpinBox* spin : {static_cast<QAbstractSpinBox*>(sram_kib_), static_cast<QAbstractSpinBox*>(flash_kib_),
                                 static_cast<QAbstractSpinBox*>(latency_ms_)})
    connect(spin, &QAbstractSpinBox::editingFinished, this, &SearchPanel::updateBudgetsLabel);
  budgets_label_ = new QLabel;
  budgets_label_->setWordWrap(true);
  form->addRow(QString(), budgets_label_);

  const SearchConfig defaults;
  const auto int_spin = [](int lo, int hi, int value) {
    auto* spin = new QSpinBox;
    spin->setRange(lo, hi);
    spin->setValue(value);
    return spin;
  };
  epochs_ = int_spin(1, 1000, defaults.epochs);
  warmup_ = int_spin(0, 1000, defaults.warmup_epochs);
  finetune_ = int_spin(0, 1000, defaults.finetune_epochs);
  batch_ = int_spin(1, 4096, defaults.batch_size);
  steps_ = int_spin(0, 1000000, 0);
  steps_->setSpecialValueText(tr("whole train split"));
  seed_ = int_spin(0, 1 << 30, static_cast<int>(defaults.seed));
  form->addRow(tr("Search epochs"), epochs_);
  form->addRow(tr("of which warm-up"), warmup_);
  form->addRow(tr("Fine-tune epochs"), finetune_);
  form->addRow(tr("Batch size"), batch_);
  form->addRow(tr("Steps per epoch"), steps_);
  form->addRow(tr("Seed"), seed_);
  left->addWidget(config_box);

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
  connect(start_button_, &QPushButton::clicked, this, [this] { start(configFromForm()); });
  connect(pause_button_, &QPushButton::clicked, this, &SearchPanel::pause);
  connect(stop_button_, &QPushButton::clicked, this, &SearchPanel::stop);
  connect(resume_button_, &QPushButton::clicked, this, [this] { resume(); });
  progress_ = new QProgressBar;
  progress_->setTextVisible(true);
  left->addWidget(progress_);
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
  scroll->setWidget(form_host);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(form_host->sizeHint().width() + 24);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  charts_ = new QWidget;
  buildCharts(charts_);
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
  split->setSizes({scroll->minimumWidth(), 1000});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);
  clearCharts();
}

void SearchPanel::buildCharts(QWidget* host) {
  auto* grid = new QGridLayout(host);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(2);
  const auto make = [&](const QString& title, int row, int column, QValueAxis** y_out) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    auto* x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%g"));
    x->setRange(0, 1);
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    x_axes_.push_back(x);
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 170);
    grid->addWidget(view, row, column);
    charts_list_.push_back(chart);
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
  QChart* loss = make(tr("Loss (cross-entropy) per epoch"), 0, 0, &loss_y_);
  add(loss, QStringLiteral("train_loss"), tr("training"), QColor(31, 119, 180));
  add(loss, QStringLiteral("val_loss"), tr("validation"), QColor(255, 127, 14));
  QValueAxis* accuracy_y = nullptr;
  QChart* accuracy = make(tr("Accuracy (%) per epoch"), 0, 1, &accuracy_y);
  accuracy_y->setRange(0, 100);
  add(accuracy, QStringLiteral("train_accuracy"), tr("training"), QColor(31, 119, 180));
  add(accuracy, QStringLiteral("val_accuracy"), tr("validation (argmax)"), QColor(255, 127, 14));
  QChart* costs = make(tr("Expected cost (% of the budget) per epoch"), 1, 0, &cost_y_);
  cost_y_->setRange(0, 150);
  add(costs, QStringLiteral("flash"), tr("Flash (eq. 2)"), QColor(44, 160, 44));
  add(costs, QStringLiteral("memory"), tr("SRAM (eq. 3)"), QColor(214, 39, 40));
  auto* ops = add(costs, QStringLiteral("ops"), tr("ops (eq. 4)"), QColor(148, 103, 189));
  ops->setProperty("legendWithBudget", ops->name());
  budget_line_ = add(costs, QString(), tr("budget"), QColor(90, 90, 90), true);
  QChart* temperature = make(tr("Gumbel-softmax temperature per epoch"), 1, 1, &temperature_y_);
  add(temperature, QStringLiteral("temperature"), tr("temperature"), QColor(140, 86, 75));
  temperature->legend()->hide();
}

void SearchPanel::clearCharts() {
  pending_.clear();
  for (QLineSeries* series : std::as_const(series_)) series->clear();
  budget_line_->clear();
  heatmap_->clear();
  arch_document_->reset(Graph{});
  architecture_.clear();
  arch_label_->setText(tr("Current architecture (argmax): appears after the first epoch"));
  last_epoch_done_ = -1;
  updateAxes();
}

int SearchPanel::pointCount(const QString& key) const {
  const QLineSeries* s = series(key);
  return (s ? static_cast<int>(s->count()) : 0) + static_cast<int>(pending_.value(key).size());
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

QString SearchPanel::configPath(const QString& project_path, const QString& run) {
  return project_path + QStringLiteral(".searches/") + run + QStringLiteral("/search.json");
}

SearchConfig SearchPanel::configFromForm() const {
  SearchConfig c;
  c.name = name_->text().trimmed().toStdString();
  const QString data = data_->currentData().toString();
  c.data = (data == QLatin1String("folder") ? data_folder_->text().trimmed() : data).toStdString();
  c.board = board_->currentData().toString().toStdString();
  c.runtime = toString(estimates_->runtime());
  c.budgets.sram_bytes = int64_t(sram_kib_->value()) * 1024;
  c.budgets.flash_bytes = int64_t(flash_kib_->value()) * 1024;
  c.budgets.latency_ms = latency_ms_->value();
  c.epochs = epochs_->value();
  c.warmup_epochs = std::min(warmup_->value(), c.epochs);
  c.finetune_epochs = finetune_->value();
  c.batch_size = batch_->value();
  c.max_steps_per_epoch = steps_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  // One core stays with the GUI: training slows 10-25x when it competes for it.
  c.threads = 1;
  if (const int classes = outputClasses(document_->graph()); classes > 1) c.synthetic.classes = classes;
  return c;
}

QString SearchPanel::ensureProjectPath() {
  if (project_path_.isEmpty() && project_path_provider_) {
    const QString path = project_path_provider_();
    if (!path.isEmpty()) setProjectPath(path);
  }
  return project_path_;
}

QString SearchPanel::uniqueRunName() const {
  QStringList taken;
  withProject(project_path_, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT name FROM search_runs")))
      while (query.next()) taken << query.value(0).toString();
  });
  for (int i = 1;; ++i) {
    const QString name = QStringLiteral("search-%1").arg(i);
    if (!taken.contains(name) && !QFileInfo::exists(configPath(project_path_, name))) return name;
  }
}

void SearchPanel::fail(const QString& message) {
  last_error_ = message;
  status_text_ = message;
  status_->setText(message);
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
    if (!hasDecisions(*makeSpace(backbone)))
      return fail(tr("The canvas's model has nothing to search: give layers search widths or make blocks skippable "
                     "in the inspector, or open a backbone (File \u2192 New from template: KWS backbone).")),
             false;
  } catch (const std::exception& e) {
    return fail(tr("The canvas's model cannot be searched: %1").arg(QString::fromUtf8(e.what()))), false;
  }
  QString name = QString::fromStdString(config.name).trimmed();
  if (name.isEmpty()) name = uniqueRunName();
  if (!QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(name).hasMatch())
    return fail(tr("Run name '%1': use letters, digits, - and _ only.").arg(name)), false;
  bool fresh = replace_existing;
  bool exists = false;
  withProject(project_path_, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM search_runs WHERE name = ?"));
    query.addBindValue(name);
    exists = query.exec() && query.next();
  });
  if (exists && !fresh) {
    if (!interactive_) return fail(tr("The project already has a run named '%1'.").arg(name)), false;
    const auto answer = QMessageBox::question(
        this, tr("Search"), tr("The project already has a run named '%1'. Replace it (its checkpoints and candidates "
                               "are deleted)?").arg(name));
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
    file.write(QJsonDocument(configToJson(config)).toJson());
    file.close();
    loaded = readConfig(path);
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  clearCharts();
  return startConfig(loaded, /*resume=*/false, fresh);
}

void SearchPanel::showConfig(const SearchConfig& c) {
  // The (disabled) form shows the run's own settings while it runs or is paused.
  const QSignalBlocker block_board(board_);
  name_->setText(QString::fromStdString(c.name));
  const int data = data_->findData(QString::fromStdString(c.data));
  data_->setCurrentIndex(data >= 0 ? data : data_->findData(QStringLiteral("folder")));
  if (data < 0) data_folder_->setText(QString::fromStdString(c.data));
  if (const int board = board_->findData(QString::fromStdString(c.board)); board >= 0) board_->setCurrentIndex(board);
  sram_kib_->setValue(static_cast<int>(c.budgets.sram_bytes / 1024));
  flash_kib_->setValue(static_cast<int>(c.budgets.flash_bytes / 1024));
  latency_ms_->setValue(c.budgets.latency_ms);
  epochs_->setValue(c.epochs);
  warmup_->setValue(c.warmup_epochs);
  finetune_->setValue(c.finetune_epochs);
  batch_->setValue(c.batch_size);
  steps_->setValue(c.max_steps_per_epoch);
  seed_->setValue(static_cast<int>(c.seed));
}

bool SearchPanel::startConfig(const SearchConfig& config, bool resume, bool fresh) {
  try {
    space_ = makeSpace(loadGraphJson(config.backbone));
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  // The search reads its own copy of the boards: the studio may add custom boards meanwhile.
  auto boards = std::make_shared<const BoardLibrary>(estimates_->boards());
  QString error;
  if (!runner_->start(config, std::move(boards), resume, fresh, &error)) return fail(error), false;
  current_run_ = QString::fromStdString(config.name);
  showConfig(config);
  temperature_start_ = config.temperature_start;
  total_epochs_ = config.epochs + config.finetune_epochs;
  stop_releases_run_ = false;
  status_text_ = resume ? tr("Resuming %1\u2026").arg(current_run_) : tr("Starting %1\u2026").arg(current_run_);
  status_->setText(status_text_);
  flush_timer_->start();
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
  if (ensureProjectPath().isEmpty()) return fail(tr("Open the project the run belongs to first.")), false;
  const QString path = configPath(project_path_, name);
  if (!QFileInfo::exists(path))
    return fail(tr("Run '%1' was not started from the studio (%2 is missing): continue it with "
                   "`tinyforge search CONFIG --resume`.").arg(name, path)),
           false;
  SearchConfig config;
  try {
    config = readConfig(path);
  } catch (const std::exception& e) {
    return fail(QString::fromUtf8(e.what())), false;
  }
  // The project may have moved since the run started.
  config.project = QFileInfo(project_path_).absoluteFilePath().toStdString();
  clearCharts();
  plotStoredEpochs(name);
  return startConfig(config, /*resume=*/true, /*fresh=*/false);
}

bool SearchPanel::showStoredRun(const QString& name) {
  if (!runner_ || isRunning()) return false;
  const QString path = configPath(project_path_, name);
  space_.reset();
  try {
    if (QFileInfo::exists(path)) space_ = makeSpace(loadGraphJson(readConfig(path).backbone));
  } catch (const std::exception&) {
    space_.reset();  // the charts still show; only the architecture view stays empty
  }
  clearCharts();
  current_run_ = name;
  plotStoredEpochs(name);
  flushPoints();
  return last_epoch_done_ >= 0;
}

void SearchPanel::plotStoredEpochs(const QString& run) {
  int epochs = 0;
  QString architecture;
  withProject(project_path_, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT e.epoch, e.metrics FROM search_epochs e JOIN search_runs r ON r.id = e.run_id "
                                 "WHERE r.name = ? ORDER BY e.epoch"));
    query.addBindValue(run);
    if (!query.exec()) return;
    while (query.next()) {
      const int epoch = query.value(0).toInt();
      const QJsonObject m = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
      const double x = epoch + 1;
      addPoint(QStringLiteral("train_loss"), x, m.value(QStringLiteral("train_loss")).toDouble());
      addPoint(QStringLiteral("train_accuracy"), x, 100 * m.value(QStringLiteral("train_accuracy")).toDouble());
      addPoint(QStringLiteral("val_accuracy"), x, 100 * m.value(QStringLiteral("val_accuracy")).toDouble());
      if (m.value(QStringLiteral("phase")).toString() == QLatin1String("search"))
        addPoint(QStringLiteral("val_loss"), x, m.value(QStringLiteral("val_loss")).toDouble());
      addPoint(QStringLiteral("temperature"), x, m.value(QStringLiteral("temperature")).toDouble());
      architecture = m.value(QStringLiteral("architecture")).toString();
      last_epoch_done_ = epoch;
      epochs = std::max(epochs, epoch + 1);
    }
  });
  total_epochs_ = std::max(total_epochs_, epochs);
  if (!architecture.isEmpty()) showArchitecture(architecture);
  updateAxes();
}

bool SearchPanel::isRunning() const { return runner_ && runner_->isRunning(); }

bool SearchPanel::waitForIdle(int timeout_ms) { return !runner_ || runner_->wait(timeout_ms); }

void SearchPanel::addPoint(const QString& key, double x, double y) {
  if (std::isfinite(x) && std::isfinite(y)) pending_[key].append(QPointF(x, y));
}

void SearchPanel::flushPoints() {
  if (pending_.isEmpty()) return;
  for (auto it = pending_.begin(); it != pending_.end(); ++it)
    if (QLineSeries* s = series_.value(it.key())) s->append(it.value());
  pending_.clear();
  updateAxes();
}

void SearchPanel::updateAxes() {
  const double x_max = std::max(1, total_epochs_);
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

void SearchPanel::onEvent(const SearchEvent& e) {
  const SearchProgress& p = e.progress;
  using Kind = SearchProgress::Kind;
  switch (p.kind) {
    case Kind::Started:
      steps_per_epoch_ = std::max(1, p.steps);
      total_epochs_ = std::max(1, p.epochs);
      budgets_ = p.budgets;
      if (QLineSeries* ops = series_.value(QStringLiteral("ops")))
        ops->setName(p.budgets.ops > 0 ? ops->property("legendWithBudget").toString() : tr("ops: no latency budget"));
      progress_->setRange(0, total_epochs_ * steps_per_epoch_);
      progress_->setValue(p.epoch * steps_per_epoch_);
      status_text_ = tr("%1: %2").arg(current_run_, QString::fromStdString(p.message));
      updateAxes();
      break;
    case Kind::Step: {
      const double x = p.epoch + double(p.step) / std::max(1, p.steps);
      addPoint(QStringLiteral("train_loss"), x, p.train_loss);
      addPoint(QStringLiteral("train_accuracy"), x, 100 * p.train_accuracy);
      addPoint(QStringLiteral("temperature"), x, p.temperature);
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
      if (p.phase == "search") addPoint(QStringLiteral("val_loss"), x, p.val_loss);
      addPoint(QStringLiteral("val_accuracy"), x, 100 * p.val_accuracy);
      const auto percent = [](double value, double budget) { return budget > 0 ? 100 * value / budget : NAN; };
      addPoint(QStringLiteral("flash"), x, percent(p.expected.flash_bytes, p.budgets.flash_bytes));
      addPoint(QStringLiteral("memory"), x, percent(p.expected.memory_bytes, p.budgets.memory_bytes));
      addPoint(QStringLiteral("ops"), x, percent(p.expected.ops, p.budgets.ops));
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
      flushPoints();
      break;
    }
    case Kind::Candidate:
      if (e.candidate)
        Q_EMIT candidateStored(current_run_, QString::fromStdString(e.candidate->kind), e.candidate->epoch);
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

void SearchPanel::onFinished(bool completed, const QString& error) {
  flush_timer_->stop();
  flushPoints();
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

void SearchPanel::showArchitecture(const QString& architecture) {
  if (architecture.isEmpty() || architecture == architecture_) return;
  architecture_ = architecture;
  arch_label_->setText(tr("Current architecture (argmax): %1").arg(architecture));
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
  state_ = state;
  const bool running = state == State::Running;
  start_button_->setEnabled(state == State::Idle);
  pause_button_->setEnabled(running);
  stop_button_->setEnabled(running || state == State::Paused);
  resume_button_->setEnabled(state == State::Paused);
  resume_selected_->setEnabled(state == State::Idle || state == State::Paused);
  for (QWidget* w : std::initializer_list<QWidget*>{name_, data_, board_, sram_kib_, flash_kib_, latency_ms_, epochs_,
                                                    warmup_, finetune_, batch_, steps_, seed_})
    w->setEnabled(state == State::Idle);
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

std::vector<UnfinishedRun> SearchPanel::unfinishedRuns() const {
  std::vector<UnfinishedRun> out;
  withProject(project_path_, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT r.name, r.status, (SELECT MAX(c.epoch) FROM search_checkpoints c WHERE "
                                   "c.run_id = r.id) FROM search_runs r WHERE r.status <> 'finished' ORDER BY r.id")))
      return;
    while (query.next()) {
      UnfinishedRun r;
      r.name = query.value(0).toString();
      r.status = query.value(1).toString();
      r.last_checkpoint_epoch = query.value(2).isNull() ? -1 : query.value(2).toInt();
      r.has_studio_config = QFileInfo::exists(configPath(project_path_, r.name));
      out.push_back(r);
    }
  });
  return out;
}

void SearchPanel::updateBudgetsLabel() {
  if (!budgets_label_) return;
  const std::string board = board_->currentData().toString().toStdString();
  if (board.empty()) return;
  SearchBudgets requested;
  requested.sram_bytes = int64_t(sram_kib_->value()) * 1024;
  requested.flash_bytes = int64_t(flash_kib_->value()) * 1024;
  requested.latency_ms = latency_ms_->value();
  try {
    const DerivedBudgets b = budgetsFor(document_->graph(), estimates_->boards(), board, toString(estimates_->runtime()), requested);
    budgets_label_->setText(tr("The search's budgets: activations (eq. 3) %1, weights (eq. 2) %2%3")
                                .arg(bytesText(b.sram_bytes), bytesText(b.flash_bytes),
                                     b.ops > 0 ? tr(", %1 ops (eq. 4)").arg(countText(b.ops)) : QString()));
  } catch (const std::exception& e) {
    budgets_label_->setText(tr("Budgets: %1").arg(QString::fromUtf8(e.what())));
  }
}

}  // namespace tinyforge
