// Editing on the canvas as a user does it: copy and paste of layers and blocks, deleting a
// middle layer reconnects its neighbours (an option the user sees) where the shapes allow,
// a layer not connected to an input is marked and leaves the other figures alone, and a
// search's model opened from the Pareto view shows every node's shape.

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"
#include "core/graph/graph_json.h"
#include "core/graph/shape_inference.h"
#include "gui_test_util.h"
#include "widgets/board_dashboard.h"
#include "widgets/budget_bar.h"
#include "widgets/elided_label.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/inspector_widget.h"
#include "widgets/pareto_candidates.h"
#include "widgets/units_text.h"

using namespace tinyforge;
using namespace tinyforge::gui_test;

namespace {

Node layer(const char* name, NodeKind kind, int channels, std::vector<std::string> inputs) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.out_channels = channels;
  n.kernel_h = n.kernel_w = 1;
  n.inputs = std::move(inputs);
  return n;
}

std::vector<std::string> inputsOf(const GraphDocument& doc, const char* name) { return doc.graph().find(name)->inputs; }

}  // namespace

class CanvasEditingTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(dir_.isValid());
  }

  void copyAndPasteLayersAndBlocksWithUndo() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    GraphDocument* doc = window->document();
    const Graph before = doc->graph();
    // A block and the layer it feeds, with the edge between them.
    window->scene()->selectNode(QStringLiteral("ds4"));
    window->scene()->selectNode(QStringLiteral("ds5"), /*add=*/true);
    window->action(QStringLiteral("copy"))->trigger();
    QVERIFY(QApplication::clipboard()->mimeData()->hasText());  // readable JSON too
    window->action(QStringLiteral("paste"))->trigger();
    const Graph after = doc->graph();
    QCOMPARE(after.nodes.size(), before.nodes.size() + 2);
    const Node& first = after.nodes[after.nodes.size() - 2];
    const Node& second = after.nodes.back();
    QCOMPARE(first.kind, before.find("ds4")->kind);
    QCOMPARE(first.out_channels, before.find("ds4")->out_channels);
    QVERIFY(first.name != "ds4" && second.name != "ds5");
    QVERIFY(first.inputs.empty());  // its input was not copied
    QCOMPARE(second.inputs, std::vector<std::string>{first.name});  // the edge between them was
    QCOMPARE(window->scene()->selectedNodeNames().size(), 2);
    // Pasted where nothing is: no node of the copy lies on another node.
    for (const Node& pasted : {first, second})
      for (const Node& node : before.nodes)
        QVERIFY2(!bodyOf(window->scene()->nodeItem(QString::fromStdString(pasted.name)))
                      .intersects(bodyOf(window->scene()->nodeItem(QString::fromStdString(node.name)))),
                 (pasted.name + " on " + node.name).c_str());
    // Pasted twice: fresh names again.
    window->action(QStringLiteral("paste"))->trigger();
    QCOMPARE(doc->graph().nodes.size(), before.nodes.size() + 4);
    // Each paste is one undo step.
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    QCOMPARE(doc->graph(), before);
    doc->undoStack()->redo();
    QCOMPARE(doc->graph(), after);
    // Cut = copy + delete, undone in one step.
    window->scene()->selectNode(QString::fromStdString(second.name));
    window->action(QStringLiteral("cut"))->trigger();
    QVERIFY(!doc->graph().find(second.name));
    doc->undoStack()->undo();
    QCOMPARE(doc->graph(), after);
  }

  void deletingAMiddleLayerReconnectsItsNeighbours() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    GraphDocument* doc = window->document();
    QAction* reconnect = window->action(QStringLiteral("reconnect"));
    QVERIFY(reconnect->isCheckable());
    QVERIFY(reconnect->isChecked());  // on by default, in the Edit menu
    const std::vector<std::string> ds2_inputs = inputsOf(*doc, "ds2");
    window->scene()->selectNode(QStringLiteral("ds2"));
    window->action(QStringLiteral("delete"))->trigger();
    QVERIFY(!doc->graph().find("ds2"));
    QCOMPARE(inputsOf(*doc, "ds3"), ds2_inputs);
    QVERIFY(doc->analysis().ok());
    QVERIFY(doc->analysis().dangling.empty());
    doc->undoStack()->undo();
    QCOMPARE(inputsOf(*doc, "ds3"), std::vector<std::string>{"ds2"});
    // Switched off: a plain delete, ds3 is left without an input.
    reconnect->setChecked(false);
    window->scene()->selectNode(QStringLiteral("ds2"));
    window->action(QStringLiteral("delete"))->trigger();
    QVERIFY(inputsOf(*doc, "ds3").empty());
    QVERIFY(!QSettings().value(QStringLiteral("edit/reconnectOnDelete")).toBool());
    reconnect->setChecked(true);
  }

  void reconnectingOnlyWhereTheShapesAllow() {
    // input -> a (16 ch) -> b (32 ch) -> c (16 ch); add(a, c). Deleting c would feed b's
    // 32 channels to an Add with a's 16: that consumer is not reconnected.
    Graph graph;
    graph.name = "branches";
    Node input;
    input.name = "input";
    input.kind = NodeKind::Input;
    input.shape = {1, 8, 8, 1};
    graph.nodes = {input, layer("a", NodeKind::Conv2D, 16, {"input"}), layer("b", NodeKind::Conv2D, 32, {"a"}),
                   layer("c", NodeKind::Conv2D, 16, {"b"}), layer("add", NodeKind::Add, 0, {"a", "c"}),
                   layer("d", NodeKind::Conv2D, 8, {"c"})};
    GraphDocument doc;
    doc.reset(graph);
    QVERIFY2(doc.analysis().ok(), doc.analysis().error.c_str());
    doc.removeNodes({QStringLiteral("c")}, /*reconnect=*/true);
    QCOMPARE(inputsOf(doc, "add"), std::vector<std::string>{"a"});  // not b: 32 vs 16 channels
    QCOMPARE(inputsOf(doc, "d"), std::vector<std::string>{"b"});    // a convolution takes any width
  }

  void aDanglingLayerLeavesTheOtherFiguresAlone() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_m.json")));
    const Graph model = window->document()->graph();
    // Dropped far from every edge: a layer connected to nothing.
    drop(window->scene(), NodeKind::Conv2D, QPointF(2000, 2000));
    QCOMPARE(window->document()->graph().nodes.size(), model.nodes.size() + 1);
    const std::string dropped = window->document()->graph().nodes.back().name;
    QCOMPARE(window->document()->analysis().dangling, std::vector<std::string>{dropped});
    // The figures are those of the connected model, as the estimator gives them for it.
    auto library = std::make_shared<BoardLibrary>(BoardLibrary::loadBundled());
    const Estimator estimator(library);
    BoardDashboard* dashboard = window->dashboard();
    for (int row = 0; row < dashboard->rowCount(); ++row) {
      const Estimate e = estimator.estimate(model, window->estimates()->chosenBoards()[row].toStdString(),
                                            window->estimates()->runtime());
      QCOMPARE(dashboard->bar(row, BoardDashboard::Flash)->text(), bytesPairText(e.memory.flash_bytes, e.fit.flash_budget_bytes));
      QCOMPARE(dashboard->bar(row, BoardDashboard::Latency)->text(), msText(e.latency_ms));
    }
    // Every connected node keeps its shape; the dangling one says why it has none.
    for (const Node& node : model.nodes)
      QVERIFY2(!window->scene()->nodeItem(QString::fromStdString(node.name))->shapeText().isEmpty() &&
                   window->scene()->nodeItem(QString::fromStdString(node.name))->shapeText() != QStringLiteral("?"),
               node.name.c_str());
    NodeItem* item = window->scene()->nodeItem(QString::fromStdString(dropped));
    QVERIFY(item->hasWarning());
    QVERIFY(item->warningText().contains(QStringLiteral("Not connected")));
    QVERIFY(window->statusFigures()->fullText().contains(QStringLiteral("not connected, left out of the figures: ") +
                                                         QString::fromStdString(dropped)));
    window->scene()->selectNode(QString::fromStdString(dropped));
    QVERIFY(window->inspector()->validationMessage().contains(QStringLiteral("Not connected")));
  }

  void aSearchModelOpenedFromParetoShowsEveryShape() {
    // A search's final model is stored as its expanded layers ("ds1/dw", "ds1/pw", ...),
    // each still naming the block it came from.
    const ShapedGraph shaped = inferShapes(loadGraphJson(modelPath("micronet_kws_m.json").toStdString()));
    Graph expanded = shaped.expanded;
    expanded.name = "search-1 (final)";
    ParetoCandidate candidate;
    candidate.name = QStringLiteral("search-1 (final)");
    candidate.origin = CandidateOrigin::Search;
    candidate.graph_json = QString::fromStdString(graphToJsonText(expanded));
    auto window = makeWindow(dir_);
    QVERIFY(window->openCandidate(candidate));
    int blocks_layers = 0;
    for (const Node& node : window->document()->graph().nodes) {
      NodeItem* item = window->scene()->nodeItem(QString::fromStdString(node.name));
      QVERIFY2(!item->shapeText().isEmpty(), node.name.c_str());
      if (node.kind == NodeKind::Conv2D || node.kind == NodeKind::DepthwiseConv2D) QVERIFY2(!item->costText().isEmpty(), node.name.c_str());
      blocks_layers += !node.block.empty();
    }
    QVERIFY(blocks_layers >= 8);  // the DS blocks' depthwise and pointwise layers
  }
};

QTEST_MAIN(CanvasEditingTest)
#include "canvas_editing_test.moc"
