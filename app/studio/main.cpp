// tinyforge-studio: the desktop studio. `--screenshot FILE` renders the window to a PNG and
// exits, which works without a display (QT_QPA_PLATFORM=offscreen) for docs and CI.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <algorithm>
#include <cstdio>

#include "app/studio/main_window.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/pareto_view.h"
#include "widgets/search_panel.h"
#include "app/omp_wait_policy.h"

namespace {

void installTranslators(QApplication& app, const QString& requested) {
  QString language = requested;
  if (language.isEmpty()) language = QSettings().value(QStringLiteral("language")).toString();
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  auto* own = new QTranslator(&app);
  if (own->load(locale, QStringLiteral("tinyforge"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(own);
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(qt);
  }
}

// A short search for the documentation's screenshot: the opened backbone on synthetic
// data, three steps per epoch, paused after `epochs` epochs (the charts, the heat map and
// the derived architecture are then what a user sees mid-run).
bool runScreenshotSearch(tinyforge::MainWindow& window, int epochs, const QTemporaryDir& dir) {
  using namespace tinyforge;
  if (window.currentPath().isEmpty() && !window.saveProjectTo(dir.filePath(QStringLiteral("screenshot.tfproj")))) {
    std::fprintf(stderr, "tinyforge-studio: %s\n", qPrintable(window.lastError()));
    return false;
  }
  window.showTab(QStringLiteral("search"));
  // The charts get the whole window: the docks belong to the canvas.
  for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->hide();
  SearchPanel* panel = window.search();
  SearchConfig config = panel->configFromForm();
  config.name = "screenshot";
  config.epochs = epochs + 4;  // still searching when captured
  config.warmup_epochs = 1;
  config.finetune_epochs = 1;
  config.batch_size = 32;
  config.max_steps_per_epoch = 3;
  config.arch_lr = 0.1;  // let the probabilities move visibly in a few steps
  config.synthetic.train = 128;
  config.synthetic.validation = 64;
  config.synthetic.test = 64;
  if (!panel->start(config, /*replace_existing=*/true)) {
    std::fprintf(stderr, "tinyforge-studio: %s\n", qPrintable(panel->lastError()));
    return false;
  }
  QElapsedTimer clock;
  clock.start();
  while (panel->isRunning() && panel->pointCount(QStringLiteral("val_accuracy")) < epochs && clock.elapsed() < 300000)
    QApplication::processEvents(QEventLoop::AllEvents, 50);
  panel->pause();
  panel->waitForIdle(120000);
  if (panel->pointCount(QStringLiteral("val_accuracy")) < 1) {
    std::fprintf(stderr, "tinyforge-studio: the search produced no epoch: %s\n", qPrintable(panel->statusText()));
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // A search trains on libtorch's OpenMP threads: idle ones must sleep, not spin on the
  // core the GUI needs (see DESIGN.md).
  tinyforge::app::restartWithPassiveOpenMpWait(argv);
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("TinyForge"));
  QApplication::setApplicationName(QStringLiteral("tinyforge-studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("TinyForge Studio: design neural networks that fit microcontrollers."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot({QStringLiteral("screenshot")}, QStringLiteral("Render the window to FILE (PNG) and exit."),
                                      QStringLiteral("FILE"));
  const QCommandLineOption project({QStringLiteral("project")}, QStringLiteral("Open the project P (.tfproj)."),
                                   QStringLiteral("P"));
  const QCommandLineOption model({QStringLiteral("model")}, QStringLiteral("Open the model M (.json or .tflite)."),
                                 QStringLiteral("M"));
  const QCommandLineOption tab({QStringLiteral("tab")}, QStringLiteral("Show tab T: canvas, layers, memory, pareto, search, explore, patches, notes."),
                               QStringLiteral("T"));
  const QCommandLineOption boards({QStringLiteral("boards")}, QStringLiteral("Comma-separated board ids for the dashboard."),
                                  QStringLiteral("IDS"));
  const QCommandLineOption select({QStringLiteral("select")}, QStringLiteral("Select node N (shown in the inspector)."),
                                  QStringLiteral("N"));
  const QCommandLineOption language({QStringLiteral("lang")}, QStringLiteral("User interface language (de, zh_CN, en)."),
                                    QStringLiteral("L"));
  const QCommandLineOption target_fps({QStringLiteral("target-fps")},
                                      QStringLiteral("Set the latency budget as a target frame rate (inferences per second)."),
                                      QStringLiteral("FPS"));
  const QCommandLineOption search_epochs(
      {QStringLiteral("search-epochs")},
      QStringLiteral("With --screenshot: search the opened backbone on synthetic data (3 steps per epoch) for N epochs, "
                     "then capture the search tab mid-run."),
      QStringLiteral("N"));
  const QCommandLineOption search_run({QStringLiteral("search-run")},
                                      QStringLiteral("Show the stored search run R of the project in the search tab."),
                                      QStringLiteral("R"));
  const QCommandLineOption save_as({QStringLiteral("save-as")},
                                   QStringLiteral("Save the opened project or model as project P (.tfproj) first."),
                                   QStringLiteral("P"));
  const QCommandLineOption pareto_task({QStringLiteral("pareto-task")},
                                       QStringLiteral("Show task T in the Pareto tab (e.g. \"search: RUN\")."),
                                       QStringLiteral("T"));
  const QCommandLineOption autosave_seconds({QStringLiteral("autosave-seconds")},
                                            QStringLiteral("Autosave unsaved work every S seconds (default 30)."),
                                            QStringLiteral("S"));
  parser.addOptions({screenshot, project, model, tab, boards, select, language, target_fps, search_epochs, search_run,
                     save_as, pareto_task, autosave_seconds});
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project, graph or .tflite to open."), QStringLiteral("[file]"));
  parser.process(app);

  installTranslators(app, parser.value(language));

  const bool batch = parser.isSet(screenshot);
  tinyforge::MainWindowOptions options;
  options.interactive = !batch;
  options.keep_on_screen = !batch;
  if (parser.isSet(autosave_seconds)) {
    const double seconds = parser.value(autosave_seconds).toDouble();
    if (!(seconds >= 0.001 && seconds <= 86400)) {
      std::fprintf(stderr, "tinyforge-studio: --autosave-seconds needs a number of seconds from 0.001 to 86400, got '%s'\n",
                   qPrintable(parser.value(autosave_seconds)));
      return 2;
    }
    options.autosave_interval_ms = std::max(1, static_cast<int>(seconds * 1000.0));
  }
  tinyforge::MainWindow window(options);
  if (parser.isSet(boards)) window.estimates()->setChosenBoards(parser.value(boards).split(QLatin1Char(','), Qt::SkipEmptyParts));

  QStringList files;
  if (parser.isSet(project)) files << parser.value(project);
  if (parser.isSet(model)) files << parser.value(model);
  files << parser.positionalArguments();
  for (const QString& file : files) {
    if (!window.openFile(file) && batch) {
      std::fprintf(stderr, "tinyforge-studio: %s\n", qPrintable(window.lastError()));
      return 1;
    }
  }
  if (parser.isSet(select)) window.scene()->selectNode(parser.value(select));
  if (parser.isSet(target_fps)) {
    const double fps = parser.value(target_fps).toDouble();
    if (!(fps > 0)) {
      std::fprintf(stderr, "tinyforge-studio: --target-fps needs a positive number, got '%s'\n", qPrintable(parser.value(target_fps)));
      return 2;
    }
    window.estimates()->setLatencyBudgetMs(1000.0 / fps);
  }
  if (parser.isSet(tab) && !window.showTab(parser.value(tab))) {
    std::fprintf(stderr, "tinyforge-studio: unknown tab '%s' (canvas, layers, memory, pareto, search, explore, patches, notes)\n", qPrintable(parser.value(tab)));
    return 2;
  }

  if (parser.isSet(save_as) && !window.saveProjectTo(parser.value(save_as))) {
    std::fprintf(stderr, "tinyforge-studio: %s\n", qPrintable(window.lastError()));
    return 1;
  }
  if (parser.isSet(pareto_task)) {
    QApplication::processEvents();
    window.pareto()->reload();
    if (!window.pareto()->tasks().contains(parser.value(pareto_task))) {
      std::fprintf(stderr, "tinyforge-studio: no Pareto task '%s' (%s)\n", qPrintable(parser.value(pareto_task)),
                   qPrintable(window.pareto()->tasks().join(QStringLiteral(", "))));
      return 1;
    }
    window.pareto()->setTask(parser.value(pareto_task));
  }
  if (parser.isSet(search_run) && !window.search()->showStoredRun(parser.value(search_run))) {
    std::fprintf(stderr, "tinyforge-studio: no stored epochs of search run '%s' in the project\n",
                 qPrintable(parser.value(search_run)));
    return 1;
  }
  QTemporaryDir search_dir;
  if (batch && parser.isSet(search_epochs)) {
    window.resize(1600, 1000);
    window.show();
    const int epochs = parser.value(search_epochs).toInt();
    if (epochs < 1) {
      std::fprintf(stderr, "tinyforge-studio: --search-epochs needs a positive number\n");
      return 2;
    }
    if (!runScreenshotSearch(window, epochs, search_dir)) return 1;
  }

  if (batch) {
    window.resize(1600, 1000);
    window.show();
    for (int i = 0; i < 5; ++i) QApplication::processEvents();
    window.view()->fitGraph();
    QApplication::processEvents();
    const QString path = parser.value(screenshot);
    if (!window.grab().save(path, "PNG")) {
      std::fprintf(stderr, "tinyforge-studio: cannot write %s\n", qPrintable(path));
      return 1;
    }
    std::printf("%s\n", qPrintable(QFileInfo(path).absoluteFilePath()));
    return 0;
  }

  window.show();
  QTimer::singleShot(0, &window, &tinyforge::MainWindow::offerRecovery);
  return QApplication::exec();
}
