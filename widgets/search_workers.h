#pragma once
// The other ranks of a search the studio runs on several local processes: rank 0 trains in
// the studio (SearchRunner, which reports candidates and charts as for one process), ranks
// 1..N-1 are `tinyforge search CONFIG --json --world-size N --rank R --master 127.0.0.1:PORT`
// processes whose JSON lines this class reads for each rank's progress. The ranks agree on
// the config through the CLI config the panel writes beside the project (docs/dnas.md).

#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

class QProcess;

namespace tinyforge {

class SearchWorkers : public QObject {
  Q_OBJECT

 public:
  explicit SearchWorkers(QObject* parent = nullptr);
  ~SearchWorkers() override;  // kills ranks still running

  // A port nothing listens on now on 127.0.0.1 (0 if none).
  static int freeLoopbackPort();
  // The tinyforge CLI: $TINYFORGE_CLI, else beside the studio (or one folder up), else PATH.
  static QString cliPath();

  // Starts ranks 1..world_size-1 on `config_path`; false (with `error`) if the CLI is missing.
  bool start(const QString& config_path, int world_size, int port, QString* error);
  // Kills the ranks that still run (rank 0 failed or was stopped before they could finish).
  void stop();
  bool running() const;
  int worldSize() const { return static_cast<int>(processes_.size()) + 1; }
  // The last line of each rank's stderr (why it stopped), "" while fine.
  QString lastError(int rank) const;

 Q_SIGNALS:
  // A rank's step/epoch/finish as a short text ("epoch 2/4 search, step 3/6, loss 1.234").
  void rankProgress(int rank, const QString& text);
  void rankEnded(int rank, int exit_code, const QString& error);

 private:
  void readLines(int rank);

  std::vector<QProcess*> processes_;  // index = rank - 1
  std::vector<QByteArray> pending_;
  std::vector<QString> errors_;
};

}  // namespace tinyforge
