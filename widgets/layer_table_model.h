#pragma once
// The per-layer table of an estimate: MACs, parameters, activations, latency and its share.
// Qt::UserRole gives the raw number of each cell so that a sort proxy sorts numerically;
// the layer at the SRAM peak is highlighted.

#include <QAbstractTableModel>
#include <optional>

#include "core/boards/board.h"
#include "core/estimate/estimate.h"

namespace tinyforge {

class LayerTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Name, Kind, Output, Macs, Params, Activations, Flash, LatencyMs, LatencyShare, ColumnCount };
  static constexpr int kSortRole = Qt::UserRole;
  static constexpr int kPeakRole = Qt::UserRole + 1;

  explicit LayerTableModel(QObject* parent = nullptr);
  // The estimate of one board (its part number names the latency columns); nullptr clears.
  void setEstimate(const Estimate* estimate, const Board* board = nullptr);
  const QString& boardName() const { return board_name_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<LayerEstimate> layers_;
  double total_latency_ms_ = 0;
  QString board_name_;
  bool board_estimated_ = false;  // the board's latency model is not fitted to its own measurements
};

}  // namespace tinyforge
