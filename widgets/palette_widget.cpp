#include "widgets/palette_widget.h"

#include <QHeaderView>
#include <QMimeData>
#include <QScrollBar>

#include "widgets/graph_scene.h"
#include "widgets/node_defaults.h"

namespace tinyforge {
namespace {

constexpr int kKindRole = Qt::UserRole + 1;

QString describe(NodeKind kind) {
  const Node node = defaultNode(kind);
  switch (kind) {
    case NodeKind::DepthwiseSeparable:
      return PaletteWidget::tr("Depthwise %1x%1 then pointwise 1x1 (MobileNet, DS-CNN)").arg(node.kernel_h);
    case NodeKind::InvertedBottleneck:
      return PaletteWidget::tr("Expand 1x1, depthwise %1x%1, project 1x1, residual add (MobileNetV2)").arg(node.kernel_h);
    case NodeKind::Residual:
      return PaletteWidget::tr("Two %1x%1 convolutions with a shortcut add (ResNet)").arg(node.kernel_h);
    default:
      return QString::fromUtf8(toString(kind));
  }
}

}  // namespace

PaletteWidget::PaletteWidget(QWidget* parent) : QTreeWidget(parent) {
  setHeaderHidden(true);
  setDragEnabled(true);
  setDragDropMode(QAbstractItemView::DragOnly);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setRootIsDecorated(true);
  auto add_group = [this](const QString& title, const std::vector<NodeKind>& kinds) {
    auto* group = new QTreeWidgetItem(this, {title});
    group->setFlags(Qt::ItemIsEnabled);
    QFont font = group->font(0);
    font.setBold(true);
    group->setFont(0, font);
    for (NodeKind kind : kinds) {
      auto* item = new QTreeWidgetItem(group, {displayName(kind)});
      item->setData(0, kKindRole, QString::fromUtf8(toString(kind)));
      item->setToolTip(0, describe(kind));
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    group->setExpanded(true);
  };
  add_group(tr("Layers"), paletteLayerKinds());
  add_group(tr("Block templates"), paletteBlockKinds());
  connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    const auto kind = nodeKindFromString(item->data(0, kKindRole).toString().toStdString());
    if (kind) Q_EMIT kindActivated(*kind);
  });
}

int PaletteWidget::contentWidth() const {
  int widest = 0;
  for (int g = 0; g < topLevelItemCount(); ++g) {
    const QTreeWidgetItem* group = topLevelItem(g);
    widest = std::max(widest, QFontMetrics(group->font(0)).horizontalAdvance(group->text(0)));
    for (int i = 0; i < group->childCount(); ++i)
      widest = std::max(widest, indentation() + fontMetrics().horizontalAdvance(group->child(i)->text(0)));
  }
  return widest + indentation();
}

QSize PaletteWidget::sizeHint() const {
  // The tree's own hint is a fixed 256 px; this is what the entries need, with the frame,
  // a scroll bar and a little air.
  return {contentWidth() + 2 * frameWidth() + verticalScrollBar()->sizeHint().width() + 12, QTreeWidget::sizeHint().height()};
}

QMimeData* PaletteWidget::mimeDataFor(NodeKind kind) {
  auto* data = new QMimeData;
  data->setData(kNodeKindMimeType, QByteArray(toString(kind)));
  return data;
}

QStringList PaletteWidget::mimeTypes() const { return {QString::fromLatin1(kNodeKindMimeType)}; }

QMimeData* PaletteWidget::mimeData(const QList<QTreeWidgetItem*>& items) const {
  if (items.isEmpty()) return nullptr;
  const auto kind = nodeKindFromString(items.front()->data(0, kKindRole).toString().toStdString());
  return kind ? mimeDataFor(*kind) : nullptr;
}

}  // namespace tinyforge
