#pragma once
// One studio per project file: two studios saving the same file would each overwrite the
// other's work. The lock is a small file beside the project (".<name>.tfproj.lock",
// QLockFile: process id, host and program), taken on open and save and released when the
// studio moves to another project or quits. A lock left by a studio that was killed or
// crashed is taken over, and the studio says so.

#include <QLockFile>
#include <QString>
#include <memory>

namespace tinyforge {

class ProjectLock {
 public:
  explicit ProjectLock(const QString& project_path);
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

  // Takes the lock. False when another running TinyForge holds it; message() then says
  // which process and host. True also when the folder cannot hold a lock file (a read-only
  // folder: nothing can be saved there either), with message() saying so.
  bool acquire();
  // Why acquire() failed, or what it found ("... was not closed properly ..."); empty when
  // the lock was simply free.
  const QString& message() const { return message_; }
  // acquire() took over the lock of a TinyForge process that is gone (killed, crashed).
  bool tookOverStaleLock() const { return took_over_; }

  const QString& projectPath() const { return project_path_; }
  static QString lockPathFor(const QString& project_path);

 private:
  QString project_path_;
  std::unique_ptr<QLockFile> lock_;
  QString message_;
  bool took_over_ = false;
};

}  // namespace tinyforge
