#pragma once
// The search runs a project file holds, read with QtSql (so listing them needs no search
// engine): unfinished runs to resume, a run's stored epochs, free run names, and the CLI
// config a run started from the studio leaves beside the project.

#include <QJsonObject>
#include <QString>
#include <vector>

#include "core/nas/search_job.h"

namespace tinyforge {

struct UnfinishedRun {
  QString name;
  QString status;
  int last_checkpoint_epoch = -1;  // -1: none yet (a resume starts over)
  bool has_studio_config = false;  // started from the studio (its search.json is beside the project)
};

struct StoredEpoch {
  int epoch = 0;
  QJsonObject metrics;  // train_loss, val_accuracy, phase, temperature, architecture, ...
};

// "<project>.searches/<run>/search.json": the CLI config of a run started in the studio.
QString searchConfigPath(const QString& project_path, const QString& run);

std::vector<UnfinishedRun> unfinishedRuns(const QString& project_path);
bool projectHasRun(const QString& project_path, const QString& run);
std::vector<StoredEpoch> storedEpochs(const QString& project_path, const QString& run);
// "search-N" with the smallest N that no stored run and no config folder uses.
QString uniqueRunName(const QString& project_path);

// A SearchConfig as the CLI's search.json (core/nas reads it back with loadSearchConfig).
QJsonObject searchConfigToJson(const SearchConfig& config);

}  // namespace tinyforge
