#include "widgets/layer_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStringList>

#include "widgets/node_defaults.h"
#include "widgets/units_text.h"

namespace tinyforge {

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setEstimate(const Estimate* estimate, const Board* board) {
  beginResetModel();
  layers_.clear();
  total_latency_ms_ = 0;
  if (estimate) {
    layers_ = estimate->layers;
    total_latency_ms_ = estimate->latency_ms;
  }
  board_name_ = board ? QString::fromStdString(board->part) : estimate ? QString::fromStdString(estimate->board_id) : QString();
  board_estimated_ = board && board->latency.estimated;
  endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(layers_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const LayerEstimate& layer = layers_[static_cast<size_t>(index.row())];
  const double share = total_latency_ms_ > 0 ? layer.latency_ms / total_latency_ms_ : 0.0;
  const int64_t activations = layer.cost.output_bytes;
  if (role == kPeakRole) return layer.at_sram_peak;
  if (role == Qt::BackgroundRole && layer.at_sram_peak) return QBrush(QColor(0xff, 0xe0, 0x8a));
  if (role == Qt::FontRole && layer.at_sram_peak) {
    QFont font;
    font.setBold(true);
    return font;
  }
  if (role == Qt::ToolTipRole) {
    QStringList tip;
    if (index.column() == Name) tip << QString::fromStdString(layer.name);
    if (index.column() == LatencyMs || index.column() == LatencyShare)
      tip << (layer.latency_measured ? tr("Measured on %1 (operator measurements)").arg(board_name_)
              : board_estimated_     ? tr("Modelled for %1, from a similar board's fit (estimated)").arg(board_name_)
                                     : tr("Modelled for %1, fitted to its published measurements").arg(board_name_));
    if (layer.at_sram_peak) tip << tr("Live activations peak at this layer: %1").arg(bytesText(layer.live_sram_bytes));
    if (!tip.isEmpty()) return tip.join(QLatin1Char('\n'));
  }
  if (role == Qt::TextAlignmentRole && index.column() >= Macs) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == kSortRole) {
    switch (index.column()) {
      case Name: return index.row();  // execution order
      case Kind: return QString::fromUtf8(toString(layer.kind));
      case Output: return static_cast<qlonglong>(elementsOf(layer.output_shape));
      case Macs: return static_cast<qlonglong>(layer.cost.macs);
      case Params: return static_cast<qlonglong>(layer.cost.params());
      case Activations: return static_cast<qlonglong>(activations);
      case Flash: return static_cast<qlonglong>(layer.flash_bytes);
      case LatencyMs:
      case LatencyShare: return layer.latency_ms;
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Name: return QString::fromStdString(layer.name);
    case Kind: return displayName(layer.kind);
    case Output: return shapeText(layer.output_shape);
    case Macs: return countText(layer.cost.macs);
    case Params: return countText(layer.cost.params());
    case Activations: return bytesText(activations);
    case Flash: return bytesText(layer.flash_bytes);
    case LatencyMs: return msText(layer.latency_ms);
    case LatencyShare: return QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 1);
  }
  return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && (section == LatencyMs || section == LatencyShare))
    return tr("Latency per layer on %1, the dashboard's first board").arg(board_name_);
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Name: return tr("Layer");
    case Kind: return tr("Kind");
    case Output: return tr("Output");
    case Macs: return tr("MACs");
    case Params: return tr("Parameters");
    case Activations: return tr("Activations");
    case Flash: return tr("Flash");
    case LatencyMs: return board_name_.isEmpty() ? tr("Latency") : tr("Latency on %1").arg(board_name_);
    case LatencyShare: return tr("Share of latency");
  }
  return {};
}

}  // namespace tinyforge
