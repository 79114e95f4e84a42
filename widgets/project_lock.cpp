#include "widgets/project_lock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace tinyforge {

QString ProjectLock::lockPathFor(const QString& project_path) {
  const QFileInfo info(project_path);
  return info.absoluteDir().filePath(QLatin1Char('.') + info.fileName() + QStringLiteral(".lock"));
}

ProjectLock::ProjectLock(const QString& project_path)
    : project_path_(project_path), lock_(std::make_unique<QLockFile>(lockPathFor(project_path))) {
  // Never stale by age: a studio may keep a project open for days. A lock whose process
  // is gone (same host) is stale whatever its age; QLockFile checks that.
  lock_->setStaleLockTime(0);
}

ProjectLock::~ProjectLock() = default;

bool ProjectLock::acquire() {
  message_.clear();
  took_over_ = false;
  if (lock_->isLocked()) return true;
  const QString name = QFileInfo(project_path_).fileName();
  // What the lock file said before tryLock() removes a stale one.
  qint64 previous_pid = 0;
  QString previous_host, previous_app;
  const bool had_lock = lock_->getLockInfo(&previous_pid, &previous_host, &previous_app);
  if (lock_->tryLock(0)) {
    if (had_lock) {
      took_over_ = true;
      message_ = QCoreApplication::translate("ProjectLock",
                                             "%1 was not closed properly: the TinyForge that had it open (process %2) "
                                             "ended without closing it (killed or crashed). The project is as it was "
                                             "last saved.")
                     .arg(name)
                     .arg(previous_pid);
    }
    return true;
  }
  switch (lock_->error()) {
    case QLockFile::LockFailedError: {
      qint64 pid = 0;
      QString host, app;
      lock_->getLockInfo(&pid, &host, &app);
      message_ = QCoreApplication::translate("ProjectLock",
                                             "%1 is open in another TinyForge (process %2 on %3). Close it there "
                                             "first, or save a copy under another name.")
                     .arg(name)
                     .arg(pid)
                     .arg(host.isEmpty() ? QStringLiteral("this computer") : host);
      return false;
    }
    case QLockFile::PermissionError:
    case QLockFile::UnknownError:
    default:
      message_ = QCoreApplication::translate("ProjectLock",
                                             "%1: cannot create the lock file %2 (a read-only folder?); another "
                                             "TinyForge could open the project at the same time.")
                     .arg(name, lockPathFor(project_path_));
      return true;
  }
}

}  // namespace tinyforge
