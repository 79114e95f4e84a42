// tinyforge: the headless CLI. Every studio action is a command here, for scripts and CI.
//   tinyforge boards [--boards-file F] [--json]
//   tinyforge estimate MODEL(.json|.tflite) [--board B ...] [--runtime tflm|tflm-cmsis|tinyforge-c] [--json]
//   tinyforge check MODEL --board B [--runtime R]     exit 1 when the model does not fit
// Exit codes: 0 ok, 1 does not fit (check), 2 bad input (message on stderr).

#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/commands.h"
#include "app/omp_wait_policy.h"

int main(int argc, char** argv) {
  tinyforge::app::restartWithPassiveOpenMpWait(argv);
  CLI::App app{"TinyForge: will this network fit the microcontroller?", "tinyforge"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tinyforge 0.1.0");
  tinyforge::cli::CommonOptions common;
  app.add_option("--boards-file", common.boards_file, "JSON file with your own boards (added to the bundled ones)")
      ->check(CLI::ExistingFile);
  tinyforge::cli::addBoardsCommand(app, common);
  tinyforge::cli::addEstimateCommands(app, common);
  tinyforge::cli::addSearchCommand(app, common);
  tinyforge::cli::addRunCommand(app, common);
  tinyforge::cli::addDatasetCommands(app, common);
  tinyforge::cli::addExportCommand(app, common);
  tinyforge::cli::addExploreCommand(app, common);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  } catch (const tinyforge::cli::CommandFailed& failure) {
    return failure.exit_code;
  }
  return 0;
}
