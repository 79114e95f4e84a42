#include "widgets/search_config_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/boards/board_library.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_document.h"
#include "widgets/search_engine.h"
#include "widgets/units_text.h"

namespace tinyforge {

SearchConfigForm::SearchConfigForm(GraphDocument* document, EstimateService* estimates, QWidget* parent)
    : QWidget(parent), document_(document), estimates_(estimates) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* box = new QGroupBox(tr("Search the canvas's backbone"));
  outer->addWidget(box);
  auto* form = new QFormLayout(box);
  name_ = new QLineEdit;
  name_->setObjectName(QStringLiteral("runName"));
  name_->setPlaceholderText(tr("automatic"));
  name_->setToolTip(tr("The run's name in the project (letters, digits, - and _); empty: the next free search-N"));
  form->addRow(tr("Run name"), name_);
  connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) { user_name_ = text; });
  data_ = new QComboBox;
  data_->addItem(tr("Synthetic patterns"), QStringLiteral("synthetic"));
  data_->setItemData(0, tr("A learnable pattern task generated on the fly: seconds per epoch, for trying things out"),
                     Qt::ToolTipRole);
  data_->addItem(tr("Synthesized keywords"), QStringLiteral("synth-kws"));
  data_->setItemData(1, tr("Spoken keywords synthesized once with espeak-ng and sox, read as Speech Commands"),
                     Qt::ToolTipRole);
  data_->addItem(tr("Speech Commands folder"), QStringLiteral("folder"));
  form->addRow(tr("Data"), data_);
  auto* folder_row = new QHBoxLayout;
  data_folder_ = new QLineEdit;
  data_folder_->setPlaceholderText(tr("one sub-folder per keyword"));
  auto* browse = new QPushButton(tr("Browse\u2026"));
  browse_ = browse;
  folder_row->addWidget(data_folder_);
  folder_row->addWidget(browse);
  form->addRow(QString(), folder_row);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data folder"), data_folder_->text());
    if (!dir.isEmpty()) {
      data_folder_->setText(dir);
      data_->setCurrentIndex(data_->findData(QStringLiteral("folder")));
    }
  });
  const auto folder_enabled = [this] {
    const bool folder = data_->currentData().toString() == QLatin1String("folder");
    data_folder_->setEnabled(folder && data_->isEnabled());
    browse_->setEnabled(folder && data_->isEnabled());
  };
  connect(data_, &QComboBox::currentIndexChanged, this, folder_enabled);
  folder_enabled();

  board_ = new QComboBox;
  board_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  board_->setMinimumContentsLength(16);
  form->addRow(tr("Board"), board_);
  connect(board_, &QComboBox::currentIndexChanged, this, &SearchConfigForm::updateBudgetsLabel);
  // The planner, patches and runtime decide how the budgets read the board's SRAM.
  connect(estimates_, &EstimateService::settingsChanged, this, &SearchConfigForm::updateBudgetsLabel);
  const auto budget_spin = [](int max) {
    auto* spin = new QSpinBox;
    spin->setRange(0, max);
    spin->setSuffix(QLatin1Char(' ') + unitText("KiB"));
    spin->setSpecialValueText(tr("from the board"));
    return spin;
  };
  sram_kib_ = budget_spin(1 << 20);
  flash_kib_ = budget_spin(1 << 22);
  latency_ms_ = new QDoubleSpinBox;
  latency_ms_->setRange(0, 1e6);
  latency_ms_->setDecimals(1);
  latency_ms_->setSuffix(QLatin1Char(' ') + unitText("ms"));
  latency_ms_->setSpecialValueText(tr("none"));
  form->addRow(tr("SRAM budget"), sram_kib_);
  form->addRow(tr("Flash budget"), flash_kib_);
  form->addRow(tr("Latency budget"), latency_ms_);
  for (QAbstractSpinBox* spin : {static_cast<QAbstractSpinBox*>(sram_kib_), static_cast<QAbstractSpinBox*>(flash_kib_),
                                 static_cast<QAbstractSpinBox*>(latency_ms_)})
    connect(spin, &QAbstractSpinBox::editingFinished, this, &SearchConfigForm::updateBudgetsLabel);
  budgets_label_ = new QLabel;
  budgets_label_->setWordWrap(true);
  form->addRow(QString(), budgets_label_);

  const SearchConfig defaults;
  const auto int_spin = [](int lo, int hi, int value) {
    auto* spin = new QSpinBox;
    spin->setRange(lo, hi);
    spin->setValue(value);
    return spin;
  };
  epochs_ = int_spin(1, 1000, defaults.epochs);
  warmup_ = int_spin(0, 1000, defaults.warmup_epochs);
  warmup_->setObjectName(QStringLiteral("warmupEpochs"));
  finetune_ = int_spin(0, 1000, defaults.finetune_epochs);
  batch_ = int_spin(1, 4096, defaults.batch_size);
  steps_ = int_spin(0, 1000000, 0);
  steps_->setSpecialValueText(tr("whole train split"));
  seed_ = int_spin(0, 1 << 30, static_cast<int>(defaults.seed));
  form->addRow(tr("Search epochs"), epochs_);
  form->addRow(tr("of which warm-up"), warmup_);
  form->addRow(tr("Fine-tune epochs"), finetune_);
  form->addRow(tr("Batch size"), batch_);
  form->addRow(tr("Steps per epoch"), steps_);
  form->addRow(tr("Seed"), seed_);

  strategy_ = new QComboBox;
  strategy_->setObjectName(QStringLiteral("searchStrategy"));
  strategy_->addItem(tr("DNAS (differentiable)"), QStringLiteral("dnas"));
  strategy_->setItemData(0, tr("MicroNets' differentiable search: architecture parameters trained with the weights"),
                         Qt::ToolTipRole);
  strategy_->addItem(tr("Evolution on the trained supernet"), QStringLiteral("evolution"));
  strategy_->setItemData(1,
                         tr("MCUNet's evolutionary search: the supernet is trained on random architectures, then "
                            "generations of architectures that the estimator says fit the board are measured with "
                            "its shared weights"),
                         Qt::ToolTipRole);
  form->insertRow(1, tr("Strategy"), strategy_);
  const EvolutionOptions evolution;
  population_ = int_spin(1, 100000, evolution.population);
  population_->setObjectName(QStringLiteral("evolutionPopulation"));
  parents_ = int_spin(1, 100000, evolution.parents);
  children_ = int_spin(0, 100000, evolution.mutation_children + evolution.crossover_children);
  children_->setToolTip(tr("Children per generation: half by mutation, half by crossover"));
  generations_ = int_spin(0, 10000, evolution.iterations);
  generations_->setObjectName(QStringLiteral("evolutionGenerations"));
  form->addRow(tr("Population"), population_);
  form->addRow(tr("Parents kept"), parents_);
  form->addRow(tr("Children per generation"), children_);
  form->addRow(tr("Generations"), generations_);
  connect(strategy_, &QComboBox::currentIndexChanged, this, &SearchConfigForm::updateStrategyFields);
  updateStrategyFields();
}

void SearchConfigForm::updateStrategyFields() {
  const bool evolution = strategy_->currentData().toString() == QLatin1String("evolution");
  for (QWidget* w : std::initializer_list<QWidget*>{population_, parents_, children_, generations_})
    w->setEnabled(editable_ && evolution);
  warmup_->setEnabled(editable_ && !evolution);
}

void SearchConfigForm::refreshBoards() {
  // Custom boards may have been added or removed: keep the pick, refresh the list.
  const QString current = board_->currentData().toString();
  const QSignalBlocker block(board_);
  board_->clear();
  for (const Board& board : estimates_->boards().boards())
    board_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(board.part), QString::fromStdString(board.core)),
                    QString::fromStdString(board.id));
  int index = board_->findData(current);
  if (index < 0 && !estimates_->chosenBoards().isEmpty()) index = board_->findData(estimates_->chosenBoards().front());
  board_->setCurrentIndex(std::max(0, index));
  updateBudgetsLabel();
}

std::string SearchConfigForm::sramPlanner() const {
  // As the dashboard measures SRAM: its planner, and patches where the generated C runs them.
  if (estimates_->patches().mode != PatchRequest::Mode::None && estimates_->runtime() == RuntimeKind::TinyforgeC)
    return "patches";
  return toString(estimates_->planner());
}

SearchConfig SearchConfigForm::config() const {
  SearchConfig c;
  c.name = name_->text().trimmed().toStdString();
  const QString data = data_->currentData().toString();
  c.data = (data == QLatin1String("folder") ? data_folder_->text().trimmed() : data).toStdString();
  c.board = board_->currentData().toString().toStdString();
  c.runtime = toString(estimates_->runtime());
  c.budgets.sram_bytes = int64_t(sram_kib_->value()) * 1024;
  c.budgets.flash_bytes = int64_t(flash_kib_->value()) * 1024;
  c.budgets.latency_ms = latency_ms_->value();
  c.budgets.sram_planner = sramPlanner();
  c.epochs = epochs_->value();
  c.warmup_epochs = std::min(warmup_->value(), c.epochs);
  c.finetune_epochs = finetune_->value();
  c.batch_size = batch_->value();
  c.max_steps_per_epoch = steps_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  c.strategy = strategy_->currentData().toString().toStdString();
  c.evolution.population = population_->value();
  c.evolution.parents = std::min(parents_->value(), c.evolution.population);
  c.evolution.mutation_children = children_->value() / 2;
  c.evolution.crossover_children = children_->value() - children_->value() / 2;
  c.evolution.iterations = generations_->value();
  // One core stays with the GUI: training slows 10-25x when it competes for it.
  c.threads = 1;
  if (const int classes = outputClasses(document_->graph()); classes > 1) c.synthetic.classes = classes;
  return c;
}

void SearchConfigForm::showConfig(const SearchConfig& c) {
  const QSignalBlocker block_board(board_);
  name_->setText(QString::fromStdString(c.name));
  const int data = data_->findData(QString::fromStdString(c.data));
  data_->setCurrentIndex(data >= 0 ? data : data_->findData(QStringLiteral("folder")));
  if (data < 0) data_folder_->setText(QString::fromStdString(c.data));
  if (const int board = board_->findData(QString::fromStdString(c.board)); board >= 0) board_->setCurrentIndex(board);
  sram_kib_->setValue(static_cast<int>(c.budgets.sram_bytes / 1024));
  flash_kib_->setValue(static_cast<int>(c.budgets.flash_bytes / 1024));
  latency_ms_->setValue(c.budgets.latency_ms);
  epochs_->setValue(c.epochs);
  warmup_->setValue(c.warmup_epochs);
  finetune_->setValue(c.finetune_epochs);
  batch_->setValue(c.batch_size);
  steps_->setValue(c.max_steps_per_epoch);
  seed_->setValue(static_cast<int>(c.seed));
  strategy_->setCurrentIndex(std::max(0, strategy_->findData(QString::fromStdString(c.strategy))));
  population_->setValue(c.evolution.population);
  parents_->setValue(c.evolution.parents);
  children_->setValue(c.evolution.mutation_children + c.evolution.crossover_children);
  generations_->setValue(c.evolution.iterations);
}

void SearchConfigForm::restoreUserName() { name_->setText(user_name_); }

void SearchConfigForm::setEditable(bool editable) {
  for (QWidget* w : std::initializer_list<QWidget*>{name_, data_, board_, sram_kib_, flash_kib_, latency_ms_, epochs_,
                                                    warmup_, finetune_, batch_, steps_, seed_, strategy_})
    w->setEnabled(editable);
  editable_ = editable;
  updateStrategyFields();
  const bool folder = data_->currentData().toString() == QLatin1String("folder");
  data_folder_->setEnabled(editable && folder);
  browse_->setEnabled(editable && folder);
}

void SearchConfigForm::updateBudgetsLabel() {
  const std::string board = board_->currentData().toString().toStdString();
  if (board.empty()) return;
  SearchBudgets requested;
  requested.sram_bytes = int64_t(sram_kib_->value()) * 1024;
  requested.flash_bytes = int64_t(flash_kib_->value()) * 1024;
  requested.latency_ms = latency_ms_->value();
  requested.sram_planner = sramPlanner();
  try {
    const DerivedBudgets b =
        searchBudgetsFor(document_->graph(), estimates_->boards(), board, toString(estimates_->runtime()), requested);
    const QString planner = requested.sram_planner == "patches" ? tr("patch-based inference (auto), eq. 3 per patch")
                            : requested.sram_planner == "best" ? tr("the best planner with reordering")
                                                               : tr("TFLM's greedy plan");
    budgets_label_->setText(tr("The search's budgets: activations (eq. 3) %1, weights (eq. 2) %2%3; SRAM measured with %4")
                                .arg(bytesText(b.sram_bytes), bytesText(b.flash_bytes),
                                     b.ops > 0 ? tr(", %1 ops (eq. 4)").arg(countText(b.ops)) : QString(), planner));
  } catch (const std::exception& e) {
    budgets_label_->setText(tr("Budgets: %1").arg(QString::fromUtf8(e.what())));
  }
}

}  // namespace tinyforge
