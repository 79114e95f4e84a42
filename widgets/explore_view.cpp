#include "widgets/explore_view.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "core/boards/board_library.h"
#include "core/graph/graph.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/units_text.h"
#include "widgets/worker_inbox.h"

namespace tinyforge {
namespace {

#ifdef TINYFORGE_HAVE_EXPLORE
ExploreResult runExplore(const Graph& backbone, std::shared_ptr<const BoardLibrary> boards, const ExploreOptions& options,
                         const ExploreProgressCallback& progress, const std::atomic<bool>* cancel) {
  return explore(backbone, std::move(boards), options, progress, cancel);
}
#else
ExploreResult runExplore(const Graph&, std::shared_ptr<const BoardLibrary>, const ExploreOptions&,
                         const ExploreProgressCallback&, const std::atomic<bool>*) {
  throw std::runtime_error("built without core/nas's explore");
}
#endif

const Node* inputNode(const Graph& graph) {
  for (const Node& node : graph.nodes)
    if (node.kind == NodeKind::Input && node.shape.size() == 4) return &node;
  return nullptr;
}

QString resolutionText(ExploreResolution r) { return QStringLiteral("%1\u00d7%2").arg(r.height).arg(r.width); }

// Distinct colours for up to a dozen curves, the best first.
QColor curveColor(int index) {
  static const QColor colors[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},
                                  {148, 103, 189}, {140, 86, 75}, {227, 119, 194}, {127, 127, 127},
                                  {188, 189, 34},  {23, 190, 207}, {57, 59, 121},  {140, 162, 82}};
  return colors[index % 12];
}

}  // namespace

bool ExploreView::available() {
#ifdef TINYFORGE_HAVE_EXPLORE
  return true;
#else
  return false;
#endif
}

ExploreView::ExploreView(GraphDocument* document, EstimateService* estimates, QWidget* parent)
    : QWidget(parent), document_(document), estimates_(estimates), inbox_(new WorkerInbox(this)) {
  auto* layout = new QVBoxLayout(this);
  if (!available()) {
    auto* label = new QLabel(tr("<h3>Explore</h3><p>This build of TinyForge Studio has no search engine (core/nas is "
                                "built with libtorch), so it cannot explore search spaces. Install libtorch "
                                "(Debian: <code>apt-get install libtorch-dev</code>) and rebuild.</p>"));
    label->setObjectName(QStringLiteral("exploreUnavailable"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(label);
    return;
  }
  auto* intro = new QLabel(tr("Which input resolution and width multiplier should the search start from? For each "
                              "pair, random architectures of the scaled backbone are estimated on the board; the curves "
                              "are the ops distributions (CDF) of those that fit. Further right = larger models fit = "
                              "more room for accuracy (TinyNAS). Ranked best first."));
  intro->setWordWrap(true);
  layout->addWidget(intro);

  // Two rows, so that the tab does not make the window wider than a laptop's screen.
  auto* form = new QGridLayout;
  board_ = new QComboBox;
  board_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  board_->setMinimumContentsLength(14);
  samples_ = new QSpinBox;
  samples_->setRange(1, 100000);
  samples_->setValue(500);
  samples_->setToolTip(tr("Architectures sampled per configuration"));
  resolutions_ = new QLineEdit;
  resolutions_->setToolTip(tr("Input heights\u00d7widths, comma-separated, e.g. 49x10, 40x10, 32x10"));
  multipliers_ = new QLineEdit;
  multipliers_->setToolTip(tr("Width multipliers, comma-separated, e.g. 0.25, 0.5, 0.75, 1"));
  seed_ = new QSpinBox;
  seed_->setRange(0, 1 << 30);
  seed_->setValue(1);
  run_button_ = new QPushButton(tr("Explore"));
  cancel_button_ = new QPushButton(tr("Cancel"));
  cancel_button_->setEnabled(false);
  auto* reset = new QPushButton(tr("From the canvas"));
  reset->setToolTip(tr("Resolutions and multipliers around the canvas's backbone"));
  const auto labelled = [&](int row, int column, const QString& text, QWidget* widget) {
    form->addWidget(new QLabel(text), row, column);
    form->addWidget(widget, row, column + 1);
  };
  labelled(0, 0, tr("Board"), board_);
  labelled(0, 2, tr("Resolutions"), resolutions_);
  labelled(0, 4, tr("Width multipliers"), multipliers_);
  labelled(1, 0, tr("Samples"), samples_);
  labelled(1, 2, tr("Seed"), seed_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(reset);
  buttons->addWidget(run_button_);
  buttons->addWidget(cancel_button_);
  form->addLayout(buttons, 1, 4, 1, 2);
  for (int column : {1, 3, 5}) form->setColumnStretch(column, 1);
  layout->addLayout(form);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  layout->addWidget(progress_);
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  layout->addWidget(summary_);

  chart_ = new QChart;
  chart_->setTitle(tr("Ops of the sampled models that fit (CDF), per resolution \u00d7 width multiplier"));
  chart_->legend()->setAlignment(Qt::AlignRight);
  chart_->setAnimationOptions(QChart::NoAnimation);
  x_axis_ = new QValueAxis;
  x_axis_->setTitleText(tr("Mops (1 MAC = 2 ops)"));
  x_axis_->setLabelFormat(QStringLiteral("%g"));
  y_axis_ = new QValueAxis;
  y_axis_->setTitleText(tr("fraction of fitting models \u2264 x"));
  y_axis_->setRange(0, 1);
  y_axis_->setLabelFormat(QStringLiteral("%g"));
  chart_->addAxis(x_axis_, Qt::AlignBottom);
  chart_->addAxis(y_axis_, Qt::AlignLeft);
  view_ = new QChartView(chart_);
  view_->setRenderHint(QPainter::Antialiasing);
  table_ = new QTableWidget(0, 7);
  table_->setHorizontalHeaderLabels({tr("Rank"), tr("Resolution"), tr("Width \u00d7"), tr("Fit"), tr("Mean ops of fitting"),
                                     tr("Smallest model (Flash / SRAM)"), tr("Note")});
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(view_);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);

  connect(run_button_, &QPushButton::clicked, this, [this] {
    QString error;
    const ExploreOptions options = optionsFromForm(&error);
    if (!error.isEmpty()) return fail(error);
    run(options);
  });
  connect(cancel_button_, &QPushButton::clicked, this, &ExploreView::cancel);
  connect(reset, &QPushButton::clicked, this, &ExploreView::resetDefaults);
  connect(document_, &GraphDocument::graphChanged, this, [this] {
    if (resolutions_->text().isEmpty()) resetDefaults();
  });
  const auto fill_boards = [this] {
    const QString current = board_->currentData().toString();
    board_->clear();
    for (const Board& board : estimates_->boards().boards())
      board_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(board.part), QString::fromStdString(board.core)),
                      QString::fromStdString(board.id));
    int index = board_->findData(current);
    if (index < 0 && !estimates_->chosenBoards().isEmpty()) index = board_->findData(estimates_->chosenBoards().front());
    board_->setCurrentIndex(std::max(0, index));
  };
  connect(estimates_, &EstimateService::settingsChanged, this, fill_boards);
  fill_boards();
  resetDefaults();
}

ExploreView::~ExploreView() {
  if (!worker_.joinable()) return;
  cancel_ = true;
  worker_.join();
}

void ExploreView::resetDefaults() {
  // TinyNAS scans resolutions and widths around the backbone's own: here 100%, 80% and 60%
  // of its input and four width multipliers.
  const Node* input = inputNode(document_->graph());
  QStringList resolutions;
  if (input) {
    for (double scale : {1.0, 0.8, 0.6}) {
      const int h = std::max(1, static_cast<int>(std::lround(input->shape[1] * scale)));
      const int w = std::max(1, static_cast<int>(std::lround(input->shape[2] * (input->shape[2] > 16 ? scale : 1.0))));
      const QString text = QStringLiteral("%1x%2").arg(h).arg(w);
      if (!resolutions.contains(text)) resolutions << text;
    }
  }
  resolutions_->setText(resolutions.join(QStringLiteral(", ")));
  multipliers_->setText(QStringLiteral("0.25, 0.5, 0.75, 1"));
}

ExploreOptions ExploreView::optionsFromForm(QString* error) const {
  ExploreOptions options;
  if (!board_) return options;
  options.board = board_->currentData().toString().toStdString();
  options.runtime = toString(estimates_->runtime());
  options.sram_planner = toString(estimates_->planner());
  // Patches chosen (Patches tab) and the generated C runtime: the least SRAM it reaches.
  if (estimates_->patches().mode != PatchRequest::Mode::None && estimates_->runtime() == RuntimeKind::TinyforgeC)
    options.sram_planner = "patches";
  options.samples = samples_->value();
  options.seed = static_cast<uint64_t>(seed_->value());
  QString problem;
  const QRegularExpression resolution(QStringLiteral("^\\s*(\\d+)\\s*[x\u00d7X]\\s*(\\d+)\\s*$"));
  for (const QString& part : resolutions_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const auto match = resolution.match(part);
    if (!match.hasMatch()) {
      problem = tr("Resolution '%1': write height x width, e.g. 49x10").arg(part.trimmed());
      break;
    }
    options.resolutions.push_back({match.captured(1).toInt(), match.captured(2).toInt()});
  }
  for (const QString& part : multipliers_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const double m = part.trimmed().toDouble(&ok);
    if (!ok || !(m > 0)) {
      problem = tr("Width multiplier '%1': a positive number, e.g. 0.5").arg(part.trimmed());
      break;
    }
    options.width_multipliers.push_back(m);
  }
  if (error) *error = problem;
  return options;
}

void ExploreView::fail(const QString& message) {
  last_error_ = message;
  if (summary_) summary_->setText(message);
}

bool ExploreView::run(const ExploreOptions& options) {
  last_error_.clear();
  if (!available()) return fail(tr("This build cannot explore (no search engine).")), false;
  if (isRunning()) return fail(tr("An exploration is already running.")), false;
  const Graph backbone = document_->graph();
  auto boards = std::make_shared<const BoardLibrary>(estimates_->boards());
  cancel_ = false;
  const int total = static_cast<int>(std::max<size_t>(1, options.resolutions.size()) *
                                     std::max<size_t>(1, options.width_multipliers.size()));
  progress_->setRange(0, total);
  progress_->setValue(0);
  run_button_->setEnabled(false);
  cancel_button_->setEnabled(true);
  summary_->setText(tr("Exploring %1 configurations \u00d7 %2 samples\u2026").arg(total).arg(options.samples));
  worker_ = std::thread([this, inbox = inbox_->sender(), backbone, boards = std::move(boards), options] {
    ExploreResult result;
    QString error;
    try {
      result = runExplore(
          backbone, boards, options,
          [this, &inbox](int done, int) {
            inbox.post([bar = progress_, done] { bar->setValue(done); });
          },
          &cancel_);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    inbox.post([this, result = std::move(result), error] { onDone(result, error); });
  });
  return true;
}

void ExploreView::cancel() { cancel_ = true; }

bool ExploreView::waitForIdle(int timeout_ms) {
  QDeadlineTimer deadline(timeout_ms);
  while (worker_.joinable()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(5);
  }
  return true;
}

void ExploreView::onDone(const ExploreResult& result, const QString& error) {
  if (worker_.joinable()) worker_.join();
  run_button_->setEnabled(true);
  cancel_button_->setEnabled(false);
  if (!error.isEmpty()) {
    fail(tr("Cannot explore: %1").arg(error));
    Q_EMIT finished(false);
    return;
  }
  result_ = result;
  showResult();
  Q_EMIT finished(true);
}

int ExploreView::curveCount() const { return chart_ ? static_cast<int>(chart_->series().size()) : 0; }

void ExploreView::showResult() {
  chart_->removeAllSeries();
  double x_max = 0;
  int drawn = 0;
  for (int index : result_.ranking) {
    const ExploreConfigResult& c = result_.configs[static_cast<size_t>(index)];
    if (c.fitting_ops.empty()) continue;
    auto* series = new QLineSeries;
    series->setName(tr("#%1 %2, \u00d7%3: %4 ops mean, %5% fit")
                        .arg(c.rank)
                        .arg(resolutionText(c.resolution))
                        .arg(c.width_multiplier)
                        .arg(countText(static_cast<int64_t>(c.mean_ops)))
                        .arg(100 * c.fit_fraction, 0, 'f', 0));
    // The empirical CDF as a staircase: at each model's ops the fraction jumps by 1/n.
    const auto n = static_cast<double>(c.fitting_ops.size());
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(2 * c.fitting_ops.size()));
    for (size_t i = 0; i < c.fitting_ops.size(); ++i) {
      const double mops = c.fitting_ops[i] / 1e6;
      points.append({mops, double(i) / n});
      points.append({mops, double(i + 1) / n});
      x_max = std::max(x_max, mops);
    }
    series->append(points);
    QPen pen(curveColor(drawn), drawn == 0 ? 3.0 : 1.6);
    series->setPen(pen);
    chart_->addSeries(series);
    series->attachAxis(x_axis_);
    series->attachAxis(y_axis_);
    ++drawn;
  }
  x_axis_->setRange(0, std::max(0.01, x_max * 1.05));
  x_axis_->applyNiceNumbers();

  table_->setRowCount(static_cast<int>(result_.ranking.size()));
  for (int row = 0; row < static_cast<int>(result_.ranking.size()); ++row) {
    const ExploreConfigResult& c = result_.configs[static_cast<size_t>(result_.ranking[static_cast<size_t>(row)])];
    const QStringList cells = {
        c.rank > 0 ? QString::number(c.rank) : QStringLiteral("\u2013"),
        resolutionText(c.resolution),
        QString::number(c.width_multiplier),
        tr("%1 of %2%3").arg(c.fitting).arg(c.samples).arg(c.exhaustive ? tr(" (all)") : QString()),
        c.fitting > 0 ? tr("%1 ops").arg(countText(static_cast<int64_t>(c.mean_ops))) : QStringLiteral("\u2013"),
        c.error.empty() ? QStringLiteral("%1 / %2").arg(bytesText(c.min_flash_bytes), bytesText(c.min_sram_bytes))
                        : QString(),
        c.error.empty() ? (c.fitting == 0 ? tr("nothing fits") : QString()) : QString::fromStdString(c.error)};
    for (int column = 0; column < cells.size(); ++column) table_->setItem(row, column, new QTableWidgetItem(cells[column]));
  }
  table_->resizeColumnsToContents();
  if (!result_.ranking.empty() && result_.configs[static_cast<size_t>(result_.ranking.front())].fitting > 0) {
    const ExploreConfigResult& best = result_.configs[static_cast<size_t>(result_.ranking.front())];
    summary_->setText(tr("Best on %1: resolution %2 with width \u00d7%3 (%4 of %5 sampled models fit, %6 ops on "
                         "average). Budgets: Flash %7, SRAM %8.")
                          .arg(QString::fromStdString(result_.board), resolutionText(best.resolution))
                          .arg(best.width_multiplier)
                          .arg(best.fitting)
                          .arg(best.samples)
                          .arg(countText(static_cast<int64_t>(best.mean_ops)))
                          .arg(bytesText(result_.flash_budget_bytes), bytesText(result_.sram_budget_bytes)));
  } else {
    summary_->setText(tr("No sampled model fits %1: try smaller resolutions or width multipliers, or a larger board.")
                          .arg(QString::fromStdString(result_.board)));
  }
}

}  // namespace tinyforge
