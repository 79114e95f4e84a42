// The Patches tab: for the model being edited it lists the split points and grids no other
// choice beats on both peak SRAM and extra MACs; the one the user picks (or auto, or none)
// is what every tinyforge-c estimate in the studio then uses.

#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

#include "gui_test_util.h"
#include "widgets/estimate_service.h"
#include "widgets/patch_view.h"

using namespace tinyforge;
using namespace tinyforge::gui_test;

class PatchViewTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  static QPushButton* button(QWidget* parent, const QString& text) {
    for (QPushButton* b : parent->findChildren<QPushButton*>())
      if (b->text() == text) return b;
    return nullptr;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
  }

  void listsTheTradeOffAndTheChoiceDrivesTheEstimates() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(sharedModelPath("person_detect.tflite")));
    EstimateService* estimates = window->estimates();
    estimates->setChosenBoards({QStringLiteral("STM32F446RE")});
    estimates->setRuntime(RuntimeKind::TinyforgeC);
    QVERIFY(window->showTab(QStringLiteral("patches")));
    PatchView* view = window->patches();
    QTRY_VERIFY(!view->choices().empty());
    QCOMPARE(view->table()->rowCount(), static_cast<int>(view->choices().size()));
    // Smallest peak first; along the list, fewer extra MACs for more SRAM (a Pareto front).
    const auto& choices = view->choices();
    for (size_t i = 1; i < choices.size(); ++i) {
      QVERIFY(choices[i].peak_bytes() >= choices[i - 1].peak_bytes());
      QVERIFY(choices[i].extra_macs() < choices[i - 1].extra_macs());
    }
    QVERIFY(choices.front().peak_bytes() < choices.front().unpatched_arena_bytes);
    const Estimate* unpatched = estimates->primary();
    QVERIFY(unpatched && !unpatched->patches);
    const int64_t unpatched_arena = unpatched->memory.min_arena_bytes;

    // Pick the last row (the fewest extra MACs): the estimates now use its arena.
    const int last = view->table()->rowCount() - 1;
    view->table()->selectRow(last);
    QPushButton* use = button(view, QStringLiteral("Use the selected choice"));
    QVERIFY(use && use->isEnabled());
    use->click();
    QCOMPARE(estimates->patches().mode, PatchRequest::Mode::Fixed);
    const Estimate* patched = estimates->primary();
    QVERIFY(patched && patched->patches);
    QCOMPARE(patched->memory.min_arena_bytes, choices.back().peak_bytes());
    QVERIFY(patched->memory.min_arena_bytes < unpatched_arena);
    QVERIFY2(view->inUseText().contains(QStringLiteral("patches")), qPrintable(view->inUseText()));

    button(view, QStringLiteral("Auto"))->click();
    QCOMPARE(estimates->patches().mode, PatchRequest::Mode::Auto);
    QVERIFY(estimates->primary()->patches);
    QVERIFY(estimates->primary()->patches->extra_macs_percent() <= 20.0);

    button(view, QStringLiteral("No patches"))->click();
    QCOMPARE(estimates->patches().mode, PatchRequest::Mode::None);
    QVERIFY(!estimates->primary()->patches);
    QCOMPARE(estimates->primary()->memory.min_arena_bytes, unpatched_arena);
  }

  void theChoiceIsStoredInTheProject() {
    const QString path = dir_.filePath(QStringLiteral("patched.tfproj"));
    {
      auto window = makeWindow(dir_);
      QVERIFY(window->openFile(sharedModelPath("vww2_50_50_INT8.tflite")));
      window->estimates()->setRuntime(RuntimeKind::TinyforgeC);
      QVERIFY(window->showTab(QStringLiteral("patches")));
      PatchView* view = window->patches();
      QTRY_VERIFY(!view->choices().empty());
      view->table()->selectRow(0);
      view->useSelected();
      QVERIFY(window->saveProjectTo(path));
    }
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(path));
    const PatchRequest& patches = window->estimates()->patches();
    QCOMPARE(patches.mode, PatchRequest::Mode::Fixed);
    QVERIFY(!patches.layer.empty());
    QVERIFY(window->estimates()->primary() && window->estimates()->primary()->patches);
  }

  void saysWhenNothingCanBePatched() {
    auto window = makeWindow(dir_);
    // Three fully connected layers: nothing spatial to split.
    QVERIFY(window->openFile(sharedModelPath("hello_world_int8.tflite")));
    window->estimates()->setRuntime(RuntimeKind::TinyforgeC);
    QVERIFY(window->showTab(QStringLiteral("patches")));
    PatchView* view = window->patches();
    QTRY_VERIFY(!view->statusText().isEmpty());
    QCOMPARE(view->table()->rowCount(), 0);
    QVERIFY2(view->statusText().contains(QStringLiteral("No split point and grid lowers")), qPrintable(view->statusText()));
  }
};

QTEST_MAIN(PatchViewTest)
#include "patch_view_test.moc"
