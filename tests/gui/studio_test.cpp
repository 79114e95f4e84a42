// The studio as a user drives it: drop layers from the palette, connect ports, undo and
// redo, read the dashboard, save and reopen, open damaged files. Runs offscreen.

#include <QProcess>
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QProgressBar>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsSceneDragDropEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
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
#include "widgets/board_dialog.h"
#include "widgets/budget_bar.h"
#include "widgets/edge_item.h"
#include "widgets/estimate_service.h"
#include "widgets/export_dialog.h"
#include "widgets/graph_document.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/inspector_widget.h"
#include "widgets/layer_table_model.h"
#include "widgets/memory_map_view.h"
#include "widgets/node_item.h"
#include "widgets/palette_widget.h"
#include "widgets/pareto_candidates.h"
#include "widgets/pareto_view.h"
#include "widgets/units_text.h"

using namespace tinyforge;

namespace {

QString modelPath(const char* name) { return QStringLiteral(TINYFORGE_RESOURCES_DIR "/models/") + QLatin1String(name); }

QByteArray readAll(const QString& path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return file.readAll();
}

struct FixedCandidates : CandidateProvider {
  std::vector<ParetoCandidate> list;
  std::vector<ParetoCandidate> candidates() override { return list; }
};

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
        QCOMPARE(flash->text(), bytesPairText(e.memory.flash_bytes, e.fit.flash_budget_bytes));
        QCOMPARE(flash->fraction(), double(e.memory.flash_bytes) / double(e.fit.flash_budget_bytes));
        QCOMPARE(sram->fraction(), double(e.memory.sram_bytes) / double(e.fit.sram_budget_bytes));
        QCOMPARE(sram->level() == BudgetLevel::Over, !e.fit.fits_sram);
        // No latency or energy budget until the user sets one: the figure, no verdict colour.
        QVERIFY(!latency->hasBudget());
        QCOMPARE(latency->level(), BudgetLevel::Unknown);
        QCOMPARE(latency->text(), msText(e.latency_ms));
        QVERIFY(!dashboard->bar(row, BoardDashboard::Energy)->hasBudget());
        QCOMPARE(dashboard->verdict(row), e.fit.fits() ? QStringLiteral("fits") : QStringLiteral("does not fit"));
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

  // An imported .tflite's model Flash is the file's size until the user edits the graph;
  // the Flash bar's tooltip says which figure it shows.
  void dashboardSaysWhatTheModelFlashIs() {
    const QString path = QStringLiteral(TINYFORGE_SHARED_DIR "/models/person_detect.tflite");
    if (!QFileInfo::exists(path)) QSKIP("no shared models");
    auto window = makeWindow();
    QVERIFY2(window->openFile(path), qPrintable(window->lastError()));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f746zg")});
    window->estimates()->setRuntime(RuntimeKind::Tflm);
    BudgetBar* flash = window->dashboard()->bar(0, BoardDashboard::Flash);
    QVERIFY2(flash->details().contains(QStringLiteral("size of the imported file")), qPrintable(flash->details()));
    QVERIFY(flash->details().contains(bytesText(300568)));  // models/README.md: the file's bytes

    const Graph& graph = window->document()->graph();
    const auto softmax = std::find_if(graph.nodes.begin(), graph.nodes.end(),
                                      [](const Node& n) { return n.kind == NodeKind::Softmax; });
    QVERIFY(softmax != graph.nodes.end());
    Node edited = *softmax;
    edited.beta = 0.5f;  // as the inspector sets it
    window->document()->setNode(QString::fromStdString(edited.name), edited, QStringLiteral("beta"));
    QVERIFY2(flash->details().contains(QStringLiteral("as TinyForge would write it")), qPrintable(flash->details()));
    window->document()->undoStack()->undo();
    QVERIFY2(flash->details().contains(QStringLiteral("size of the imported file")), qPrintable(flash->details()));
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
    QCoreApplication::processEvents();
    MemoryMapView* map = window->memoryMap();
    QVERIFY(map->hasPlan());
    QCOMPARE(map->map()->buffers.size(), e->arena.size());
    QVERIFY(!e->arena.empty());
    size_t largest = 0;
    for (size_t i = 0; i < e->arena.size(); ++i)
      if (e->arena[i].size_bytes > e->arena[largest].size_bytes) largest = i;
    const QString key = QStringLiteral("buffer:0:%1").arg(largest);
    const QRectF rect = map->rectOf(key);
    QVERIFY(!rect.isEmpty());
    // Just inside its bottom-left corner (its label may sit in the middle).
    QCOMPARE(map->keyAt((rect.bottomLeft() + QPointF(2, -2)).toPoint()), key);
    QVERIFY(map->describe(key).contains(QString::fromStdString(e->arena[largest].name)));
  }

  // The planner and reordering choices: a chain whose TFLM greedy head (19,456 B) is above
  // the bound (14,336 B), and two branches whose order decides the peak (11,264 B listed,
  // 9,472 B the other way), as in tests/core/runtime/. The dashboard follows the estimator
  // with the best planner; the memory map compares both planners and shows the saving.
  void plannerAndReorderingShowBothPlansAndTheSaving() {
    const QString chain = dir_.filePath(QStringLiteral("chain.json"));
    QFile(chain).remove();
    {
      QFile file(chain);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(R"({"format": "tinyforge-graph", "version": 1, "name": "chain", "nodes": [
        {"name": "input", "op": "Input", "shape": [1, 32, 32, 8]},
        {"name": "c1", "op": "Conv2D", "inputs": ["input"], "out_channels": 5},
        {"name": "c2", "op": "Conv2D", "inputs": ["c1"], "out_channels": 7},
        {"name": "c3", "op": "Conv2D", "inputs": ["c2"], "out_channels": 7}]})");
    }
    auto window = makeWindow();
    QVERIFY(window->openFile(chain));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f746zg")});
    window->estimates()->setRuntime(RuntimeKind::Tflm);
    BoardDashboard* dashboard = window->dashboard();
    QComboBox* planner = dashboard->plannerChooser();
    planner->setCurrentIndex(planner->findData(QStringLiteral("best")));
    QCOMPARE(window->estimates()->planner(), MemoryPlanner::Best);
    const Estimate* e = window->estimates()->primary();
    QVERIFY(e);
    QCOMPARE(e->memory.head_bytes, int64_t{14336});
    QVERIFY(e->offline_plan);
    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    EstimatorSettings best;
    best.planner = MemoryPlanner::Best;
    const Estimate expected = Estimator(library, best).estimate(window->document()->graph(), "stm32f746zg", RuntimeKind::Tflm);
    QCOMPARE(dashboard->bar(0, BoardDashboard::Sram)->fraction(),
             double(expected.memory.sram_bytes) / double(expected.fit.sram_budget_bytes));
    window->showTab(QStringLiteral("memory"));
    MemoryMapView* map = window->memoryMap();
    QCOMPARE(map->comparison(),
             QStringLiteral("best planner: head 14.0 KiB; TFLM greedy: 19.0 KiB; bound 14.0 KiB"));
    // The generated C plans its own arena with either planner too.
    window->estimates()->setRuntime(RuntimeKind::TinyforgeC);
    QVERIFY(planner->isEnabled());
    window->estimates()->setRuntime(RuntimeKind::Tflm);
    QVERIFY(planner->isEnabled());

    const QString branches = dir_.filePath(QStringLiteral("branches.json"));
    {
      QFile file(branches);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(R"({"format": "tinyforge-graph", "version": 1, "name": "branches", "nodes": [
        {"name": "input", "op": "Input", "shape": [1, 8, 8, 16]},
        {"name": "a1", "op": "Conv2D", "inputs": ["input"], "out_channels": 32},
        {"name": "a2", "op": "Conv2D", "inputs": ["a1"], "out_channels": 32},
        {"name": "b1", "op": "Conv2D", "inputs": ["input"], "out_channels": 128},
        {"name": "b2", "op": "Conv2D", "inputs": ["b1"], "out_channels": 4},
        {"name": "cat", "op": "Concatenation", "inputs": ["a2", "b2"]}]})");
    }
    auto second = makeWindow();
    QVERIFY(second->openFile(branches));
    second->estimates()->setChosenBoards({QStringLiteral("stm32f746zg")});
    second->estimates()->setRuntime(RuntimeKind::Tflm);
    second->dashboard()->reorderToggle()->setChecked(true);
    QVERIFY(second->estimates()->reorder());
    QVERIFY(second->estimates()->primary()->reorder.changed);
    second->showTab(QStringLiteral("memory"));
    QVERIFY2(second->memoryMap()->comparison().contains(QStringLiteral("reordering saves 1.8 KiB (peak 11.0 KiB \u2192 9.2 KiB)")),
             qPrintable(second->memoryMap()->comparison()));
  }

  void saveReopenGivesTheSameProject() {
    const QString path = dir_.filePath(QStringLiteral("kws.tfproj"));
    Graph saved_graph;
    NodePositions saved_positions;
    {
      auto window = makeWindow();
      QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
      window->estimates()->setChosenBoards({QStringLiteral("stm32f767zi"), QStringLiteral("nrf52840")});
      window->estimates()->setRuntime(RuntimeKind::TinyforgeC);
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
    QCOMPARE(window->estimates()->runtime(), RuntimeKind::TinyforgeC);
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

  // How fast this is is measured in bench/studio_edit_bench.cpp; here: that an edit of a
  // 100-layer model reaches every view at once.
  void editingAHundredLayerModelUpdatesEveryView() {
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
    channels->setValue(36);
    QCoreApplication::processEvents();
    QCOMPARE(window->document()->graph().find("l50")->out_channels, 36);
    // l50 is a 1x1 convolution from 16 to 36 channels on 32x32: 32*32*16*36 MACs.
    QCOMPARE(window->document()->analysis().nodes.at("l50").macs, int64_t(32 * 32 * 16 * 36));
    QCOMPARE(window->scene()->nodeItem(QStringLiteral("l50"))->shapeText(), QStringLiteral("1\u00d732\u00d732\u00d736"));
    const Estimate* e = window->estimates()->primary();
    QCOMPARE(window->layerModel()->rowCount(), int(e->layers.size()));
    QCOMPARE(window->dashboard()->bar(0, BoardDashboard::Flash)->text(),
             bytesPairText(e->memory.flash_bytes, e->fit.flash_budget_bytes));
  }

  void latencyBudgetComesFromTheUsersTargetFrameRate() {
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const QStringList boards = {QStringLiteral("stm32f446re"), QStringLiteral("stm32f746zg")};
    window->estimates()->setChosenBoards(boards);
    BoardDashboard* dashboard = window->dashboard();
    // A new window has no latency or energy budget: MicroNet-KWS-M is not painted red for
    // missing a target nobody set.
    QVERIFY(!window->estimates()->hasLatencyBudget());
    QVERIFY(!window->estimates()->hasEnergyBudget());
    QCOMPARE(dashboard->latencyBudgetEditor()->text(), QStringLiteral("none"));
    for (int row = 0; row < 2; ++row) {
      QCOMPARE(dashboard->bar(row, BoardDashboard::Latency)->level(), BudgetLevel::Unknown);
      QCOMPARE(dashboard->verdict(row), QStringLiteral("fits"));
    }
    // The user needs 5 inferences per second: a 200 ms budget. MicroNets Table 4 measured
    // KWS-M at 426 ms on the F446RE (too slow) and 187 ms on the F746ZG (in budget).
    QDoubleSpinBox* fps = dashboard->targetFpsEditor();
    fps->setFocus();
    fps->selectAll();
    QTest::keyClicks(fps, QStringLiteral("5"));
    QTest::keyClick(fps, Qt::Key_Enter);
    QCOMPARE(window->estimates()->latencyBudgetMs(), 200.0);
    QCOMPARE(dashboard->latencyBudgetEditor()->value(), 200.0);
    QVERIFY(window->isModified());
    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    Estimator estimator(library);
    for (int row = 0; row < 2; ++row) {
      const Estimate e = estimator.estimate(window->document()->graph(), boards[row].toStdString(), RuntimeKind::TflmCmsis);
      BudgetBar* latency = dashboard->bar(row, BoardDashboard::Latency);
      QVERIFY(latency->hasBudget());
      QCOMPARE(latency->fraction(), e.latency_ms / 200.0);
      QCOMPARE(latency->text(), msText(e.latency_ms) + QStringLiteral(" / ") + msText(200.0));
    }
    QCOMPARE(dashboard->bar(0, BoardDashboard::Latency)->level(), BudgetLevel::Over);
    QCOMPARE(dashboard->verdict(0), QStringLiteral("fits, too slow"));
    QVERIFY(dashboard->bar(1, BoardDashboard::Latency)->level() != BudgetLevel::Over);
    QCOMPARE(dashboard->verdict(1), QStringLiteral("fits"));
    // Back to none: no verdict colour again.
    dashboard->latencyBudgetEditor()->setValue(0);
    QVERIFY(!window->estimates()->hasLatencyBudget());
    QCOMPARE(fps->text(), QStringLiteral("none"));
    QCOMPARE(dashboard->bar(0, BoardDashboard::Latency)->level(), BudgetLevel::Unknown);
    QCOMPARE(dashboard->verdict(0), QStringLiteral("fits"));
  }

  void customBoardDialogValidatesAndTheModelDoesNotFitIt() {
    const QString path = dir_.filePath(QStringLiteral("custom_board.tfproj"));
    QFile::remove(path);
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    BoardDashboard* dashboard = window->dashboard();
    QCOMPARE(dashboard->verdict(0), QStringLiteral("fits"));

    QPointer<BoardDialog> dialog = dashboard->addCustomBoard();
    QVERIFY(dialog);
    QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto type = [&](const char* field, const QString& text) {
      auto* edit = qobject_cast<QLineEdit*>(dialog->editor(QLatin1String(field)));
      QVERIFY(edit);
      edit->setFocus();
      edit->selectAll();
      QTest::keyClicks(edit, text);
    };
    QVERIFY(!dialog->isValid());
    QVERIFY(!ok->isEnabled());
    type("id", QStringLiteral("My Board"));
    QVERIFY2(dialog->validationMessage().contains(QStringLiteral("lower-case")), qPrintable(dialog->validationMessage()));
    type("id", QStringLiteral("stm32f446re"));
    QVERIFY2(dialog->validationMessage().contains(QStringLiteral("exists already")), qPrintable(dialog->validationMessage()));
    type("id", QStringLiteral("tiny32"));
    type("part", QStringLiteral("TINY32F0"));
    qobject_cast<QComboBox*>(dialog->editor(QStringLiteral("core")))->setCurrentText(QStringLiteral("cortex-m4f"));
    type("clock_mhz", QStringLiteral("90"));
    type("sram_kib", QStringLiteral("32"));
    type("flash_kib", QStringLiteral("25x"));
    QVERIFY2(dialog->validationMessage().startsWith(QStringLiteral("Flash")), qPrintable(dialog->validationMessage()));
    QVERIFY(!ok->isEnabled());
    type("flash_kib", QStringLiteral("512"));
    type("active_power_mw", QStringLiteral("40"));
    type("sleep_power_mw", QStringLiteral("50"));
    QVERIFY2(dialog->validationMessage().contains(QStringLiteral("Sleep power")), qPrintable(dialog->validationMessage()));
    type("sleep_power_mw", QStringLiteral("0.3"));
    QVERIFY2(dialog->isValid(), qPrintable(dialog->validationMessage()));
    QVERIFY(ok->isEnabled());
    // A Cortex-M4F borrows the measured F446RE's latency model.
    QCOMPARE(qobject_cast<QComboBox*>(dialog->editor(QStringLiteral("latency_from")))->currentData().toString(),
             QStringLiteral("stm32f446re"));
    ok->click();
    QTRY_VERIFY(!dialog);

    // The board is the project's, chosen, and on the dashboard.
    QCOMPARE(window->estimates()->customBoards().size(), size_t(1));
    const Board& custom = window->estimates()->customBoards().front();
    QCOMPARE(custom.sram_bytes, int64_t(32 * 1024));
    QCOMPARE(custom.flash_bytes, int64_t(512 * 1024));
    QVERIFY(custom.latency.estimated);
    QCOMPARE(window->estimates()->chosenBoards(), (QStringList{QStringLiteral("stm32f446re"), QStringLiteral("tiny32")}));
    QCOMPARE(dashboard->rowCount(), 2);
    // MicroNet-KWS-S needs about 53 KB of SRAM (MicroNets Table 4: 53.2 KB): it fits the
    // F446RE's 128 KiB and not 32 KiB.
    const auto& results = window->estimates()->results();
    QVERIFY(results[1].estimate);
    const Estimate& e = *results[1].estimate;
    QVERIFY(e.memory.sram_bytes > 32 * 1024);
    QCOMPARE(dashboard->bar(1, BoardDashboard::Sram)->level(), BudgetLevel::Over);
    QCOMPARE(dashboard->bar(1, BoardDashboard::Sram)->fraction(), double(e.memory.sram_bytes) / double(e.fit.sram_budget_bytes));
    QCOMPARE(dashboard->verdict(1), QStringLiteral("does not fit"));
    QCOMPARE(dashboard->verdict(0), QStringLiteral("fits"));
    // Latency coefficients are per cycle: the same cycles at 90 MHz take 180/90 = 2x the F446RE's time.
    QVERIFY(results[0].estimate);
    QVERIFY2(std::abs(e.latency_ms / results[0].estimate->latency_ms - 2.0) < 1e-6,
             qPrintable(QString::number(e.latency_ms / results[0].estimate->latency_ms)));

    // Saved with the project and read back.
    QVERIFY(window->saveProjectTo(path));
    {
      // This window keeps the project (one studio per project file): another reads a copy.
      const QString copy = dir_.filePath(QStringLiteral("custom_board_copy.tfproj"));
      QFile::remove(copy);
      QVERIFY(QFile::copy(path, copy));
      auto reopened = makeWindow();
      QVERIFY(!reopened->openFile(path));
      QVERIFY2(reopened->openFile(copy), qPrintable(reopened->lastError()));
      QCOMPARE(reopened->estimates()->customBoards().size(), size_t(1));
      QCOMPARE(reopened->estimates()->customBoards().front().sram_bytes, int64_t(32 * 1024));
      QCOMPARE(reopened->dashboard()->verdict(1), QStringLiteral("does not fit"));
    }

    // Edit it: 96 KiB of SRAM and the model fits (it needs 53.2 KB in the paper's count,
    // plus the runtime's statics and stack in ours).
    dialog = dashboard->editCustomBoard(QStringLiteral("tiny32"));
    QVERIFY(dialog);
    QVERIFY(qobject_cast<QLineEdit*>(dialog->editor(QStringLiteral("id")))->isReadOnly());
    QVERIFY(dialog->isValid());
    type("sram_kib", QStringLiteral("96"));
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!dialog);
    QCOMPARE(window->estimates()->customBoards().size(), size_t(1));
    QCOMPARE(dashboard->rowCount(), 2);
    QVERIFY(window->estimates()->results()[1].estimate);
    QVERIFY2(window->estimates()->results()[1].estimate->fit.fits(),
             window->estimates()->results()[1].estimate->fit.problems.empty()
                 ? "" : window->estimates()->results()[1].estimate->fit.problems.front().c_str());
    QCOMPARE(dashboard->verdict(1), QStringLiteral("fits"));
  }

  void paretoFrontOfHandMadePointsAndClickOpens() {
    auto window = makeWindow();
    QVERIFY(window->showTab(QStringLiteral("pareto")));
    ParetoView* pareto = window->pareto();
    // Seven models on board "b1" (latency ms, SRAM KiB, accuracy %). By hand, minimizing
    // latency and maximizing accuracy: C (15, 89) loses to A (10, 90); F (20, 93) to B
    // (20, 95); D (30, 94) to B; G (50, 85) to E (40, 97). Front: A, B, E. H has no
    // latency on b1 and is not drawn.
    struct Point {
      const char* name;
      double latency_ms, sram_kib, accuracy;
      bool fits;
    };
    const Point points[] = {{"A", 10, 100, 90, true}, {"B", 20, 50, 95, false}, {"C", 15, 60, 89, true},
                            {"D", 30, 40, 94, true},  {"E", 40, 200, 97, true}, {"F", 20, 45, 93, true},
                            {"G", 50, 30, 85, true}};
    auto fixed = std::make_shared<FixedCandidates>();
    for (const Point& p : points) {
      ParetoCandidate c;
      c.name = QString::fromLatin1(p.name);
      c.task = QStringLiteral("hand-made");
      c.origin = c.name == QLatin1String("A") ? CandidateOrigin::Published : CandidateOrigin::Search;
      c.accuracy_percent = p.accuracy;
      c.ops = 1e6;
      CandidateFigures f;
      f.latency_ms = p.latency_ms;
      f.sram_bytes = p.sram_kib * 1024;
      f.flash_bytes = 1000;
      f.fits = p.fits;
      c.boards.insert(QStringLiteral("b1"), f);
      fixed->list.push_back(c);
    }
    ParetoCandidate h;
    h.name = QStringLiteral("H");
    h.task = QStringLiteral("hand-made");
    h.accuracy_percent = 99;
    h.common.sram_bytes = 1024;
    fixed->list.push_back(h);
    fixed->list[0].graph_path = modelPath("ds_cnn_s.json");                           // A opens a file
    fixed->list[4].graph_json = QString::fromUtf8(readAll(modelPath("micronet_kws_s.json")));  // E a stored graph
    pareto->setProviders({fixed});
    pareto->setBoards({QStringLiteral("b1")}, {QStringLiteral("Board one")});
    pareto->setTask(QStringLiteral("hand-made"));
    pareto->setAxis(ParetoAxis::Latency);
    auto names = [&](const std::vector<int>& indices) {
      QStringList out;
      for (int i : indices) out << pareto->candidates()[size_t(i)].name;
      return out;
    };
    QCOMPARE(names(pareto->shown()).size(), 7);
    QCOMPARE(names(pareto->front()), (QStringList{"A", "B", "E"}));
    // Against SRAM (KiB): G 30 (85), D 40 (94), F 45 (93), B 50 (95), C 60, A 100, E 200 (97).
    // H has an SRAM figure (1 KiB, 99%, for every board) and beats them all; without H the
    // front is G, D, B, E.
    pareto->setAxis(ParetoAxis::Sram);
    QCOMPARE(names(pareto->front()), (QStringList{"H"}));
    fixed->list.pop_back();  // without H
    pareto->reload();
    QCOMPARE(names(pareto->front()), (QStringList{"G", "D", "B", "E"}));
    // Only the models that fit b1: B does not, and F and D come onto the latency front.
    pareto->setAxis(ParetoAxis::Latency);
    pareto->setFitsOnly(true);
    QCOMPARE(names(pareto->front()), (QStringList{"A", "F", "D", "E"}));
    QVERIFY(!names(pareto->shown()).contains(QStringLiteral("B")));
    pareto->setFitsOnly(false);

    // Hover text names the figures.
    QVERIFY(pareto->describe(0).contains(QStringLiteral("10.0 ms")));
    QVERIFY(pareto->describe(0).contains(QStringLiteral("90.00%")));

    // A click on A's point opens ds_cnn_s.json on the canvas.
    QApplication::processEvents();
    const QPoint at = pareto->viewportPosition(0);
    QVERIFY(pareto->chartView()->viewport()->rect().contains(at));
    QSignalSpy activated(pareto, &ParetoView::candidateActivated);
    QTest::mouseClick(pareto->chartView()->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(QString::fromStdString(window->document()->graph().name), QStringLiteral("DS-CNN-S"));
    QCOMPARE(window->tabs()->currentIndex(), 0);
    // A search candidate opens the graph the search stored.
    QVERIFY(window->showTab(QStringLiteral("pareto")));
    pareto->setProviders({fixed});
    pareto->setBoards({QStringLiteral("b1")}, {QStringLiteral("Board one")});
    pareto->setTask(QStringLiteral("hand-made"));
    QApplication::processEvents();
    QTest::mouseClick(pareto->chartView()->viewport(), Qt::LeftButton, {}, pareto->viewportPosition(4));
    QTRY_COMPARE(QString::fromStdString(window->document()->graph().name), QStringLiteral("MicroNet-KWS-S"));
  }

  void paretoShowsPublishedAndEstimatedReferenceModels() {
    auto window = makeWindow();
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    QVERIFY(window->showTab(QStringLiteral("pareto")));
    ParetoView* pareto = window->pareto();
    QCOMPARE(pareto->board(), QStringLiteral("stm32f446re"));
    QVERIFY(pareto->tasks().contains(QStringLiteral("keyword spotting (GSC)")));
    pareto->setTask(QStringLiteral("keyword spotting (GSC)"));
    pareto->setAxis(ParetoAxis::Latency);
    auto find = [&](const QString& name, CandidateOrigin origin) -> const ParetoCandidate* {
      for (const ParetoCandidate& c : pareto->candidates()) {
        if (c.name == name && c.origin == origin) return &c;
      }
      return nullptr;
    };
    // MicroNets Table 4: KWS-M 95.8%, 30.6 Mops, 103.3 KB SRAM, 426 ms on the F446RE.
    const ParetoCandidate* published = find(QStringLiteral("MicroNet-KWS-M"), CandidateOrigin::Published);
    QVERIFY(published);
    QCOMPARE(published->accuracy_percent, 95.8);
    QCOMPARE(published->figure(ParetoAxis::Latency, QStringLiteral("stm32f446re")), 426.0);
    QCOMPARE(published->figure(ParetoAxis::Sram, QStringLiteral("stm32f446re")), 103300.0);
    QCOMPARE(published->ops, 30.6e6);
    QVERIFY(published->graph_path.endsWith(QStringLiteral("micronet_kws_m.json")));
    // Our estimate of the same graph, on the same board, with the paper's accuracy.
    const ParetoCandidate* estimated = find(QStringLiteral("MicroNet-KWS-M"), CandidateOrigin::Estimated);
    QVERIFY(estimated);
    QCOMPARE(estimated->accuracy_percent, 95.8);
    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    const Estimate e = Estimator(library).estimate(loadGraphJson(modelPath("micronet_kws_m.json").toStdString()),
                                                   "stm32f446re", RuntimeKind::TflmCmsis);
    QCOMPARE(estimated->figure(ParetoAxis::Latency, QStringLiteral("stm32f446re")), e.latency_ms);
    QCOMPARE(estimated->ops, 2.0 * double(e.total.macs));
    // KWS-L (208.8 KB SRAM) did not run on the F446RE in the paper and does not fit in our
    // estimate either: "fits this board" hides both.
    pareto->setFitsOnly(true);
    for (int i : pareto->shown()) QVERIFY(pareto->candidates()[size_t(i)].name != QLatin1String("MicroNet-KWS-L"));
    QVERIFY(!pareto->front().empty());
    pareto->setFitsOnly(false);
  }

  void exportWritesEveryFileForEveryBoard() {
#ifndef TINYFORGE_HAVE_EXPORT
    QSKIP("this build has no core/export");
#else
    auto window = makeWindow();
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    const QStringList boards = {QStringLiteral("stm32f446re"), QStringLiteral("stm32f746zg")};
    window->estimates()->setChosenBoards(boards);
    QPointer<ExportDialog> dialog = window->showExportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->boards(), boards);
    const QString folder = dir_.filePath(QStringLiteral("export_kws_s"));
    dialog->setFolder(folder);
    // A bundled reference architecture has no trained weights: export waits for consent to
    // placeholders.
    QVERIFY(!dialog->exportButton()->isEnabled());
    QVERIFY2(dialog->message().contains(QStringLiteral("placeholder")), qPrintable(dialog->message()));
    dialog->setPlaceholderWeights(true);
    QVERIFY(dialog->exportButton()->isEnabled());
    QSignalSpy finished(dialog.data(), &ExportDialog::finished);
    QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(dialog->succeeded(), qPrintable(dialog->message()));
    QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
    // The model, its sources, and a map and a report per board.
    const QStringList files = dialog->writtenFiles();
    for (const QString& board : boards) {
      for (const char* name : {"memory_map.json", "memory_map.svg", "memory_map.png", "report.html"}) {
        const QString path = board + QLatin1Char('/') + QLatin1String(name);
        QVERIFY2(files.contains(path), qPrintable(path));
        QVERIFY(QFileInfo(QDir(folder).filePath(path)).size() > 0);
      }
    }
    for (const char* name : {"c/model_data.h", "c/model_data.cc", "c/main.cc"}) QVERIFY2(files.contains(QLatin1String(name)), name);
    QString tflite;
    for (const QString& f : files) {
      if (f.endsWith(QLatin1String(".tflite"))) tflite = QDir(folder).filePath(f);
    }
    QVERIFY(!tflite.isEmpty());
    // What the dashboard promised: the .tflite written has the size the estimate gave.
    QCOMPARE(QFileInfo(tflite).size(), window->estimates()->primary()->memory.model_flash_bytes);
    QCOMPARE(dialog->reportPath(), QDir(folder).filePath(QStringLiteral("stm32f446re/report.html")));
    QVERIFY(readAll(dialog->reportPath()).contains("MicroNet-KWS-S"));
    dialog->close();

    // MicroNet-KWS-L (208.8 KB SRAM in the paper) does not fit the F446RE's 128 KiB: nothing
    // is written and the message names the board.
    QVERIFY(window->openFile(modelPath("micronet_kws_l.json")));
    dialog = window->showExportDialog();
    const QString refused = dir_.filePath(QStringLiteral("export_kws_l"));
    dialog->setFolder(refused);
    dialog->setPlaceholderWeights(true);
    QSignalSpy refused_spy(dialog.data(), &ExportDialog::finished);
    dialog->startExport();
    QTRY_COMPARE_WITH_TIMEOUT(refused_spy.count(), 1, 60000);
    QVERIFY(!dialog->succeeded());
    QVERIFY2(dialog->message().contains(QStringLiteral("stm32f446re")), qPrintable(dialog->message()));
    QVERIFY(!QFileInfo::exists(refused));
    dialog->close();
#endif
  }

  void exportWritesAndBuildsTheFirmware() {
#ifndef TINYFORGE_HAVE_EXPORT
    QSKIP("this build has no core/export");
#else
    const bool toolchain = QProcess::execute(QStringLiteral("sh"), {QStringLiteral("-c"),
                                                                  QStringLiteral("command -v arm-none-eabi-gcc && command -v cmake")}) == 0;
    auto window = makeWindow();
    QVERIFY(window->openFile(QStringLiteral(TINYFORGE_SHARED_DIR "/models/kws_micronet_m.tflite")));
    window->estimates()->setChosenBoards({QStringLiteral("stm32f446re")});
    QPointer<ExportDialog> dialog = window->showExportDialog();
    const QString folder = dir_.filePath(QStringLiteral("export_firmware"));
    dialog->setFolder(folder);
    dialog->setFirmware(true, toolchain);
    QSignalSpy finished(dialog.data(), &ExportDialog::finished);
    dialog->startExport();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY2(dialog->succeeded(), qPrintable(dialog->message()));
    const QDir firmware(QDir(folder).filePath(QStringLiteral("stm32f446re/firmware")));
    for (const char* name : {"CMakeLists.txt", "linker.ld", "model.c", "model_data.c", "tinyforge_c/tfc_conv2d.c"})
      QVERIFY2(QFileInfo::exists(firmware.filePath(QLatin1String(name))), name);
    if (toolchain) {
      QVERIFY(QFileInfo::exists(firmware.filePath(QStringLiteral("build-board/firmware.elf"))));
      QVERIFY2(dialog->message().contains(QStringLiteral("built")), qPrintable(dialog->message()));
    }
    dialog->close();
#endif
  }

  // Every message of the studio is translated in both languages (lupdate marks new ones
  // unfinished), and a unit reads the same wherever it is shown.
  void everyMessageIsTranslatedAndUnitsAgree() {
    for (const char* file : {"tinyforge_de.ts", "tinyforge_zh_CN.ts"}) {
      const QByteArray ts = readAll(QStringLiteral(TINYFORGE_RESOURCES_DIR "/../translations/") + QLatin1String(file));
      QVERIFY2(ts.contains("<context>"), file);
      QVERIFY2(!ts.contains("type=\"unfinished\""), file);
    }
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/tinyforge_zh_CN.qm")));
    QCOMPARE(chinese.translate("NodeKind", "Softmax").isEmpty(), false);
    QVERIFY(chinese.translate("NodeKind", "Softmax") != QStringLiteral("Softmax"));
    QCoreApplication::installTranslator(&chinese);
    {
      auto window = makeWindow();
      QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
      const QString ms = QStringLiteral("\u6beb\u79d2");  // 毫秒
      QVERIFY2(window->dashboard()->latencyBudgetEditor()->suffix().contains(ms),
               qPrintable(window->dashboard()->latencyBudgetEditor()->suffix()));
      QVERIFY2(window->dashboard()->bar(0, BoardDashboard::Latency)->text().endsWith(ms),
               qPrintable(window->dashboard()->bar(0, BoardDashboard::Latency)->text()));
    }
    QCoreApplication::removeTranslator(&chinese);
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
