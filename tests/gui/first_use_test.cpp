// The studio as a new user meets it, on a 1280x800 laptop screen (the offscreen platform
// is given that screen by CMake): the window stays on the screen whatever is selected,
// nothing starts clipped, an opened model lands in view, ports are easy to grab, a layer
// dropped on an edge makes room, the toolbar stays put, Help has the guide and the
// shortcuts, an empty model shows no figures, and a language change offers a restart.

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QUndoStack>

#include "gui_test_util.h"
#include "widgets/board_dashboard.h"
#include "widgets/budget_bar.h"
#include "widgets/elided_label.h"
#include "widgets/graph_document.h"
#include "widgets/inspector_widget.h"
#include "widgets/node_item.h"

using namespace tinyforge;
using namespace tinyforge::gui_test;

class FirstUseTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  static QRect available() { return QGuiApplication::primaryScreen()->availableGeometry(); }

  static void expectOnScreen(MainWindow& window, const char* when) {
    QCoreApplication::processEvents();
    const QRect screen = available();
    QVERIFY2(window.minimumSizeHint().width() <= screen.width(),
             qPrintable(QStringLiteral("%1: the window needs %2 px, the screen has %3")
                            .arg(QLatin1String(when))
                            .arg(window.minimumSizeHint().width())
                            .arg(screen.width())));
    QVERIFY2(window.frameGeometry().width() <= screen.width(),
             qPrintable(QStringLiteral("%1: the window is %2 px wide").arg(QLatin1String(when)).arg(window.frameGeometry().width())));
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    QSettings().clear();
    QCOMPARE(available().width(), 1280);  // tests/gui/screen_1280x800.json
  }

  void cleanup() { QSettings().clear(); }

  void windowStaysOnTheScreenWhateverIsSelected() {
    auto window = makeWindow(dir_, {1400, 900});  // asked for more than the screen has
    expectOnScreen(*window, "a new window");
    // An imported model's layer names are hundreds of characters without a space.
    QVERIFY(window->openFile(sharedModelPath("kws_micronet_m.tflite")));
    std::string longest;
    for (const Node& node : window->document()->graph().nodes) {
      if (node.name.size() > longest.size()) longest = node.name;
      window->scene()->selectNode(QString::fromStdString(node.name));
      expectOnScreen(*window, node.name.c_str());
    }
    QVERIFY(longest.size() > 100);
    // The full name stays one hover away.
    window->scene()->selectNode(QString::fromStdString(longest));
    QCoreApplication::processEvents();
    auto* title = window->inspector()->findChild<ElidedLabel*>(QStringLiteral("inspectorTitle"));
    QVERIFY(title);
    QVERIFY2(title->isElided(), qPrintable(QStringLiteral("%1 px: %2").arg(title->width()).arg(title->text())));
    QVERIFY(title->toolTip().contains(QString::fromStdString(longest)));
    // A shape error, shown in the status bar and the inspector, does not widen it either.
    // A 60-high kernel without padding on the 49-high input does not fit.
    for (const Node& node : window->document()->graph().nodes) {
      if (node.kind != NodeKind::Conv2D) continue;
      Node broken = node;
      broken.kernel_h = 60;
      broken.padding = Padding::Valid;
      window->document()->setNode(QString::fromStdString(node.name), broken);
      window->scene()->selectNode(QString::fromStdString(node.name));
      break;
    }
    QVERIFY(!window->document()->analysis().ok());
    expectOnScreen(*window, "a shape error");
    for (const QString& tab : {"layers", "memory", "pareto", "search", "explore", "notes", "canvas"}) {
      window->showTab(tab);
      expectOnScreen(*window, qPrintable(tab));
    }
  }

  void aSavedGeometryLargerThanTheScreenIsShrunk() {
    {
      auto window = makeWindow(dir_);
      window->setMinimumSize(0, 0);
      window->resize(2400, 1500);  // as saved by a window that had grown, or on a larger screen
      window->close();             // writes the settings
    }
    auto window = makeWindow(dir_, {});
    QVERIFY2(window->width() <= available().width(), qPrintable(QString::number(window->width())));
    QVERIFY2(window->height() <= available().height(), qPrintable(QString::number(window->height())));
  }

  void palettAndInspectorStartUnclipped() {
    auto window = makeWindow(dir_);
    QTRY_VERIFY(window->palette()->viewport()->width() >= window->palette()->contentWidth());
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    window->scene()->selectNode(QStringLiteral("conv1"));
    QCoreApplication::processEvents();
    // Every label of the inspector's form has the room its text needs.
    const auto* form = window->inspector()->findChild<QFormLayout*>();
    QVERIFY(form);
    int labels = 0;
    for (int row = 0; row < form->rowCount(); ++row) {
      auto* label = qobject_cast<QLabel*>(form->itemAt(row, QFormLayout::LabelRole) ? form->itemAt(row, QFormLayout::LabelRole)->widget() : nullptr);
      if (!label || !label->isVisible()) continue;
      QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
      ++labels;
    }
    QVERIFY(labels >= 8);
  }

  void anOpenedModelLandsInView() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(sharedModelPath("kws_micronet_m.tflite")));
    QCoreApplication::processEvents();
    GraphView* view = window->view();
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    // A 15-layer model is taller than the canvas at a readable zoom: it is shown from its
    // input down, centred, never shrunk below half size.
    QVERIFY2(view->zoom() >= GraphView::kSmallestFitZoom - 1e-9, qPrintable(QString::number(view->zoom())));
    const NodeItem* input = window->scene()->nodeItem(QStringLiteral("input"));
    QVERIFY(input);
    QVERIFY(visible.contains(bodyOf(input)));
    // A small model is shown whole.
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    QCoreApplication::processEvents();
    const QRectF all = view->mapToScene(view->viewport()->rect()).boundingRect();
    for (const Node& node : window->document()->graph().nodes) {
      if (all.contains(bodyOf(window->scene()->nodeItem(QString::fromStdString(node.name))))) continue;
      if (view->zoom() > GraphView::kSmallestFitZoom + 1e-9) QFAIL(node.name.c_str());
    }
  }

  void portsAreEasyToGrabAtFitZoom() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    GraphView* view = window->view();
    view->resetZoom();
    view->zoomOut();
    view->zoomOut();
    view->zoomOut();  // 0.8^3 = 0.51: a port's circle is about 7 px across
    GraphDocument* doc = window->document();
    // Connect ds1's output to ds3 by pressing 9 px beside ds1's port: outside the port's
    // drawn circle, and outside the node.
    NodeItem* source = window->scene()->nodeItem(QStringLiteral("ds1"));
    NodeItem* target = window->scene()->nodeItem(QStringLiteral("ds3"));
    view->centerOn(source);
    QCoreApplication::processEvents();
    const QPointF before = source->pos();
    const QPoint port = view->mapFromScene(source->outputPortScenePos());
    dragInView(view, port + QPoint(9, 0), view->mapFromScene(target->pos()));
    QCOMPARE(source->pos(), before);
    const auto& inputs = doc->graph().find("ds3")->inputs;
    QVERIFY(std::find(inputs.begin(), inputs.end(), "ds1") != inputs.end());
  }

  void aLayerDroppedOnAnEdgeMakesRoom() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const NodeItem* ds2 = window->scene()->nodeItem(QStringLiteral("ds2"));
    const NodeItem* ds3 = window->scene()->nodeItem(QStringLiteral("ds3"));
    drop(window->scene(), NodeKind::MaxPool2D, (ds2->pos() + ds3->pos()) / 2);
    QVERIFY(window->document()->graph().find("maxpool1"));
    const QList<QString> names = [&] {
      QList<QString> out;
      for (const Node& node : window->document()->graph().nodes) out << QString::fromStdString(node.name);
      return out;
    }();
    for (int i = 0; i < names.size(); ++i)
      for (int j = i + 1; j < names.size(); ++j) {
        const QRectF a = bodyOf(window->scene()->nodeItem(names[i])), b = bodyOf(window->scene()->nodeItem(names[j]));
        QVERIFY2(!a.intersects(b), qPrintable(names[i] + QStringLiteral(" overlaps ") + names[j]));
      }
    // One undo puts everything back where it was.
    window->document()->undoStack()->undo();
    QVERIFY(!window->document()->graph().find("maxpool1"));
  }

  void toolbarButtonsStayPutWhenUndoChanges() {
    auto window = makeWindow(dir_);
    QToolBar* toolbar = window->toolBar();
    const auto positions = [&] {
      QList<int> xs;
      for (QAction* action : toolbar->actions())
        if (QWidget* button = toolbar->widgetForAction(action)) xs << button->x() + button->width();
      return xs;
    };
    const QList<int> before = positions();
    drop(window->scene(), NodeKind::DepthwiseSeparable, QPointF(0, 200));  // "Undo Add ds1"
    QCoreApplication::processEvents();
    QCOMPARE(positions(), before);
    QVERIFY(window->action(QStringLiteral("undo_toolbar"))->isEnabled());
    QVERIFY(window->action(QStringLiteral("undo_toolbar"))->toolTip().contains(QStringLiteral("ds1")));
  }

  void helpHasTheUserGuideAndTheShortcuts() {
    auto window = makeWindow(dir_);
    QDialog* guide = window->showUserGuide();
    auto* text = guide->findChild<QTextBrowser*>(QStringLiteral("userGuideText"));
    QVERIFY(text);
    QVERIFY(text->toPlainText().contains(QStringLiteral("Board dashboard")));
    // Its pictures come along.
    const QVariant picture = text->document()->resource(QTextDocument::ImageResource,
                                                        QUrl(QStringLiteral("qrc:/docs/screenshots/studio_canvas.png")));
    QVERIFY(!picture.isNull());
    guide->close();

    QDialog* keys = window->showShortcuts();
    auto* table = keys->findChild<QTableWidget*>(QStringLiteral("shortcutTable"));
    QVERIFY(table);
    QStringList rows;
    for (int r = 0; r < table->rowCount(); ++r) rows << table->item(r, 0)->text() + QLatin1Char('=') + table->item(r, 1)->text();
    const QString all = rows.join(QLatin1Char('\n'));
    for (const char* expected : {"Undo=Ctrl+Z", "Copy=Ctrl+C", "Paste=Ctrl+V", "Export for boards=Ctrl+E", "Fit to window=Ctrl+0"})
      QVERIFY2(all.contains(QLatin1String(expected)), qPrintable(all));
    keys->close();
  }

  void anEmptyModelShowsNoFigures() {
    auto window = makeWindow(dir_);
    QCOMPARE(window->document()->graph().nodes.size(), size_t(1));  // the input alone
    BoardDashboard* dashboard = window->dashboard();
    QVERIFY(dashboard->rowCount() > 0);
    for (int row = 0; row < dashboard->rowCount(); ++row) {
      for (auto metric : {BoardDashboard::Flash, BoardDashboard::Latency, BoardDashboard::Fps, BoardDashboard::Energy})
        QCOMPARE(dashboard->bar(row, metric)->text(), QStringLiteral("\u2014"));
      QCOMPARE(dashboard->verdict(row), QStringLiteral("no figures"));
    }
    // Why, said once where it has room.
    QVERIFY(dashboard->modelProblem().contains(QStringLiteral("No layers yet")));
    // The status line counts layers that run: the input alone is none.
    QVERIFY2(window->statusFigures()->fullText().startsWith(QStringLiteral("Layers: 0,")), qPrintable(window->statusFigures()->fullText()));
  }

  void changingTheLanguageOffersARestart() {
    auto window = makeWindow(dir_);
    window->action(QStringLiteral("language:de"))->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("de"));
    auto* box = window->findChild<QMessageBox*>(QStringLiteral("languageDialog"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    auto* later = box->findChild<QAbstractButton*>(QStringLiteral("restartLater"));
    QVERIFY(box->findChild<QAbstractButton*>(QStringLiteral("restartNow")));
    QVERIFY(later);
    later->click();
    QTRY_VERIFY(!window->findChild<QMessageBox*>(QStringLiteral("languageDialog")));
    QVERIFY(window->isVisible());  // "Later" keeps the studio as it is
  }
};

QTEST_MAIN(FirstUseTest)
#include "first_use_test.moc"
