#pragma once
// All boards the studio knows: the bundled resources/boards/*.json plus a user's file.
// A user board with the id of a bundled one replaces it (a user re-measures a board and
// keeps the same name). Ids are matched case-insensitively.

#include <string>
#include <vector>

#include "core/boards/board.h"
#include "core/boards/board_json.h"

namespace tinyforge {

class BoardLibrary {
 public:
  // Loads every *.json in `directory` (sorted by file name, one board per file).
  // Two bundled files with the same id are an error naming both files.
  static BoardLibrary loadDirectory(const std::string& directory);
  // The bundled boards of this build (TINYFORGE_RESOURCES_DIR/boards).
  static BoardLibrary loadBundled();

  // Adds the boards of a user file; they override bundled boards with the same id.
  void addUserFile(const std::string& path);
  // Adds or replaces one board.
  void add(Board board);

  // Throws BoardError "unknown board 'X' (known: a, b, ...)".
  const Board& get(const std::string& id) const;
  const Board* find(const std::string& id) const;
  const std::vector<Board>& boards() const { return boards_; }
  std::vector<std::string> ids() const;

 private:
  std::vector<Board> boards_;
};

}  // namespace tinyforge
