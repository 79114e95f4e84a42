// The studio and what it must not lose: a project open in another studio is not opened a
// second time; a studio that was killed leaves a lock the next one takes over, saying so; a
// save that was interrupted (a kill or a full disk in the middle of the SQLite transaction)
// is rolled back on the next open, saying so; closing a window with unsaved edits tears it
// down without touching a half-destroyed window (a UBSan report in sanitizer builds).
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "app/studio/main_window.h"
#include "core/graph/graph_json.h"
#include "gui_test_util.h"
#include "widgets/graph_document.h"
#include "widgets/project_lock.h"
#include "widgets/project_store.h"

using namespace tinyforge;
using tinyforge::gui_test::makeWindow;
using tinyforge::gui_test::modelPath;

class ProjectSafetyTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString saveProjectOf(const char* model, const QString& name) {
    ProjectData project;
    project.graph = loadGraphJson(modelPath(model).toStdString());
    project.boards = {QStringLiteral("stm32f746zg")};
    const QString path = dir_.filePath(name);
    saveProject(project, path);
    return path;
  }

 private slots:
  void aProjectOpenInAnotherStudioIsNotOpenedTwice() {
    const QString path = saveProjectOf("micronet_kws_s.json", QStringLiteral("shared.tfproj"));
    QLockFile other(ProjectLock::lockPathFor(path));  // another studio of this user
    QVERIFY(other.tryLock(0));
    auto window = makeWindow(dir_);
    QVERIFY(!window->openFile(path));
    QVERIFY2(window->lastError().contains(QStringLiteral("shared.tfproj is open in another TinyForge (process %1")
                                              .arg(QCoreApplication::applicationPid())),
             qPrintable(window->lastError()));
    // Nor saved over from here.
    QVERIFY(!window->saveProjectTo(path));
    QCOMPARE(projectRevisionCount(path), 1);
    other.unlock();
    QVERIFY2(window->openFile(path), qPrintable(window->lastError()));
    QVERIFY(window->projectLock() != nullptr);
    QVERIFY(QFile::exists(ProjectLock::lockPathFor(path)));
    // Another project: this one's lock is given back.
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    QVERIFY(!QFile::exists(ProjectLock::lockPathFor(path)));
  }

  void aKilledStudiosLockIsTakenOverAndTheStudioSaysSo() {
    const QString path = saveProjectOf("micronet_kws_s.json", QStringLiteral("killed.tfproj"));
    const pid_t child = fork();
    if (child == 0) {  // the studio that had it open, gone without unlocking
      QLockFile lock(ProjectLock::lockPathFor(path));
      _exit(lock.tryLock(0) ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY(QFile::exists(ProjectLock::lockPathFor(path)));
    auto window = makeWindow(dir_);
    QVERIFY2(window->openFile(path), qPrintable(window->lastError()));
    QVERIFY2(window->lastNotice().contains(QStringLiteral("killed.tfproj was not closed properly")) &&
                 window->lastNotice().contains(QStringLiteral("process %1").arg(child)),
             qPrintable(window->lastNotice()));
  }

  void anInterruptedSaveIsRolledBackOnOpenAndTheStudioSaysSo() {
    const QString path = saveProjectOf("micronet_kws_s.json", QStringLiteral("live.tfproj"));
    const Graph saved = loadProject(path).graph;
    // A save in the middle of its transaction, with pages already written to the file (a
    // tiny page cache spills them): the file and its journal copied at that moment are what
    // a kill -9 or a power cut leaves.
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db,
                          "PRAGMA cache_size = 1; BEGIN; DELETE FROM graph_revisions; "
                          "INSERT INTO notes (id, text) VALUES (7, hex(randomblob(200000)));",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    const QString crashed = dir_.filePath(QStringLiteral("crashed.tfproj"));
    QVERIFY(QFile::copy(path, crashed));
    QVERIFY(QFile::copy(path + QStringLiteral("-journal"), crashed + QStringLiteral("-journal")));
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);

    auto window = makeWindow(dir_);
    QVERIFY2(window->openFile(crashed), qPrintable(window->lastError()));
    QCOMPARE(window->document()->graph(), saved);
    QVERIFY2(window->lastNotice().contains(QStringLiteral("The last save of crashed.tfproj did not finish")),
             qPrintable(window->lastNotice()));
    QVERIFY(!QFile::exists(crashed + QStringLiteral("-journal")) || QFileInfo(crashed + QStringLiteral("-journal")).size() == 0);
  }

  void closingAWindowWithUnsavedEditsTearsItDownCleanly() {
    auto window = makeWindow(dir_);
    QVERIFY(window->openFile(modelPath("micronet_kws_s.json")));
    window->document()->moveNodes({{QStringLiteral("conv1"), QPointF(10, 20)}});
    window->document()->moveNodes({{QStringLiteral("conv1"), QPointF(30, 40)}});
    QVERIFY(!window->document()->undoStack()->isClean());
    window.reset();  // signals of the document and its undo stack must not reach the dying window
    QVERIFY(true);
  }
};

QTEST_MAIN(ProjectSafetyTest)
#include "project_safety_test.moc"
