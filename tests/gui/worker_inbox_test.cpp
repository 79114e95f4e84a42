// WorkerInbox: a worker thread's progress reaches the GUI thread in order, never after the
// receiver is gone (widgets/worker_inbox.h). The studio's search, explorer and export
// dialog hand their results over through it.
#include <QPointer>
#include <QTimer>
#include <QtTest>
#include <thread>
#include <vector>

#include "widgets/worker_inbox.h"

using tinyforge::WorkerInbox;

class WorkerInboxTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void closuresFromAWorkerRunOnTheGuiThreadInTheOrderPosted() {
    QObject owner;
    auto* inbox = new WorkerInbox(&owner);
    std::vector<int> values;
    bool all_on_gui_thread = true;
    const auto gui_thread = std::this_thread::get_id();
    std::thread worker([sender = inbox->sender(), &values, &all_on_gui_thread, gui_thread] {
      for (int i = 0; i < 1000; ++i)
        sender.post([i, &values, &all_on_gui_thread, gui_thread] {
          values.push_back(i);
          all_on_gui_thread = all_on_gui_thread && std::this_thread::get_id() == gui_thread;
        });
    });
    worker.join();
    QTRY_COMPARE(values.size(), size_t(1000));
    QVERIFY(all_on_gui_thread);
    for (int i = 0; i < 1000; ++i) QCOMPARE(values[static_cast<size_t>(i)], i);
    // With no sender left and nothing queued, the inbox stops polling.
    QTRY_VERIFY(!inbox->findChild<QTimer*>()->isActive());
  }

  void aClosurePostedAfterTheReceiverIsGoneIsDropped() {
    auto* owner = new QObject;
    auto* inbox = new WorkerInbox(owner);
    const WorkerInbox::Sender sender = inbox->sender();
    bool ran = false;
    sender.post([&ran] { ran = true; });  // queued, then the receiver goes
    delete owner;
    sender.post([&ran] { ran = true; });  // after: dropped
    QTest::qWait(50);
    QVERIFY(!ran);
  }

  void aClosureThatDeletesTheReceiverEndsTheDrain() {
    auto* owner = new QObject;
    auto* inbox = new WorkerInbox(owner);
    int ran = 0;
    {
      const WorkerInbox::Sender sender = inbox->sender();
      sender.post([&ran, owner] {
        ++ran;
        delete owner;
      });
      sender.post([&ran] { ++ran; });
    }
    QPointer<QObject> alive(owner);
    QTRY_VERIFY(!alive);
    QTest::qWait(50);
    QCOMPARE(ran, 1);
  }
};

QTEST_GUILESS_MAIN(WorkerInboxTest)
#include "worker_inbox_test.moc"
