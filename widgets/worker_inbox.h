// WorkerInbox: how a background thread of the studio (a search, an exploration, an export)
// hands its progress and its result to the GUI thread.
//
// The worker posts closures through a Sender, from its own thread; the GUI thread runs them
// in the order posted, from a timer that ticks only while some Sender is alive or closures
// wait. Two reasons not to post them with QMetaObject::invokeMethod:
//  - The closures' captures then cross threads inside Qt's event queue, under a futex lock
//    that ThreadSanitizer cannot see in a Qt not built with it (Debian's): every hand-off
//    read as a data race, and a real one of ours would hide among them. A std::mutex it sees,
//    so the studio's threads are checked by TSan (scripts/run-sanitizers.sh thread).
//  - The worker must not touch the receiving widget, even through a QPointer, while the GUI
//    thread may delete it; a Sender only holds the queue, so a closure posted after the
//    inbox is gone is dropped, never run.
#pragma once

#include <QObject>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class QTimer;

namespace tinyforge {

class WorkerInbox : public QObject {
  Q_OBJECT

 public:
  struct Queue {
    std::mutex mutex;
    std::deque<std::function<void()>> closures;
    bool closed = false;  // the inbox is gone: drop what is posted
  };

  // A copyable handle for the worker thread.
  class Sender {
   public:
    void post(std::function<void()> closure) const;

   private:
    friend class WorkerInbox;
    explicit Sender(std::shared_ptr<Queue> queue) : queue_(std::move(queue)) {}
    std::shared_ptr<Queue> queue_;
  };

  // Closures run within `poll_ms` of being posted (the GUI thread's event loop permitting).
  explicit WorkerInbox(QObject* parent, int poll_ms = 10);
  ~WorkerInbox() override;

  // GUI thread: a handle for a worker about to start; the inbox listens until every handle
  // is gone and every closure has run.
  Sender sender();
  // GUI thread: runs every closure posted so far, now (e.g. before joining the worker).
  void drain();

 private:
  void tick();

  std::shared_ptr<Queue> queue_;
  QTimer* timer_;
};

}  // namespace tinyforge
