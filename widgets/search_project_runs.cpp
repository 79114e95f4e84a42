#include "widgets/search_project_runs.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>
#include <QVariant>

namespace tinyforge {
namespace {

// A read-only connection to the project file, closed again after `body`.
template <typename F>
void withProject(const QString& path, F&& body) {
  if (path.isEmpty() || !QFileInfo::exists(path)) return;
  const QString name = QUuid::createUuid().toString();
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (db.open() && db.tables().contains(QStringLiteral("search_runs"))) body(db);
  }
  QSqlDatabase::removeDatabase(name);
}

}  // namespace

QString searchConfigPath(const QString& project_path, const QString& run) {
  return project_path + QStringLiteral(".searches/") + run + QStringLiteral("/search.json");
}

std::vector<UnfinishedRun> unfinishedRuns(const QString& project_path) {
  std::vector<UnfinishedRun> out;
  withProject(project_path, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT r.name, r.status, (SELECT MAX(c.epoch) FROM search_checkpoints c WHERE "
                                   "c.run_id = r.id) FROM search_runs r WHERE r.status <> 'finished' ORDER BY r.id")))
      return;
    while (query.next()) {
      UnfinishedRun r;
      r.name = query.value(0).toString();
      r.status = query.value(1).toString();
      r.last_checkpoint_epoch = query.value(2).isNull() ? -1 : query.value(2).toInt();
      r.has_studio_config = QFileInfo::exists(searchConfigPath(project_path, r.name));
      out.push_back(r);
    }
  });
  return out;
}

bool projectHasRun(const QString& project_path, const QString& run) {
  bool exists = false;
  withProject(project_path, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM search_runs WHERE name = ?"));
    query.addBindValue(run);
    exists = query.exec() && query.next();
  });
  return exists;
}

std::vector<StoredEpoch> storedEpochs(const QString& project_path, const QString& run) {
  std::vector<StoredEpoch> out;
  withProject(project_path, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT e.epoch, e.metrics FROM search_epochs e JOIN search_runs r ON r.id = e.run_id "
                                 "WHERE r.name = ? ORDER BY e.epoch"));
    query.addBindValue(run);
    if (!query.exec()) return;
    while (query.next())
      out.push_back({query.value(0).toInt(), QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object()});
  });
  return out;
}

QString uniqueRunName(const QString& project_path) {
  QStringList taken;
  withProject(project_path, [&](QSqlDatabase db) {
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT name FROM search_runs")))
      while (query.next()) taken << query.value(0).toString();
  });
  for (int i = 1;; ++i) {
    const QString name = QStringLiteral("search-%1").arg(i);
    if (!taken.contains(name) && !QFileInfo::exists(searchConfigPath(project_path, name))) return name;
  }
}

QJsonObject searchConfigToJson(const SearchConfig& c) {
  QJsonObject budgets{{QStringLiteral("sram_bytes"), double(c.budgets.sram_bytes)},
                      {QStringLiteral("flash_bytes"), double(c.budgets.flash_bytes)},
                      {QStringLiteral("latency_ms"), c.budgets.latency_ms},
                      {QStringLiteral("ops"), double(c.budgets.ops)},
                      {QStringLiteral("sram_planner"), QString::fromStdString(c.budgets.sram_planner)}};
  QJsonObject synthetic{{QStringLiteral("train"), c.synthetic.train},
                        {QStringLiteral("validation"), c.synthetic.validation},
                        {QStringLiteral("test"), c.synthetic.test},
                        {QStringLiteral("classes"), c.synthetic.classes},
                        {QStringLiteral("noise"), c.synthetic.noise}};
  QJsonObject j{{QStringLiteral("name"), QString::fromStdString(c.name)},
                {QStringLiteral("backbone"), QString::fromStdString(c.backbone)},
                {QStringLiteral("data"), QString::fromStdString(c.data)},
                {QStringLiteral("board"), QString::fromStdString(c.board)},
                {QStringLiteral("runtime"), QString::fromStdString(c.runtime)},
                {QStringLiteral("project"), QString::fromStdString(c.project)},
                {QStringLiteral("budgets"), budgets},
                {QStringLiteral("epochs"), c.epochs},
                {QStringLiteral("warmup_epochs"), c.warmup_epochs},
                {QStringLiteral("finetune_epochs"), c.finetune_epochs},
                {QStringLiteral("batch_size"), c.batch_size},
                {QStringLiteral("lr"), c.lr},
                {QStringLiteral("lr_final"), c.lr_final},
                {QStringLiteral("arch_lr"), c.arch_lr},
                {QStringLiteral("weight_decay"), c.weight_decay},
                {QStringLiteral("temperature"), QJsonArray{c.temperature_start, c.temperature_end}},
                {QStringLiteral("penalty"), c.penalty},
                {QStringLiteral("weight_bits"), c.weight_bits},
                {QStringLiteral("fake_quant"), c.fake_quant},
                {QStringLiteral("seed"), double(c.seed)},
                {QStringLiteral("threads"), c.threads},
                {QStringLiteral("max_steps_per_epoch"), c.max_steps_per_epoch},
                {QStringLiteral("synthetic"), synthetic}};
  j.insert(QStringLiteral("strategy"), QString::fromStdString(c.strategy));
  if (c.strategy == "evolution") {
    QJsonObject evolution{{QStringLiteral("population"), c.evolution.population},
                          {QStringLiteral("parents"), c.evolution.parents},
                          {QStringLiteral("mutation_children"), c.evolution.mutation_children},
                          {QStringLiteral("crossover_children"), c.evolution.crossover_children},
                          {QStringLiteral("mutation_probability"), c.evolution.mutation_probability},
                          {QStringLiteral("iterations"), c.evolution.iterations},
                          {QStringLiteral("calibration_batches"), c.evolution.calibration_batches},
                          {QStringLiteral("max_attempts"), c.evolution.max_attempts}};
    if (!c.from_run.empty()) evolution.insert(QStringLiteral("from_run"), QString::fromStdString(c.from_run));
    j.insert(QStringLiteral("evolution"), evolution);
  }
  if (!c.data_cache.empty()) j.insert(QStringLiteral("data_cache"), QString::fromStdString(c.data_cache));
  return j;
}

}  // namespace tinyforge
