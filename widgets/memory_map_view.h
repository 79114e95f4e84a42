#pragma once
// The memory map of the primary board, the same picture export writes (core/export's
// memoryMapScene drawn by cairo), fitted to the widget's width: the arena plan (operator
// steps across, arena offsets up, one rectangle per buffer over its lifetime), then SRAM
// and Flash against the board's banks. Hovering a shape names it with its figures.
// The picture is built only when it is shown, so edits elsewhere do not pay for it.

#include <QImage>
#include <QWidget>
#include <optional>

#include "core/export/memory_map.h"
#include "core/export/memory_map_scene.h"

namespace tinyforge {

class EstimateService;
class GraphDocument;

class MemoryMapView : public QWidget {
  Q_OBJECT

 public:
  MemoryMapView(EstimateService* estimates, GraphDocument* document, QWidget* parent = nullptr);

  // The estimate changed: the picture is rebuilt the next time it is painted.
  void invalidate();
  bool hasPlan();
  const MemoryMap* map();       // nullptr without a plan
  const Scene& scene();         // the picture at the current size
  MemoryMapLayout layout() const;  // for the widget's width; the plot height is fitted
  const MemoryMapLayout& usedLayout() { scene(); return used_layout_; }  // of the picture shown
  // The shape at `point` (widget coordinates): its key ("buffer:0:3", "flash:2", ...) or "".
  QString keyAt(QPoint point);
  QRectF rectOf(const QString& key);
  QString describe(const QString& key);  // the hover text
  static MemoryMapWords translatedWords();
  // Both planners' heads, the bound and what reordering saved, in one line (also the tooltip
  // of the picture's plots).
  QString comparison() const;

  QSize sizeHint() const override { return {900, 700}; }
  QSize minimumSizeHint() const override { return {320, minimum_height_}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void rebuild();

  EstimateService* estimates_;
  GraphDocument* document_;
  bool dirty_ = true;
  std::optional<MemoryMap> map_;
  Scene scene_;
  MemoryMapLayout used_layout_;
  QImage image_;
  QSize built_for_;
  int minimum_height_ = 240;  // the picture with its smallest arena plot
};

}  // namespace tinyforge
