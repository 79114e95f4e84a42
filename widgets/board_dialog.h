#pragma once
// Adds or edits a project's own board: id, part, core and instruction set, clock, SRAM,
// Flash, power and price. Every field is checked as the user types; OK stays disabled and
// the first problem is shown until the board is complete.
//
// A custom board has no measurements of its own, so its latency coefficients (MACs per
// cycle, fixed cycles) are taken from a known board with a similar core and marked
// estimated; being per cycle, they scale with the clock the user enters.

#include <QDialog>
#include <QHash>
#include <optional>

#include "core/boards/board.h"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace tinyforge {

class BoardLibrary;

class BoardDialog : public QDialog {
  Q_OBJECT

 public:
  // `editing`: the custom board to edit (its id is kept), or nullptr for a new board.
  BoardDialog(const BoardLibrary& boards, const Board* editing, QWidget* parent = nullptr);

  // The board as entered; valid only when validationMessage() is empty.
  Board board() const;
  QString validationMessage() const { return message_; }
  bool isValid() const { return message_.isEmpty(); }

  // For tests and keyboard users: "id", "part", "core", "isa", "clock_mhz", "sram_kib",
  // "flash_kib", "active_power_mw", "sleep_power_mw", "price_usd", "latency_from".
  QWidget* editor(const QString& field) const;

 private:
  void validate();
  void suggestLatencySource();
  QLineEdit* addNumber(const QString& field, const QString& label, const QString& unit, const QString& tip);

  const BoardLibrary& boards_;
  std::optional<Board> editing_;
  QLineEdit* id_ = nullptr;
  QLineEdit* part_ = nullptr;
  QComboBox* core_ = nullptr;
  QComboBox* isa_ = nullptr;
  QComboBox* latency_from_ = nullptr;
  QHash<QString, QWidget*> editors_;
  QLabel* status_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QFormLayout* form_ = nullptr;
  QString message_;
};

// "320", "320.5" -> value; empty when the text is not a number (C locale or the user's).
std::optional<double> parseNumber(const QString& text);

}  // namespace tinyforge
