#pragma once
// One figure against its budget: a bar green up to 90% of the budget, amber to 100%, red
// beyond, with the figure and the budget written on it. Without a budget the bar shows the
// figure alone in a neutral colour: no budget, no verdict.

#include <QWidget>
#include <functional>

namespace tinyforge {

enum class BudgetLevel { Ok, Tight, Over, Unknown };
// fraction = used / budget.
BudgetLevel budgetLevel(double fraction);
QColor budgetColor(BudgetLevel level);

class BudgetBar : public QWidget {
  Q_OBJECT

 public:
  explicit BudgetBar(QWidget* parent = nullptr);
  void setValue(double fraction, const QString& text);  // fraction < 0: unknown
  // A figure with no budget: `fill` (0..1) only compares it with its neighbours.
  void setFigure(double fill, const QString& text);
  void clear(const QString& text = QString());
  double fraction() const { return neutral_ ? -1.0 : fraction_; }
  bool hasBudget() const { return !neutral_ && fraction_ >= 0; }
  BudgetLevel level() const { return neutral_ ? BudgetLevel::Unknown : budgetLevel(fraction_); }
  const QString& text() const { return text_; }
  // What hovering says, computed when asked (an edit updates every bar; few are hovered).
  void setDetails(std::function<QString()> details) { details_ = std::move(details); }
  QString details() const { return details_ ? details_() : QString(); }
  QSize sizeHint() const override { return {150, 22}; }
  QSize minimumSizeHint() const override { return {80, 20}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  double fraction_ = -1;
  bool neutral_ = false;
  QString text_;
  std::function<QString()> details_;
};

}  // namespace tinyforge
