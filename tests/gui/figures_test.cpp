// Every number the studio shows agrees with the estimator, the CLI and the export: bars in
// one unit, tooltips that break each figure down and say which parts are measured, the
// memory map that is export's picture (the in-place head included), the Layers latency
// column named after its board, the status line without the estimator's own time, custom
// boards marked as the user's and deletable with undo, and "Open report" without a
// browser showing the path to copy.

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/estimate/units.h"
#include "core/export/memory_map.h"
#include "core/export/memory_map_scene.h"
#include "core/export/report_html.h"
#include "core/graph/shape_inference.h"
#include "gui_test_util.h"
#include "widgets/board_dashboard.h"
#include "widgets/budget_bar.h"
#include "widgets/elided_label.h"
#include "widgets/estimate_service.h"
#include "widgets/export_dialog.h"
#include "widgets/file_opener.h"
#include "widgets/graph_document.h"
#include "widgets/layer_table_model.h"
#include "widgets/memory_map_view.h"
#include "widgets/units_text.h"

using namespace tinyforge;
using namespace tinyforge::gui_test;

namespace {

std::shared_ptr<BoardLibrary> bundled() { return std::make_shared<BoardLibrary>(BoardLibrary::loadBundled()); }

QString unitOf(const QString& figure) { return figure.section(QLatin1Char(' '), -1); }

}  // namespace

class FiguresTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(dir_.isValid());
  }

  void barsShowUsedAndBudgetInOneUnit() {
    auto window = makeWindow(dir_);
    // The VWW backbone at its largest widths needs 2.76 MiB of Flash: MiB used against the
    // F446RE's KiB-sized budget (it read "2.77 MiB / 512.0 KiB").
    QVERIFY(window->openFile(modelPath("vww_backbone.json")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re"), QStringLiteral("stm32f767zi")});
    BoardDashboard* dashboard = window->dashboard();
    for (int row = 0; row < dashboard->rowCount(); ++row)
      for (auto metric : {BoardDashboard::Flash, BoardDashboard::Sram}) {
        const QStringList parts = dashboard->bar(row, metric)->text().split(QStringLiteral(" / "));
        QCOMPARE(parts.size(), 2);
        QCOMPARE(unitOf(parts[0]), unitOf(parts[1]));
      }
    const Estimate e = Estimator(bundled()).estimate(window->document()->graph(), "stm32f446re", window->estimates()->runtime());
    QVERIFY(e.memory.flash_bytes > 1024 * 1024);
    QCOMPARE(dashboard->bar(0, BoardDashboard::Flash)->text(),
             QString::fromStdString(formatBytesPair(e.memory.flash_bytes, e.fit.flash_budget_bytes)));
  }

  void barTooltipsBreakEachFigureDown() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(sharedModelPath("kws_micronet_m.tflite")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    window->estimates()->setRuntime(RuntimeKind::TflmCmsis);
    const Estimate e = *window->estimates()->primary();
    const MemoryTotals& t = e.memory;
    BoardDashboard* dashboard = window->dashboard();
    const QString flash = dashboard->bar(0, BoardDashboard::Flash)->details();
    QVERIFY2(flash.contains(QStringLiteral("model: %1 (%2 B)").arg(bytesText(t.model_flash_bytes)).arg(t.model_flash_bytes)), qPrintable(flash));
    QVERIFY(flash.contains(QStringLiteral("runtime code: %1").arg(bytesText(t.code_flash_bytes))));
    QVERIFY(flash.contains(QStringLiteral("exact")));
    QVERIFY(flash.contains(QStringLiteral("modelled")));
    QCOMPARE(t.model_flash_bytes + t.code_flash_bytes, t.flash_bytes);  // the parts are the whole
    const QString sram = dashboard->bar(0, BoardDashboard::Sram)->details();
    const int64_t tail = t.min_arena_bytes - t.head_bytes;
    // TFLM's measured figures for this model (shared/models/README.md): 86,112 B of head.
    QCOMPARE(t.head_bytes, int64_t(86112));
    QVERIFY2(sram.contains(QStringLiteral("arena head: %1 (86112 B) \u2014 replayed").arg(bytesText(86112))), qPrintable(sram));
    QVERIFY(sram.contains(QStringLiteral("arena tail: %1 (%2 B)").arg(bytesText(tail)).arg(tail)));
    QVERIFY(sram.contains(QStringLiteral("runtime statics and stack: %1 (4096 B) \u2014 measured").arg(bytesText(4096))));
    QCOMPARE(t.head_bytes + tail + t.runtime_sram_bytes, t.sram_bytes);
    const QString latency = dashboard->bar(0, BoardDashboard::Latency)->details();
    QVERIFY2(latency.contains(QStringLiteral("fixed cost per inference: %1").arg(msText(e.latency_overhead_ms))), qPrintable(latency));
    QVERIFY(latency.contains(QStringLiteral("Modelled")));
    QVERIFY(dashboard->bar(0, BoardDashboard::Energy)->details().contains(mjText(e.energy_mj)));
  }

  void theReportSaysWhatTheDashboardSays() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(sharedModelPath("kws_micronet_m.tflite")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    const Estimate e = *window->estimates()->primary();
    const auto boards = bundled();
    const MemoryMap map = buildMemoryMap(*window->document()->analysis().shaped, e, boards->get("stm32f446re"));
    const QString html = QString::fromStdString(renderReportHtml(e, map, {}));
    BoardDashboard* dashboard = window->dashboard();
    for (auto metric : {BoardDashboard::Latency, BoardDashboard::Fps, BoardDashboard::Energy})
      QVERIFY2(html.contains(dashboard->bar(0, metric)->text()), qPrintable(dashboard->bar(0, metric)->text()));
  }

  void theStatusLineShowsModelFiguresOnly() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const QString status = window->statusFigures()->fullText();
    QVERIFY2(!status.contains(QStringLiteral(" ms")), qPrintable(status));
    QVERIFY(window->statusFigures()->toolTip().contains(QStringLiteral("estimator took")));
  }

  void theLayersLatencyColumnNamesItsBoard() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f746zg"), QStringLiteral("stm32f446re")});
    const QString header = window->layerModel()->headerData(LayerTableModel::LatencyMs, Qt::Horizontal, Qt::DisplayRole).toString();
    QCOMPARE(header, QStringLiteral("Latency on STM32F746ZG"));
  }

  void theMemoryMapIsExportsPicture_data() {
    QTest::addColumn<QString>("runtime");
    QTest::newRow("tflm-cmsis") << QStringLiteral("tflm-cmsis");
    QTest::newRow("tinyforge-c") << QStringLiteral("tinyforge-c");
  }

  void theMemoryMapIsExportsPicture() {
    QFETCH(QString, runtime);
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(sharedModelPath("kws_micronet_m.tflite")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    window->estimates()->setRuntime(*runtimeFromString(runtime.toStdString()));
    window->showTab(QStringLiteral("memory"));
    QCoreApplication::processEvents();
    MemoryMapView* view = window->memoryMap();
    QVERIFY(view->hasPlan());
    const Estimate e = *window->estimates()->primary();
    // The picture export draws for the same estimate, at the view's size, is the view's.
    const MemoryMap map = buildMemoryMap(*window->document()->analysis().shaped, e, bundled()->get("stm32f446re"),
                                         window->estimates()->primaryOtherPlan());
    const Scene exported = memoryMapScene(map, MemoryMapView::translatedWords(), view->usedLayout());
    const Scene& shown = view->scene();
    QCOMPARE(shown.width, exported.width);
    QCOMPARE(shown.height, exported.height);
    QCOMPARE(shown.rects.size(), exported.rects.size());
    QCOMPARE(shown.texts.size(), exported.texts.size());
    for (size_t i = 0; i < shown.texts.size(); ++i) QCOMPARE(shown.texts[i].text, exported.texts[i].text);
    // The head it names is the dashboard's and the CLI's (for the generated C: its whole
    // static arena, the kernels' scratch included).
    bool named = false;
    for (const SceneText& t : shown.texts) named |= t.text.find("head " + formatBytes(e.memory.head_bytes)) != std::string::npos;
    QVERIFY(named);
    if (runtime == QLatin1String("inplace")) QCOMPARE(formatBytes(e.memory.head_bytes), std::string("96.2 KiB"));
  }

  void customBoardsAreMarkedAndDeletedWithUndo() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    EstimateService* service = window->estimates();
    Board board = bundled()->get("stm32f446re");
    board.id = "mine";
    board.part = "MY-PART";
    board.latency.estimated = true;
    service->addBoard(board);
    // An unmeasured bundled board is marked too (Apollo4's latency is scaled from the F446RE).
    service->setChosenBoards({QStringLiteral("stm32f446re"), QStringLiteral("mine"), QStringLiteral("apollo4")});
    BoardDashboard* dashboard = window->dashboard();
    QCOMPARE(dashboard->rowCount(), 3);
    QVERIFY(!dashboard->boardLabel(0)->text().contains(QStringLiteral("your figures")));
    QVERIFY(dashboard->boardLabel(1)->text().contains(QStringLiteral("custom: your figures")));
    QVERIFY2(dashboard->boardLabel(2)->text().contains(QStringLiteral("latency estimated")), qPrintable(dashboard->boardLabel(2)->text()));
    // Boards... > Delete custom board > mine
    dashboard->rebuildBoardMenu();
    auto* remove = dashboard->boardsMenu()->findChild<QMenu*>(QStringLiteral("deleteCustomBoard"));
    QVERIFY(remove);
    QCOMPARE(remove->actions().size(), 1);
    QCOMPARE(remove->actions().front()->text(), QStringLiteral("mine"));
    remove->actions().front()->trigger();
    QVERIFY(service->customBoards().empty());
    QVERIFY(!service->boards().find("mine"));
    QCOMPARE(service->chosenBoards(), (QStringList{QStringLiteral("stm32f446re"), QStringLiteral("apollo4")}));
    QCOMPARE(dashboard->rowCount(), 2);
    // Undo brings it back, where it was.
    window->document()->undoStack()->undo();
    QCOMPARE(service->customBoards().size(), size_t(1));
    QCOMPARE(service->chosenBoards(), (QStringList{QStringLiteral("stm32f446re"), QStringLiteral("mine"), QStringLiteral("apollo4")}));
    QVERIFY(dashboard->boardLabel(1)->text().contains(QStringLiteral("MY-PART")));
    // A custom board that replaced a bundled one gives the bundled one back.
    Board shadow = bundled()->get("stm32f746zg");
    shadow.sram_bytes = 1024;
    service->addBoard(shadow);
    QCOMPARE(service->boards().find("stm32f746zg")->sram_bytes, int64_t(1024));
    QVERIFY(dashboard->deleteCustomBoard(QStringLiteral("stm32f746zg")));
    QCOMPARE(service->boards().find("stm32f746zg")->sram_bytes, bundled()->get("stm32f746zg").sram_bytes);
  }

  void openReportWithoutABrowserShowsThePathToCopy() {
#ifndef TINYFORGE_HAVE_EXPORT
    QSKIP("this build has no core/export");
#else
    // No browser: no BROWSER variable and no xdg-open on the PATH.
    QTemporaryDir empty;
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", empty.path().toUtf8());
    qunsetenv("BROWSER");
    QVERIFY(!canOpenInBrowser());
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f746zg")});
    QPointer<ExportDialog> dialog = window->showExportDialog();
    dialog->setFolder(dir_.filePath(QStringLiteral("report_without_browser")));
    dialog->setPlaceholderWeights(true);
    QSignalSpy finished(dialog.data(), &ExportDialog::finished);
    dialog->startExport();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    qputenv("PATH", path);
    QVERIFY2(dialog->succeeded(), qPrintable(dialog->message()));
    QVERIFY(dialog->openReportButton()->isEnabled());
    dialog->openReportButton()->click();
    FilePathDialog* shown = dialog->pathDialog();
    QVERIFY(shown);
    QVERIFY(shown->isVisible());
    QCOMPARE(shown->path(), dialog->reportPath());
    QVERIFY(QFileInfo::exists(shown->path()));
    shown->copyButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), dialog->reportPath());
    dialog->close();
#endif
  }
};

QTEST_MAIN(FiguresTest)
#include "figures_test.moc"
