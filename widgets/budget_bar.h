#pragma once
// One figure against its budget: a bar green up to 90% of the budget, amber to 100%, red
// beyond, with the figure and the budget written on it.

#include <QWidget>

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
  void clear(const QString& text = QString());
  double fraction() const { return fraction_; }
  BudgetLevel level() const { return budgetLevel(fraction_); }
  const QString& text() const { return text_; }
  QSize sizeHint() const override { return {150, 22}; }
  QSize minimumSizeHint() const override { return {80, 20}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  double fraction_ = -1;
  QString text_;
};

}  // namespace tinyforge
