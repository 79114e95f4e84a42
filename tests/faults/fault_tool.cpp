// The writes the studio and the search make, one per command, so tests/faults/ can run each
// under an injected fault (fault_preload.c, RLIMIT_FSIZE) or kill it with SIGKILL mid-write:
//   fault_tool project-save GRAPH.json PROJECT.tfproj   save a project (a new revision)
//   fault_tool project-load PROJECT.tfproj              print "graph=NAME revisions=N" and any note
//   fault_tool autosave DIR GRAPH_A.json GRAPH_B.json   autosave A, then B under the fault
//                                                       (TINYFORGE_FAULT_PATH_LATER), print the path
//   fault_tool recover DIR                              what a studio starting on DIR does: remove
//                                                       unfinished autosaves ("removed=N"), list
//                                                       the orphans ("orphan=PATH")
//   fault_tool feature-cache PATH LIMIT_BYTES          write a cache, then another under RLIMIT_FSIZE
//   fault_tool feature-cache-write PATH SAMPLES         write a cache of SAMPLES samples (490 floats each)
//   fault_tool graph-save GRAPH.json OUT.json           save a graph as JSON
//   fault_tool hold-lock PROJECT.tfproj READY_FILE      lock like a studio, create READY_FILE, sleep
//   fault_tool take-lock PROJECT.tfproj                 try to lock; print the message; 3 if held
// Exit 0 on success, 1 with the error message on stderr.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "app/studio/autosave.h"
#include "core/data/dataset.h"
#include "core/data/feature_cache.h"
#include "core/graph/graph_json.h"
#include "widgets/project_lock.h"
#include "widgets/project_store.h"

using namespace tinyforge;

namespace {

ProjectData projectOf(const std::string& graph_path) {
  ProjectData project;
  project.graph = loadGraphJson(graph_path);
  project.boards = {QStringLiteral("stm32f746zg")};
  project.notes = QStringLiteral("written by fault_tool");
  return project;
}

Dataset datasetOf(int samples, float value) {
  Dataset dataset({"yes", "no"}, FeatureShape{49, 10, 1});
  for (int i = 0; i < samples; ++i)
    dataset.add(Sample{std::vector<float>(490, value + static_cast<float>(i)), i % 2}, "clip" + std::to_string(i));
  return dataset;
}

int run(const QStringList& args) {
  const QString command = args.value(1);
  const std::string a = args.value(2).toStdString(), b = args.value(3).toStdString(), c = args.value(4).toStdString();
  if (command == QLatin1String("project-save")) {
    saveProject(projectOf(a), QString::fromStdString(b));
    return 0;
  }
  if (command == QLatin1String("project-load")) {
    const ProjectData project = loadProject(QString::fromStdString(a));
    std::printf("graph=%s revisions=%d\n", project.graph.name.c_str(), projectRevisionCount(QString::fromStdString(a)));
    if (!project.recovery_note.isEmpty()) std::printf("note=%s\n", project.recovery_note.toUtf8().constData());
    return 0;
  }
  if (command == QLatin1String("autosave")) {
    Autosave autosave(QString::fromStdString(a));
    autosave.write(projectOf(b));
    std::printf("autosave=%s\n", autosave.path().toUtf8().constData());
    std::fflush(stdout);
    if (const char* later = std::getenv("TINYFORGE_FAULT_PATH_LATER")) setenv("TINYFORGE_FAULT_PATH", later, 1);
    autosave.write(projectOf(c));
    return 0;
  }
  if (command == QLatin1String("recover")) {
    const Autosave autosave(QString::fromStdString(a));
    std::printf("removed=%d\n", autosave.removeUnfinishedWrites());
    for (const QString& orphan : autosave.orphans()) std::printf("orphan=%s\n", orphan.toUtf8().constData());
    return 0;
  }
  if (command == QLatin1String("feature-cache-write")) {
    const int samples = std::stoi(b);
    writeFeatureCache(a, "key", datasetOf(samples, static_cast<float>(samples)));
    return 0;
  }
  if (command == QLatin1String("feature-cache")) {
    writeFeatureCache(a, "key", datasetOf(4, 1.0f));
    // A full disk for everything this process writes from now on (stdio's writes too,
    // which LD_PRELOAD cannot see): a write past LIMIT bytes of one file fails with EFBIG.
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{static_cast<rlim_t>(std::stoll(b)), static_cast<rlim_t>(std::stoll(b))};
    setrlimit(RLIMIT_FSIZE, &limit);
    writeFeatureCache(a, "key", datasetOf(200, 2.0f));
    return 0;
  }
  if (command == QLatin1String("graph-save")) {
    saveGraphJson(loadGraphJson(a), b);
    return 0;
  }
  if (command == QLatin1String("hold-lock")) {
    ProjectLock lock(QString::fromStdString(a));
    if (!lock.acquire()) throw std::runtime_error(lock.message().toStdString());
    std::ofstream(b) << getpid();
    for (;;) pause();
  }
  if (command == QLatin1String("take-lock")) {
    ProjectLock lock(QString::fromStdString(a));
    const bool taken = lock.acquire();
    std::printf("%s\n", lock.message().toUtf8().constData());
    return taken ? 0 : 3;
  }
  std::fprintf(stderr, "fault_tool: unknown command '%s'\n", command.toUtf8().constData());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("tinyforge-studio"));  // a studio's lock
  try {
    return run(app.arguments());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
}
