#include "widgets/worker_inbox.h"

#include <QPointer>
#include <QTimer>

namespace tinyforge {

void WorkerInbox::Sender::post(std::function<void()> closure) const {
  const std::lock_guard lock(queue_->mutex);
  if (!queue_->closed) queue_->closures.push_back(std::move(closure));
}

WorkerInbox::WorkerInbox(QObject* parent, int poll_ms)
    : QObject(parent), queue_(std::make_shared<Queue>()), timer_(new QTimer(this)) {
  timer_->setInterval(poll_ms);
  connect(timer_, &QTimer::timeout, this, &WorkerInbox::tick);
}

WorkerInbox::~WorkerInbox() {
  const std::lock_guard lock(queue_->mutex);
  queue_->closed = true;
  queue_->closures.clear();
}

WorkerInbox::Sender WorkerInbox::sender() {
  timer_->start();
  return Sender(queue_);
}

void WorkerInbox::drain() {
  // A closure may delete this inbox (with its owner): keep the queue, and stop once `this` is gone.
  const std::shared_ptr<Queue> queue = queue_;
  const QPointer<WorkerInbox> alive(this);
  while (alive) {
    std::function<void()> closure;
    {
      const std::lock_guard lock(queue->mutex);
      if (queue->closures.empty()) return;
      closure = std::move(queue->closures.front());
      queue->closures.pop_front();
    }
    closure();
  }
}

void WorkerInbox::tick() {
  // Read before draining: once only the inbox holds the queue, nothing more can be posted,
  // so the drain leaves nothing behind and the timer may stop.
  const bool no_sender_left = queue_.use_count() == 1;
  const QPointer<WorkerInbox> alive(this);
  drain();
  if (alive && no_sender_left) timer_->stop();
}

}  // namespace tinyforge
