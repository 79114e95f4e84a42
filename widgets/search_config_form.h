#pragma once
// The search tab's form: run name, data, board, budgets (0 = from the board, with the
// budgets the search will use shown below them, MicroNets eqs. 2-4), epochs, batch size,
// steps per epoch and seed; the strategy (DNAS or evolution on the trained supernet, with
// the evolution's population, survivors, children per generation and generations). It turns into a SearchConfig and shows a running run's own
// settings (disabled) while it runs.

#include <string>

#include <QWidget>

#include "core/nas/search_job.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tinyforge {

class EstimateService;
class GraphDocument;

class SearchConfigForm : public QWidget {
  Q_OBJECT

 public:
  SearchConfigForm(GraphDocument* document, EstimateService* estimates, QWidget* parent = nullptr);

  // The form as a config (not yet written; the backbone is the canvas's graph). An empty
  // name means "automatic".
  SearchConfig config() const;
  // Shows a run's settings, its name included (while it runs or is paused).
  void showConfig(const SearchConfig& config);
  // Back to what the user set up for the next run: an automatic name stays automatic.
  void restoreUserName();
  void setEditable(bool editable);
  void refreshBoards();  // boards may have been added or removed
  QSpinBox* warmupEditor() const { return warmup_; }
  QLineEdit* nameEditor() const { return name_; }
  QComboBox* strategyEditor() const { return strategy_; }
  QSpinBox* populationEditor() const { return population_; }
  QSpinBox* generationsEditor() const { return generations_; }

 private:
  void updateBudgetsLabel();
  std::string sramPlanner() const;  // budgets.sram_planner as the dashboard measures SRAM
  void updateStrategyFields();  // evolution fields only for evolution; warm-up only for DNAS

  GraphDocument* document_;
  EstimateService* estimates_;
  QString user_name_;  // what the user typed as the run's name ("" = automatic)
  QLineEdit* name_ = nullptr;
  QComboBox* data_ = nullptr;
  QLineEdit* data_folder_ = nullptr;
  QComboBox* board_ = nullptr;
  QSpinBox* sram_kib_ = nullptr;
  QSpinBox* flash_kib_ = nullptr;
  QDoubleSpinBox* latency_ms_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* warmup_ = nullptr;
  QSpinBox* finetune_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QComboBox* strategy_ = nullptr;
  QSpinBox* population_ = nullptr;
  QSpinBox* parents_ = nullptr;
  QSpinBox* children_ = nullptr;  // per generation, half by mutation, half by crossover
  QSpinBox* generations_ = nullptr;
  bool editable_ = true;
  QLabel* budgets_label_ = nullptr;
  QWidget* browse_ = nullptr;
};

}  // namespace tinyforge
