#include "widgets/file_opener.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace tinyforge {

bool canOpenInBrowser() {
  if (!qEnvironmentVariableIsEmpty("BROWSER")) return true;
  if (QStandardPaths::findExecutable(QStringLiteral("xdg-open")).isEmpty()) return false;
  // xdg-open starts and then fails on its own when nothing handles HTML: ask first.
  if (QStandardPaths::findExecutable(QStringLiteral("xdg-mime")).isEmpty()) return true;
  QProcess query;
  query.start(QStringLiteral("xdg-mime"), {QStringLiteral("query"), QStringLiteral("default"), QStringLiteral("text/html")});
  if (!query.waitForFinished(3000)) {
    query.kill();
    return true;  // cannot tell: let the desktop try
  }
  return !query.readAllStandardOutput().trimmed().isEmpty();
}

FilePathDialog::FilePathDialog(const QString& path, const QString& why, QWidget* parent) : QDialog(parent), path_(path) {
  setObjectName(QStringLiteral("filePathDialog"));
  setWindowTitle(tr("Open the file yourself"));
  auto* layout = new QVBoxLayout(this);
  auto* reason = new QLabel(why);
  reason->setWordWrap(true);
  layout->addWidget(reason);
  auto* shown = new QLabel(path);
  shown->setObjectName(QStringLiteral("filePath"));
  shown->setTextInteractionFlags(Qt::TextSelectableByMouse);
  shown->setWordWrap(true);
  QFont mono = shown->font();
  mono.setStyleHint(QFont::Monospace);
  mono.setFamily(QStringLiteral("monospace"));
  shown->setFont(mono);
  layout->addWidget(shown);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  copy_ = buttons->addButton(tr("Copy path"), QDialogButtonBox::ActionRole);
  copy_->setObjectName(QStringLiteral("copyPath"));
  connect(copy_, &QPushButton::clicked, this, [this] {
    QApplication::clipboard()->setText(path_);
    copy_->setText(tr("Copied"));
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  layout->addWidget(buttons);
}

FilePathDialog* openOrShowPath(const QString& path, QWidget* parent) {
  if (canOpenInBrowser() && QDesktopServices::openUrl(QUrl::fromLocalFile(path))) return nullptr;
  auto* dialog = new FilePathDialog(
      path,
      FilePathDialog::tr("This system has no browser registered to open the report. Open this file in a browser:"),
      parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

}  // namespace tinyforge
