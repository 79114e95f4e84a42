#include "widgets/board_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "core/boards/board_json.h"
#include "core/boards/board_library.h"
#include "widgets/units_text.h"

namespace tinyforge {
namespace {

constexpr const char* kLatencyCopiedFrom = "copied from ";

IsaClass isaForCore(const QString& core) {
  const QString c = core.toLower();
  // Cortex-M0/M0+/M3 have no DSP extension; M55/M85 have Helium.
  if (c.contains(QLatin1String("m0")) || (c.contains(QLatin1String("m3")) && !c.contains(QLatin1String("m33")))) {
    return IsaClass::Scalar;
  }
  if (c.contains(QLatin1String("m55")) || c.contains(QLatin1String("m85"))) return IsaClass::Mve;
  return IsaClass::Dsp;
}

QString numberText(double value) { return QString::number(value, 'g', 10); }

}  // namespace

std::optional<double> parseNumber(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) return std::nullopt;
  bool ok = false;
  double value = QLocale::c().toDouble(trimmed, &ok);
  if (!ok) value = QLocale().toDouble(trimmed, &ok);
  if (!ok || !std::isfinite(value)) return std::nullopt;
  return value;
}

BoardDialog::BoardDialog(const BoardLibrary& boards, const Board* editing, QWidget* parent)
    : QDialog(parent), boards_(boards) {
  if (editing) editing_ = *editing;
  setWindowTitle(editing ? tr("Edit custom board") : tr("Add custom board"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("A board of this project. Its latency model is borrowed from a known board with a "
                              "similar core (per cycle, so it follows the clock) and marked as estimated."));
  intro->setWordWrap(true);
  layout->addWidget(intro);
  form_ = new QFormLayout;
  layout->addLayout(form_);

  id_ = new QLineEdit;
  id_->setPlaceholderText(QStringLiteral("my-board"));
  id_->setToolTip(tr("Lower-case key used by projects and the CLI: letters, digits, '-' and '_'."));
  editors_.insert(QStringLiteral("id"), id_);
  form_->addRow(tr("Id:"), id_);
  part_ = new QLineEdit;
  part_->setPlaceholderText(QStringLiteral("STM32L476RG"));
  editors_.insert(QStringLiteral("part"), part_);
  form_->addRow(tr("Part number:"), part_);

  core_ = new QComboBox;
  core_->setEditable(true);
  std::set<std::string> cores;
  for (const Board& b : boards_.boards()) cores.insert(b.core);
  for (const std::string& c : cores) core_->addItem(QString::fromStdString(c));
  editors_.insert(QStringLiteral("core"), core_);
  form_->addRow(tr("Core:"), core_);
  isa_ = new QComboBox;
  isa_->addItem(tr("DSP extension (Armv7E-M / Armv8-M)"), QString::fromUtf8(toString(IsaClass::Dsp)));
  isa_->addItem(tr("Helium (MVE)"), QString::fromUtf8(toString(IsaClass::Mve)));
  isa_->addItem(tr("Scalar (no SIMD)"), QString::fromUtf8(toString(IsaClass::Scalar)));
  isa_->setToolTip(tr("Which CMSIS-NN kernels the core runs."));
  editors_.insert(QStringLiteral("isa"), isa_);
  form_->addRow(tr("Instruction set:"), isa_);

  addNumber(QStringLiteral("clock_mhz"), tr("Clock:"), tr("MHz"), tr("Core clock while running inference."));
  addNumber(QStringLiteral("sram_kib"), tr("SRAM:"), tr("KiB"), tr("SRAM the model may use (the arena must fit in one block)."));
  addNumber(QStringLiteral("flash_kib"), tr("Flash:"), tr("KiB"), tr("Flash for the model and the runtime code."));
  addNumber(QStringLiteral("active_power_mw"), tr("Active power:"), tr("mW"), tr("Board power while running inference."));
  addNumber(QStringLiteral("sleep_power_mw"), tr("Sleep power:"), tr("mW"), tr("Power between inferences."));
  addNumber(QStringLiteral("price_usd"), tr("Price:"), tr("USD"), tr("Optional."));

  latency_from_ = new QComboBox;
  for (const Board& b : boards_.boards()) {
    if (b.latency.dense_macs_per_cycle <= 0) continue;
    if (editing_ && b.id == editing_->id) continue;
    latency_from_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(b.part), QString::fromStdString(b.core)),
                           QString::fromStdString(b.id));
  }
  editors_.insert(QStringLiteral("latency_from"), latency_from_);
  form_->addRow(tr("Latency model like:"), latency_from_);

  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setObjectName(QStringLiteral("validation"));
  layout->addWidget(status_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  layout->addWidget(buttons_);
  connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
    if (isValid()) accept();
  });
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  if (editing_) {
    id_->setText(QString::fromStdString(editing_->id));
    id_->setReadOnly(true);  // projects refer to the board by id
    part_->setText(QString::fromStdString(editing_->part));
    core_->setCurrentText(QString::fromStdString(editing_->core));
    isa_->setCurrentIndex(isa_->findData(QString::fromUtf8(toString(editing_->isa))));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("clock_mhz")))->setText(numberText(editing_->clock_mhz));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("sram_kib")))->setText(numberText(double(editing_->sram_bytes) / 1024.0));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("flash_kib")))->setText(numberText(double(editing_->flash_bytes) / 1024.0));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("active_power_mw")))->setText(numberText(editing_->active_power_mw));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("sleep_power_mw")))->setText(numberText(editing_->sleep_power_mw));
    qobject_cast<QLineEdit*>(editor(QStringLiteral("price_usd")))->setText(numberText(editing_->price_usd));
    const std::string source = editing_->latency.source;
    if (source.rfind(kLatencyCopiedFrom, 0) == 0) {
      const QString from = QString::fromStdString(source.substr(std::string(kLatencyCopiedFrom).size())).section(QLatin1Char(' '), 0, 0);
      const int index = latency_from_->findData(from);
      if (index >= 0) latency_from_->setCurrentIndex(index);
    }
  } else {
    core_->setCurrentText(QStringLiteral("cortex-m4f"));
    suggestLatencySource();
  }

  connect(core_, &QComboBox::currentTextChanged, this, [this](const QString& core) {
    isa_->setCurrentIndex(isa_->findData(QString::fromUtf8(toString(isaForCore(core)))));
    suggestLatencySource();
    validate();
  });
  for (QLineEdit* edit : findChildren<QLineEdit*>()) connect(edit, &QLineEdit::textChanged, this, &BoardDialog::validate);
  connect(isa_, &QComboBox::currentIndexChanged, this, &BoardDialog::validate);
  connect(latency_from_, &QComboBox::currentIndexChanged, this, &BoardDialog::validate);
  validate();
}

QLineEdit* BoardDialog::addNumber(const QString& field, const QString& label, const QString& unit, const QString& tip) {
  auto* edit = new QLineEdit;
  edit->setToolTip(tip);
  auto* row = new QHBoxLayout;
  row->addWidget(edit, 1);
  row->addWidget(new QLabel(unit));
  form_->addRow(label, row);
  editors_.insert(field, edit);
  return edit;
}

QWidget* BoardDialog::editor(const QString& field) const { return editors_.value(field); }

void BoardDialog::suggestLatencySource() {
  // Same core first, then same instruction set: the closest measured relative.
  const std::string core = core_->currentText().trimmed().toLower().toStdString();
  const QString isa = isa_->currentData().toString();
  int same_isa = -1;
  for (int i = 0; i < latency_from_->count(); ++i) {
    const Board* b = boards_.find(latency_from_->itemData(i).toString().toStdString());
    if (!b) continue;
    if (b->core == core && !b->latency.estimated) {
      latency_from_->setCurrentIndex(i);
      return;
    }
    if (same_isa < 0 && QString::fromUtf8(toString(b->isa)) == isa) same_isa = i;
  }
  if (same_isa >= 0) latency_from_->setCurrentIndex(same_isa);
}

Board BoardDialog::board() const {
  Board b = editing_.value_or(Board{});
  auto number = [this](const char* field) {
    return parseNumber(qobject_cast<QLineEdit*>(editor(QLatin1String(field)))->text()).value_or(0.0);
  };
  b.id = id_->text().trimmed().toStdString();
  b.part = part_->text().trimmed().toStdString();
  if (b.vendor.empty()) b.vendor = "custom";
  b.core = core_->currentText().trimmed().toLower().toStdString();
  b.isa = isaClassFromString(isa_->currentData().toString().toStdString()).value_or(IsaClass::Dsp);
  b.clock_mhz = number("clock_mhz");
  const int64_t sram = std::llround(number("sram_kib") * 1024.0);
  const int64_t flash = std::llround(number("flash_kib") * 1024.0);
  // Banks describe the old sizes; they no longer add up once a size changes.
  if (sram != b.sram_bytes) b.sram_banks.clear();
  if (flash != b.flash_bytes) b.flash_banks.clear();
  b.sram_bytes = sram;
  b.flash_bytes = flash;
  b.active_power_mw = number("active_power_mw");
  b.sleep_power_mw = number("sleep_power_mw");
  b.price_usd = number("price_usd");
  if (const Board* from = boards_.find(latency_from_->currentData().toString().toStdString())) {
    b.latency = from->latency;
    b.latency.estimated = true;
    b.latency.source = kLatencyCopiedFrom + from->id + " (" + from->core +
                       "): per-cycle coefficients, scaled by this board's clock; not measured on this board";
  }
  b.sources.clear();
  for (const char* field : {"clock_mhz", "sram_bytes", "flash_bytes", "active_power_mw", "sleep_power_mw", "price_usd"}) {
    b.sources[field] = "entered by the user";
  }
  b.sources["latency"] = b.latency.source;
  b.file.clear();
  return b;
}

void BoardDialog::validate() {
  auto text = [this](const char* field) { return qobject_cast<QLineEdit*>(editor(QLatin1String(field)))->text(); };
  // Checks in form order: the message names the first field to fix.
  auto check = [&]() -> QString {
    const QString id = id_->text().trimmed();
    static const QRegularExpression id_pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
    if (id.isEmpty()) return tr("Id: enter a short key, e.g. my-board.");
    if (!id_pattern.match(id).hasMatch()) return tr("Id: '%1' may only hold lower-case letters, digits, '-' and '_'.").arg(id);
    const bool renaming_self = editing_ && QString::fromStdString(editing_->id) == id;
    if (!renaming_self && boards_.find(id.toStdString())) return tr("Id: a board '%1' exists already; choose another id.").arg(id);
    if (part_->text().trimmed().isEmpty()) return tr("Part number: enter the MCU's part number.");
    if (core_->currentText().trimmed().isEmpty()) return tr("Core: enter the CPU core, e.g. cortex-m4f.");
    struct Range {
      const char* field;
      QString label;
      double min;
      bool strict;
      double max;
      bool optional;
    };
    const Range ranges[] = {
        {"clock_mhz", tr("Clock"), 0, true, 5000, false},
        {"sram_kib", tr("SRAM"), 0, true, 1 << 22, false},
        {"flash_kib", tr("Flash"), 0, true, 1 << 22, false},
        {"active_power_mw", tr("Active power"), 0, true, 1e5, false},
        {"sleep_power_mw", tr("Sleep power"), 0, false, 1e5, false},
        {"price_usd", tr("Price"), 0, false, 1e5, true},
    };
    for (const Range& r : ranges) {
      const QString t = text(r.field);
      if (t.trimmed().isEmpty()) {
        if (r.optional) continue;
        return tr("%1: enter a number.").arg(r.label);
      }
      const auto value = parseNumber(t);
      if (!value) return tr("%1: '%2' is not a number.").arg(r.label, t.trimmed());
      if (r.strict ? !(*value > r.min) : !(*value >= r.min)) {
        return r.strict ? tr("%1 must be above %2.").arg(r.label).arg(r.min) : tr("%1 must not be negative.").arg(r.label);
      }
      if (*value > r.max) return tr("%1: %2 is implausibly large.").arg(r.label, t.trimmed());
    }
    if (*parseNumber(text("sleep_power_mw")) > *parseNumber(text("active_power_mw"))) {
      return tr("Sleep power must not exceed active power.");
    }
    if (latency_from_->currentIndex() < 0) return tr("Latency model: no known board to borrow it from.");
    // What the project store will read back must load: the board file format's own checks.
    try {
      boardFromJson(boardToJson(board()), "custom board");
    } catch (const std::exception& error) {
      return QString::fromUtf8(error.what());
    }
    return {};
  };
  message_ = check();
  if (message_.isEmpty()) {
    const Board b = board();
    status_->setStyleSheet(QStringLiteral("color: #1b5e20;"));
    status_->setText(tr("%1: %2 SRAM, %3 Flash, %4 MHz.").arg(QString::fromStdString(b.part), bytesText(b.sram_bytes),
                                                              bytesText(b.flash_bytes)).arg(b.clock_mhz));
  } else {
    status_->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    status_->setText(message_);
  }
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(message_.isEmpty());
}

}  // namespace tinyforge
