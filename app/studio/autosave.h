#pragma once
// Autosave and crash recovery. Each running studio writes its unsaved work to its own
// recovery file beside a lock file it holds; a recovery file whose lock is free belongs to
// a studio that is gone without saving (a crash), so the next start offers it back.

#include <QLockFile>
#include <QString>
#include <QStringList>
#include <memory>

#include "widgets/project_store.h"

namespace tinyforge {

class Autosave {
 public:
  // `directory` empty: the per-user application data folder.
  explicit Autosave(QString directory = {});
  ~Autosave();

  const QString& path() const { return path_; }
  void write(const ProjectData& project);  // throws ProjectError
  void discard();                          // clean exit or saved: nothing to recover

  // Recovery files left by studios that ended without saving.
  QStringList orphans() const;
  // Removes an orphan after it was restored or declined.
  static void removeOrphan(const QString& path);
  // Removes the half-written recovery files ("autosave-ID.tfproj.new" and its SQLite journal)
  // of studios that were killed while autosaving; their last complete autosave, if any, stays
  // an orphan. Returns how many writes were removed.
  int removeUnfinishedWrites() const;
  static QString defaultDirectory();

 private:
  QString directory_;
  QString path_;
  std::unique_ptr<QLockFile> lock_;
};

}  // namespace tinyforge
