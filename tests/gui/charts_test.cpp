// Charts a user can read: the Pareto legend names the published, estimated and search
// points, hovering a point shows its figures, the search's axes keep their numbers and
// its legend entries are short; and scrolling a form with the mouse wheel scrolls it
// rather than changing the field under the pointer.

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QDoubleSpinBox>
#include <QHelpEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QValueAxis>
#include <QWheelEvent>

#include "gui_test_util.h"
#include "widgets/board_dashboard.h"
#include "widgets/pareto_view.h"
#include "widgets/search_charts.h"
#include "widgets/search_config_form.h"
#include "widgets/search_panel.h"
#include "widgets/search_runner.h"

using namespace tinyforge;
using namespace tinyforge::gui_test;

namespace {

// Turns the wheel over `widget`; true when the widget took the event (false: it is left to
// the parent, which scrolls).
bool wheel(QWidget* widget, int steps) {
  const QPoint at = widget->rect().center();
  QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, 120 * steps), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &event);
  return event.isAccepted();
}

}  // namespace

class ChartsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(dir_.isValid());
  }

  void paretoLegendNamesEveryKindOfPointAndHoverShowsFigures() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    QVERIFY(window->showTab(QStringLiteral("pareto")));
    QCoreApplication::processEvents();
    ParetoView* pareto = window->pareto();
    pareto->setTask(QStringLiteral("keyword spotting (GSC)"));
    QVERIFY(!pareto->shown().empty());
    // The chart's legend: the front and each kind of point that is drawn, each with its name.
    QStringList labels;
    for (QLegendMarker* marker : pareto->chart()->legend()->markers())
      if (marker->isVisible()) labels << marker->label();
    QVERIFY2(labels.contains(QStringLiteral("published (MicroNets Table 4)")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY(labels.contains(QStringLiteral("estimated by TinyForge")));
    QVERIFY(labels.contains(QStringLiteral("Pareto front")));
    // No search run in this project: no empty legend entry for it.
    QVERIFY(!labels.contains(QStringLiteral("search candidates")));

    // Hovering a point (a tooltip event where it is drawn) names it with its figures.
    const int index = pareto->shown().front();
    const QPoint at = pareto->viewportPosition(index);
    QWidget* viewport = pareto->chartView()->viewport();
    QHelpEvent help(QEvent::ToolTip, at + QPoint(3, 2), viewport->mapToGlobal(at));
    QApplication::sendEvent(viewport, &help);
    QVERIFY2(pareto->lastHover().contains(pareto->candidates()[size_t(index)].name.toHtmlEscaped()),
             qPrintable(pareto->lastHover()));
    QVERIFY(pareto->lastHover().contains(QStringLiteral("Latency on")));
  }

  void searchChartsKeepTheirNumbersAndShortLegends() {
    SearchCharts charts;
    charts.resize(500, 400);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    for (QChart* chart : charts.charts())
      for (QAbstractAxis* axis : chart->axes())
        QVERIFY2(!axis->truncateLabels(), qPrintable(chart->title()));  // "…" instead of 0..100 was the bug
    // The accuracy axis reads 0 to 100.
    auto* accuracy_y = qobject_cast<QValueAxis*>(charts.charts()[1]->axes(Qt::Vertical).front());
    QCOMPARE(accuracy_y->max(), 100.0);
    // Legend entries are a word or two; no entry is a sentence that gets clipped.
    for (QChart* chart : charts.charts())
      for (QLegendMarker* marker : chart->legend()->markers())
        QVERIFY2(marker->label().size() <= 20, qPrintable(marker->label()));
    // Without a latency budget the search has no ops budget: ops leave the cost chart.
    QChart* costs = charts.charts()[2];
    charts.setOpsBudgetKnown(false);
    QVERIFY(!costs->series().contains(charts.series(QStringLiteral("ops"))));
    charts.setOpsBudgetKnown(true);
    QVERIFY(costs->series().contains(charts.series(QStringLiteral("ops"))));
  }

  void theWheelChangesOnlyAFieldTheUserClickedInto() {
    auto window = makeWindow(dir_);
    // The dashboard's budgets, and the search form in its scroll area when the search is built.
    QDoubleSpinBox* budget = window->dashboard()->latencyBudgetEditor();
    window->setFocus();
    QVERIFY(!budget->hasFocus());
    QVERIFY(!wheel(budget, 3));
    QCOMPARE(budget->value(), 0.0);
    budget->setFocus();
    QTRY_VERIFY(budget->hasFocus());
    wheel(budget, 3);
    QVERIFY(budget->value() > 0);
    if (!SearchRunner::available()) return;
    window->showTab(QStringLiteral("search"));
    window->resize(1280, 600);  // the form is taller than its room: it scrolls
    QCoreApplication::processEvents();
    QSpinBox* warmup = window->search()->form()->warmupEditor();
    auto* scroll = window->search()->findChild<QScrollArea*>(QStringLiteral("searchFormScroll"));
    QVERIFY(scroll);
    QVERIFY(scroll->isAncestorOf(warmup));
    const int value = warmup->value();
    QVERIFY(!wheel(warmup, -2));        // left to the scroll area
    QCOMPARE(warmup->value(), value);  // not changed (warm-up went from 1 to 6 before)
  }
};

QTEST_MAIN(ChartsTest)
#include "charts_test.moc"
