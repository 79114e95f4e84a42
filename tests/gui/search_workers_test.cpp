// The search tab on two worker processes, offscreen: the user sets "Worker processes" to 2
// and starts a tiny DNAS search; rank 0 trains in the studio and rank 1 as a `tinyforge
// search` process; the rank table shows each rank's progress, the run ends with its int8
// model written and the epochs charted as for one process.

#include <QApplication>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/studio/main_window.h"
#include "core/graph/graph_json.h"
#include "widgets/search_panel.h"
#include "widgets/search_runner.h"
#include "widgets/search_workers.h"
#include "tiny_kws_backbone.h"

using namespace tinyforge;

class SearchWorkersTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    if (!SearchRunner::available()) QSKIP("built without the search engine");
    qputenv("TINYFORGE_CLI", TINYFORGE_CLI);
  }

  void twoWorkerProcessesShowEachRankAndFinish() {
    const QString backbone = dir_.filePath(QStringLiteral("tiny.json"));
    saveGraphJson(graphFromJsonText(kTinyBackbone, "tiny"), backbone.toStdString());
    MainWindowOptions options;
    options.interactive = false;
    options.autosave_directory = dir_.filePath(QStringLiteral("recovery"));
    MainWindow window(options);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(backbone));
    const QString project = dir_.filePath(QStringLiteral("kws.tfproj"));
    QVERIFY(window.saveProjectTo(project));
    QVERIFY(window.showTab(QStringLiteral("search")));
    SearchPanel* panel = window.search();

    QSpinBox* workers = panel->workersSpinBox();
    QVERIFY(workers);
    QCOMPARE(workers->value(), 1);
    QVERIFY(!panel->ranksTable()->isVisible());
    workers->setValue(2);

    SearchConfig config = panel->configFromForm();
    config.name = "two-ranks";
    config.board = "stm32f446re";
    config.epochs = 2;
    config.warmup_epochs = 1;
    config.finetune_epochs = 1;
    config.batch_size = 32;
    config.max_steps_per_epoch = 3;
    config.lr = 0.01;
    config.arch_lr = 0.05;
    config.seed = 7;
    config.synthetic.train = 96;
    config.synthetic.validation = 64;
    config.synthetic.test = 64;

    QSignalSpy ended(panel, &SearchPanel::runEnded);
    QVERIFY2(panel->start(config), qPrintable(panel->lastError()));
    QCOMPARE(panel->state(), SearchPanel::State::Running);
    QTableWidget* ranks = panel->ranksTable();
    QVERIFY(ranks->isVisible());
    QCOMPARE(ranks->rowCount(), 2);
    QCOMPARE(panel->workers()->worldSize(), 2);
    // Rank 1's progress arrives from its process while the run trains.
    QTRY_VERIFY_WITH_TIMEOUT(ranks->item(1, 1) && ranks->item(1, 1)->text().contains(QLatin1String("step")), 60000);

    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 90000);
    QVERIFY2(ended.front().front().toBool(), qPrintable(panel->lastError() + " / " + panel->statusText()));
    QCOMPARE(ranks->item(0, 1)->text(), QStringLiteral("finished: wrote the model"));
    QTRY_VERIFY_WITH_TIMEOUT(ranks->item(1, 1)->text().contains(QLatin1String("finished its part")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->workers()->running(), 20000);
    QCOMPARE(panel->pointCount(QStringLiteral("val_accuracy")), 3);
    QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("two-ranks.int8.json"))));
    QVERIFY(panel->unfinishedRuns().empty());
  }
};

QTEST_MAIN(SearchWorkersTest)
#include "search_workers_test.moc"
