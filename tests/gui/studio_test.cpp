// The studio as a user drives it: drop layers from the palette, connect ports, undo and
// redo, read the dashboard, save and reopen, open damaged files. Runs offscreen.

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsSceneDragDropEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

#include "app/studio/autosave.h"
#include "app/studio/main_window.h"
#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "widgets/board_dashboard.h"
#include "widgets/budget_bar.h"
#include "widgets/edge_item.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/inspector_widget.h"
#include "widgets/layer_table_model.h"
#include "widgets/memory_map_view.h"
#include "widgets/node_item.h"
#include "widgets/palette_widget.h"
#include "widgets/units_text.h"

using namespace tinyforge;

namespace {

QString modelPath(const char* name) { return QStringLiteral(TINYFORGE_RESOURCES_DIR "/models/") + QLatin1String(name); }

QByteArray readAll(const QString& path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return file.readAll();
}

}  // namespace

class StudioTest : public QObject {
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

  // What a drop from the palette delivers to the scene.
  static void drop(GraphScene* scene, NodeKind kind, QPointF scene_pos) {
    std::unique_ptr<QMimeData> data(PaletteWidget::mimeDataFor(kind));
    QGraphicsSceneDragDropEvent event(QEvent::GraphicsSceneDrop);
    event.setScenePos(scene_pos);
    event.setMimeData(data.get());
    event.setPossibleActions(Qt::CopyAction);
    event.setProposedAction(Qt::CopyAction);
    QCoreApplication::sendEvent(scene, &event);
  }

  // A mouse drag on the canvas from one scene point to another.
  static void dragOnCanvas(GraphView* view, QPointF from, QPointF to) {
    QWidget* viewport = view->viewport();
    const QPoint start = view->mapFromScene(from);
    const QPoint end = view->mapFromScene(to);
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    QTest::mouseMove(viewport, (start + end) / 2);
    QTest::mouseMove(viewport, end);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, end);
  }

  static void connectPorts(MainWindow& window, const QString& from, const QString& to) {
    NodeItem* source = window.scene()->nodeItem(from);
    NodeItem* target = window.scene()->nodeItem(to);
    QVERIFY(source && target);
    window.view()->centerOn((source->pos() + target->pos()) / 2);
    dragOnCanvas(window.view(), source->outputPortScenePos(), target->pos());
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void buildModelByDroppingAndConnecting_thenUndoRedo() {
    auto window = makeWindow();
    GraphDocument* doc = window->document();
    const Graph start = doc->graph();
    QCOMPARE(start.nodes.size(), size_t(1));  // a new project has its input {1,49,10,1}

    drop(window->scene(), NodeKind::Conv2D, QPointF(0, 150));
    drop(window->scene(), NodeKind::DepthwiseSeparable, QPointF(0, 300));
    drop(window->scene(), NodeKind::Mean, QPointF(0, 450));
    drop(window->scene(), NodeKind::FullyConnected, QPointF(0, 600));
    QCOMPARE(doc->graph().nodes.size(), size_t(5));
    connectPorts(*window, QStringLiteral("input"), QStringLiteral("conv1"));
    connectPorts(*window, QStringLiteral("conv1"), QStringLiteral("ds1"));
    connectPorts(*window, QStringLiteral("ds1"), QStringLiteral("mean1"));
    connectPorts(*window, QStringLiteral("mean1"), QStringLiteral("fc1"));
    const Graph built = doc->graph();
    QCOMPARE(built.find("conv1")->inputs, std::vector<std::string>{"input"});
    QCOMPARE(built.find("ds1")->inputs, std::vector<std::string>{"conv1"});
    QCOMPARE(built.find("mean1")->inputs, std::vector<std::string>{"ds1"});
    QCOMPARE(built.find("fc1")->inputs, std::vector<std::string>{"mean1"});
    QVERIFY2(doc->analysis().ok(), doc->analysis().error.c_str());
    QCOMPARE(window->scene()->edgeItems().size(), 4);

    // Each node shows its output shape and MACs. By hand: conv 3x3, 1 -> 32 channels, same
    // padding, stride 1 on 49x10: 49*10*32 outputs * 9 MACs = 141,120 MACs.
    NodeItem* conv = window->scene()->nodeItem(QStringLiteral("conv1"));
    QCOMPARE(conv->shapeText(), QStringLiteral("1\u00d749\u00d710\u00d732"));
    QCOMPARE(doc->analysis().nodes.at("conv1").macs, int64_t(49 * 10 * 32 * 9));
    QCOMPARE(conv->costText(), QStringLiteral("141.1 k MACs"));
    // Depthwise separable 3x3, 32 -> 64: depthwise 49*10*32*9 + pointwise 49*10*32*64.
    QCOMPARE(doc->analysis().nodes.at("ds1").macs, int64_t(49 * 10 * 32 * 9 + 49 * 10 * 32 * 64));
    QCOMPARE(window->scene()->nodeItem(QStringLiteral("fc1"))->shapeText(), QStringLiteral("1\u00d712"));

    // Undo everything: back to the new project; redo everything: the same model again.
    QUndoStack* stack = doc->undoStack();
    QCOMPARE(stack->count(), 8);
    while (stack->canUndo()) stack->undo();
    QCOMPARE(doc->graph(), start);
    QCOMPARE(window->scene()->edgeItems().size(), 0);
    while (stack->canRedo()) stack->redo();
    QCOMPARE(doc->graph(), built);
    QCOMPARE(window->scene()->edgeItems().size(), 4);
  }

  void dropOnEdgeInsertsAndDeleteDisconnects() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("ds_cnn_s.json")));
    GraphDocument* doc = window->document();
    const Graph before = doc->graph();
    // Find the edge into the first depthwise-separable-like consumer and drop a pool on it.
    EdgeItem* edge = window->scene()->edgeItems().front();
    const QString from = edge->from()->name(), to = edge->to()->name();
    const QPointF middle = edge->path().pointAtPercent(0.5);
    drop(window->scene(), NodeKind::MaxPool2D, middle);
    const Node* pool = doc->graph().find("maxpool1");
    QVERIFY(pool);
    QCOMPARE(pool->inputs, std::vector<std::string>{from.toStdString()});
    const Node* consumer = doc->graph().find(to.toStdString());
    QVERIFY(std::find(consumer->inputs.begin(), consumer->inputs.end(), "maxpool1") != consumer->inputs.end());
    doc->undoStack()->undo();
    QCOMPARE(doc->graph(), before);

    // Select the edge and delete it: the consumer loses that input.
    window->scene()->clearSelection();
    window->scene()->edgeItems().front()->setSelected(true);
    window->scene()->deleteSelection();
    QVERIFY(doc->graph().find(to.toStdString())->inputs.empty());
    doc->undoStack()->undo();
    QCOMPARE(doc->graph(), before);
  }

  void shapeErrorShowsOnTheNodeThatCausesIt() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    GraphDocument* doc = window->document();
    window->scene()->selectNode(QStringLiteral("pool"));
    QCOMPARE(window->inspector()->nodeName(), QStringLiteral("pool"));
    // The pool is 25x5 'valid' on a 25x5 map; a 30-high kernel does not fit.
    auto* kernel_h = qobject_cast<QSpinBox*>(window->inspector()->editor(QStringLiteral("kernel_h")));
    QVERIFY(kernel_h);
    kernel_h->setValue(30);
    QCOMPARE(doc->graph().find("pool")->kernel_h, 30);
    QVERIFY(!doc->analysis().ok());
    QCOMPARE(QString::fromStdString(doc->analysis().error_node), QStringLiteral("pool"));
    QVERIFY(window->scene()->nodeItem(QStringLiteral("pool"))->hasError());
    QVERIFY(!window->scene()->nodeItem(QStringLiteral("ds5"))->hasError());
    QVERIFY(window->inspector()->validationMessage().contains(QStringLiteral("pool")));
    QVERIFY(window->lastError().isEmpty());  // no dialog, no error report
    doc->undoStack()->undo();
    QVERIFY(doc->analysis().ok());
    QVERIFY(!window->scene()->nodeItem(QStringLiteral("pool"))->hasError());
  }

  void inspectorValidatesAsYouType() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    window->scene()->selectNode(QStringLiteral("conv1"));
    auto* widths = qobject_cast<QLineEdit*>(window->inspector()->editor(QStringLiteral("widths")));
    QVERIFY(widths);
    widths->setFocus();
    QTest::keyClicks(widths, QStringLiteral("28, 5a"));
    QVERIFY(!window->inspector()->validationMessage().isEmpty());
    // The last valid text ("28, 5") was applied as typed; the invalid one is not.
    QCOMPARE(window->document()->graph().find("conv1")->search.widths, (std::vector<int>{5, 28}));
    QVERIFY(window->inspector()->validationMessage().contains(QStringLiteral("5a")));
    widths->clear();
    QTest::keyClicks(widths, QStringLiteral("28, 56, 140"));
    QVERIFY(window->inspector()->validationMessage().isEmpty());
    QCOMPARE(window->document()->graph().find("conv1")->search.widths, (std::vector<int>{28, 56, 140}));
    // Typing a list is one undo step, not one per key.
    window->document()->undoStack()->undo();
    QVERIFY(window->document()->graph().find("conv1")->search.widths.empty());

    auto* name = qobject_cast<QLineEdit*>(window->inspector()->editor(QStringLiteral("name")));
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("ds1"));
    QVERIFY(window->inspector()->validationMessage().contains(QStringLiteral("ds1")));
  }

  void dashboardShowsTheEstimatorsFigures() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const QStringList boards = {QStringLiteral("stm32f446re"), QStringLiteral("stm32f746zg")};
    window->estimates()->setChosenBoards(boards);
    window->estimates()->setRuntime(RuntimeKind::TflmCmsis);
    BoardDashboard* dashboard = window->dashboard();
    QCOMPARE(dashboard->rowCount(), 2);

    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    Estimator estimator(library);
    auto check = [&](const Graph& graph) {
      for (int row = 0; row < boards.size(); ++row) {
        const Estimate e = estimator.estimate(graph, boards[row].toStdString(), RuntimeKind::TflmCmsis);
        BudgetBar* flash = dashboard->bar(row, BoardDashboard::Flash);
        BudgetBar* sram = dashboard->bar(row, BoardDashboard::Sram);
        BudgetBar* latency = dashboard->bar(row, BoardDashboard::Latency);
        QCOMPARE(flash->text(), bytesText(e.memory.flash_bytes) + QStringLiteral(" / ") + bytesText(e.fit.flash_budget_bytes));
        QCOMPARE(flash->fraction(), double(e.memory.flash_bytes) / double(e.fit.flash_budget_bytes));
        QCOMPARE(sram->fraction(), double(e.memory.sram_bytes) / double(e.fit.sram_budget_bytes));
        QCOMPARE(sram->level() == BudgetLevel::Over, !e.fit.fits_sram);
        QCOMPARE(latency->fraction(), e.latency_ms / window->estimates()->latencyBudgetMs());
        QCOMPARE(dashboard->bar(row, BoardDashboard::Energy)->fraction(), e.energy_mj / window->estimates()->energyBudgetMj());
        QCOMPARE(dashboard->verdict(row).startsWith(QStringLiteral("fits")), e.fit.fits());
        QCOMPARE(dashboard->verdict(row).endsWith(QStringLiteral("too slow")),
                 e.fit.fits() && e.latency_ms > window->estimates()->latencyBudgetMs());
      }
    };
    check(window->document()->graph());
    // An edit re-estimates at once.
    window->scene()->selectNode(QStringLiteral("ds5"));
    qobject_cast<QSpinBox*>(window->inspector()->editor(QStringLiteral("out_channels")))->setValue(320);
    QCOMPARE(window->document()->graph().find("ds5")->out_channels, 320);
    check(window->document()->graph());

    // Colours: green to 90% of the budget, amber to 100%, red beyond.
    QCOMPARE(budgetLevel(0.90), BudgetLevel::Ok);
    QCOMPARE(budgetLevel(0.95), BudgetLevel::Tight);
    QCOMPARE(budgetLevel(1.01), BudgetLevel::Over);
  }

  void layerTableAndMemoryMapFollowThePrimaryBoard() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f746zg")});
    const Estimate* e = window->estimates()->primary();
    QVERIFY(e);
    QTableView* table = window->layerTable();
    QCOMPARE(table->model()->rowCount(), int(e->layers.size()));
    // Sorted by MACs, largest first: the first row is the layer with the most MACs.
    table->sortByColumn(LayerTableModel::Macs, Qt::DescendingOrder);
    int64_t most = 0;
    std::string heaviest;
    for (const LayerEstimate& layer : e->layers) {
      if (layer.cost.macs > most) {
        most = layer.cost.macs;
        heaviest = layer.name;
      }
    }
    QCOMPARE(table->model()->index(0, LayerTableModel::Name).data().toString(), QString::fromStdString(heaviest));
    // Exactly the estimator's peak layer is highlighted.
    int peaks = 0;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
      if (table->model()->index(row, 0).data(LayerTableModel::kPeakRole).toBool()) {
        ++peaks;
        const QString name = table->model()->index(row, 0).data().toString();
        auto it = std::find_if(e->layers.begin(), e->layers.end(), [&](const LayerEstimate& l) { return l.name == name.toStdString(); });
        QVERIFY(it != e->layers.end() && it->at_sram_peak);
      }
    }
    QCOMPARE(peaks, int(std::count_if(e->layers.begin(), e->layers.end(), [](const LayerEstimate& l) { return l.at_sram_peak; })));

    // The memory map draws every arena buffer; hovering one names its tensor and producer.
    window->showTab(QStringLiteral("memory"));
    MemoryMapView* map = window->memoryMap();
    QCOMPARE(map->buffers().size(), e->arena.size());
    QVERIFY(!e->arena.empty());
    const QRectF rect = map->bufferRect(0);
    QCOMPARE(map->bufferAt(rect.center().toPoint()), 0);
    QVERIFY(map->describe(0).contains(QString::fromStdString(e->arena[0].name)));
  }

  void saveReopenGivesTheSameProject() {
    const QString path = dir_.filePath(QStringLiteral("kws.tfproj"));
    Graph saved_graph;
    NodePositions saved_positions;
    {
      auto window = makeWindow();
      QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
      window->estimates()->setChosenBoards({QStringLiteral("stm32f767zi"), QStringLiteral("nrf52840")});
      window->estimates()->setRuntime(RuntimeKind::Inplace);
      drop(window->scene(), NodeKind::Softmax, QPointF(400, 400));
      window->document()->moveNodes({{QStringLiteral("conv1"), QPointF(123, -45)}});
      QVERIFY(window->isModified());
      QVERIFY(window->saveProjectTo(path));
      QVERIFY(!window->isModified());
      saved_graph = window->document()->graph();
      saved_positions = window->document()->positions();
      // A second save adds a revision: the history is kept.
      window->document()->moveNodes({{QStringLiteral("conv1"), QPointF(0, 0)}});
      QVERIFY(window->saveProjectTo(path));
      QCOMPARE(projectRevisionCount(path), 2);
      window->document()->undoStack()->undo();
      QVERIFY(window->saveProjectTo(path));
    }
    auto window = makeWindow();
    QVERIFY2(window->openFile(path), qPrintable(window->lastError()));
    QCOMPARE(window->document()->graph(), saved_graph);
    QCOMPARE(window->document()->positions(), saved_positions);
    QCOMPARE(window->estimates()->chosenBoards(), (QStringList{QStringLiteral("stm32f767zi"), QStringLiteral("nrf52840")}));
    QCOMPARE(window->estimates()->runtime(), RuntimeKind::Inplace);
    QVERIFY(!window->isModified());
    QCOMPARE(window->currentPath(), path);
  }

  void corruptFilesShowAnErrorAndChangeNothing_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("garbage project") << "garbage.tfproj" << QByteArray("this is not a database\n");
    QTest::newRow("foreign sqlite") << "foreign.tfproj" << QByteArray();  // filled in below
    QTest::newRow("truncated project") << "truncated.tfproj" << QByteArray();
    QTest::newRow("bad graph json") << "bad.json" << QByteArray("{\"nodes\": [ {\"name\": \"a\", \"op\": \"Conv2D\",,]}\n");
    QTest::newRow("graph with unknown op") << "unknown.json"
                                           << QByteArray("{\"nodes\": [{\"name\": \"a\", \"op\": \"Conv3D\"}]}");
    QTest::newRow("bad tflite") << "bad.tflite" << QByteArray("TFL3 but not really a flatbuffer");
  }

  void corruptFilesShowAnErrorAndChangeNothing() {
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    const QString path = dir_.filePath(name);
    if (name == QLatin1String("foreign.tfproj") || name == QLatin1String("truncated.tfproj")) {
      // A real project, then either cut in half or stripped of its identity.
      ProjectData project;
      project.graph = loadGraphJson(modelPath("micronet_kws_s.json").toStdString());
      QFile::remove(path);
      saveProject(project, path);
      QByteArray bytes = readAll(path);
      if (name == QLatin1String("truncated.tfproj")) bytes = bytes.left(bytes.size() / 2);
      else bytes.replace("tinyforge-project", "someone-elses-app");
      contents = bytes;
    }
    {
      QFile file(path);
      QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
      file.write(contents);
    }
    const QDateTime modified = QFileInfo(path).lastModified();

    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const Graph before = window->document()->graph();
    QVERIFY(!window->openFile(path));
    QVERIFY(!window->lastError().isEmpty());
    QVERIFY2(window->lastError().contains(name), qPrintable(window->lastError()));
    QCOMPARE(window->document()->graph(), before);
    QCOMPARE(readAll(path), contents);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    // And saving over a file that is not ours is refused, not done.
    if (name.endsWith(QLatin1String(".tfproj"))) {
      QVERIFY(!window->saveProjectTo(path));
      QCOMPARE(readAll(path), contents);
    }
  }

  void autosaveIsRecoveredAfterACrash() {
    const QString recovery = dir_.filePath(QStringLiteral("recovery"));
    Graph edited;
    QString autosave_path;
    {
      auto window = makeWindow();
      QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
      drop(window->scene(), NodeKind::Softmax, QPointF(300, 300));
      edited = window->document()->graph();
      window->autosaveNow();
      autosave_path = window->autosave()->path();
      QVERIFY(QFileInfo::exists(autosave_path));
      // A running studio's autosave is not an orphan.
      Autosave other(recovery);
      QVERIFY(!other.orphans().contains(autosave_path));
      // The window goes away without closing (as in a crash): the autosave stays.
    }
    auto window = makeWindow();
    QVERIFY(window->autosave()->orphans().contains(autosave_path));
    QVERIFY(window->restoreAutosave(autosave_path));
    QCOMPARE(window->document()->graph(), edited);
    QVERIFY(window->isModified());
    QVERIFY(!QFileInfo::exists(autosave_path));
  }

  void editingAHundredLayerModelIsFast() {
    auto window = makeWindow();
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re"), QStringLiteral("stm32f746zg"),
                                          QStringLiteral("stm32f767zi")});
    Graph graph;
    graph.name = "deep";
    Node input;
    input.name = "input";
    input.kind = NodeKind::Input;
    input.shape = {1, 32, 32, 3};
    graph.nodes.push_back(input);
    std::string previous = "input";
    for (int i = 0; i < 100; ++i) {
      Node layer;
      layer.name = "l" + std::to_string(i);
      layer.kind = i % 2 ? NodeKind::DepthwiseConv2D : NodeKind::Conv2D;
      layer.out_channels = 16;
      layer.kernel_h = layer.kernel_w = i % 2 ? 3 : 1;
      layer.activation = Activation::Relu;
      layer.inputs = {previous};
      previous = layer.name;
      graph.nodes.push_back(layer);
    }
    window->document()->reset(graph);
    QVERIFY(window->estimates()->primary());
    window->scene()->selectNode(QStringLiteral("l50"));
    auto* channels = qobject_cast<QSpinBox*>(window->inspector()->editor(QStringLiteral("out_channels")));
    QElapsedTimer timer;
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
      timer.start();
      channels->setValue(17 + i);  // analysis, 3 estimates, canvas, table and map, synchronously
      QCoreApplication::processEvents();
      ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    qInfo("100-layer edit: median %.2f ms, worst %.2f ms (estimates alone %.2f ms)", median, ms.back(),
          window->estimates()->lastDurationMs());
    QCOMPARE(window->document()->graph().find("l50")->out_channels, 36);
    QVERIFY2(median < 50.0, "an edit of a 100-layer model must not stutter");
  }

  void germanAndChineseTranslationsAreBuiltIn() {
    for (const auto& [file, expected] : {std::pair{":/i18n/tinyforge_de.qm", "Arbeitsfl\u00e4che"},
                                         std::pair{":/i18n/tinyforge_zh_CN.qm", "\u753b\u5e03"}}) {
      QTranslator translator;
      QVERIFY2(translator.load(QString::fromUtf8(file)), file);
      QCOMPARE(translator.translate("tinyforge::MainWindow", "Canvas"), QString::fromUtf8(expected));
    }
  }
};

QTEST_MAIN(StudioTest)
#include "studio_test.moc"
