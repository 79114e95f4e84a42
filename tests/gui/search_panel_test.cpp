// The search tab as a user drives it, offscreen: a tiny DNAS search on synthetic data
// starts from the panel, its charts fill while the window keeps answering, it pauses at
// the next step with its checkpoint kept, resumes, survives closing the studio (stop
// cleanly), is listed and resumed from the reopened project, and its final int8 model
// shows up in the Pareto explorer.

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineSeries>
#include <QComboBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTableWidget>
#include <QTimer>

#include "app/studio/main_window.h"
#include "gui_test_util.h"
#include "core/graph/graph_json.h"
#include "widgets/explore_view.h"
#include "widgets/graph_document.h"
#include "widgets/pareto_view.h"
#include "widgets/probability_heatmap.h"
#include "widgets/search_config_form.h"
#include "widgets/search_panel.h"
#include "widgets/search_runner.h"
#include "tiny_kws_backbone.h"

using namespace tinyforge;

namespace {

constexpr int kSearchEpochs = 12;
constexpr int kFinetuneEpochs = 1;

}  // namespace

class SearchPanelTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  std::unique_ptr<MainWindow> makeWindow() {
    MainWindowOptions options;
    options.interactive = false;
    options.autosave_directory = dir_.filePath(QStringLiteral("recovery"));
    auto window = std::make_unique<MainWindow>(options);
    window->resize(1400, 900);
    window->show();
    [[maybe_unused]] bool exposed = QTest::qWaitForWindowExposed(window.get());
    return window;
  }

  QString projectPath() const { return dir_.filePath(QStringLiteral("kws.tfproj")); }

  // The panel's form with the few numbers that make it take seconds.
  static SearchConfig tinyConfig(SearchPanel* panel) {
    SearchConfig config = panel->configFromForm();
    config.name = "tiny-run";
    config.board = "stm32f446re";
    config.epochs = kSearchEpochs;
    config.warmup_epochs = 1;
    config.finetune_epochs = kFinetuneEpochs;
    config.batch_size = 32;
    config.max_steps_per_epoch = 3;
    config.lr = 0.01;
    config.arch_lr = 0.05;
    config.seed = 7;
    config.budgets.latency_ms = 300;  // gives an ops budget (eq. 4), so all three costs are charted
    config.synthetic.train = 96;
    config.synthetic.validation = 64;
    config.synthetic.test = 64;
    return config;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    if (!SearchRunner::available()) QSKIP("built without the search engine");
  }

  void searchRunsPausesResumesSurvivesCloseAndReachesPareto() {
    QElapsedTimer clock;
    clock.start();
    const QString backbone = dir_.filePath(QStringLiteral("tiny.json"));
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.toStdString());

    auto window = makeWindow();
    QVERIFY(window->openFile(backbone));
    QVERIFY(window->saveProjectTo(projectPath()));
    QVERIFY(window->showTab(QStringLiteral("search")));
    SearchPanel* panel = window->search();
    QCOMPARE(panel->projectPath(), projectPath());
    // The form reads the backbone: its 4 output classes become the synthetic data's, and the
    // studio keeps a core for itself.
    QCOMPARE(panel->configFromForm().synthetic.classes, 4);
    QCOMPARE(panel->configFromForm().threads, 1);

    // Pause from the second epoch's event: the job stops at its next step.
    int epochs_seen = 0;
    QMetaObject::Connection pauser = connect(panel->runner(), &SearchRunner::event, panel, [&](const SearchEvent& e) {
      if (e.progress.kind != SearchProgress::Kind::Epoch) return;
      if (++epochs_seen == 2) panel->pause();
    });
    // The event loop keeps turning while the job trains: gaps between 10 ms ticks stay short.
    qint64 longest_gap_ms = 0;
    QElapsedTimer tick_clock;
    tick_clock.start();
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
      longest_gap_ms = std::max(longest_gap_ms, tick_clock.restart());
    });
    ticker.start();

    QVERIFY2(panel->start(tinyConfig(panel)), qPrintable(panel->lastError()));
    QCOMPARE(panel->state(), SearchPanel::State::Running);
    QVERIFY(QFileInfo::exists(SearchPanel::configPath(projectPath(), QStringLiteral("tiny-run"))));
    QTRY_VERIFY2_WITH_TIMEOUT(panel->state() == SearchPanel::State::Paused, qPrintable(panel->statusText()), 30000);
    ticker.stop();
    disconnect(pauser);
    // 400 ms is what a user notices; a sanitizer build runs everything 2-5x slower
    // (scripts/run-sanitizers.sh sets TINYFORGE_TIMING_SCALE), training on this thread
    // would stall it for whole epochs.
    const qint64 stall_limit_ms = 400 * gui_test::timingScale();
    QVERIFY2(longest_gap_ms < stall_limit_ms, qPrintable(QStringLiteral("the GUI stalled for %1 ms (limit %2 ms)")
                                                             .arg(longest_gap_ms)
                                                             .arg(stall_limit_ms)));

    // The charts received points: per step (training loss, accuracy, temperature) and per
    // epoch (validation accuracy, the three expected costs against the budgets).
    const int epochs_done = panel->pointCount(QStringLiteral("val_accuracy"));
    QVERIFY(epochs_done >= 2);
    QVERIFY(epochs_done < kSearchEpochs + kFinetuneEpochs);
    // Three steps per finished epoch, plus the steps of the epoch the pause cut short.
    for (const char* key : {"train_loss", "train_accuracy", "temperature"}) {
      QVERIFY(panel->pointCount(QLatin1String(key)) >= epochs_done * 3);
      QVERIFY(panel->pointCount(QLatin1String(key)) < (epochs_done + 1) * 3);
    }
    for (const char* key : {"flash", "memory", "ops"}) QCOMPARE(panel->pointCount(QLatin1String(key)), epochs_done);
    // The temperature anneals from 5 (epoch 1) downwards.
    const QList<QPointF> temperature = panel->series(QStringLiteral("temperature"))->points();
    QCOMPARE(temperature.front().y(), 5.0);
    QVERIFY(temperature.back().y() < 5.0);
    // Losses are cross-entropies of 4 classes: near ln 4 = 1.386 at the start.
    const double first_loss = panel->series(QStringLiteral("train_loss"))->points().front().y();
    QVERIFY2(first_loss > 0.5 && first_loss < 3.0, qPrintable(QString::number(first_loss)));
    // The heat map has a row per decision, each a distribution; the read-only canvas shows
    // the argmax architecture without any search options left.
    QCOMPARE(panel->heatmap()->rows().size(), size_t(7));
    for (const auto& row : panel->heatmap()->rows()) {
      double sum = 0;
      for (double p : row.probabilities) sum += p;
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }
    QVERIFY(!panel->architecture().isEmpty());
    const Graph& derived = panel->architectureDocument()->graph();
    QVERIFY(derived.find("classifier") != nullptr);
    for (const Node& node : derived.nodes) QVERIFY(node.search.widths.empty());

    // The paused run is unfinished with its checkpoint; a second start is refused meanwhile.
    auto runs = panel->unfinishedRuns();
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs[0].name, QStringLiteral("tiny-run"));
    QCOMPARE(runs[0].last_checkpoint_epoch, epochs_done - 1);
    QVERIFY(runs[0].has_studio_config);

    // Resume continues after the checkpoint: the stored epochs are drawn again first.
    int resumed_epochs = 0;
    QVERIFY2(panel->resume(), qPrintable(panel->lastError()));
    QCOMPARE(panel->pointCount(QStringLiteral("val_accuracy")), epochs_done);
    connect(panel->runner(), &SearchRunner::event, panel, [&](const SearchEvent& e) {
      if (e.progress.kind == SearchProgress::Kind::Epoch) ++resumed_epochs;
    });
    QTRY_VERIFY_WITH_TIMEOUT(resumed_epochs >= 1, 30000);

    // Closing the studio mid-run stops it cleanly (the non-interactive answer is Stop).
    window->setCloseDuringSearch(CloseDuringSearch::Stop);
    QVERIFY(window->close());
    QVERIFY(!panel->isRunning());
    window.reset();

    // Reopened, the project lists the run; Resume finishes it.
    window = makeWindow();
    QVERIFY(window->openFile(projectPath()));
    panel = window->search();
    runs = panel->unfinishedRuns();
    QCOMPARE(runs.size(), size_t(1));
    QVERIFY(runs[0].last_checkpoint_epoch >= epochs_done);
    QSignalSpy ended(panel, &SearchPanel::runEnded);
    QVERIFY2(panel->resume(QStringLiteral("tiny-run")), qPrintable(panel->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 45000);
    QCOMPARE(ended.front().front().toBool(), true);
    QCOMPARE(panel->state(), SearchPanel::State::Idle);
    QVERIFY(panel->unfinishedRuns().empty());
    QCOMPARE(panel->pointCount(QStringLiteral("val_accuracy")), kSearchEpochs + kFinetuneEpochs);

    // The final int8 model is a candidate in the Pareto explorer, with its accuracy.
    QVERIFY(window->showTab(QStringLiteral("pareto")));
    QTRY_VERIFY(!window->pareto()->candidates().empty());
    bool found = false;
    for (const ParetoCandidate& c : window->pareto()->candidates()) {
      if (c.origin != CandidateOrigin::Search || c.name != QStringLiteral("tiny-run (final)")) continue;
      found = true;
      QVERIFY(c.accuracy_percent >= 0 && c.accuracy_percent <= 100);
      QVERIFY(c.canOpen());
      QVERIFY(c.boards.contains(QStringLiteral("stm32f446re")));
    }
    QVERIFY(found);
    qInfo("search test took %lld ms", static_cast<long long>(clock.elapsed()));
  }

  // Evolution chosen in the form: the evolution fields open (warm-up closes), the run goes
  // through the written config, reports its generations on the progress bar, and every
  // measured architecture reaches the Pareto explorer beside the final model.
  void evolutionFromTheFormShowsGenerationsAndReachesPareto() {
    const QString backbone = dir_.filePath(QStringLiteral("tiny_evolution.json"));
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.toStdString());
    auto window = makeWindow();
    QVERIFY(window->openFile(backbone));
    QVERIFY(window->saveProjectTo(dir_.filePath(QStringLiteral("evolution.tfproj"))));
    QVERIFY(window->showTab(QStringLiteral("search")));
    SearchPanel* panel = window->search();
    SearchConfigForm* form = panel->form();
    QVERIFY(!form->populationEditor()->isEnabled());
    form->strategyEditor()->setCurrentIndex(form->strategyEditor()->findData(QStringLiteral("evolution")));
    QVERIFY(form->populationEditor()->isEnabled());
    QVERIFY(!form->warmupEditor()->isEnabled());
    form->populationEditor()->setValue(8);
    form->generationsEditor()->setValue(2);
    SearchConfig config = tinyConfig(panel);
    QCOMPARE(config.strategy, std::string("evolution"));
    QCOMPARE(config.evolution.population, 8);
    QCOMPARE(config.evolution.iterations, 2);
    config.name = "evo-run";
    config.epochs = 2;
    config.evolution.parents = 3;
    config.evolution.mutation_children = 3;
    config.evolution.crossover_children = 3;
    config.evolution.calibration_batches = 1;
    std::vector<int> generations;
    QStringList formats;
    connect(panel->runner(), &SearchRunner::event, panel, [&](const SearchEvent& e) {
      if (e.progress.kind != SearchProgress::Kind::Generation) return;
      generations.push_back(e.progress.generation);
      QTimer::singleShot(0, panel, [&, panel] { formats << panel->findChild<QProgressBar*>()->format(); });
    });
    QSignalSpy ended(panel, &SearchPanel::runEnded);
    QVERIFY2(panel->start(config), qPrintable(panel->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 120000);
    QCOMPARE(ended.front().front().toBool(), true);
    QCOMPARE(generations, (std::vector<int>{0, 1, 2}));
    QVERIFY2(!formats.isEmpty() && formats.back().contains(QStringLiteral("generation 2/2")),
             qPrintable(formats.join(QLatin1Char('|'))));

    QVERIFY(window->showTab(QStringLiteral("pareto")));
    QTRY_VERIFY(!window->pareto()->candidates().empty());
    int evolved = 0, finals = 0;
    for (const ParetoCandidate& c : window->pareto()->candidates()) {
      if (c.origin != CandidateOrigin::Search) continue;
      evolved += c.name.startsWith(QStringLiteral("evo-run generation "));
      finals += c.name == QStringLiteral("evo-run (final)");
    }
    QVERIFY2(evolved >= 8, qPrintable(QString::number(evolved)));
    QCOMPARE(finals, 1);
  }

  void exploreRanksConfigurationsAndDrawsTheirCdfs() {
    if (!ExploreView::available()) QSKIP("built without core/nas's explore()");
    const QString backbone = dir_.filePath(QStringLiteral("tiny_explore.json"));
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.toStdString());
    auto window = makeWindow();
    QVERIFY(window->openFile(backbone));
    QVERIFY(window->showTab(QStringLiteral("explore")));
    ExploreView* explore = window->explore();
    QString error;
    ExploreOptions options = explore->optionsFromForm(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The defaults scan around the backbone: 49x10 at 100/80/60% of its height (the
    // 10 MFCC coefficients are kept), and four width multipliers.
    QCOMPARE(options.resolutions.size(), size_t(3));
    QCOMPARE(options.resolutions[0], (ExploreResolution{49, 10}));
    QCOMPARE(options.resolutions[1], (ExploreResolution{39, 10}));
    QCOMPARE(options.width_multipliers, (std::vector<double>{0.25, 0.5, 0.75, 1.0}));
    options.board = "stm32f446re";
    options.samples = 50;
    QVERIFY2(explore->run(options), qPrintable(explore->lastError()));
    QVERIFY(explore->waitForIdle(60000));
    QVERIFY2(explore->lastError().isEmpty(), qPrintable(explore->lastError()));
    const ExploreResult& result = explore->result();
    QCOMPARE(result.configs.size(), size_t(12));
    // The table lists every configuration, best first; one curve per configuration with
    // fitting models, whose mean ops never increase down the ranking.
    QCOMPARE(explore->table()->rowCount(), 12);
    int with_fits = 0;
    double previous = std::numeric_limits<double>::infinity();
    for (int index : result.ranking) {
      const ExploreConfigResult& c = result.configs[static_cast<size_t>(index)];
      if (c.fitting == 0) continue;
      ++with_fits;
      QVERIFY(c.mean_ops <= previous);
      previous = c.mean_ops;
    }
    QVERIFY(with_fits > 0);
    QCOMPARE(explore->curveCount(), with_fits);
    QCOMPARE(explore->table()->item(0, 0)->text(), QStringLiteral("1"));
  }

  void startNeedsASearchableBackbone() {
    auto window = makeWindow();
    // The default new project is a lone input: nothing to search.
    QVERIFY(window->saveProjectTo(dir_.filePath(QStringLiteral("empty.tfproj"))));
    SearchPanel* panel = window->search();
    QVERIFY(!panel->start(panel->configFromForm()));
    QVERIFY2(panel->lastError().contains(QStringLiteral("search")), qPrintable(panel->lastError()));
    QCOMPARE(panel->state(), SearchPanel::State::Idle);
  }

  // "automatic" names: a second search in the same project gets the next free name, and
  // the form offers no stored run's name to start (or replace) again.
  void automaticRunNamesAreNeverReused() {
    const QString backbone = dir_.filePath(QStringLiteral("tiny_names.json"));
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.toStdString());
    auto window = makeWindow();
    QVERIFY(window->openFile(backbone));
    QVERIFY(window->saveProjectTo(dir_.filePath(QStringLiteral("names.tfproj"))));
    SearchPanel* panel = window->search();
    QStringList names;
    for (int run = 0; run < 2; ++run) {
      SearchConfig config = tinyConfig(panel);
      config.name = panel->configFromForm().name;  // what the form says: empty = automatic
      QVERIFY2(config.name.empty(), config.name.c_str());
      QVERIFY2(panel->start(config), qPrintable(panel->lastError()));
      names << panel->currentRun();
      panel->stop();
      QVERIFY(panel->waitForIdle(60000));
      QTRY_COMPARE(panel->state(), SearchPanel::State::Idle);
    }
    QCOMPARE(names, (QStringList{QStringLiteral("search-1"), QStringLiteral("search-2")}));
  }
};

QTEST_MAIN(SearchPanelTest)
#include "search_panel_test.moc"
