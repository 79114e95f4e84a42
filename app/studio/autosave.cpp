#include "app/studio/autosave.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QUuid>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace tinyforge {

QString Autosave::defaultDirectory() {
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/recovery");
}

Autosave::Autosave(QString directory) : directory_(directory.isEmpty() ? defaultDirectory() : std::move(directory)) {
  QDir().mkpath(directory_);
  const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  path_ = directory_ + QStringLiteral("/autosave-") + id + QStringLiteral(".tfproj");
  lock_ = std::make_unique<QLockFile>(directory_ + QStringLiteral("/autosave-") + id + QStringLiteral(".lock"));
  lock_->setStaleLockTime(0);
  lock_->tryLock(0);
}

Autosave::~Autosave() = default;

void Autosave::write(const ProjectData& project) {
  // A fresh file each time: the autosave holds the latest state only.
  const QString temporary = path_ + QStringLiteral(".new");
  QFile::remove(temporary);
  try {
    saveProject(project, temporary);
  } catch (...) {
    QFile::remove(temporary);  // a full disk leaves no half-written autosave behind
    QFile::remove(temporary + QStringLiteral("-journal"));
    throw;
  }
  // rename(2) replaces the previous autosave in one step: at every moment one complete
  // autosave exists (QFile::rename refuses to replace, and removing first opens a gap).
  if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path_).constData()) != 0) {
    const int error = errno;
    QFile::remove(temporary);
    throw ProjectError(QStringLiteral("%1: cannot move the autosave into place: %2")
                           .arg(path_, QString::fromLocal8Bit(std::strerror(error)))
                           .toStdString());
  }
}

void Autosave::discard() { QFile::remove(path_); }

QStringList Autosave::orphans() const {
  QStringList result;
  const QDir dir(directory_);
  for (const QString& name : dir.entryList({QStringLiteral("autosave-*.tfproj")}, QDir::Files, QDir::Time)) {
    const QString file = dir.filePath(name);
    if (file == path_) continue;
    QString lock_path = file;
    lock_path.replace(QStringLiteral(".tfproj"), QStringLiteral(".lock"));
    QLockFile lock(lock_path);
    // tryLock() succeeds when nobody holds the lock or its owner process is gone.
    if (lock.tryLock(0)) {
      lock.unlock();
      result << file;
    }
  }
  return result;
}

void Autosave::removeOrphan(const QString& path) {
  QFile::remove(path);
  QString lock_path = path;
  QFile::remove(lock_path.replace(QStringLiteral(".tfproj"), QStringLiteral(".lock")));
  // A write killed after this autosave would otherwise outlive it.
  QFile::remove(path + QStringLiteral(".new"));
  QFile::remove(path + QStringLiteral(".new-journal"));
}

int Autosave::removeUnfinishedWrites() const {
  int removed = 0;
  const QDir dir(directory_);
  for (const QString& name : dir.entryList({QStringLiteral("autosave-*.tfproj.new")}, QDir::Files)) {
    const QString file = dir.filePath(name);
    if (file == path_ + QStringLiteral(".new")) continue;
    QString lock_path = file;
    lock_path.replace(QStringLiteral(".tfproj.new"), QStringLiteral(".lock"));
    QLockFile lock(lock_path);
    if (!lock.tryLock(0)) continue;  // its studio is still running (and may be writing it now)
    lock.unlock();
    QFile::remove(file);
    QFile::remove(file + QStringLiteral("-journal"));
    // Killed during its first autosave: nothing complete to offer, nothing holds the lock file.
    const QString complete = file.chopped(4);
    if (!QFile::exists(complete)) QFile::remove(lock_path);
    ++removed;
  }
  return removed;
}

}  // namespace tinyforge
