#include "widgets/graph_clipboard.h"

#include <QMimeData>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/graph/graph_json.h"
#include "widgets/graph_document.h"
#include "widgets/node_item.h"

namespace tinyforge {

QMimeData* copyNodes(const GraphDocument& document, const QStringList& names) {
  Graph fragment;
  fragment.name = "clipboard";
  nlohmann::json positions = nlohmann::json::object();
  for (const Node& node : document.graph().nodes) {
    const QString name = QString::fromStdString(node.name);
    if (!names.contains(name)) continue;
    Node copy = node;
    // Edges to nodes left behind are not part of the copy.
    std::erase_if(copy.inputs, [&](const std::string& input) { return !names.contains(QString::fromStdString(input)); });
    fragment.nodes.push_back(std::move(copy));
    const QPointF at = document.position(name);
    positions[node.name] = {at.x(), at.y()};
  }
  const nlohmann::json clip = {{"format", kNodesMimeType}, {"graph", graphToJson(fragment)}, {"positions", positions}};
  auto* data = new QMimeData;
  const QByteArray text = QByteArray::fromStdString(clip.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  data->setData(QString::fromLatin1(kNodesMimeType), text);
  data->setText(QString::fromUtf8(text));
  return data;
}

QStringList pasteNodes(GraphDocument& document, const QMimeData* data, QPointF at) {
  if (!data) return {};
  QByteArray bytes = data->data(QString::fromLatin1(kNodesMimeType));
  if (bytes.isEmpty()) bytes = data->text().toUtf8();  // e.g. copied in another studio
  Graph fragment;
  nlohmann::json positions;
  try {
    const nlohmann::json clip = nlohmann::json::parse(bytes.toStdString());
    if (!clip.is_object() || clip.value("format", "") != kNodesMimeType) return {};
    fragment = graphFromJsonText(clip.at("graph").dump(), "clipboard");
    positions = clip.value("positions", nlohmann::json::object());
  } catch (const std::exception&) {
    return {};  // not ours: nothing to paste
  }
  if (fragment.nodes.empty()) return {};
  // Keep the copied layout, moved so that its centre lands on `at`.
  QList<QPointF> places;
  QPointF sum;
  for (const Node& node : fragment.nodes) {
    const auto p = positions.find(node.name);
    const QPointF place = p != positions.end() && p->is_array() && p->size() == 2
                              ? QPointF((*p)[0].get<double>(), (*p)[1].get<double>())
                              : QPointF();
    places << place;
    sum += place;
  }
  QPointF shift = at - sum / static_cast<double>(places.size());
  // Not on top of what is there: moved right, a column at a time, until nothing overlaps.
  const auto overlaps = [&](QPointF offset) {
    for (const QPointF& place : places)
      for (const QPointF& existing : document.positions())
        if (std::abs(place.x() + offset.x() - existing.x()) < NodeItem::kWidth + 10 &&
            std::abs(place.y() + offset.y() - existing.y()) < NodeItem::kHeight + 10)
          return true;
    return false;
  };
  for (int tries = 0; tries < 50 && overlaps(shift); ++tries) shift += QPointF(NodeItem::kWidth + 30, 0);
  for (QPointF& place : places) place += shift;
  return document.addNodes(fragment.nodes, places);
}

}  // namespace tinyforge
