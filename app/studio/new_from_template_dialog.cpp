#include "app/studio/new_from_template_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/graph/graph_json.h"
#include "widgets/graph_analysis.h"
#include "widgets/units_text.h"

namespace tinyforge {

QString resourcesDirectory() {
  const QByteArray from_environment = qgetenv("TINYFORGE_RESOURCES_DIR");
  if (!from_environment.isEmpty()) return QString::fromLocal8Bit(from_environment);
  return QStringLiteral(TINYFORGE_RESOURCES_DIR);
}

NewFromTemplateDialog::NewFromTemplateDialog(const QString& models_directory, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("New from template"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Start from a reference model or a search backbone:")));
  list_ = new QListWidget;
  layout->addWidget(list_, 1);
  details_ = new QLabel;
  details_->setWordWrap(true);
  details_->setMinimumHeight(60);
  layout->addWidget(details_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

  const QDir dir(models_directory);
  for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    const QString path = dir.filePath(file);
    QString title = file, description;
    try {
      const Graph graph = loadGraphJson(path.toStdString());
      const GraphAnalysis analysis = analyzeGraph(graph);
      title = QStringLiteral("%1  (%2 MACs, %3 parameters)")
                  .arg(QString::fromStdString(graph.name.empty() ? file.toStdString() : graph.name),
                       countText(analysis.total_macs), countText(analysis.total_params));
      description = QString::fromStdString(graph.description);
    } catch (const std::exception& error) {
      description = QString::fromUtf8(error.what());
    }
    auto* item = new QListWidgetItem(title, list_);
    item->setData(Qt::UserRole, path);
    item->setData(Qt::UserRole + 1, description);
    item->setToolTip(description);
  }
  connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    details_->setText(item ? item->data(Qt::UserRole + 1).toString() : QString());
  });
  if (list_->count() > 0) list_->setCurrentRow(0);
  buttons->button(QDialogButtonBox::Ok)->setEnabled(list_->count() > 0);
  resize(620, 420);
}

QString NewFromTemplateDialog::selectedPath() const {
  const QListWidgetItem* item = list_->currentItem();
  return item ? item->data(Qt::UserRole).toString() : QString();
}

int NewFromTemplateDialog::templateCount() const { return list_->count(); }

}  // namespace tinyforge
