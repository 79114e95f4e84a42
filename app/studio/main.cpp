// tinyforge-studio: the desktop studio. `--screenshot FILE` renders the window to a PNG and
// exits, which works without a display (QT_QPA_PLATFORM=offscreen) for docs and CI.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

#include "app/studio/main_window.h"
#include "widgets/estimate_service.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"

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

}  // namespace

int main(int argc, char** argv) {
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
  const QCommandLineOption tab({QStringLiteral("tab")}, QStringLiteral("Show tab T: canvas, layers, memory, pareto, notes."),
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
  parser.addOptions({screenshot, project, model, tab, boards, select, language, target_fps});
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project, graph or .tflite to open."), QStringLiteral("[file]"));
  parser.process(app);

  installTranslators(app, parser.value(language));

  const bool batch = parser.isSet(screenshot);
  tinyforge::MainWindowOptions options;
  options.interactive = !batch;
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
    std::fprintf(stderr, "tinyforge-studio: unknown tab '%s' (canvas, layers, memory, pareto, notes)\n", qPrintable(parser.value(tab)));
    return 2;
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
