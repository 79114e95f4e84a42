#include "widgets/search_runner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include "core/boards/board_library.h"
#include "widgets/worker_inbox.h"

namespace tinyforge {

SearchRunner::SearchRunner(QObject* parent) : QObject(parent), inbox_(new WorkerInbox(this)) {
  qRegisterMetaType<SearchEvent>();
}

SearchRunner::~SearchRunner() {
  if (!thread_.joinable()) return;
  // The events it posted die with the inbox, unrun; only the thread must end first.
  cancel_ = true;
  thread_.join();
}

bool SearchRunner::available() {
#ifdef TINYFORGE_HAVE_SEARCH
  return true;
#else
  return false;
#endif
}

bool SearchRunner::start(const SearchConfig& config, std::shared_ptr<const BoardLibrary> boards, bool resume,
                         bool fresh, QString* error) {
  if (thread_.joinable()) {
    if (error) *error = tr("A search is already running.");
    return false;
  }
#ifndef TINYFORGE_HAVE_SEARCH
  (void)config, (void)boards, (void)resume, (void)fresh;
  if (error) *error = tr("This build of TinyForge has no search engine (it needs libtorch).");
  return false;
#else
  config_ = config;
  cancel_ = false;
  thread_ = std::thread([this, inbox = inbox_->sender(), config, boards = std::move(boards), resume, fresh,
                         distributed = distributed_] {
    const auto forward = [this, &inbox](const SearchProgress& progress) {
      SearchEvent copy;
      copy.progress = progress;
      copy.progress.candidate = nullptr;
      if (progress.candidate) copy.candidate = *progress.candidate;
      inbox.post([this, copy = std::move(copy)] { Q_EMIT event(copy); });
    };
    bool completed = false;
    QString message;
    try {
      SearchJob job(config, boards);
      job.setDistributed(distributed);
      completed = job.run(forward, &cancel_, resume, fresh).finished;
    } catch (const std::exception& e) {
      message = QString::fromUtf8(e.what());
    }
    inbox.post([this, completed, message] { onWorkerDone(completed, message); });
  });
  return true;
#endif
}

void SearchRunner::requestStop() { cancel_ = true; }

void SearchRunner::onWorkerDone(bool completed, const QString& error) {
  if (thread_.joinable()) thread_.join();
  Q_EMIT finished(completed, error);
}

bool SearchRunner::wait(int timeout_ms) {
  QDeadlineTimer deadline(timeout_ms);
  while (thread_.joinable()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(5);
  }
  return true;
}

}  // namespace tinyforge
