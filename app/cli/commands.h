#pragma once
// The CLI's subcommands. Each add* function registers one or more subcommands whose
// callbacks do the work; errors are printed to stderr and end in CommandFailed.

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace tinyforge {
class BoardLibrary;
}

namespace tinyforge::cli {

struct CommonOptions {
  std::string boards_file;
};

// Thrown by a command's callback after it printed why; carries the exit code.
struct CommandFailed {
  int exit_code = 2;
};

constexpr int kExitDoesNotFit = 1;
constexpr int kExitBadInput = 2;

std::shared_ptr<const BoardLibrary> loadBoards(const CommonOptions& common);

void addBoardsCommand(CLI::App& app, const CommonOptions& common);
void addEstimateCommands(CLI::App& app, const CommonOptions& common);
// search (DNAS); says "built without the search engine" when libtorch was missing.
void addSearchCommand(CLI::App& app, const CommonOptions& common);
void addRunCommand(CLI::App&, const CommonOptions&);
void addDatasetCommands(CLI::App& app, const CommonOptions& common);
void addExportCommand(CLI::App& app, const CommonOptions& common);
// explore (TinyNAS-style sampling of resolutions x width multipliers; needs the search engine).
void addExploreCommand(CLI::App& app, const CommonOptions& common);

}  // namespace tinyforge::cli
