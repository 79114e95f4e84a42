#include "widgets/inspector_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/elided_label.h"
#include "widgets/graph_document.h"
#include "widgets/node_defaults.h"

namespace tinyforge {
namespace {

bool usesKernel(NodeKind kind) {
  switch (kind) {
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
    case NodeKind::DepthwiseSeparable:
    case NodeKind::InvertedBottleneck:
    case NodeKind::Residual: return true;
    default: return false;
  }
}

bool usesOutChannels(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::FullyConnected || isBlock(kind);
}

bool usesActivation(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected ||
         kind == NodeKind::Add || isBlock(kind);
}

bool hasWeights(NodeKind kind) {
  return kind == NodeKind::Conv2D || kind == NodeKind::DepthwiseConv2D || kind == NodeKind::FullyConnected ||
         isBlock(kind);
}

QSpinBox* makeSpin(int min_value, int max_value) {
  auto* spin = new QSpinBox;
  spin->setRange(min_value, max_value);
  spin->setKeyboardTracking(true);
  return spin;
}

QString joinInts(const std::vector<int32_t>& values) {
  QStringList parts;
  for (int32_t v : values) parts << QString::number(v);
  return parts.join(QStringLiteral(", "));
}

}  // namespace

InspectorWidget::InspectorWidget(GraphDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
  auto* layout = new QVBoxLayout(this);
  // Imported layer names are hundreds of characters without a space: the title is
  // shortened in the middle to the inspector's width, whole in its tooltip.
  title_ = new ElidedLabel({}, Qt::ElideMiddle);
  title_->setObjectName(QStringLiteral("inspectorTitle"));
  QFont font = title_->font();
  font.setBold(true);
  title_->setFont(font);
  layout->addWidget(title_);
  hint_ = new QLabel(tr("Select a layer on the canvas to edit it."));
  hint_->setWordWrap(true);
  hint_->setFont(font);
  layout->addWidget(hint_);
  form_ = new QFormLayout;
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  layout->addLayout(form_);
  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setStyleSheet(QStringLiteral("color: #b71c1c;"));
  layout->addWidget(status_);
  layout->addStretch(1);

  name_ = new QLineEdit;
  addRow(QStringLiteral("name"), tr("Name"), name_);
  out_channels_ = makeSpin(1, 65536);
  addRow(QStringLiteral("out_channels"), tr("Output channels"), out_channels_);
  kernel_h_ = makeSpin(1, 64);
  addRow(QStringLiteral("kernel_h"), tr("Kernel height"), kernel_h_);
  kernel_w_ = makeSpin(1, 64);
  addRow(QStringLiteral("kernel_w"), tr("Kernel width"), kernel_w_);
  stride_h_ = makeSpin(1, 16);
  addRow(QStringLiteral("stride_h"), tr("Stride (height)"), stride_h_);
  stride_w_ = makeSpin(1, 16);
  addRow(QStringLiteral("stride_w"), tr("Stride (width)"), stride_w_);
  padding_ = new QComboBox;
  padding_->addItem(tr("same"), QStringLiteral("same"));
  padding_->addItem(tr("valid"), QStringLiteral("valid"));
  addRow(QStringLiteral("padding"), tr("Padding"), padding_);
  expansion_ = makeSpin(1, 16);
  addRow(QStringLiteral("expansion"), tr("Expansion"), expansion_);
  depth_multiplier_ = makeSpin(1, 16);
  addRow(QStringLiteral("depth_multiplier"), tr("Depth multiplier"), depth_multiplier_);
  activation_ = new QComboBox;
  activation_->addItem(tr("none"), QStringLiteral("none"));
  activation_->addItem(QStringLiteral("ReLU"), QStringLiteral("relu"));
  activation_->addItem(QStringLiteral("ReLU6"), QStringLiteral("relu6"));
  addRow(QStringLiteral("activation"), tr("Activation"), activation_);
  shape_ = new QLineEdit;
  shape_->setPlaceholderText(QStringLiteral("1, 49, 10, 1"));
  addRow(QStringLiteral("shape"), tr("Shape"), shape_);
  pads_ = new QLineEdit;
  pads_->setPlaceholderText(tr("top, bottom, left, right"));
  addRow(QStringLiteral("pads"), tr("Padding sizes"), pads_);
  activation_bits_ = new QComboBox;
  activation_bits_->addItem(tr("8 bit (int8)"), QStringLiteral("int8"));
  activation_bits_->addItem(tr("16 bit (int16)"), QStringLiteral("int16"));
  activation_bits_->addItem(tr("32 bit (float32)"), QStringLiteral("float32"));
  addRow(QStringLiteral("activation_type"), tr("Activation bits"), activation_bits_);
  weight_bits_ = new QComboBox;
  weight_bits_->addItem(tr("8 bit (int8)"), QStringLiteral("int8"));
  weight_bits_->addItem(tr("4 bit (int4)"), QStringLiteral("int4"));
  addRow(QStringLiteral("weight_type"), tr("Weight bits"), weight_bits_);
  widths_ = new QLineEdit;
  widths_->setPlaceholderText(tr("e.g. 16, 32, 48, 64 (empty: fixed)"));
  addRow(QStringLiteral("widths"), tr("Search widths"), widths_);
  skippable_ = new QCheckBox(tr("Search may skip this layer"));
  addRow(QStringLiteral("skippable"), tr("Skippable"), skippable_);

  auto spin_commit = [this](QSpinBox* spin, const QString& field, auto setter) {
    connect(spin, &QSpinBox::valueChanged, this, [this, field, setter](int value) {
      const Node* node = current();
      if (!node) return;
      Node edited = *node;
      setter(edited, value);
      commit(edited, field);
    });
  };
  spin_commit(out_channels_, QStringLiteral("out_channels"), [](Node& n, int v) { n.out_channels = v; });
  spin_commit(kernel_h_, QStringLiteral("kernel_h"), [](Node& n, int v) { n.kernel_h = v; });
  spin_commit(kernel_w_, QStringLiteral("kernel_w"), [](Node& n, int v) { n.kernel_w = v; });
  spin_commit(stride_h_, QStringLiteral("stride_h"), [](Node& n, int v) { n.stride_h = v; });
  spin_commit(stride_w_, QStringLiteral("stride_w"), [](Node& n, int v) { n.stride_w = v; });
  spin_commit(expansion_, QStringLiteral("expansion"), [](Node& n, int v) { n.expansion = v; });
  spin_commit(depth_multiplier_, QStringLiteral("depth_multiplier"), [](Node& n, int v) { n.depth_multiplier = v; });

  auto combo_commit = [this](QComboBox* combo, const QString& field, auto setter) {
    connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, field, setter](int) {
      const Node* node = current();
      if (!node) return;
      Node edited = *node;
      setter(edited, combo->currentData().toString().toStdString());
      commit(edited, field);
    });
  };
  combo_commit(padding_, QStringLiteral("padding"),
               [](Node& n, const std::string& v) { n.padding = paddingFromString(v).value_or(Padding::Same); });
  combo_commit(activation_, QStringLiteral("activation"),
               [](Node& n, const std::string& v) { n.activation = activationFromString(v).value_or(Activation::None); });
  combo_commit(activation_bits_, QStringLiteral("activation_type"),
               [](Node& n, const std::string& v) { n.activation_type = dataTypeFromString(v).value_or(DataType::Int8); });
  combo_commit(weight_bits_, QStringLiteral("weight_type"),
               [](Node& n, const std::string& v) { n.weight_type = dataTypeFromString(v).value_or(DataType::Int8); });

  connect(skippable_, &QCheckBox::toggled, this, [this](bool on) {
    const Node* node = current();
    if (!node) return;
    Node edited = *node;
    edited.search.skippable = on;
    commit(edited, QStringLiteral("skippable"));
  });

  // Text fields: validated on every keystroke, applied only when valid.
  connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.\\-]*$"));
    if (text.isEmpty()) return showFieldError(name_, tr("A layer needs a name."));
    if (!allowed.match(text).hasMatch()) {
      return showFieldError(name_, tr("Use letters, digits, '_', '-' and '.', starting with a letter."));
    }
    if (text != node_name_ && document_->graph().find(text.toStdString())) {
      return showFieldError(name_, tr("Another layer is already called '%1'.").arg(text));
    }
    showFieldError(name_, {});
  });
  connect(name_, &QLineEdit::editingFinished, this, [this] {
    const Node* node = current();
    if (!node || !field_error_.isEmpty() || name_->text() == node_name_) return;
    Node edited = *node;
    edited.name = name_->text().toStdString();
    const QString new_name = name_->text();
    commit(edited, {});
    node_name_ = new_name;
    refresh();
  });
  auto list_edit = [this](QLineEdit* edit, const QString& field, int min_value, bool allow_empty, auto setter) {
    connect(edit, &QLineEdit::textEdited, this, [this, edit, field, min_value, allow_empty, setter](const QString& text) {
      const Node* node = current();
      if (!node) return;
      QString error;
      std::optional<std::vector<int>> values = parseIntList(text, min_value, &error);
      if (values && values->empty() && !allow_empty) {
        values.reset();
        error = tr("Enter at least one number.");
      }
      if (!values) return showFieldError(edit, error);
      showFieldError(edit, {});
      Node edited = *node;
      setter(edited, *values);
      commit(edited, field);
    });
  };
  list_edit(widths_, QStringLiteral("widths"), 1, true, [](Node& n, const std::vector<int>& v) {
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    n.search.widths = sorted;
  });
  list_edit(shape_, QStringLiteral("shape"), -1, false,
            [](Node& n, const std::vector<int>& v) { n.shape.assign(v.begin(), v.end()); });
  list_edit(pads_, QStringLiteral("pads"), 0, false,
            [](Node& n, const std::vector<int>& v) { n.pads.assign(v.begin(), v.end()); });

  connect(document_, &GraphDocument::graphChanged, this, &InspectorWidget::refresh);
  full_form_width_ = form_->sizeHint().width() + layout->contentsMargins().left() + layout->contentsMargins().right();
  refresh();
}

QSize InspectorWidget::sizeHint() const { return {std::max(full_form_width_, QWidget::sizeHint().width()), QWidget::sizeHint().height()}; }

void InspectorWidget::addRow(const QString& field, const QString& label, QWidget* editor) {
  editor->setObjectName(field);
  form_->addRow(label, editor);
  editors_.insert(field, editor);
}

QWidget* InspectorWidget::editor(const QString& field) const { return editors_.value(field); }

QString InspectorWidget::validationMessage() const { return status_->text(); }

std::optional<std::vector<int>> InspectorWidget::parseIntList(const QString& text, int min_value, QString* error) {
  std::vector<int> values;
  const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;x\\s\u00d7]+")), Qt::SkipEmptyParts);
  for (const QString& part : parts) {
    bool ok = false;
    const int value = part.toInt(&ok);
    if (!ok) {
      if (error) *error = tr("'%1' is not a whole number.").arg(part);
      return std::nullopt;
    }
    if (value < min_value || value == 0) {
      if (error) *error = tr("%1 is too small here.").arg(value);
      return std::nullopt;
    }
    if (value > 65536) {
      if (error) *error = tr("%1 is too large.").arg(value);
      return std::nullopt;
    }
    values.push_back(value);
  }
  return values;
}

const Node* InspectorWidget::current() const {
  return node_name_.isEmpty() ? nullptr : document_->graph().find(node_name_.toStdString());
}

void InspectorWidget::setNode(const QString& name) {
  if (name == node_name_) return;
  node_name_ = name;
  field_error_.clear();
  for (QLineEdit* edit : {name_, shape_, pads_, widths_}) edit->setStyleSheet({});
  refresh();
}

void InspectorWidget::commit(const Node& node, const QString& field) {
  document_->setNode(node_name_, node, field);
}

void InspectorWidget::showFieldError(QLineEdit* edit, const QString& message) {
  field_error_ = message;
  edit->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("background: #fde4e4;"));
  const GraphAnalysis& analysis = document_->analysis();
  if (!message.isEmpty()) {
    status_->setText(message);
  } else if (analysis.error_node == node_name_.toStdString() && !node_name_.isEmpty()) {
    status_->setText(breakableText(QString::fromStdString(analysis.error)));
  } else if (auto it = analysis.nodes.find(node_name_.toStdString()); it != analysis.nodes.end() && it->second.dangling) {
    status_->setText(tr("Not connected to an input: left out of the figures. Drag from a port to connect it."));
  } else {
    status_->clear();
  }
}

void InspectorWidget::refresh() {
  const Node* node = current();
  if (!node) node_name_.clear();
  // Rows are shown or hidden only when that changes: toggling them relayouts the window,
  // which every keystroke in a field would otherwise pay for.
  const auto show_row = [this](int row, bool visible) {
    if (form_->isRowVisible(row) != visible) form_->setRowVisible(row, visible);
  };
  if (!node) {
    for (int row = 0; row < form_->rowCount(); ++row) show_row(row, false);
    title_->hide();
    hint_->show();
    status_->clear();
    return;
  }
  hint_->hide();
  title_->show();
  title_->setFullText(QStringLiteral("%1 \u2014 %2").arg(node_name_, displayName(node->kind)));
  const NodeKind kind = node->kind;
  int name_row = -1;
  form_->getWidgetPosition(name_, &name_row, nullptr);
  show_row(name_row, true);
  auto show = [&](QWidget* editor, bool visible) {
    int row = -1;
    form_->getWidgetPosition(editor, &row, nullptr);
    if (row >= 0) show_row(row, visible);
  };
  show(out_channels_, usesOutChannels(kind));
  for (QWidget* w : std::initializer_list<QWidget*>{kernel_h_, kernel_w_, stride_h_, stride_w_, padding_}) show(w, usesKernel(kind));
  show(expansion_, kind == NodeKind::InvertedBottleneck);
  show(depth_multiplier_, kind == NodeKind::DepthwiseConv2D);
  show(activation_, usesActivation(kind));
  show(shape_, kind == NodeKind::Input || kind == NodeKind::Reshape);
  show(pads_, kind == NodeKind::Pad);
  show(weight_bits_, hasWeights(kind));
  show(widths_, usesOutChannels(kind) && kind != NodeKind::FullyConnected);
  show(skippable_, kind != NodeKind::Input);

  const QSignalBlocker blockers[] = {QSignalBlocker(out_channels_), QSignalBlocker(kernel_h_),
                                     QSignalBlocker(kernel_w_),     QSignalBlocker(stride_h_),
                                     QSignalBlocker(stride_w_),     QSignalBlocker(expansion_),
                                     QSignalBlocker(depth_multiplier_), QSignalBlocker(padding_),
                                     QSignalBlocker(activation_),   QSignalBlocker(activation_bits_),
                                     QSignalBlocker(weight_bits_),  QSignalBlocker(skippable_)};
  out_channels_->setValue(node->out_channels);
  kernel_h_->setValue(node->kernel_h);
  kernel_w_->setValue(node->kernel_w);
  stride_h_->setValue(node->stride_h);
  stride_w_->setValue(node->stride_w);
  expansion_->setValue(node->expansion);
  depth_multiplier_->setValue(node->depth_multiplier);
  padding_->setCurrentIndex(padding_->findData(QString::fromUtf8(toString(node->padding))));
  activation_->setCurrentIndex(activation_->findData(QString::fromUtf8(toString(node->activation))));
  activation_bits_->setCurrentIndex(std::max(0, activation_bits_->findData(QString::fromUtf8(toString(node->activation_type)))));
  weight_bits_->setCurrentIndex(std::max(0, weight_bits_->findData(QString::fromUtf8(toString(node->weight_type)))));
  skippable_->setChecked(node->search.skippable);
  // A field being typed in keeps the user's text (and cursor).
  auto set_text = [](QLineEdit* edit, const QString& text) {
    if (!edit->hasFocus()) edit->setText(text);
  };
  set_text(name_, node_name_);
  set_text(shape_, joinInts(node->shape));
  set_text(pads_, joinInts(node->pads));
  set_text(widths_, joinInts(std::vector<int32_t>(node->search.widths.begin(), node->search.widths.end())));
  if (field_error_.isEmpty()) showFieldError(name_, {});
}

}  // namespace tinyforge
