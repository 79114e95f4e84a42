#include "widgets/memory_map_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include "core/boards/board_library.h"
#include "core/export/scene_render.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/units_text.h"

namespace tinyforge {
namespace {

constexpr int kSmallestPlotPx = 160;
constexpr int kLargestPlotPx = 700;

std::string utf8(const QString& text) { return text.toStdString(); }

}  // namespace

MemoryMapView::MemoryMapView(EstimateService* estimates, GraphDocument* document, QWidget* parent)
    : QWidget(parent), estimates_(estimates), document_(document) {
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

MemoryMapWords MemoryMapView::translatedWords() {
  MemoryMapWords w;
  w.title = utf8(tr("{model} on {board} ({runtime}): {verdict}"));
  w.fits = utf8(tr("fits"));
  w.does_not_fit = utf8(tr("DOES NOT FIT"));
  w.arena_summary = utf8(tr("SRAM arena: head {head}, smallest working arena {arena}, lower bound {bound}"));
  w.y_axis = utf8(tr("arena offset (bytes)"));
  w.x_axis = utf8(tr("operator step (execution order)"));
  w.buffer = utf8(tr("activation buffer (colour: the layer that writes it)"));
  w.scratch = utf8(tr("kernel scratch"));
  w.temporaries = utf8(tr("kernel temporaries (one block for all operators)"));
  w.tail = utf8(tr("persistent tail (runtime structures)"));
  w.lower_bound = utf8(tr("lower bound (most bytes live at once)"));
  w.memory_bar = utf8(tr("{memory}: needs {need} of {budget} - {verdict}"));
  w.sram = utf8(tr("SRAM"));
  w.flash = utf8(tr("Flash"));
  w.budget = utf8(tr("budget"));
  w.arena_capacity = utf8(tr("arena capacity"));
  w.code = utf8(tr("runtime code"));
  w.weights = utf8(tr("weights and constants (colour: layer)"));
  w.structure = utf8(tr("graph structure and metadata"));
  w.arena_head = utf8(tr("arena head"));
  w.arena_tail = utf8(tr("arena tail"));
  w.statics = utf8(tr("runtime statics and stack"));
  w.bank_used = utf8(tr("part of a memory bank the model uses"));
  return w;
}

void MemoryMapView::invalidate() {
  dirty_ = true;
  update();
}

MemoryMapLayout MemoryMapView::layout() const {
  MemoryMapLayout layout;
  layout.width = std::max(320, width());
  return layout;
}

void MemoryMapView::rebuild() {
  dirty_ = false;
  built_for_ = size();
  map_.reset();
  scene_ = {};
  image_ = {};
  const Estimate* estimate = estimates_->primary();
  const GraphAnalysis& analysis = document_->analysis();
  const Board* board = estimate ? estimates_->boards().find(estimate->board_id) : nullptr;
  if (!estimate || !analysis.shaped || !board) return;
  try {
    map_ = buildMemoryMap(*analysis.shaped, *estimate, *board, estimates_->primaryOtherPlan());
  } catch (const std::exception&) {
    return;  // a graph the exporter cannot lower has no map; the empty text says so
  }
  // The arena plot takes the height the rest of the picture leaves, within limits.
  const MemoryMapWords words = translatedWords();
  MemoryMapLayout fitted = layout();
  fitted.plot_height = kSmallestPlotPx;
  const int rest = memoryMapScene(*map_, words, fitted).height - kSmallestPlotPx;
  if (minimum_height_ != rest + kSmallestPlotPx) {
    minimum_height_ = rest + kSmallestPlotPx;
    updateGeometry();
  }
  fitted.plot_height = std::clamp(height() - rest, kSmallestPlotPx, kLargestPlotPx);
  scene_ = memoryMapScene(*map_, words, fitted);
  used_layout_ = fitted;
  const double ratio = devicePixelRatioF();
  const ArgbImage pixels = renderImage(scene_, ratio);
  image_ = QImage(pixels.pixels.data(), pixels.width, pixels.height, pixels.stride_bytes,
                  QImage::Format_ARGB32_Premultiplied)
               .copy();
  image_.setDevicePixelRatio(ratio);
}

bool MemoryMapView::hasPlan() { return map() != nullptr; }

QString MemoryMapView::comparison() const {
  const Estimate* estimate = estimates_->primary();
  if (!estimate || estimate->memory.head_lower_bound_bytes <= 0) return {};
  const Estimate* other = estimates_->primaryOtherPlan();
  auto plannerName = [](const Estimate& e) {
    return e.offline_plan ? tr("best planner") : e.planner == MemoryPlanner::Best ? tr("best planner (= TFLM's)")
                                                                                   : tr("TFLM greedy");
  };
  QString text = tr("%1: head %2").arg(plannerName(*estimate), bytesText(estimate->memory.head_bytes));
  if (other) text += tr("; %1: %2").arg(plannerName(*other), bytesText(other->memory.head_bytes));
  text += tr("; bound %1").arg(bytesText(estimate->memory.head_lower_bound_bytes));
  if (estimate->reorder.changed)
    text += tr("; reordering saves %1 (peak %2 \u2192 %3)")
                .arg(bytesText(estimate->reorder.saved_bytes()), bytesText(estimate->reorder.original_peak_bytes),
                     bytesText(estimate->reorder.peak_bytes));
  else if (estimate->reorder.searched)
    text += tr("; no operator order has a smaller peak");
  return text;
}

const MemoryMap* MemoryMapView::map() {
  if (dirty_ || built_for_ != size()) rebuild();
  return map_ ? &*map_ : nullptr;
}

const Scene& MemoryMapView::scene() {
  map();
  return scene_;
}

void MemoryMapView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  dirty_ = true;
}

void MemoryMapView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  if (!hasPlan()) {
    painter.setPen(Qt::black);
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("No arena plan: choose a board and draw a model that shape-checks."));
    return;
  }
  painter.drawImage(QPointF(0, 0), image_);
}

QString MemoryMapView::keyAt(QPoint point) {
  const Scene& picture = scene();
  for (auto it = picture.rects.rbegin(); it != picture.rects.rend(); ++it) {
    if (it->key.empty()) continue;
    if (QRectF(it->x, it->y, std::max(it->width, 1.0), std::max(it->height, 1.0)).contains(point))
      return QString::fromStdString(it->key);
  }
  return {};
}

QRectF MemoryMapView::rectOf(const QString& key) {
  for (const SceneRect& r : scene().rects)
    if (QString::fromStdString(r.key) == key) return QRectF(r.x, r.y, r.width, r.height);
  return {};
}

QString MemoryMapView::describe(const QString& key) {
  const MemoryMap* m = map();
  if (!m || key.isEmpty()) return {};
  const QStringList parts = key.split(QLatin1Char(':'));
  const int index = parts.last().toInt();
  // "buffer:<plot>:<i>": plot 0 is the estimate's plan, plot 1 the other planner's.
  const std::vector<ArenaBuffer>& plot_buffers =
      parts.size() > 2 && parts[1] == QLatin1String("1") && m->other_plan ? m->other_plan->buffers : m->buffers;
  if (parts.front() == QLatin1String("buffer") && index >= 0 && index < static_cast<int>(plot_buffers.size())) {
    const ArenaBuffer& b = plot_buffers[static_cast<size_t>(index)];
    return tr("%1\n%2 at offset %3 B\nwritten by %4\nlive from operator step %5 to %6")
        .arg(QString::fromStdString(b.name), bytesText(b.size_bytes))
        .arg(b.offset_bytes)
        .arg(b.producer.empty() ? tr("(graph input)") : QString::fromStdString(b.producer))
        .arg(b.first_op)
        .arg(b.last_op);
  }
  const auto section = [&](const std::vector<MemorySection>& sections) -> QString {
    if (index < 0 || index >= static_cast<int>(sections.size())) return {};
    const MemorySection& s = sections[static_cast<size_t>(index)];
    return tr("%1\n%2 at offset %3 B").arg(QString::fromStdString(s.name), bytesText(s.size_bytes)).arg(s.offset_bytes);
  };
  if (parts.front() == QLatin1String("sram")) return section(m->sram);
  if (parts.front() == QLatin1String("bank")) {
    const std::string name = key.mid(5).toStdString();
    for (const auto* banks : {&m->sram_banks, &m->flash_banks})
      for (const BankUse& bank : *banks)
        if (bank.name == name)
          return tr("%1: %2, the model uses %3").arg(QString::fromStdString(bank.name), bytesText(bank.capacity_bytes),
                                                     bytesText(bank.used_bytes));
  }
  if (parts.front() == QLatin1String("flash")) return section(m->flash);
  for (const SceneRect& r : scene_.rects)
    if (QString::fromStdString(r.key) == key) return QString::fromStdString(r.tooltip);
  return {};
}

bool MemoryMapView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString key = keyAt(help->pos());
    const QString text = key.isEmpty() ? comparison() : describe(key);
    if (!text.isEmpty()) {
      QToolTip::showText(help->globalPos(), text, this);
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

}  // namespace tinyforge
