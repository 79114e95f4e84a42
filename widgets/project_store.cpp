#include "widgets/project_store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <nlohmann/json.hpp>

#include "core/boards/board_json.h"
#include "core/graph/graph_json.h"

namespace tinyforge {
namespace {

// QSqlDatabase connections are named globally; each open gets its own and removes it.
class Connection {
 public:
  Connection(const QString& path, bool read_only) : name_(QUuid::createUuid().toString()) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
    db.setDatabaseName(path);
    if (read_only) db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
      const QString reason = db.lastError().text();
      fail(path, reason);
    }
  }
  ~Connection() {
    {
      QSqlDatabase db = QSqlDatabase::database(name_, false);
      db.close();
    }
    QSqlDatabase::removeDatabase(name_);
  }
  QSqlDatabase db() const { return QSqlDatabase::database(name_, false); }
  [[noreturn]] static void fail(const QString& path, const QString& reason) {
    throw ProjectError(QStringLiteral("%1: %2").arg(path, reason).toStdString());
  }

 private:
  QString name_;
};

void exec(QSqlQuery& query, const QString& path) {
  if (!query.exec()) Connection::fail(path, query.lastError().text());
}

void exec(QSqlDatabase db, const QString& sql, const QString& path) {
  QSqlQuery query(db);
  if (!query.exec(sql)) Connection::fail(path, query.lastError().text() + QStringLiteral(" (") + sql + QStringLiteral(")"));
}

QByteArray positionsToJson(const NodePositions& positions) {
  QJsonObject object;
  for (auto it = positions.begin(); it != positions.end(); ++it) {
    object.insert(it.key(), QJsonArray{it.value().x(), it.value().y()});
  }
  return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

NodePositions positionsFromJson(const QByteArray& text, const QString& path) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(text, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject()) {
    Connection::fail(path, QStringLiteral("the canvas layout is damaged (%1)").arg(error.errorString()));
  }
  NodePositions positions;
  const QJsonObject object = document.object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    const QJsonArray xy = it.value().toArray();
    if (xy.size() == 2) positions.insert(it.key(), QPointF(xy[0].toDouble(), xy[1].toDouble()));
  }
  return positions;
}

const char* kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS graph_revisions (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT NULL "
    "DEFAULT CURRENT_TIMESTAMP, name TEXT NOT NULL, graph_json TEXT NOT NULL, layout_json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS chosen_boards (position INTEGER PRIMARY KEY, board_id TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS custom_boards (id TEXT PRIMARY KEY, board_json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)",
};

}  // namespace

ProjectData loadProject(const QString& path) {
  if (!QFileInfo::exists(path)) Connection::fail(path, QStringLiteral("no such file"));
  // An interrupted save leaves a "hot" journal holding the pages as they were before it.
  // SQLite puts them back on the first open that may write; a read-only open refuses the
  // file instead ("attempt to write a readonly database"). So the journal is rolled back
  // here, which changes the file only back to its last complete save.
  const QString journal = path + QStringLiteral("-journal");
  QString recovery_note;
  if (QFileInfo(journal).size() > 0) {
    {
      Connection repair(path, /*read_only=*/false);
      QSqlQuery touch(repair.db());
      touch.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));  // the first read rolls back
    }
    if (QFileInfo(journal).size() == 0) {
      recovery_note = QStringLiteral("The last save of %1 did not finish (TinyForge was stopped or the disk was full); "
                                     "the project is as it was saved before it.")
                          .arg(QFileInfo(path).fileName());
    }
  }
  Connection connection(path, /*read_only=*/true);
  QSqlDatabase db = connection.db();
  ProjectData project;

  QSqlQuery meta(db);
  if (!meta.exec(QStringLiteral("SELECT key, value FROM meta"))) {
    Connection::fail(path, QStringLiteral("not a TinyForge project (%1)").arg(meta.lastError().text()));
  }
  QHash<QString, QString> values;
  while (meta.next()) values.insert(meta.value(0).toString(), meta.value(1).toString());
  if (values.value(QStringLiteral("format")) != QLatin1String(kProjectFormat)) {
    Connection::fail(path, QStringLiteral("not a TinyForge project (no 'format' entry)"));
  }
  const int version = values.value(QStringLiteral("version")).toInt();
  if (version > kProjectVersion) {
    Connection::fail(path, QStringLiteral("written by a newer TinyForge (project version %1, this one reads %2)")
                               .arg(version)
                               .arg(kProjectVersion));
  }
  project.runtime = values.value(QStringLiteral("runtime"), project.runtime);
  project.latency_budget_ms = values.value(QStringLiteral("latency_budget_ms"), QStringLiteral("0")).toDouble();
  project.energy_budget_mj = values.value(QStringLiteral("energy_budget_mj"), QStringLiteral("0")).toDouble();
  project.patches = values.value(QStringLiteral("patches"), QStringLiteral("none"));
  project.patch_mac_limit_percent =
      values.value(QStringLiteral("patch_mac_limit_percent"), QStringLiteral("20")).toDouble();
  project.original_path = values.value(QStringLiteral("original_path"));

  QSqlQuery graph(db);
  if (!graph.exec(QStringLiteral("SELECT graph_json, layout_json FROM graph_revisions ORDER BY id DESC LIMIT 1"))) {
    Connection::fail(path, graph.lastError().text());
  }
  if (!graph.next()) Connection::fail(path, QStringLiteral("the project holds no graph"));
  try {
    project.graph = graphFromJsonText(graph.value(0).toString().toStdString(), path.toStdString() + ":graph");
  } catch (const std::exception& error) {
    throw ProjectError(error.what());
  }
  project.positions = positionsFromJson(graph.value(1).toByteArray(), path);

  QSqlQuery boards(db);
  if (!boards.exec(QStringLiteral("SELECT board_id FROM chosen_boards ORDER BY position"))) {
    Connection::fail(path, boards.lastError().text());
  }
  while (boards.next()) project.boards << boards.value(0).toString();

  QSqlQuery custom(db);
  if (!custom.exec(QStringLiteral("SELECT id, board_json FROM custom_boards ORDER BY id"))) {
    Connection::fail(path, custom.lastError().text());
  }
  while (custom.next()) {
    const std::string where = path.toStdString() + ": custom board '" + custom.value(0).toString().toStdString() + "'";
    try {
      project.custom_boards.push_back(boardFromJson(nlohmann::json::parse(custom.value(1).toString().toStdString()), where));
    } catch (const nlohmann::json::exception& error) {
      throw ProjectError(where + ": " + error.what());
    } catch (const std::exception& error) {
      throw ProjectError(error.what());
    }
  }

  QSqlQuery notes(db);
  if (!notes.exec(QStringLiteral("SELECT text FROM notes ORDER BY id"))) Connection::fail(path, notes.lastError().text());
  QStringList note_texts;
  while (notes.next()) note_texts << notes.value(0).toString();
  project.notes = note_texts.join(QLatin1Char('\n'));
  project.recovery_note = recovery_note;
  return project;
}

void saveProject(const ProjectData& project, const QString& path) {
  // An existing file must be one of ours: saving never turns a foreign file into a project.
  if (QFileInfo::exists(path) && QFileInfo(path).size() > 0) {
    try {
      loadProject(path);
    } catch (const ProjectError& error) {
      throw ProjectError(QStringLiteral("%1: refusing to overwrite a file that is not a readable TinyForge project (%2)")
                             .arg(path, QString::fromUtf8(error.what()))
                             .toStdString());
    }
  }
  const std::string graph_json = graphToJsonText(project.graph);
  Connection connection(path, /*read_only=*/false);
  QSqlDatabase db = connection.db();
  for (const char* statement : kSchema) exec(db, QString::fromLatin1(statement), path);
  if (!db.transaction()) Connection::fail(path, db.lastError().text());
  try {
    exec(db, QStringLiteral("DELETE FROM meta"), path);
    QSqlQuery meta(db);
    meta.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    const QList<QPair<QString, QString>> entries = {
        {QStringLiteral("format"), QString::fromLatin1(kProjectFormat)},
        {QStringLiteral("version"), QString::number(kProjectVersion)},
        {QStringLiteral("runtime"), project.runtime},
        {QStringLiteral("latency_budget_ms"), QString::number(project.latency_budget_ms, 'g', 17)},
        {QStringLiteral("energy_budget_mj"), QString::number(project.energy_budget_mj, 'g', 17)},
        {QStringLiteral("patches"), project.patches},
        {QStringLiteral("patch_mac_limit_percent"), QString::number(project.patch_mac_limit_percent, 'g', 17)},
        {QStringLiteral("original_path"), project.original_path},
    };
    for (const auto& [key, value] : entries) {
      meta.addBindValue(key);
      meta.addBindValue(value.isNull() ? QString(QLatin1String("")) : value);  // a null QString binds as NULL
      exec(meta, path);
    }
    QSqlQuery graph(db);
    graph.prepare(QStringLiteral("INSERT INTO graph_revisions (name, graph_json, layout_json) VALUES (?, ?, ?)"));
    graph.addBindValue(QString::fromStdString(project.graph.name));
    graph.addBindValue(QString::fromStdString(graph_json));
    graph.addBindValue(QString::fromUtf8(positionsToJson(project.positions)));
    exec(graph, path);

    exec(db, QStringLiteral("DELETE FROM chosen_boards"), path);
    QSqlQuery boards(db);
    boards.prepare(QStringLiteral("INSERT INTO chosen_boards (position, board_id) VALUES (?, ?)"));
    for (int i = 0; i < project.boards.size(); ++i) {
      boards.addBindValue(i);
      boards.addBindValue(project.boards[i]);
      exec(boards, path);
    }
    exec(db, QStringLiteral("DELETE FROM custom_boards"), path);
    QSqlQuery custom(db);
    custom.prepare(QStringLiteral("INSERT INTO custom_boards (id, board_json) VALUES (?, ?)"));
    for (const Board& board : project.custom_boards) {
      custom.addBindValue(QString::fromStdString(board.id));
      custom.addBindValue(QString::fromStdString(boardToJson(board).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
      exec(custom, path);
    }
    exec(db, QStringLiteral("DELETE FROM notes"), path);
    if (!project.notes.isEmpty()) {
      QSqlQuery notes(db);
      notes.prepare(QStringLiteral("INSERT INTO notes (id, text) VALUES (1, ?)"));
      notes.addBindValue(project.notes);
      exec(notes, path);
    }
    if (!db.commit()) Connection::fail(path, db.lastError().text());
  } catch (...) {
    db.rollback();
    throw;
  }
}

int projectRevisionCount(const QString& path) {
  Connection connection(path, /*read_only=*/true);
  QSqlQuery query(connection.db());
  if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM graph_revisions")) || !query.next()) return 0;
  return query.value(0).toInt();
}

}  // namespace tinyforge
