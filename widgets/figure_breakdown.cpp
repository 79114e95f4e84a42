#include "widgets/figure_breakdown.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

#include "widgets/units_text.h"

namespace tinyforge {
namespace {

// The translation context of these texts.
struct FigureBreakdown {
  Q_DECLARE_TR_FUNCTIONS(FigureBreakdown)
};

QString boardName(const Estimate& e, const Board* board) {
  return QString::fromStdString(board ? board->part : e.board_id);
}

QString line(const QString& part, int64_t bytes, const QString& source) {
  return QStringLiteral("  %1: %2 (%3 B) \u2014 %4").arg(part, bytesText(bytes)).arg(bytes).arg(source);
}

bool isTflm(RuntimeKind runtime) { return runtime == RuntimeKind::Tflm || runtime == RuntimeKind::TflmCmsis; }

}  // namespace

QString flashBreakdown(const Estimate& e, const Board* board) {
  const MemoryTotals& t = e.memory;
  QStringList lines;
  lines << FigureBreakdown::tr("Flash on %1: %2 of a %3 budget").arg(boardName(e, board), bytesText(t.flash_bytes), bytesText(e.fit.flash_budget_bytes));
  const QString model_source = t.model_flash_source == ModelFlashSource::ImportedFile
                                   ? FigureBreakdown::tr("exact: the size of the imported file (unedited)")
                               : isTflm(e.runtime)
                                   ? FigureBreakdown::tr("exact: the size of the .tflite export writes (as TinyForge would write it)")
                                   : FigureBreakdown::tr("exact: the weights, parameters and descriptors the generated C stores "
                                                         "(checked against linked images)");
  lines << line(FigureBreakdown::tr("model"), t.model_flash_bytes, model_source);
  lines << line(FigureBreakdown::tr("runtime code"), t.code_flash_bytes,
                isTflm(e.runtime) ? FigureBreakdown::tr("modelled: TFLM's interpreter and the kernels the model uses, calibrated on published sizes")
                                  : FigureBreakdown::tr("predicted from kernel sizes measured per core (arm-none-eabi-gcc -Os), checked against linked images"));
  lines << FigureBreakdown::tr("Budget: the board's Flash less its application reserve.");
  return lines.join(QLatin1Char('\n'));
}

QString sramBreakdown(const Estimate& e, const Board* board) {
  const MemoryTotals& t = e.memory;
  QStringList lines;
  lines << FigureBreakdown::tr("SRAM on %1: %2 of a %3 budget").arg(boardName(e, board), bytesText(t.sram_bytes), bytesText(e.fit.sram_budget_bytes));
  const int64_t tail = std::max<int64_t>(0, t.min_arena_bytes - t.head_bytes);
  if (isTflm(e.runtime)) {
    lines << line(FigureBreakdown::tr("arena head"), t.head_bytes,
                  FigureBreakdown::tr("replayed: activations and scratch as TFLM's greedy planner places them"));
    lines << line(FigureBreakdown::tr("arena tail"), tail, FigureBreakdown::tr("replayed: TFLM's persistent runtime structures, allocation by allocation"));
    lines << line(FigureBreakdown::tr("runtime statics and stack"), t.runtime_sram_bytes, FigureBreakdown::tr("measured: MicroNets' figure for the TFLM interpreter"));
    lines << FigureBreakdown::tr("The replay equals TFLM's own figures to the byte on the ten reference models (tests/core/runtime).");
  } else {
    lines << line(FigureBreakdown::tr("arena"), t.head_bytes,
                  FigureBreakdown::tr("exact: the generated C's static arena (in-place depthwise, reshape aliases, the "
                                      "kernels' scratch), checked against linked images"));
    lines << line(FigureBreakdown::tr("stack"), t.runtime_sram_bytes,
                  FigureBreakdown::tr("predicted: the deepest kernel call chain from measured frames, checked against the stack measured under QEMU"));
  }
  lines << FigureBreakdown::tr("Lower bound (most activation bytes live at once): %1").arg(bytesText(t.lower_bound_bytes));
  lines << FigureBreakdown::tr("Budget: the largest contiguous SRAM region (the arena must be one block) less the reserve.");
  return lines.join(QLatin1Char('\n'));
}

QString latencyBreakdown(const Estimate& e, const Board* board) {
  int measured = 0, layers = 0;
  double layers_ms = 0;
  for (const LayerEstimate& layer : e.layers) {
    if (layer.kind == NodeKind::Input) continue;
    ++layers;
    measured += layer.latency_measured;
    layers_ms += layer.latency_ms;
  }
  QStringList lines;
  lines << FigureBreakdown::tr("Latency on %1: %2").arg(boardName(e, board), msText(e.latency_ms));
  lines << FigureBreakdown::tr("  layers: %1, fixed cost per inference: %2").arg(msText(layers_ms), msText(e.latency_overhead_ms));
  if (measured > 0) lines << FigureBreakdown::tr("  %1 of %2 layers measured on this board, the others modelled").arg(measured).arg(layers);
  const bool estimated = board && board->latency.estimated;
  lines << (estimated ? FigureBreakdown::tr("Modelled, estimated: this board's coefficients are not fitted to its own measurements")
                      : FigureBreakdown::tr("Modelled: per-layer MACs per cycle fitted to published measurements of this board"));
  if (board && !board->latency.source.empty()) lines << FigureBreakdown::tr("Source: %1").arg(QString::fromStdString(board->latency.source));
  return lines.join(QLatin1Char('\n'));
}

QString fpsBreakdown(const Estimate& e) {
  return FigureBreakdown::tr("Inferences per second back to back: 1000 / %1 = %2 (modelled, from the latency)")
      .arg(msText(e.latency_ms), fpsText(e.fps));
}

QString energyBreakdown(const Estimate& e, const Board* board) {
  QStringList lines;
  const double power_mw = e.latency_ms > 0 ? e.energy_mj / e.latency_ms * 1000.0 : 0.0;
  lines << FigureBreakdown::tr("Energy per inference on %1: %2").arg(boardName(e, board), mjText(e.energy_mj));
  lines << FigureBreakdown::tr("  active power %1 mW \u00d7 latency %2 (modelled)").arg(power_mw, 0, 'f', 1).arg(msText(e.latency_ms));
  if (board) {
    const auto source = board->sources.find("active_power_mw");
    if (source != board->sources.end()) lines << FigureBreakdown::tr("Power: %1").arg(QString::fromStdString(source->second));
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace tinyforge
