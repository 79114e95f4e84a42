#pragma once
// Opening a written file (an export's HTML report) for the user. Where the desktop has no
// application for it (no browser registered, a bare X server, a remote session) opening
// would silently do nothing, so the studio shows the file's path instead, with a button
// that copies it.

#include <QDialog>
#include <QString>

class QLabel;
class QPushButton;

namespace tinyforge {

// Whether the desktop can open an HTML file: a BROWSER variable, or xdg-open with a
// registered handler for text/html.
bool canOpenInBrowser();

class FilePathDialog : public QDialog {
  Q_OBJECT

 public:
  FilePathDialog(const QString& path, const QString& why, QWidget* parent = nullptr);
  const QString& path() const { return path_; }
  QPushButton* copyButton() const { return copy_; }

 private:
  QString path_;
  QPushButton* copy_ = nullptr;
};

// Opens `path` in the browser when one is known; otherwise shows a FilePathDialog
// (non-modal, deletes itself) and returns it.
FilePathDialog* openOrShowPath(const QString& path, QWidget* parent);

}  // namespace tinyforge
