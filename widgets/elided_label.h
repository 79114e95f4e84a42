#pragma once
// A one-line label that never asks for more width than it is given: its text is shortened
// with "…" to fit, and the whole text is its tooltip while shortened. Used where a text
// can be arbitrarily long (imported layer names, shape errors) so that it cannot widen
// the window.

#include <QLabel>

namespace tinyforge {

class ElidedLabel : public QLabel {
  Q_OBJECT

 public:
  explicit ElidedLabel(const QString& text = {}, Qt::TextElideMode mode = Qt::ElideRight, QWidget* parent = nullptr);
  void setFullText(const QString& text);
  // More to say on hover, below the full text (use this rather than setToolTip).
  void setDetails(const QString& details);
  const QString& fullText() const { return full_text_; }
  bool isElided() const { return text() != full_text_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void elide();

  QString full_text_;
  QString details_;
  int full_width_ = 0;  // of the full text, measured once per text
  Qt::TextElideMode mode_;
};

// Lets a word-wrapped label break long unbroken names (imported tensor names such as
// "Relu6;StatefulPartitionedCall/model/conv_1") after '/', ';', ':' and '_'.
QString breakableText(const QString& text);

}  // namespace tinyforge
