#pragma once
// The selected node's properties and search options. Each valid change is one undoable
// edit; text fields are checked as the user types and an invalid value is shown, not
// applied. A shape error caused by this node is shown here as well as on the canvas.

#include <QWidget>

#include "core/graph/graph.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tinyforge {

class ElidedLabel;
class GraphDocument;

class InspectorWidget : public QWidget {
  Q_OBJECT

 public:
  explicit InspectorWidget(GraphDocument* document, QWidget* parent = nullptr);
  const QString& nodeName() const { return node_name_; }

  // For tests and keyboard users: the editors by property name ("out_channels", "kernel_h",
  // "widths", "name", ...).
  QWidget* editor(const QString& field) const;
  QString validationMessage() const;

  // As wide as the form with every row shown, so that selecting a layer does not clip it.
  QSize sizeHint() const override;

  // "16, 32, 48" -> {16, 32, 48}; empty optional with `error` set when invalid.
  static std::optional<std::vector<int>> parseIntList(const QString& text, int min_value, QString* error);

 public Q_SLOTS:
  void setNode(const QString& name);

 private:
  void refresh();
  void commit(const Node& node, const QString& field);
  void showFieldError(QLineEdit* edit, const QString& message);
  void addRow(const QString& field, const QString& label, QWidget* editor);
  const Node* current() const;

  GraphDocument* document_;
  QString node_name_;
  QFormLayout* form_ = nullptr;
  ElidedLabel* title_ = nullptr;
  QLabel* hint_ = nullptr;  // shown while nothing is selected
  int full_form_width_ = 0;
  QLabel* status_ = nullptr;
  QLineEdit* name_ = nullptr;
  QSpinBox* out_channels_ = nullptr;
  QSpinBox* kernel_h_ = nullptr;
  QSpinBox* kernel_w_ = nullptr;
  QSpinBox* stride_h_ = nullptr;
  QSpinBox* stride_w_ = nullptr;
  QSpinBox* expansion_ = nullptr;
  QSpinBox* depth_multiplier_ = nullptr;
  QComboBox* padding_ = nullptr;
  QComboBox* activation_ = nullptr;
  QComboBox* activation_bits_ = nullptr;
  QComboBox* weight_bits_ = nullptr;
  QLineEdit* shape_ = nullptr;
  QLineEdit* pads_ = nullptr;
  QLineEdit* widths_ = nullptr;
  QCheckBox* skippable_ = nullptr;
  QHash<QString, QWidget*> editors_;
  QString field_error_;
};

}  // namespace tinyforge
