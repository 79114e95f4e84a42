#include "widgets/search_workers.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tinyforge {

SearchWorkers::SearchWorkers(QObject* parent) : QObject(parent) {}

SearchWorkers::~SearchWorkers() { stop(); }

int SearchWorkers::freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

QString SearchWorkers::cliPath() {
  const QString from_env = qEnvironmentVariable("TINYFORGE_CLI");
  if (!from_env.isEmpty()) return from_env;
  const QString dir = QCoreApplication::applicationDirPath();
  for (const QString& candidate : {dir + QStringLiteral("/tinyforge"), dir + QStringLiteral("/../tinyforge")})
    if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).absoluteFilePath();
  return QStandardPaths::findExecutable(QStringLiteral("tinyforge"));
}

bool SearchWorkers::start(const QString& config_path, int world_size, int port, QString* error) {
  stop();
  const QString cli = cliPath();
  if (cli.isEmpty()) {
    if (error) *error = tr("Worker processes need the tinyforge command line tool beside the studio or on PATH.");
    return false;
  }
  pending_.assign(static_cast<size_t>(world_size), {});
  errors_.assign(static_cast<size_t>(world_size), {});
  for (int rank = 1; rank < world_size; ++rank) {
    auto* process = new QProcess(this);
    process->setProgram(cli);
    process->setArguments({QStringLiteral("search"), config_path, QStringLiteral("--json"), QStringLiteral("--world-size"),
                           QString::number(world_size), QStringLiteral("--rank"), QString::number(rank),
                           QStringLiteral("--master"), QStringLiteral("127.0.0.1:%1").arg(port)});
    connect(process, &QProcess::readyReadStandardOutput, this, [this, rank] { readLines(rank); });
    connect(process, &QProcess::readyReadStandardError, this, [this, rank, process] {
      const QString text = QString::fromUtf8(process->readAllStandardError());
      for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.startsWith(QLatin1String("tinyforge: "))) errors_[static_cast<size_t>(rank)] = line.mid(11);
    });
    connect(process, &QProcess::finished, this, [this, rank, process](int code, QProcess::ExitStatus status) {
      readLines(rank);
      const int exit_code = status == QProcess::CrashExit ? -1 : code;
      Q_EMIT rankEnded(rank, exit_code, errors_[static_cast<size_t>(rank)]);
      (void)process;
    });
    processes_.push_back(process);
    process->start();
  }
  return true;
}

void SearchWorkers::stop() {
  for (QProcess* process : processes_) {
    if (process->state() != QProcess::NotRunning) {
      process->kill();
      process->waitForFinished(5000);
    }
    process->deleteLater();
  }
  processes_.clear();
}

bool SearchWorkers::running() const {
  for (const QProcess* process : processes_)
    if (process->state() != QProcess::NotRunning) return true;
  return false;
}

QString SearchWorkers::lastError(int rank) const {
  return rank >= 0 && static_cast<size_t>(rank) < errors_.size() ? errors_[static_cast<size_t>(rank)] : QString();
}

void SearchWorkers::readLines(int rank) {
  QProcess* process = processes_.at(static_cast<size_t>(rank - 1));
  QByteArray& pending = pending_[static_cast<size_t>(rank)];
  pending += process->readAllStandardOutput();
  int newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const QJsonObject e = QJsonDocument::fromJson(pending.left(newline)).object();
    pending.remove(0, newline + 1);
    const QString kind = e.value(QStringLiteral("event")).toString();
    if (kind == QLatin1String("step") || kind == QLatin1String("epoch")) {
      Q_EMIT rankProgress(rank, tr("epoch %1/%2 %3, step %4/%5, loss %6")
                                    .arg(e.value(QStringLiteral("epoch")).toInt() + 1)
                                    .arg(e.value(QStringLiteral("epochs")).toInt())
                                    .arg(e.value(QStringLiteral("phase")).toString())
                                    .arg(e.value(QStringLiteral("step")).toInt())
                                    .arg(e.value(QStringLiteral("steps")).toInt())
                                    .arg(e.value(QStringLiteral("train_loss")).toDouble(), 0, 'f', 3));
    } else if (kind == QLatin1String("rank_finished")) {
      Q_EMIT rankProgress(rank, tr("finished its part (rank 0 writes the model)"));
    }
  }
}

}  // namespace tinyforge
