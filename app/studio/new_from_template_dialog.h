#pragma once
// "New from template": the bundled reference models and backbones (resources/models/*.json)
// with their descriptions and sizes; the chosen one starts a new project.

#include <QDialog>

class QListWidget;
class QLabel;

namespace tinyforge {

class NewFromTemplateDialog : public QDialog {
  Q_OBJECT

 public:
  explicit NewFromTemplateDialog(const QString& models_directory, QWidget* parent = nullptr);
  QString selectedPath() const;
  int templateCount() const;

 private:
  QListWidget* list_ = nullptr;
  QLabel* details_ = nullptr;
};

// Where the bundled resources are: $TINYFORGE_RESOURCES_DIR, or the build's resources folder.
QString resourcesDirectory();

}  // namespace tinyforge
